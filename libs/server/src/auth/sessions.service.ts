import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { hashToken, randomToken } from './tokens';

/** What the browser receives once: the cookie's secret and the CSRF token to echo. */
export type OpenedSession = { id: string; token: string; csrfToken: string; expiresAt: Date };

/**
 * Browser sign-ins. The cookie carries a random token of which only the hash
 * is stored, so a leaked table cannot be replayed as cookies.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Pass the transaction's manager when the session is part of a larger write. */
  async open(
    userId: string,
    workspaceId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<OpenedSession> {
    const token = randomToken();
    const csrfToken = randomToken();
    const expiresAt = new Date(Date.now() + this.config.sessionTtlMs);
    // Expired rows are never read again; sign-ins are rare enough to sweep them here.
    await manager.query(`DELETE FROM sessions WHERE expires_at <= now()`);
    const [{ id }] = await manager.query(
      `INSERT INTO sessions (token_hash, user_id, workspace_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [hashToken(token), userId, workspaceId, csrfToken, expiresAt],
    );
    return { id, token, csrfToken, expiresAt };
  }

  async csrfTokenOf(sessionId: string): Promise<string | null> {
    const rows: { csrf_token: string }[] = await this.db.query(
      `SELECT csrf_token FROM sessions WHERE id = $1`,
      [sessionId],
    );
    return rows[0]?.csrf_token ?? null;
  }

  async closeByToken(token: string): Promise<void> {
    await this.db.query(`DELETE FROM sessions WHERE token_hash = $1`, [hashToken(token)]);
  }

  async close(sessionId: string): Promise<void> {
    await this.db.query(`DELETE FROM sessions WHERE id = $1`, [sessionId]);
  }

  /** After a password change: whoever else knew the old password is signed out. */
  async closeOthersOf(
    userId: string,
    keepSessionId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<void> {
    await manager.query(`DELETE FROM sessions WHERE user_id = $1 AND id <> $2`, [
      userId,
      keepSessionId,
    ]);
  }

  async moveTo(sessionId: string, workspaceId: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET workspace_id = $2 WHERE id = $1`, [
      sessionId,
      workspaceId,
    ]);
  }
}
