import type { HttpHeader } from '../../api/deliveries';

export type FormPair = { name: string; value: string };

/** A logged body as a person would like to read it. `raw` is always the text as sent. */
export type ReadableBody =
  | { kind: 'empty'; raw: '' }
  | { kind: 'json'; raw: string; pretty: string }
  | { kind: 'form'; raw: string; pairs: FormPair[] }
  | { kind: 'text'; raw: string };

/** The media type of a header list or map, lower case, without parameters ("application/json"). */
export function mediaType(headers: readonly HttpHeader[] | Record<string, string> | undefined): string | null {
  if (!headers) return null;
  const entries = Array.isArray(headers) ? headers.map((h) => [h.name, h.value] as const) : Object.entries(headers);
  const found = entries.find(([name]) => name.toLowerCase() === 'content-type');
  return found ? (found[1].split(';')[0]?.trim().toLowerCase() ?? null) : null;
}

const isJsonType = (type: string) => type === 'application/json' || type.endsWith('+json');
const isFormType = (type: string) => type === 'application/x-www-form-urlencoded';

/**
 * `application/x-www-form-urlencoded` decoded in order, repeated names kept:
 * `First_Name=Tom+%26+Jerry` reads `First_Name = Tom & Jerry`.
 */
export function decodeFormBody(body: string): FormPair[] {
  return [...new URLSearchParams(body)].map(([name, value]) => ({ name, value }));
}

/**
 * Pretty-prints JSON and decodes form posts, by the declared content type, or,
 * without one, by what the text looks like. Anything that does not parse as
 * declared is shown as sent.
 */
export function readableBody(body: string | null | undefined, contentType: string | null): ReadableBody {
  if (body === null || body === undefined || body === '') return { kind: 'empty', raw: '' };
  const type = contentType ?? '';
  const looksJson = /^\s*[[{]/.test(body);
  if (isJsonType(type) || (!type && looksJson)) {
    try {
      return { kind: 'json', raw: body, pretty: JSON.stringify(JSON.parse(body), null, 2) };
    } catch {
      return { kind: 'text', raw: body };
    }
  }
  const looksForm = /^[^=&\s]+=[^\s]*$/.test(body);
  if (isFormType(type) || (!type && looksForm)) return { kind: 'form', raw: body, pairs: decodeFormBody(body) };
  return { kind: 'text', raw: body };
}

/** The query string of a URL as name/value pairs: a GET webhook sends its data there. */
export function queryPairs(url: string): FormPair[] {
  const start = url.indexOf('?');
  if (start < 0) return [];
  const end = url.indexOf('#', start);
  return decodeFormBody(url.slice(start + 1, end < 0 ? undefined : end));
}
