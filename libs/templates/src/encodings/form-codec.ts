import { encodeWellFormedURIComponent } from '../text';

/**
 * How application/x-www-form-urlencoded writes each ASCII character: '' for
 * one that stays as it is (ASCII alphanumerics and `*-._`), `+` for space,
 * `%XX` for the rest.
 */
const ASCII_ESCAPES: readonly string[] = Array.from({ length: 0x80 }, (_, code) => {
  if (/[A-Za-z0-9*\-._]/.test(String.fromCharCode(code))) return '';
  return code === 0x20 ? '+' : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
});

/**
 * application/x-www-form-urlencoded, as the URL Standard serializes it
 * (URLSearchParams): bytes outside `*-._` and ASCII alphanumerics are
 * percent-encoded, space is `+`.
 *
 * This runs on every name and value of every form body, so it is one pass
 * with a table for ASCII, rather than encodeURIComponent and then a regular
 * expression for what the two encodings spell differently (`!'()~`, space):
 * text that needs no encoding comes back as it is, and runs of non-ASCII
 * are UTF-8 percent-encoded by encodeURIComponent, which writes them exactly
 * as the form encoding does.
 */
export function formEncodeComponent(text: string): string {
  let out = '';
  let copied = 0; // text before this offset is in `out`
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      const escape = ASCII_ESCAPES[code];
      if (escape === '') continue;
      out += text.slice(copied, i) + escape;
      copied = i + 1;
    } else {
      // The whole run, so that a surrogate pair is encoded together.
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) >= 0x80) end++;
      out += text.slice(copied, i) + encodeWellFormedURIComponent(text.slice(i, end));
      copied = end;
      i = end - 1;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
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
