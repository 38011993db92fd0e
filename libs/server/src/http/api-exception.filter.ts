import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiErrorBody } from './api-error';
import { ApiError, reasonPhrase } from './api-error';
import { isBackendUnavailable } from './unavailable-backend';

/**
 * Turns every exception into the API's JSON error shape. The database out of
 * reach is answered 503 with Retry-After; other unknown errors are logged
 * with their stack and answered 500 without internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const exception = this.unavailableOrAsThrown(thrown);
    const body = this.toBody(exception);
    if (exception instanceof ApiError && exception.headers) {
      for (const [name, value] of Object.entries(exception.headers))
        response.setHeader(name, value);
    }
    response.status(body.statusCode).json(body);
  }

  /** The database restarting or out of reach is no bug: 503, to try again in a moment (unavailable-backend.ts). */
  private unavailableOrAsThrown(thrown: unknown): unknown {
    if (thrown instanceof HttpException || !isBackendUnavailable(thrown)) return thrown;
    this.logger.warn({ err: thrown }, 'database unavailable, answered 503');
    return new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'The database is unavailable for a moment: try again',
      undefined,
      { 'Retry-After': '1' },
    );
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      if (
        typeof raw === 'object' &&
        raw !== null &&
        'statusCode' in raw &&
        'message' in raw &&
        'error' in raw
      ) {
        // Our own errors pass whole, with any fields beyond the common shape (`latestRevision`, `problems`).
        const { message, ...rest } = raw as ApiErrorBody & { message: unknown };
        return {
          ...rest,
          message: Array.isArray(message) ? message.join('; ') : String(message),
        } as ApiErrorBody;
      }
      const message = typeof raw === 'string' ? raw : exception.message;
      return { statusCode: status, error: reasonPhrase(status), message };
    }
    if (isUnstorableText(exception)) {
      // A value that slipped past validation (a path parameter, say): the statement failed whole.
      this.logger.warn({ err: exception }, 'text the database cannot store, answered 422');
      return {
        statusCode: 422,
        error: reasonPhrase(422),
        message:
          'The request holds text the database cannot store (a NUL character or invalid Unicode)',
      };
    }
    this.logger.error({ err: exception }, 'unhandled error, answered 500');
    return { statusCode: 500, error: reasonPhrase(500), message: 'Internal server error' };
  }
}

/** PostgreSQL refusing U+0000 in text (22021) or jsonb (22P05): the request's data is at fault, not the server. */
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

function isUnstorableText(exception: unknown): boolean {
  const error = exception as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = error?.driverError?.code ?? error?.code;
  return typeof code === 'string' && UNSTORABLE_TEXT_CODES.has(code);
}
