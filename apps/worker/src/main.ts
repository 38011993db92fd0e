import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  closeOnSignal,
  ConfigError,
  createLogger,
  loadConfig,
  logFailedStart,
  PinoNestLogger,
} from '@tideway/server';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl || !config.redisUrl) {
    // In embedded mode the API process runs the worker itself (npm start).
    throw new ConfigError(
      'The worker runs beside the API in scaled mode: set DATABASE_URL and REDIS_URL',
    );
  }
  const logger = createLogger(config.log, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
  });
  closeOnSignal(app, 'worker', config.shutdownTimeoutMs);
  logger.info({ context: 'Main' }, 'Tideway worker ready (PostgreSQL, Bull on Redis)');
}

main().catch((error: unknown) => {
  logFailedStart(error, 'worker');
  process.exit(1);
});
