import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { BullJobQueue } from '@tideway/server';
import { ENGINE_QUEUES } from '@tideway/server';
import type { Express } from 'express';

/**
 * The board's page loads its bundle and styles from its own /static, and IBM
 * Plex from Google Fonts; nothing inline but the JSON of its settings. This
 * policy replaces the API's for the board's paths only.
 */
export const BULL_BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
  "font-src 'self' data: https://fonts.gstatic.com",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Bull Board over the engine's Bull queues, as an Express app that expects
 * paths relative to `basePath`. Read-only: jobs only point at database rows,
 * which the scanner hands out again by itself, so retrying, cleaning or
 * pausing from here would only fight the engine (and the board's own API
 * refuses every change in read-only mode).
 */
export function bullBoardApp(queue: BullJobQueue, basePath: string): Express {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: ENGINE_QUEUES.map(
      (name) => new BullAdapter(queue.bullQueue(name), { readOnlyMode: true, allowRetries: false }),
    ),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Tideway queues' } },
  });
  const app = serverAdapter.getRouter() as Express;
  app.disable('x-powered-by');
  return app;
}
