/**
 * Form post data: `First_Name=[First Name]&Email=[Email]`.
 *
 * The template's own `&` and `=` are structure; a contact's value is data. So
 * the template is split into name/value pairs at compile time, on the `&` and
 * first `=` of its literal text only, and each name and value is a template of
 * its own. At render time each rendered piece is form-encoded as a whole:
 * `Tom & Jerry` arrives as one value, whatever characters it holds.
 */
import {
  type ContentStatement,
  type Program,
  type Statement,
  contentNode,
  forEachContent,
  literalText,
  positionOf,
  programNode,
} from '../ast';
import type { RenderProgram, RenderRoot } from '../context';
import { TemplateError } from '../errors';
import { assertOutputSize } from '../text';
import { formDecodeLiteral, formEncodeComponent } from './form-codec';

export interface FormPairProgram {
  name: Program;
  value: Program;
}

export function splitPostData(program: Program): FormPairProgram[] {
  const pairs: Array<{ name: Statement[]; value: Statement[] | null }> = [];
  let current: { name: Statement[]; value: Statement[] | null } = { name: [], value: null };
  const push = (statement: Statement) => (current.value ?? current.name).push(statement);

  for (const statement of program.body) {
    if (statement.type !== 'ContentStatement') {
      if (statement.type === 'BlockStatement')
        assertNoStructureInside(statement, current.value === null);
      push(statement);
      continue;
    }
    const pieces = statement.value.split('&');
    pieces.forEach((piece, index) => {
      if (index > 0) {
        pairs.push(current);
        current = { name: [], value: null };
      }
      let rest = piece;
      if (current.value === null) {
        const equalsAt = rest.indexOf('=');
        if (equalsAt !== -1) {
          if (equalsAt > 0) current.name.push(contentNode(rest.slice(0, equalsAt), statement.loc));
          current.value = [];
          rest = rest.slice(equalsAt + 1);
        }
      }
      if (rest !== '') push(contentNode(rest, statement.loc));
    });
  }
  pairs.push(current);

  return pairs
    .filter((pair) => pair.name.length > 0 || (pair.value?.length ?? 0) > 0)
    .map((pair) => ({
      name: decodeLiterals(programNode(pair.name, program.loc)),
      value: decodeLiterals(programNode(pair.value ?? [], program.loc)),
    }));
}

function decodeLiterals(program: Program): Program {
  forEachContent(program, (node: ContentStatement) => {
    node.value = formDecodeLiteral(node.value);
  });
  return program;
}

/**
 * `a=1{{#if x}}&b=2{{/if}}` would send `&b=2` as part of a's value, which is
 * never what was meant: say so instead.
 */
function assertNoStructureInside(block: Statement, inName: boolean): void {
  let bad: ContentStatement | undefined;
  const probe: Program = programNode([block], block.loc);
  forEachContent(probe, (node) => {
    if (!bad && (node.value.includes('&') || (inName && node.value.includes('=')))) bad = node;
  });
  if (bad) {
    throw new TemplateError(
      'invalid-post-data',
      'In post data, & and = inside {{#if}} / {{#unless}} would be sent as data; put whole name=value pairs outside the block',
      positionOf(bad),
    );
  }
}

export interface CompiledPostData {
  /** The decoded name/value pairs. */
  pairs(root: RenderRoot): Array<[string, string]>;
  /** The urlencoded body: `serializeForm(pairs(root))`. */
  body(root: RenderRoot): string;
}

/**
 * Each name and value compiled with `compile`. A name that is literal text
 * (nearly all of them) is encoded once here rather than on every render.
 */
export function compilePostData(
  pairs: readonly FormPairProgram[],
  compile: (program: Program) => RenderProgram,
): CompiledPostData {
  const compiled = pairs.map((pair) => {
    const literalName = literalText(pair.name);
    return {
      name: compile(pair.name),
      value: compile(pair.value),
      encodedName: literalName === undefined ? undefined : formEncodeComponent(literalName),
    };
  });
  return {
    pairs: (root) =>
      compiled.map((pair) => [
        assertOutputSize(pair.name(root)),
        assertOutputSize(pair.value(root)),
      ]),
    body: (root) => {
      let body = '';
      let separator = '';
      for (const pair of compiled) {
        const name = pair.encodedName ?? formEncodeComponent(assertOutputSize(pair.name(root)));
        const value = formEncodeComponent(assertOutputSize(pair.value(root)));
        body += `${separator}${name}=${value}`;
        separator = '&';
      }
      return assertOutputSize(body);
    },
  };
}
