import 'reflect-metadata';
import { closeOnSignal, createLogger, loadConfig, logFailedStart } from '@tideway/server';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log, 'api');
  const app = await createApiApp(config, {}, logger);
  closeOnSignal(app, 'API', config.shutdownTimeoutMs);
  await app.listen(config.port, config.host);
  const mode = `${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}, ${config.redisUrl ? 'Bull on Redis' : 'in-process queue'}`;
  logger.info(
    {
      context: 'Main',
      port: config.port,
      database: config.databaseUrl ? 'postgres' : 'pglite',
      queue: config.redisUrl ? 'bull' : 'inline',
      worker: config.runWorker,
    },
    `Tideway API on http://localhost:${config.port} (${mode}${config.runWorker ? ', with worker' : ''})`,
  );
}

main().catch((error: unknown) => {
  logFailedStart(error, 'api');
  process.exit(1);
});
