import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { ApiError } from '../http/api-error';

/** An address may fail this many times more than one email, so a shared NAT does not lock out its people. */
const IP_FACTOR = 10;

/**
 * Slows password guessing: failures are recorded per email and per client
 * address in the database (so every API process sees them), and once either
 * reaches its limit within the window the attempt is refused before the
 * password is even checked (OWASP Authentication Cheat Sheet, "Login Throttling").
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws 429 with Retry-After when the email or the address has failed too often. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const { maxFailures, windowMs } = this.config.login;
    const waits = await Promise.all([
      this.secondsUntilBelowLimit(`lower(email) = lower($1)`, email, maxFailures, windowMs),
      this.secondsUntilBelowLimit(`ip = $1`, ip, maxFailures * IP_FACTOR, windowMs),
    ]);
    const wait = Math.max(...waits);
    if (wait > 0)
      throw ApiError.tooManyRequests('Too many failed sign-in attempts; try again later', wait);
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.db.query(`INSERT INTO login_failures (email, ip) VALUES ($1, $2)`, [email, ip]);
    await this.db.query(`DELETE FROM login_failures WHERE at < now() - make_interval(secs => $1)`, [
      this.config.login.windowMs / 1000,
    ]);
  }

  async forget(email: string): Promise<void> {
    await this.db.query(`DELETE FROM login_failures WHERE lower(email) = lower($1)`, [email]);
  }

  /**
   * The limit-th newest failure inside the window is the one whose expiry
   * brings the count below the limit: wait until then.
   */
  private async secondsUntilBelowLimit(
    where: string,
    value: string,
    limit: number,
    windowMs: number,
  ): Promise<number> {
    const rows: { wait: string }[] = await this.db.query(
      `SELECT extract(epoch FROM (at + make_interval(secs => $2)) - now()) AS wait
         FROM login_failures
        WHERE ${where} AND at > now() - make_interval(secs => $2)
        ORDER BY at DESC
       OFFSET $3 LIMIT 1`,
      [value, windowMs / 1000, limit - 1],
    );
    return rows[0] ? Math.max(1, Number(rows[0].wait)) : 0;
  }
}
