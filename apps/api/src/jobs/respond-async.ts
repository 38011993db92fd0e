import { applyDecorators } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { JobView } from '@tideway/server';
import { jobPath } from '@tideway/server';
import type { Request, Response } from 'express';
import { ACCEPTED_JOB } from './job.responses';

/**
 * Whether the request asks to have its work done as a job (RFC 7240
 * `Prefer: respond-async`). Preferences are a comma-separated list of tokens,
 * each with optional `=value` and `;` parameters; names are case-insensitive.
 */
export function prefersRespondAsync(request: Request): boolean {
  const header = request.headers.prefer;
  const values = Array.isArray(header) ? header : header ? [header] : [];
  return values
    .flatMap((value) => value.split(','))
    .some((preference) => preference.split(/[;=]/)[0].trim().toLowerCase() === 'respond-async');
}

/** 202 with the job and where to poll it; the preference is named as applied. */
export function acceptJob(response: Response, job: JobView): { job: JobView } {
  response.status(202);
  response.setHeader('Location', jobPath(job.id));
  response.setHeader('Preference-Applied', 'respond-async');
  return { job };
}

/** OpenAPI for a route that also runs as a job. */
export const RespondsAsync = (what: string, syncAccepted?: string) =>
  applyDecorators(
    ApiHeader({
      name: 'Prefer',
      required: false,
      description:
        '`respond-async` (RFC 7240): answer at once with `202 {"job": {...}}` and `Location: /api/v1/jobs/:id`, ' +
        `and ${what} in the background; poll the job for progress and the result. Without it the route answers ` +
        'when the work is done, as documented (a job is recorded either way).',
    }),
    ApiAcceptedResponse({
      description: syncAccepted
        ? `${syncAccepted}; with \`Prefer: respond-async\`, \`{job}\`: the job, running`
        : 'With `Prefer: respond-async`: the job, running',
      ...(syncAccepted ? {} : { schema: ACCEPTED_JOB }),
    }),
    ApiTooManyRequestsResponse({
      description:
        'With `Prefer: respond-async`: the workspace already has 3 jobs running in this process',
    }),
  );
