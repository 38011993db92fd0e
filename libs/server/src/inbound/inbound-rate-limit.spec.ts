import { InboundRateLimit } from './inbound-rate-limit';

describe('InboundRateLimit', () => {
  it('lets a burst of the per-minute rate through, then refills at that rate', () => {
    const limit = new InboundRateLimit(60);
    for (let i = 0; i < 60; i++) expect(limit.take('a', 0)).toBe(0);
    expect(limit.take('a', 0)).toBe(1);
    expect(limit.take('b', 0)).toBe(0);
    expect(limit.take('a', 1_000)).toBe(0);
    expect(limit.take('a', 1_000)).toBe(1);
  });

  it('answers how long to wait for the next token', () => {
    const limit = new InboundRateLimit(2);
    expect(limit.take('a', 0)).toBe(0);
    expect(limit.take('a', 0)).toBe(0);
    expect(limit.take('a', 0)).toBe(30);
    expect(limit.take('a', 30_000)).toBe(0);
  });
});
