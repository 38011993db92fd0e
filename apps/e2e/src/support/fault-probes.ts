import type { Pool } from 'pg';

/**
 * What the fault suites watch while a fault strikes: how long due work waits,
 * what the API answers, and a seeded source for when and whom to hit.
 */

/** mulberry32: a small seeded source, so that a failing schedule of faults can be run again. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The seed of this run: FAULT_SEED when set (to replay a failure), otherwise the time. */
export function faultSeed(): number {
  return Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitUntil(
  probe: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(100);
  }
}

/**
 * Samples, every `everyMs`, how long the oldest due work has been waiting:
 * enrollments that are ready or whose wait is over, deliveries whose attempt
 * is due. Rows in work are counted too (a step or delivery in flight is
 * still due), so the figure is the longest any contact stood still.
 * Samples that fail (the database is down) are counted, not thrown.
 */
export class DueAgeSampler {
  maxEnrollmentMs = 0;
  maxDeliveryMs = 0;
  samples = 0;
  failedSamples = 0;
  /** The row that stood still longest, and when it was seen: where to look when the bound is broken. */
  oldest: { kind: 'enrollment' | 'delivery'; id: string; age: number; at: Date } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Pool,
    private readonly everyMs = 250,
  ) {}

  start(): this {
    this.timer = setInterval(() => {
      this.running = this.sample();
    }, this.everyMs);
    this.timer.unref();
    return this;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  get maxMs(): number {
    return Math.max(this.maxEnrollmentMs, this.maxDeliveryMs);
  }

  private async sample(): Promise<void> {
    try {
      const { rows } = await this.db.query<{
        kind: 'enrollment' | 'delivery';
        id: string;
        age: number;
      }>(
        `(SELECT 'enrollment' AS kind, id, (extract(epoch FROM now() - run_at) * 1000)::float8 AS age FROM enrollments
           WHERE state IN ('ready', 'waiting') AND run_at <= now() ORDER BY run_at LIMIT 1)
         UNION ALL
         (SELECT 'delivery', id, (extract(epoch FROM now() - next_attempt_at) * 1000)::float8 FROM deliveries
           WHERE status IN ('pending', 'retrying') AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT 1)`,
      );
      this.samples++;
      for (const row of rows) {
        if (row.age > this.maxMs) this.oldest = { ...row, at: new Date() };
        if (row.kind === 'enrollment')
          this.maxEnrollmentMs = Math.max(this.maxEnrollmentMs, row.age);
        else this.maxDeliveryMs = Math.max(this.maxDeliveryMs, row.age);
      }
    } catch {
      this.failedSamples++;
    }
  }
}

/** Every status the API answered during a run, by code; no answer at all counts as `unreachable`. */
export class ApiStatusTally {
  readonly byStatus = new Map<number, number>();
  unreachable = 0;

  record(status: number): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  /** Server errors other than 503 (the one that says "unavailable, try again"): must stay 0. */
  get serverErrors(): number {
    return [...this.byStatus].filter(([s]) => s >= 500 && s !== 503).reduce((n, [, c]) => n + c, 0);
  }

  get total(): number {
    return [...this.byStatus.values()].reduce((n, c) => n + c, 0);
  }

  summary(): string {
    const codes = [...this.byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}: ${count}`);
    return `${codes.join(', ')}${this.unreachable ? `, unreachable: ${this.unreachable}` : ''}`;
  }
}
