import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/**
 * The logger of the HTTP request being handled (pino-http's child carrying
 * its requestId): the API binds it around each request, so that whatever a
 * service logs meanwhile names the request.
 */
export const requestLogger = new AsyncLocalStorage<Logger>();

/** Nest's own start-up lines, one per module and route: detail, not news. */
const FRAMEWORK_DETAIL = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * Nest's `Logger` (used as `new Logger('StepRunner')` across libs/server) on
 * top of pino. A call passes either a message, as Nest's console logger
 * takes it, or pino-style fields then a message, so ids land in fields of
 * their own: `logger.error({ enrollmentId, campaignId, err }, 'step failed')`.
 * Nest appends the Logger's context as the last argument: it becomes the
 * `context` field. Levels map one to one; `verbose` is pino's `trace`.
 * (nestjs-pino does this and more, but its release for Nest 12 needs
 * Node 22.12 or newer, and this much is all Tideway uses of it.)
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = params.filter((param) => param !== undefined);
    const context = typeof rest.at(-1) === 'string' ? String(rest.pop()) : undefined;
    if (level === 'info' && context && FRAMEWORK_DETAIL.has(context)) level = 'debug';
    const logger = requestLogger.getStore() ?? this.root;
    if (!logger.isLevelEnabled(level)) return;

    const fields: Record<string, unknown> = context ? { context } : {};
    let msg: string | undefined;
    if (message instanceof Error) {
      fields.err = message;
      msg = message.message;
    } else if (message !== null && typeof message === 'object') {
      Object.assign(fields, message);
      if (typeof rest[0] === 'string') msg = String(rest.shift());
    } else {
      msg = String(message);
    }
    // What is left is Nest's error(message, stack) or an Error passed along.
    for (const extra of rest) {
      if (extra instanceof Error) fields.err ??= extra;
      else if (typeof extra === 'string') fields.stack ??= extra;
    }
    logger[level](fields, msg);
  }
}
