import { renderToStaticMarkup } from 'react-dom/server';
import type { Job } from '../api/jobs';
import { describeJobProgress, JobProgress } from './job-progress';

const aJob = (changes: Partial<Job>): Job => ({
  id: 'job-1',
  kind: 'import',
  state: 'running',
  campaignId: null,
  total: null,
  processed: 0,
  errors: 0,
  errorSamples: [],
  result: null,
  failure: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: null,
  ...changes,
});

describe('JobProgress', () => {
  it.each([
    [null, 'Uploading the file…'],
    [aJob({ total: null }), 'Counting rows…'],
    [aJob({ total: 20_000, processed: 5_000 }), '5,000 of 20,000 rows imported'],
    [
      aJob({ total: 20_000, processed: 12_500, errors: 1 }),
      '12,500 of 20,000 rows imported · 1 error',
    ],
    [aJob({ total: 1, processed: 1, errors: 3 }), '1 of 1 row imported · 3 errors'],
  ])('says how far an import got: %#', (job, text) => {
    expect(describeJobProgress(job, 'row', 'imported', 'Uploading the file…')).toBe(text);
  });

  it('shows a bar filled to the count, announced politely to screen readers', () => {
    const html = renderToStaticMarkup(
      <JobProgress job={aJob({ total: 6_000, processed: 1_500 })} unit="contact" verb="enrolled" />,
    );
    expect(html).toContain('data-testid="job-progress"');
    expect(html).toContain('aria-live="polite"');
    expect(html).toMatch(/<progress[^>]*max="6000"[^>]*value="1500"/);
    expect(html).toContain('1,500 of 6,000 contacts enrolled');
  });

  it('shows an indeterminate bar until the total is known', () => {
    const html = renderToStaticMarkup(
      <JobProgress job={null} unit="contact" verb="enrolled" starting="Finding the contacts…" />,
    );
    expect(html).not.toMatch(/<progress[^>]*value=/);
    expect(html).toContain('Finding the contacts…');
  });
});
