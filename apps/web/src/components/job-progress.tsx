import type { Job } from '../api/jobs';
import { formatCount, pluralise } from '../format/numbers';

export interface JobProgressProps {
  job: Job<unknown> | null;
  /** What the work counts: `row` for an import, `contact` for an enrollment. */
  unit: string;
  /** What is done to each, for the sentence: "imported", "enrolled". */
  verb: string;
  /** Shown before the server has answered with a job (the upload, the first checks). */
  starting?: string;
}

/** "4,000 of 20,000 rows imported · 3 errors", or what the job is doing before it can count. */
export function describeJobProgress(
  job: Job<unknown> | null,
  unit: string,
  verb: string,
  starting = 'Starting…',
): string {
  if (!job) return starting;
  if (job.total === null) return `Counting ${unit}s…`;
  const errors = job.errors > 0 ? ` · ${pluralise(job.errors, 'error')}` : '';
  return `${formatCount(job.processed)} of ${pluralise(job.total, unit)} ${verb}${errors}`;
}

/** How far long work got, as a bar and a count; an indeterminate bar until the total is known. */
export function JobProgress({ job, unit, verb, starting }: JobProgressProps) {
  const total = job?.total ?? null;
  return (
    <div className="job-progress" role="status" aria-live="polite" data-testid="job-progress">
      {total === null ? (
        <progress className="job-progress__bar" aria-label="Progress" />
      ) : (
        <progress
          className="job-progress__bar"
          aria-label="Progress"
          max={Math.max(total, 1)}
          value={Math.min(job?.processed ?? 0, total)}
        />
      )}
      <p className="job-progress__count" data-testid="job-progress-count">
        {describeJobProgress(job, unit, verb, starting)}
      </p>
    </div>
  );
}
