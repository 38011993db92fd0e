import { TemplateError } from './errors';
import { advancePosition } from './text';

/**
 * How deeply `{{#if}}` / `{{#unless}}` blocks (and each `{{else if}}` of a
 * chain, which Handlebars nests) and `( )` sub-expressions may nest. Real
 * templates use a few levels. Handlebars' parser takes time quadratic in the
 * depth and its compiler recurses once per level: about 3,000 nested
 * `{{#if}}` fit in MAX_TEMPLATE_BYTES, take seconds to parse and then
 * overflow the stack. So the depth is checked on the source, before parsing.
 */
export const MAX_NESTING_DEPTH = 32;

/** Throws TemplateError('too-deep'), at the opening that goes one level too deep. */
export function assertNestingDepth(source: string): void {
  /** Per open block, how many `{{else if}}` it has chained so far. */
  const chains: number[] = [];
  let depth = 0;
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    if (open === -1) return;
    if (source[open - 1] === '\\') {
      i = open + 2;
      continue;
    }
    const skipTo = skippedUntil(source, open);
    if (skipTo !== undefined) {
      i = skipTo;
      continue;
    }
    const end = endOfMustache(source, open + 2);
    const head = source.slice(open + 2, Math.min(end, open + 40)).replace(/^[{~\s]+/, '');
    if (/^[#^][^}~\s]/.test(head)) {
      chains.push(0);
      depth++;
    } else if (head.startsWith('/')) {
      if (chains.length > 0) depth -= 1 + chains.pop()!;
    } else if (/^else\s+[^}~\s]/.test(head) && chains.length > 0) {
      chains[chains.length - 1]++;
      depth++;
    }
    if (depth > MAX_NESTING_DEPTH) throw tooDeep(source, open, 'blocks');
    i = end;
  }
}

/** Comments and raw blocks hold no blocks: the offset after them, or undefined for a plain `{{`. */
function skippedUntil(source: string, open: number): number | undefined {
  const after = (marker: string, from: number) => {
    const at = source.indexOf(marker, from);
    return at === -1 ? source.length : at + marker.length;
  };
  if (source.startsWith('{{!--', open)) return after('--}}', open + 5);
  if (source.startsWith('{{!', open)) return after('}}', open + 3);
  if (source.startsWith('{{{{', open)) return after('}}}}', open + 4);
  return undefined;
}

/** From inside a `{{`: the offset after its `}}`. Throws when `(` nest too deep in it (outside strings). */
function endOfMustache(source: string, from: number): number {
  let parens = 0;
  let quote: string | null = null;
  for (let j = from; j < source.length; j++) {
    const ch = source[j];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') {
      if (++parens > MAX_NESTING_DEPTH) throw tooDeep(source, j, 'sub-expressions');
    } else if (ch === ')') parens = Math.max(0, parens - 1);
    else if (ch === '}' && source[j + 1] === '}') return j + 2;
  }
  return source.length;
}

function tooDeep(source: string, offset: number, what: string): TemplateError {
  return new TemplateError(
    'too-deep',
    `Template ${what} nest more than ${MAX_NESTING_DEPTH} levels deep`,
    advancePosition({ line: 1, column: 1 }, source, offset),
  );
}
