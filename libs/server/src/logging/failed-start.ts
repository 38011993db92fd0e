import { ConfigError } from '../config/app-config';
import { createLogger } from './create-logger';

/**
 * The last line of a process that could not start, JSON like every other.
 * Its configuration may be what failed, so the logger is the default one; a
 * bad setting is told in its own words, anything else with its stack.
 */
export function logFailedStart(error: unknown, name: string): void {
  const logger = createLogger({ level: 'info', pretty: 'auto' }, name);
  if (error instanceof ConfigError) logger.fatal({ context: 'Main' }, error.message);
  else logger.fatal({ context: 'Main', err: error }, 'failed to start');
}
