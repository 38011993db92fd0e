import { HttpStatus } from '@nestjs/common';
import type { GraphDraft, Problem } from '@tideway/graph';
import { ApiError, type ErrorDetail } from '../http/api-error';
import { problemDetails } from './graph-problems';

/** An API error whose body carries fields beyond the common shape (`latestRevision`, `problems`). */
export class ApiErrorWithFields extends ApiError {
  constructor(
    status: number,
    message: string,
    details: ErrorDetail[] | undefined,
    readonly fields: Record<string, unknown>,
  ) {
    super(status, message, details);
  }

  override getResponse(): Record<string, unknown> {
    return { ...(super.getResponse() as Record<string, unknown>), ...this.fields };
  }
}

export function staleDraft(baseRevision: number, latestRevision: number): ApiErrorWithFields {
  return new ApiErrorWithFields(
    HttpStatus.CONFLICT,
    `Revision ${latestRevision} is the latest, not ${baseRevision}: someone saved since. Reload the campaign and make the change again`,
    [{ path: 'baseRevision', message: `Revision ${latestRevision} is the latest` }],
    { latestRevision },
  );
}

export function invalidRevision(
  revision: number,
  graph: GraphDraft,
  problems: Problem[],
): ApiErrorWithFields {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new ApiErrorWithFields(
    HttpStatus.UNPROCESSABLE_ENTITY,
    `Revision ${revision} cannot be published: ${count} to fix`,
    problemDetails(graph, problems),
    { problems },
  );
}
