import type { JobErrorSample } from './job.schema';

/** Error samples a job keeps; its `errors` counts them all. */
export const MAX_ERROR_SAMPLES = 100;

export type ProgressSnapshot = {
  total: number | null;
  processed: number;
  errors: number;
  errorSamples: JobErrorSample[];
  result: Record<string, unknown> | null;
};

/** Where long work says how far it got: absolute values, merged into what it said before. */
export interface ProgressSink {
  report(patch: Partial<ProgressSnapshot>): void;
}

/** For work nobody watches. */
export const NO_PROGRESS: ProgressSink = { report: () => undefined };

/**
 * A job's progress on its way to the job's row. Reports are cheap and
 * synchronous; the row is written at most every `intervalMs`, one write at a
 * time, with the latest values (reports in between are merged).
 *
 * Writes are never awaited by the work. That matters on the embedded
 * database's single connection: work holding a transaction there would wait
 * for its own progress write, which waits for the connection. Such a write
 * simply goes through once the transaction ends; work done in several
 * transactions gets its progress written between them.
 */
export class JobProgress implements ProgressSink {
  private current: ProgressSnapshot = {
    total: null,
    processed: 0,
    errors: 0,
    errorSamples: [],
    result: null,
  };
  private dirty = false;
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastWriteAt = 0;
  private closed = false;

  constructor(
    private readonly write: (snapshot: ProgressSnapshot) => Promise<void>,
    private readonly intervalMs: number,
    private readonly onWriteError: (error: unknown) => void,
  ) {}

  report(patch: Partial<ProgressSnapshot>): void {
    const next = { ...this.current, ...patch };
    if (patch.errorSamples) next.errorSamples = patch.errorSamples.slice(0, MAX_ERROR_SAMPLES);
    // Work found while working (contacts added during an enrollment) grows the total rather than overflowing it.
    if (next.total !== null && next.processed > next.total) next.total = next.processed;
    this.current = next;
    if (this.closed) return;
    this.dirty = true;
    this.schedule();
  }

  snapshot(): ProgressSnapshot {
    return { ...this.current, errorSamples: [...this.current.errorSamples] };
  }

  /** Stops writing; resolves once a write under way is done, so the final write comes after it. */
  async close(): Promise<ProgressSnapshot> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.writing;
    return this.snapshot();
  }

  private schedule(): void {
    if (this.writing || this.timer || this.closed) return;
    const wait = this.lastWriteAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
    this.timer.unref();
  }

  private flush(): void {
    if (!this.dirty || this.closed) return;
    this.dirty = false;
    this.lastWriteAt = Date.now();
    this.writing = this.write(this.snapshot())
      .catch(this.onWriteError)
      .finally(() => {
        this.writing = null;
        if (this.dirty) this.schedule();
      });
  }
}
