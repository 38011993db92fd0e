/**
 * The engine's time. Every "now" the engine compares with a wake time comes
 * from here (SQL gets it as a parameter, never `now()`), so tests move time
 * forward instead of sleeping through a wait (STYLE.md: fakes only for time).
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** A clock that starts at real time and can be moved forward; for tests. */
export class ManualClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export const RANDOM = Symbol('RANDOM');
export type RandomSource = () => number;
