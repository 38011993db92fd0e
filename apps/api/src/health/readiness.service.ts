import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobQueue } from '@tideway/server';
import { JOB_QUEUE, STEP_QUEUE } from '@tideway/server';
import { DataSource } from 'typeorm';

export type CheckName = 'database' | 'queue' | 'migrations';
export type CheckOutcome = 'ok' | 'failed' | 'skipped';
export type Readiness = {
  ready: boolean;
  checks: Record<CheckName, CheckOutcome>;
  /** Why each failed check failed: short, public, without hosts or credentials (the full error is logged). */
  reasons: Partial<Record<CheckName, string>>;
};

/** Each check answers within this, so that a probe never hangs on a dependency that stopped answering. */
export const CHECK_TIMEOUT_MS = 2000;

/** A failure whose message is fit for the public answer. */
class NotReady extends Error {}

/**
 * Whether this process can serve: the database answers, the queue's store
 * answers (Redis for Bull; the in-process queue always does), and every
 * migration this code knows has been applied.
 */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger('Readiness');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async check(): Promise<Readiness> {
    const reasons: Readiness['reasons'] = {};
    const [database, queue] = await Promise.all([
      this.run('database', reasons, () => this.db.query('SELECT 1')),
      // Counting jobs is a round trip to Redis for Bull: a ping through the port the queue already has.
      this.run('queue', reasons, () => this.queue.counts(STEP_QUEUE)),
    ]);
    const migrations =
      database === 'ok'
        ? await this.run('migrations', reasons, () => this.assertMigrated())
        : 'skipped';
    const checks: Readiness['checks'] = { database, queue, migrations };
    return { ready: Object.values(checks).every((outcome) => outcome === 'ok'), checks, reasons };
  }

  private async assertMigrated(): Promise<void> {
    const table = this.db.options.migrationsTableName ?? 'migrations';
    const rows: { name: string }[] = await this.db.query(`SELECT name FROM "${table}"`);
    const applied = new Set(rows.map((row) => row.name));
    const pending = this.db.migrations
      .map((m) => m.name ?? m.constructor.name)
      .filter((name) => !applied.has(name));
    if (pending.length) throw new NotReady(`${pending.length} pending: ${pending.join(', ')}`);
  }

  private async run(
    name: CheckName,
    reasons: Readiness['reasons'],
    work: () => Promise<unknown>,
  ): Promise<CheckOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new NotReady(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      );
    });
    const attempt = Promise.resolve().then(work);
    // A check that answers after its timeout must not become an unhandled rejection.
    attempt.catch(() => undefined);
    try {
      await Promise.race([attempt, timeout]);
      return 'ok';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`${name} check failed: ${message}`);
      reasons[name] = error instanceof NotReady ? message : publicReason(error);
      return 'failed';
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Driver errors can name hosts, users and databases: the answer says only their code. */
function publicReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? `failed (${code})` : 'failed';
}
