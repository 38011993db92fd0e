/**
 * Finding `[Field Label]` in literal template text.
 *
 * A bracketed run is a merge field when it names a known field, or when it
 * looks like a label (starts with a letter; letters, digits, spaces and
 * `_-.'/()#`) so that a typo is reported rather than sent to a CRM verbatim.
 * Anything else stays text: JSON arrays such as `["a", 1]` or `[1, 2]`, and
 * the JSON words `[true]`, `[false]`, `[null]`.
 */
const BRACKETED = /\[([^[\]\r\n]{1,200})\]/g;
const LABEL_LIKE = /^\p{L}[\p{L}\p{M}\p{N} _\-.'’/()#]*$/u;
const JSON_WORDS = new Set(['true', 'false', 'null']);

export interface MergeFieldToken {
  /** The text between the brackets, as written. */
  label: string;
  /** Offset of `[` in the scanned text. */
  start: number;
  /** Offset just after `]`. */
  end: number;
}

export function scanMergeFieldTokens(
  text: string,
  isKnown: (label: string) => boolean,
): MergeFieldToken[] {
  const tokens: MergeFieldToken[] = [];
  for (const match of text.matchAll(BRACKETED)) {
    const label = match[1];
    if (isKnown(label) || looksLikeLabel(label)) {
      tokens.push({ label, start: match.index, end: match.index + match[0].length });
    }
  }
  return tokens;
}

export function looksLikeLabel(label: string): boolean {
  const trimmed = label.trim();
  return LABEL_LIKE.test(trimmed) && !JSON_WORDS.has(trimmed);
}
