import { z } from 'zod';
import { seqCursor } from '../http/seq-cursor';
import type { Scope } from '../tenancy/roles';

export const JOB_KINDS = ['import', 'enrollment', 'publish'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATES = ['running', 'succeeded', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** Reading a job takes the scope that reading what its work touched takes. */
export const JOB_READ_SCOPE: Readonly<Record<JobKind, Scope>> = {
  import: 'contacts:read',
  enrollment: 'campaigns:read',
  publish: 'campaigns:read',
};

/** One error of the work: for an import, the 1-based data row and, when one column is at fault, its name. */
export type JobErrorSample = { row?: number; field?: string; message: string };

export const listJobsQuerySchema = z.object({
  kind: z.enum(JOB_KINDS).optional(),
  state: z.enum(JOB_STATES).optional(),
  campaignId: z.uuid({ error: 'Not a campaign id' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: seqCursor.optional(),
});
export type ListJobsQuery = z.output<typeof listJobsQuerySchema>;
