import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { closeOnSignal, ConfigError, loadConfig } from '@tideway/server';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl || !config.redisUrl) {
    // In embedded mode the API process runs the worker itself (npm start).
    throw new ConfigError('The worker runs beside the API in scaled mode: set DATABASE_URL and REDIS_URL');
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config));
  closeOnSignal(app, 'worker');
  Logger.log('Tideway worker ready (PostgreSQL, Bull on Redis)', 'Main');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
