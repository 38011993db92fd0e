import { Logger } from '@nestjs/common';

type Closable = { close(): Promise<void> };

/** Time for the pool and the embedded database to close after the work has stopped. */
const CLOSE_MARGIN_MS = 10_000;

/**
 * On SIGTERM or SIGINT, closes the Nest application (which runs every
 * shutdown hook: stop taking requests and claiming work, let what is running
 * finish within SHUTDOWN_TIMEOUT_MS, close the pool, stop the embedded
 * database) and exits 0; a second signal, or a close that hangs past
 * `timeoutMs` and a margin, exits at once with 1.
 */
export function closeOnSignal(app: Closable, name: string, timeoutMs = 30_000): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    setTimeout(() => {
      Logger.error(`${name} did not close within ${timeoutMs} ms: exiting`, 'Main');
      process.exit(1);
    }, timeoutMs + CLOSE_MARGIN_MS).unref();
    Logger.log(`${signal}: shutting down ${name}`, 'Main');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        Logger.error({ err: error }, `shutting down ${name} failed`, 'Main');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
