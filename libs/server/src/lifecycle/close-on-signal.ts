import { Logger } from '@nestjs/common';

type Closable = { close(): Promise<void> };

/**
 * On SIGTERM or SIGINT, closes the Nest application (which runs every
 * shutdown hook: stop consuming queues, close the pool, stop the embedded
 * database) and exits 0; a second signal exits at once.
 */
export function closeOnSignal(app: Closable, name: string): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    Logger.log(`${signal}: shutting down ${name}`, 'Main');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        Logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error), 'Main');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
