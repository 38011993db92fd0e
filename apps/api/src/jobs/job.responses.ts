import { JOB_KINDS, JOB_STATES, toOpenApiSchema } from '@tideway/server';
import { z } from 'zod';

/** Response shapes for OpenAPI only: the services' return types are what the compiler checks. */

const job = z.object({
  id: z.uuid(),
  kind: z.enum(JOB_KINDS),
  state: z.enum(JOB_STATES),
  input: z
    .record(z.string(), z.unknown())
    .describe('What was asked: the filter, the revision, the size of the file'),
  campaignId: z.uuid().nullable(),
  total: z
    .number()
    .int()
    .nullable()
    .describe(
      'Rows or contacts to handle; null while still counting. Equals `processed` once succeeded',
    ),
  processed: z.number().int().describe('Rows or contacts handled so far; never decreases'),
  errors: z.number().int().describe('Rows that failed (import)'),
  errorSamples: z
    .array(
      z.object({
        row: z.number().int().optional().describe('1-based data row, the header not counted'),
        field: z.string().optional().describe('The column at fault, when exactly one is'),
        message: z.string(),
      }),
    )
    .describe('The first 100 errors, in row order'),
  result: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe(
      'What the synchronous route answers (import: `{created, updated, failedTotal}`; enrollment: `{enrolled, skipped}`; ' +
        'publish: `{revision, status, moved, exited, kept}`); while running or after a failure, what was done so far',
    ),
  failure: z
    .object({ statusCode: z.number().int(), error: z.string(), message: z.string() })
    .nullable()
    .describe('Why it failed, in the shape of API errors'),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

export const JOB = toOpenApiSchema(job);
export const ACCEPTED_JOB = toOpenApiSchema(z.object({ job }));
export const JOB_PAGE = toOpenApiSchema(
  z.object({ data: z.array(job), nextCursor: z.string().nullable() }),
);
