import type { ArgumentsHost, ExceptionFilter} from '@nestjs/common';
import { Catch, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiErrorBody} from './api-error';
import { ApiError, reasonPhrase } from './api-error';

/**
 * Turns every exception into the API's JSON error shape. Unknown errors are
 * logged with their stack and answered 500 without internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const body = this.toBody(exception);
    if (exception instanceof ApiError && exception.headers) {
      for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      if (typeof raw === 'object' && raw !== null && 'statusCode' in raw && 'message' in raw && 'error' in raw) {
        // Our own errors pass whole, with any fields beyond the common shape (`latestRevision`, `problems`).
        const { message, ...rest } = raw as ApiErrorBody & { message: unknown };
        return { ...rest, message: Array.isArray(message) ? message.join('; ') : String(message) } as ApiErrorBody;
      }
      const message = typeof raw === 'string' ? raw : exception.message;
      return { statusCode: status, error: reasonPhrase(status), message };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { statusCode: 500, error: reasonPhrase(500), message: 'Internal server error' };
  }
}
