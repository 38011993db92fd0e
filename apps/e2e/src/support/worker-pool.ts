import type { BuiltProcess } from './built-app';
import { startBuiltWorker } from './built-app';

/**
 * N built worker processes on one database and queue. `killOne` kill -9s
 * one of them at random and starts its replacement; a worker that exits
 * without being killed (a crash, a crash loop) is what `crashed` reports.
 */
export class WorkerPool {
  /** When each kill -9 was sent. */
  readonly killedAt: Date[] = [];
  private readonly live: BuiltProcess[] = [];
  private readonly killed: BuiltProcess[] = [];
  private readonly starting = new Set<Promise<void>>();

  constructor(private readonly env: Record<string, string>) {}

  async start(count: number): Promise<void> {
    await Promise.all(Array.from({ length: count }, () => this.startOne()));
  }

  /**
   * SIGKILL to a random running worker; its replacement starts in the
   * background (see settle). Waits first, if need be, until another worker
   * runs besides the victim: the run never stops for want of any worker.
   */
  async killOne(random: () => number): Promise<void> {
    const deadline = Date.now() + 120_000;
    let running = this.live.filter((worker) => worker.running());
    while (running.length < 2) {
      if (Date.now() > deadline) throw new Error('no two workers running to kill one of');
      await new Promise((resolve) => setTimeout(resolve, 100));
      running = this.live.filter((worker) => worker.running());
    }
    const victim = running[Math.floor(random() * running.length)];
    this.live.splice(this.live.indexOf(victim), 1);
    this.killed.push(victim);
    this.killedAt.push(new Date());
    await victim.stop('SIGKILL');
    const replacement = this.startOne().finally(() => this.starting.delete(replacement));
    this.starting.add(replacement);
  }

  /** Waits for replacements still starting. */
  async settle(): Promise<void> {
    while (this.starting.size > 0) await Promise.all(this.starting);
  }

  /** Workers that stopped without being killed: each one names its last output. */
  crashed(): string[] {
    return this.live
      .filter((worker) => !worker.running())
      .map((worker) => worker.output().slice(-4000));
  }

  /** Everything every worker, live or killed, wrote. */
  output(): string {
    return [...this.killed, ...this.live].map((worker) => worker.output()).join('\n');
  }

  /** Lines every worker, live or killed, logged at `level`. */
  logged(level: 'error' | 'warn'): number {
    return this.output()
      .split('\n')
      .filter((line) => line.includes(`"level":"${level}"`)).length;
  }

  get kills(): number {
    return this.killedAt.length;
  }

  async stopAll(): Promise<void> {
    await this.settle().catch(() => undefined);
    await Promise.all(this.live.map((worker) => worker.stop('SIGKILL')));
  }

  private async startOne(): Promise<void> {
    this.live.push(await startBuiltWorker(this.env));
  }
}
