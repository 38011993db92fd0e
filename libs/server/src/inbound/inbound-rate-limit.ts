/** Buckets kept at most; the least recently used is forgotten first (a forgotten bucket is a full one). */
const MAX_BUCKETS = 10_000;

type Bucket = { tokens: number; at: number };

/**
 * A token bucket per endpoint, in this process's memory: `perMinute`
 * requests a minute on average, with bursts up to `perMinute`. With several
 * API processes each has its own buckets, so an endpoint may take up to
 * `perMinute` times the number of processes; that bounds load per process,
 * which is what the limit is for.
 */
export class InboundRateLimit {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly perMinute: number) {}

  /** Takes one token; answers 0 when the request may go on, else the seconds until it may. */
  take(key: string, nowMs: number): number {
    const capacity = this.perMinute;
    const perMs = this.perMinute / 60_000;
    const previous = this.buckets.get(key);
    const tokens = previous
      ? Math.min(capacity, previous.tokens + (nowMs - previous.at) * perMs)
      : capacity;
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: nowMs });
      return Math.ceil((1 - tokens) / perMs / 1000);
    }
    this.buckets.set(key, { tokens: tokens - 1, at: nowMs });
    const oldest = this.buckets.keys().next();
    if (this.buckets.size > MAX_BUCKETS && !oldest.done) this.buckets.delete(oldest.value);
    return 0;
  }
}
