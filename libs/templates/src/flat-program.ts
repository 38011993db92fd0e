/**
 * Most templates are literal text and values only: `a=[First Name]&b=[Email]`,
 * `{"email": [Email]}`, `https://x.test/[Contact ID]`. Those render without
 * Handlebars, as the literal text joined with direct reads of the render
 * root; a call into Handlebars costs more than the rest of such a render.
 *
 * The output is Handlebars' own, byte for byte: the same property of the same
 * root is read (only paths every root holds, so strict mode could not have
 * failed), printed as Handlebars prints with `noEscape` (empty for null and
 * undefined, string concatenation otherwise), or passed to the same encoder
 * the compiler wrapped around it. Anything else (helpers, blocks) makes the
 * template a Handlebars one.
 */
import type { MustacheStatement, PathExpression, Program } from './ast';
import { type RenderProgram, type RootReader, rootReader } from './context';
import { fromHandlebarsError } from './handlebars-env';
import { ENCODERS, isEncoderName } from './helpers';
import { MAX_OUTPUT_BYTES, assertOutputSize } from './text';

type Segment = string | RenderProgram;

/** The program as a flat render, or undefined when it needs Handlebars. */
export function compileFlatProgram(
  program: Program,
  customKeys: readonly string[],
): RenderProgram | undefined {
  const segments: Segment[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ContentStatement') {
      if (statement.value !== '') segments.push(statement.value);
      continue;
    }
    const value = statement.type === 'MustacheStatement' && valueSegment(statement, customKeys);
    if (!value) return undefined;
    segments.push(value);
  }
  return (root) => {
    let out = '';
    try {
      for (const segment of segments) {
        out += typeof segment === 'string' ? segment : segment(root);
        // UTF-8 takes at least a byte per UTF-16 unit: past the cap in units is past it in
        // bytes, so stop here rather than build hundreds of megabytes from big values.
        if (out.length > MAX_OUTPUT_BYTES) assertOutputSize(out);
      }
    } catch (error) {
      throw fromHandlebarsError(error, 'render-failed');
    }
    return out;
  };
}

/** `{{path}}` or `{{encoder path}}` over a path the root always holds. */
function valueSegment(
  node: MustacheStatement,
  customKeys: readonly string[],
): RenderProgram | undefined {
  if (node.path.type !== 'PathExpression' || node.hash) return undefined;
  if (node.params.length === 0) {
    const read = readerOf(node.path, customKeys);
    return read && ((root) => printed(read(root)));
  }
  const encoder = encoderNameOf(node.path);
  const [param] = node.params;
  if (!encoder || node.params.length !== 1 || param.type !== 'PathExpression') return undefined;
  const read = readerOf(param, customKeys);
  const encode = ENCODERS[encoder];
  return read && ((root) => encode(read(root)));
}

function readerOf(path: PathExpression, customKeys: readonly string[]): RootReader | undefined {
  if (path.depth !== 0) return undefined;
  if (!path.data) return rootReader(path.parts, customKeys);
  // `@root.contact.email`, as merge fields are rewritten (prepare.ts).
  return path.parts[0] === 'root' ? rootReader(path.parts.slice(1), customKeys) : undefined;
}

function encoderNameOf(path: PathExpression) {
  const [name] = path.parts;
  const simple = !path.data && path.depth === 0 && path.parts.length === 1;
  return simple && isEncoderName(name) ? name : undefined;
}

/** What Handlebars appends for a value with `noEscape`: `"" + value`, not `${value}`. */
function printed(value: unknown): string {
  return value === null || value === undefined ? '' : '' + (value as string);
}
