import { toWellFormed } from '../text';

/**
 * application/x-www-form-urlencoded, as the URL Standard serializes it
 * (URLSearchParams): bytes outside `*-._` and ASCII alphanumerics are
 * percent-encoded, space is `+`.
 */
export function formEncodeComponent(text: string): string {
  return encodeURIComponent(toWellFormed(text))
    .replace(/[!'()~]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * Literal text of a post-data template is written as it would appear on the
 * wire (`note=John+Smith`, `a=50%25`), so it is decoded once at compile time
 * and encoded again with the rendered values. A `%` not followed by two hex
 * digits is a literal percent sign.
 */
export function formDecodeLiteral(text: string): string {
  return text.replace(/\+/g, ' ').replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

export function serializeForm(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs
    .map(([name, value]) => `${formEncodeComponent(name)}=${formEncodeComponent(value)}`)
    .join('&');
}
