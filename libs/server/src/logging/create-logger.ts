import type { DestinationStream, Logger } from 'pino';
import { pino } from 'pino';
import { LOG_CENSOR, REDACT_PATHS } from './log-redaction';
import { prettyLines } from './pretty-lines';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogOptions = {
  level: LogLevel;
  /** Human-readable lines instead of JSON; `auto` = only when stdout is a terminal. */
  pretty: boolean | 'auto';
};

export type { Logger };

/**
 * The one place a process's logger is made (API, worker, tests): JSON lines
 * with an ISO time and the level's name, credentials redacted by
 * REDACT_PATHS before a line is written anywhere. `destination` replaces
 * stdout (a test capturing the lines).
 */
export function createLogger(
  options: LogOptions,
  name: string,
  destination?: DestinationStream,
): Logger {
  const pretty = options.pretty === 'auto' ? Boolean(process.stdout.isTTY) : options.pretty;
  return pino(
    {
      name,
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: LOG_CENSOR },
    },
    destination ?? (pretty ? prettyLines(process.stdout) : undefined),
  );
}
