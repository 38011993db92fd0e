import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { closeOnSignal, ConfigError, loadConfig } from '@tideway/server';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  closeOnSignal(app, 'API');
  await app.listen(config.port, config.host);
  const mode = `${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}, ${config.redisUrl ? 'Bull on Redis' : 'in-process queue'}`;
  Logger.log(`Tideway API on http://localhost:${config.port} (${mode}${config.runWorker ? ', with worker' : ''})`, 'Main');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
