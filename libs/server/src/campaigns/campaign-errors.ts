import { HttpStatus } from '@nestjs/common';
import type { GraphDraft, Problem } from '@tideway/graph';
import { ApiError, type ErrorDetail } from '../http/api-error';
import { problemDetails } from './graph-problems';
import type { UnresolvedSecret } from './graph-secrets';

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

/**
 * A graph came back with the redacted placeholder where no secret is stored
 * for it (a new element, or a copy pasted from elsewhere): the person types
 * the secret again rather than have the placeholder saved as its value.
 */
export function secretsToEnterAgain(unresolved: readonly UnresolvedSecret[]): ApiError {
  return ApiError.validation(
    unresolved.map(({ nodeIndex, nodeId, path }) => ({
      path: `graph.nodes[${nodeIndex}].data.config.${path}`,
      message: `Enter the secret again: "${nodeId}" has no saved value for ${path} to keep`,
    })),
    'The graph holds hidden secrets that are not saved for these elements: enter them again',
  );
}
