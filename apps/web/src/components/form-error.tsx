import type { ApiError } from '../api/api-error';
import { unmatchedDetails } from '../api/field-errors';

/**
 * The summary of a failed submit: the server's message, plus any field detail
 * that the form has no input to show it next to.
 */
export function FormError({ error, knownPaths = [] }: { error: ApiError | null; knownPaths?: readonly string[] }) {
  if (!error) return null;
  const extra = unmatchedDetails(error, knownPaths);
  return (
    <div className="form-error" role="alert">
      <p>{error.message}</p>
      {extra.length > 0 && (
        <ul>
          {extra.map((detail) => (
            <li key={`${detail.path}:${detail.message}`}>
              {detail.path && <code>{detail.path}</code>} {detail.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
