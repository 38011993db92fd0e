import { existsSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { RawBodyRequest } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ApiErrorBody, AppConfig, Logger } from '@tideway/server';
import { ApiExceptionFilter, INBOUND_PATH, reasonPhrase } from '@tideway/server';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import helmet from 'helmet';
import { requestLogging } from './request-logging';

/** Paths the server answers itself, never with the web app's index.html. */
const SERVER_PATHS = /^\/(api|hooks\/|metrics$|admin\/queues)/;

/**
 * Everything about the HTTP surface that is not a route: request logs, body
 * limits, cookies, security headers, the error shape, OpenAPI and the built
 * web app. Shared by main.ts and the integration tests, so tests exercise the
 * real server.
 */
export function configureHttp(app: NestExpressApplication, config: AppConfig, logger: Logger): void {
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(requestLogging(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // React Flow positions nodes with inline styles.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  app.use(cookieParser());
  // The CSV import streams its own body with its own limit; every other body is JSON.
  app.use(
    skipFor(
      /^\/api\/v1\/contacts\/import$/,
      express.json({ limit: config.bodyLimits.json, type: ['application/json', 'application/*+json'], verify: keepInboundRawBody }),
    ),
  );
  app.use(express.urlencoded({ extended: false, limit: config.bodyLimits.json, verify: keepInboundRawBody }));
  app.use(bodyParserErrors);
  app.useGlobalFilters(new ApiExceptionFilter());
  setUpOpenApi(app);
  serveWebApp(app, config);
}

function skipFor(pattern: RegExp, middleware: express.RequestHandler): express.RequestHandler {
  return (req, res, next) => (pattern.test(req.path) ? next() : middleware(req, res, next));
}

/** Inbound webhook signatures cover the body's bytes as sent, which parsing loses: kept for those paths only. */
function keepInboundRawBody(req: RawBodyRequest<IncomingMessage>, _res: unknown, buffer: Buffer): void {
  if (req.url?.startsWith(INBOUND_PATH)) req.rawBody = buffer;
}

/** body-parser reports its errors to Express, not to Nest's filters: answer them here in the API's shape. */
function bodyParserErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!err || typeof err !== 'object' || !('type' in err)) return next(err);
  const { type, status } = err as { type: string; status?: number; limit?: number };
  const statusCode = type === 'entity.too.large' ? 413 : type === 'entity.parse.failed' ? 400 : (status ?? 400);
  const message =
    type === 'entity.too.large'
      ? 'The request body is larger than the limit'
      : type === 'entity.parse.failed'
        ? 'The request body is not valid JSON'
        : 'The request body could not be read';
  const body: ApiErrorBody = { statusCode, error: reasonPhrase(statusCode), message };
  res.status(statusCode).json(body);
}

function setUpOpenApi(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tideway API')
      .setDescription('Campaign automation: contacts, campaigns, webhooks. Errors share one JSON shape.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key' })
      .addCookieAuth('tideway_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * Serves the built React app at / and answers its client-side routes with
 * index.html, so a reload on /contacts/123 works. API paths never fall through.
 */
function serveWebApp(app: NestExpressApplication, config: AppConfig): void {
  const dir = config.webDistDir ?? path.resolve(__dirname, '..', 'web');
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(dir, { index: false, maxAge: '1h', immutable: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && req.accepts('html') === 'html';
    if (!isPage || SERVER_PATHS.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
