import { jobsOf } from './work-queues';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`);
const sizes = (jobs: string[][]) => jobs.map((job) => job.length);

describe('jobsOf', () => {
  it('puts ids that fit in one job in one job', () => {
    expect(sizes(jobsOf(ids(25), 25))).toEqual([25]);
    expect(sizes(jobsOf(ids(1), 25))).toEqual([1]);
  });

  it('uses as few jobs as hold the ids, of sizes that differ by one at most', () => {
    expect(sizes(jobsOf(ids(50), 25))).toEqual([25, 25]);
    expect(sizes(jobsOf(ids(60), 25))).toEqual([20, 20, 20]);
    expect(sizes(jobsOf(ids(51), 25))).toEqual([17, 17, 17]);
    expect(sizes(jobsOf(ids(52), 25))).toEqual([18, 17, 17]);
  });

  it('keeps every id once, in order', () => {
    const all = ids(1001);
    expect(jobsOf(all, 50).flat()).toEqual(all);
  });

  it('makes no job of nothing', () => {
    expect(jobsOf([], 25)).toEqual([]);
  });
});
