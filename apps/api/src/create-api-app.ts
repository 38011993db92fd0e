import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig, EngineOptions, Logger } from '@tideway/server';
import { createLogger, PinoNestLogger } from '@tideway/server';
import { AppModule } from './app.module';
import { configureHttp } from './configure-http';

/**
 * The API application; `engine` injects a clock or random source (tests).
 * Every line it logs, Nest's own and each request's, goes through `logger`.
 */
export async function createApiApp(
  config: AppConfig,
  engine: EngineOptions = {},
  logger: Logger = createLogger(config.log, 'api'),
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, engine), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
  });
  configureHttp(app, config, logger);
  return app;
}
