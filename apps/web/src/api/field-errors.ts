import type { ApiError, ErrorDetail } from './api-error';

/** Per-input messages keyed by a normalised path (`email`, `fields.favouriteColour`). */
export type FieldErrors = Record<string, string>;

/**
 * Validation libraries spell paths differently: `fields.colour`, `fields[colour]`,
 * `fields["colour"]`, `body.email`. Forms look errors up by the dotted form.
 */
export function normaliseErrorPath(path: string): string {
  return path
    .replace(/\[["']?([^\]"']+)["']?\]/g, '.$1')
    .replace(/^\.+/, '')
    .replace(/^body\./, '');
}

export function fieldErrorsFrom(error: ApiError | null): FieldErrors {
  const errors: FieldErrors = {};
  if (!error) return errors;
  for (const detail of error.details) {
    const key = normaliseErrorPath(detail.path);
    errors[key] = errors[key] ? `${errors[key]} ${detail.message}` : detail.message;
  }
  return errors;
}

/** Details a form has no input for, so it can still show them next to the summary. */
export function unmatchedDetails(error: ApiError | null, knownPaths: readonly string[]): ErrorDetail[] {
  if (!error) return [];
  const known = new Set(knownPaths);
  return error.details.filter((detail) => !known.has(normaliseErrorPath(detail.path)));
}
