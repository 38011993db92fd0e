import { TemplateError } from './errors';

/** Caps from ARCHITECTURE.md's "bounded work": a template and what it renders. */
export const MAX_TEMPLATE_BYTES = 64 * 1024;
export const MAX_OUTPUT_BYTES = 1024 * 1024;

/** UTF-8 length without TextEncoder or Buffer (this lib runs in the browser too). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function assertTemplateSize(source: string): void {
  const bytes = utf8Length(source);
  if (bytes > MAX_TEMPLATE_BYTES) {
    throw new TemplateError(
      'template-too-large',
      `Template is ${bytes} bytes; the limit is ${MAX_TEMPLATE_BYTES}`,
    );
  }
}

export function assertOutputSize(output: string): string {
  // Cheap pre-check: a string of n UTF-16 units is at most 3n UTF-8 bytes.
  if (output.length * 3 > MAX_OUTPUT_BYTES) {
    const bytes = utf8Length(output);
    if (bytes > MAX_OUTPUT_BYTES) {
      throw new TemplateError(
        'output-too-large',
        `Rendered output is ${bytes} bytes; the limit is ${MAX_OUTPUT_BYTES}`,
      );
    }
  }
  return output;
}

/**
 * A lone surrogate (a broken emoji from a truncated import) makes
 * encodeURIComponent throw; replace it with U+FFFD like TextEncoder does.
 */
export function toWellFormed(text: string): string {
  return text.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
}

/**
 * encodeURIComponent of the well-formed text. It throws only on a lone
 * surrogate, which almost no value holds, so the value is scanned for one
 * only when it did throw.
 */
export function encodeWellFormedURIComponent(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(toWellFormed(text));
  }
}

/** How a value reads as text: the same rules for every target. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

/**
 * Position of `offset` within `text`, given where `text` starts. Lines break on
 * \n, \r\n and \r, as Handlebars' lexer counts them.
 */
export function advancePosition(
  start: { line: number; column: number },
  text: string,
  offset: number,
): { line: number; column: number } {
  let { line, column } = start;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
      line++;
      column = 1;
    } else if (ch !== '\r') column++;
  }
  return { line, column };
}
