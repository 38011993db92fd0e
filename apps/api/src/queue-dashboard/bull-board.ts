import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { BullJobQueue } from '@tideway/server';
import { ENGINE_QUEUES } from '@tideway/server';
import type { Express, Response } from 'express';

/**
 * The board's page loads its bundle and styles from its own /static; nothing
 * inline but the JSON of its settings and its loading indicator's style. This
 * policy replaces the API's for the board's paths only.
 */
export const BULL_BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The board's page links IBM Plex from Google Fonts. */
const GOOGLE_FONTS_LINK = /<link[^>]*fonts\.googleapis\.com[^>]*>\s*/g;

/**
 * Has the board's page drawn without its Google Fonts stylesheet (it falls
 * back to the system's sans-serif): a self-hosted installation's dashboard
 * should not tell a third party who opens it, nor need the internet to look
 * right.
 */
export function withoutThirdPartyFonts(res: Response): void {
  const render = res.render.bind(res);
  res.render = ((view: string, options?: object) =>
    render(view, options ?? {}, (error: Error | null, html: string) => {
      if (error)
        res.status(500).type('text').send(`The queue board could not be drawn: ${error.message}`);
      else res.send(html.replace(GOOGLE_FONTS_LINK, ''));
    })) as Response['render'];
}

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
