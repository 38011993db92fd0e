/**
 * URLs and headers with merge fields, and GET query strings.
 *
 * In a URL every `{{ }}` / `[Label]` output is one component: encoded with
 * encodeURIComponent whether it sits in the path (a segment) or the query (a
 * value), so `a/b?c&d` can neither add a path segment nor a query parameter.
 * The URL's literal text is the integrator's and is kept as written.
 */
import type { Program } from '../ast';
import { ENCODER_HELPERS } from '../helpers';
import { formEncodeComponent } from './form-codec';
import { wrapMustache } from './wrap';

export function encodeUrlProgram(program: Program): void {
  wrapAll(program, ENCODER_HELPERS.urlComponent);
}

/** Header values: a value's CR / LF becomes a space, so it cannot start a header. */
export function encodeHeaderProgram(program: Program): void {
  wrapAll(program, ENCODER_HELPERS.headerValue);
}

function wrapAll(program: Program, encoder: string): void {
  for (const statement of program.body) {
    if (statement.type === 'MustacheStatement') wrapMustache(statement, encoder);
    else if (statement.type === 'BlockStatement') {
      if (statement.program) wrapAll(statement.program, encoder);
      if (statement.inverse) wrapAll(statement.inverse, encoder);
    }
  }
}

/**
 * Adds `pairs` to `url`'s query string, after what is already there, before
 * any `#fragment`. The existing query is kept byte for byte; each name and
 * value is form-encoded (space as `+`), which URLSearchParams decodes exactly.
 */
export function mergeQuery(url: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  if (pairs.length === 0) return url;
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : url.slice(hashAt);
  const added = pairs
    .map(([name, value]) => `${formEncodeComponent(name)}=${formEncodeComponent(value)}`)
    .join('&');
  const queryAt = beforeHash.indexOf('?');
  let joiner = '?';
  if (queryAt !== -1) joiner = /[?&]$/.test(beforeHash) ? '' : '&';
  return `${beforeHash}${joiner}${added}${fragment}`;
}
