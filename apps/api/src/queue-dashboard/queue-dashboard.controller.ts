import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { JobQueue } from '@tideway/server';
import {
  ApiError,
  BullJobQueue,
  ENGINE_QUEUES,
  JOB_QUEUE,
  RequireScopes,
  SessionOnly,
} from '@tideway/server';
import type { Express, Request, Response } from 'express';
import { BULL_BOARD_CSP, bullBoardApp, withoutThirdPartyFonts } from './bull-board';
import { renderQueueCountsPage } from './queue-counts-page';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The queues, for the people who run the installation: Bull Board in scaled
 * mode, the in-process queue's counts in embedded mode. The queues serve
 * every workspace, so only a signed-in owner or admin (of the workspace of
 * their session; the `admin` scope of their role) may look, and API keys may
 * not: 401 without a session, 403 otherwise. GET only, so the session's CSRF
 * rule never comes into play and the board cannot change anything.
 */
@ApiExcludeController()
@Controller(QUEUE_DASHBOARD_PATH.slice(1))
export class QueueDashboardController {
  private board: Express | undefined;

  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  @Get(['', '*path'])
  @SessionOnly()
  @RequireScopes('admin')
  async show(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (this.queue instanceof BullJobQueue) return this.showBoard(this.queue, req, res);
    if (req.path.replace(/\/+$/, '') !== QUEUE_DASHBOARD_PATH) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'Not found');
    }
    const rows = await Promise.all(
      ENGINE_QUEUES.map(async (queue) => ({ queue, counts: await this.queue.counts(queue) })),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderQueueCountsPage(rows, new Date()));
  }

  /** Hands the request to Bull Board's Express app, under paths relative to the dashboard. */
  private showBoard(queue: BullJobQueue, req: Request, res: Response): Promise<void> {
    const board = (this.board ??= bullBoardApp(queue, QUEUE_DASHBOARD_PATH));
    const rest = req.originalUrl.slice(QUEUE_DASHBOARD_PATH.length);
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    res.setHeader('Content-Security-Policy', BULL_BOARD_CSP);
    withoutThirdPartyFonts(res);
    return new Promise<void>((resolve, reject) => {
      res.once('finish', () => resolve());
      res.once('close', () => resolve());
      board(req, res, (error?: unknown) =>
        reject(error ?? new ApiError(HttpStatus.NOT_FOUND, 'Not found')),
      );
    });
  }
}
