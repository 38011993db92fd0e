import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig, EngineOptions } from '@tideway/server';
import { AppModule } from './app.module';
import { configureHttp } from './configure-http';

/** The API application; `engine` injects a clock or random source (tests). */
export async function createApiApp(config: AppConfig, engine: EngineOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, engine), {
    bodyParser: false,
    bufferLogs: true,
  });
  configureHttp(app, config);
  return app;
}
