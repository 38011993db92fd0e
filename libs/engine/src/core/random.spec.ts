import { seededRandom } from './random';

describe('seededRandom', () => {
  const draws = (seed: number, count = 1_000) => {
    const random = seededRandom(seed);
    return Array.from({ length: count }, () => random());
  };

  it('repeats the same sequence for the same seed', () => {
    expect(draws(42)).toEqual(draws(42));
  });

  it('gives another sequence for another seed', () => {
    expect(draws(42, 10)).not.toEqual(draws(43, 10));
  });

  it('draws uniformly from [0, 1)', () => {
    const values = draws(7, 50_000);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const deciles = Array.from(
      { length: 10 },
      (_, d) => values.filter((v) => Math.floor(v * 10) === d).length,
    );

    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    for (const count of deciles) expect(Math.abs(count / values.length - 0.1)).toBeLessThan(0.01);
  });
});
