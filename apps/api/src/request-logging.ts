import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@tideway/server';
import { INBOUND_PATH, LOG_CENSOR, requestLogger } from '@tideway/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's request id is kept when it looks like one (a UUID, a trace id); anything else gets a new one. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:=+/-]{1,128}$/;

/** Probes and scrapes polled every few seconds (health checks, Prometheus): logged at debug, not info. */
const QUIET_PATHS = /^\/(api\/health(\/|\?|$)|metrics(\?|$))/;

/** The request id: the caller's `x-request-id` when acceptable, else a new UUID; sent back in the answer. */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const sent = req.headers[REQUEST_ID_HEADER];
  const id = typeof sent === 'string' && ACCEPTED_REQUEST_ID.test(sent) ? sent : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** An inbound webhook's URL is its credential: the token never reaches a log. */
export function loggedUrl(url: string | undefined): string | undefined {
  return url?.startsWith(INBOUND_PATH) ? `${INBOUND_PATH}${LOG_CENSOR}` : url;
}

/** Of an answer's headers, those that say something about this request; the security headers are the same on every one. */
const LOGGED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'location',
  'retry-after',
  'set-cookie',
];

type SerializedRequest = {
  method?: string;
  url?: string;
  headers?: unknown;
  remoteAddress?: string;
};
type SerializedResponse = { statusCode?: number; headers?: Record<string, unknown> };

/**
 * One line per HTTP request when its answer is sent (method, URL, status,
 * time, headers with credentials redacted), and a child logger carrying the
 * request id, bound for the rest of the request (AsyncLocalStorage, which
 * Express 5's body parsers keep), so whatever is logged meanwhile names the
 * request. Goes before every other handler, so every request is timed and logged.
 */
export function requestLogging(logger: Logger): RequestHandler {
  const log = pinoHttp({
    logger,
    genReqId: requestIdOf,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return QUIET_PATHS.test(req.url ?? '') ? 'debug' : 'info';
    },
    serializers: {
      req: (req: SerializedRequest) => ({
        method: req.method,
        url: loggedUrl(req.url),
        headers: req.headers,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: SerializedResponse) => ({
        statusCode: res.statusCode,
        headers: Object.fromEntries(
          LOGGED_RESPONSE_HEADERS.filter((name) => res.headers?.[name] !== undefined).map(
            (name) => [name, res.headers?.[name]],
          ),
        ),
      }),
    },
  });
  return (req: Request, res: Response, next: NextFunction) =>
    log(req, res, () => requestLogger.run(req.log, next));
}
