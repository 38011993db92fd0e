import { HttpException, HttpStatus } from '@nestjs/common';

/** One problem with the request, located by the path of the offending field. */
export type ErrorDetail = { path: string; message: string };

/** The JSON body of every API error (../shared/API.md). */
export type ApiErrorBody = {
  statusCode: number;
  error: string;
  message: string;
  details?: ErrorDetail[];
};

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error';
}

/** An error the API answers as it is, in the shape of ApiErrorBody. */
export class ApiError extends HttpException {
  constructor(status: number, message: string, details?: ErrorDetail[], readonly headers?: Record<string, string>) {
    const body: ApiErrorBody = { statusCode: status, error: reasonPhrase(status), message };
    if (details?.length) body.details = details;
    super(body, status);
  }

  static validation(details: ErrorDetail[], message = 'The request is not valid'): ApiError {
    return new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, message, details);
  }

  static notFound(what: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, `${what} not found`);
  }

  static conflict(message: string, details?: ErrorDetail[]): ApiError {
    return new ApiError(HttpStatus.CONFLICT, message, details);
  }

  static tooManyRequests(message: string, retryAfterSeconds: number): ApiError {
    return new ApiError(HttpStatus.TOO_MANY_REQUESTS, message, undefined, {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    });
  }
}
