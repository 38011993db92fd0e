/**
 * From source text to a checked, rewritten Handlebars AST.
 *
 * `[Label]` becomes a path into the render root at compile time
 * (`[First Name]` -> `@root.contact.firstName`), both in literal text and as a
 * standalone argument inside `{{ }}` (`{{default [Nickname] "friend"}}`). The
 * value is looked up by Handlebars when rendering; it is never spliced into
 * the template text, so a value can never become template syntax.
 *
 * Every `{{ }}` path and helper is checked here, before any contact is
 * rendered: only the allowlisted helpers, only `{{#if}}`/`{{#unless}}` blocks,
 * only names that exist in the render root (context.ts).
 */
import {
  type BlockStatement,
  type ContentStatement,
  type Expression,
  type Loc,
  type MustacheStatement,
  type PathExpression,
  type Program,
  type Statement,
  type SubExpression,
  contentNode,
  mustacheNode,
  pathNode,
  positionOf,
} from './ast';
import { CAMPAIGN_NAMES, CONTACT_NAMES, ROOT_NAMES } from './context';
import { TemplateError, type TemplatePosition } from './errors';
import { type MergeField, type MergeFieldTable } from './fields';
import { parseTemplate } from './handlebars-env';
import { BLOCK_HELPERS, PUBLIC_HELPERS } from './helpers';
import { scanMergeFieldTokens } from './merge-field-syntax';
import { assertNestingDepth } from './nesting';
import { advancePosition, assertTemplateSize } from './text';

export interface MergeFieldUse {
  /** The canonical label for a known field, the label as written otherwise. */
  label: string;
  known: boolean;
  position: TemplatePosition;
}

export interface PreparedTemplate {
  program: Program;
  uses: MergeFieldUse[];
}

export interface PrepareOptions {
  table: MergeFieldTable;
  /**
   * Only look for merge fields: do not reject unknown variables and helpers.
   * Used to list merge fields of a template for graph validation.
   */
  scanOnly?: boolean;
}

/** Property names that reach into prototypes; refused anywhere in a path. */
const PROTOTYPE_NAMES = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

export function prepareTemplate(source: string, options: PrepareOptions): PreparedTemplate {
  assertTemplateSize(source);
  assertNestingDepth(source);
  const protectedSource = protectTripleClose(source);
  const program = parseTemplate(protectedSource);
  const preparer = new Preparer(protectedSource, options);
  preparer.program(program);
  return { program, uses: preparer.uses };
}

/**
 * `{"tags": {{json contact.tags}}}` is natural JSON, but Handlebars' lexer
 * reads the final `}}}` as the close of a `{{{triple}}}`. After a `{{…}}`
 * opened with two braces, a following `}` is literal text: mark it with a
 * noncharacter that content() removes again. (Columns after such a spot on
 * the same line are reported one too far right.)
 */
const BRACE_MARK = '\ufdd0';

export function protectTripleClose(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    if (open === -1) break;
    out += source.slice(i, open);
    if (
      source[open - 1] === '\\' ||
      source.startsWith('{{{', open) ||
      source.startsWith('{{!', open)
    ) {
      const close = source.startsWith('{{!--', open)
        ? source.indexOf('--}}', open + 5) + 4
        : source.startsWith('{{{', open)
          ? source.indexOf('}}}', open + 3) + 3
          : open + 2;
      const end = close < open + 2 ? source.length : close;
      out += source.slice(open, end);
      i = end;
      continue;
    }
    let j = open + 2;
    let quote: string | null = null;
    while (j < source.length) {
      const ch = source[j];
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (source.startsWith('}}', j)) break;
      j++;
    }
    if (j >= source.length) {
      out += source.slice(open);
      i = source.length;
      break;
    }
    out += source.slice(open, j + 2);
    if (source[j + 2] === '}') out += BRACE_MARK;
    i = j + 2;
  }
  return out + source.slice(i);
}

class Preparer {
  readonly uses: MergeFieldUse[] = [];
  private readonly lineStarts: number[];

  constructor(
    private readonly source: string,
    private readonly options: PrepareOptions,
  ) {
    this.lineStarts = [0];
    for (const match of source.matchAll(/\r\n?|\n/g)) {
      this.lineStarts.push(match.index + match[0].length);
    }
  }

  program(program: Program): void {
    program.body = program.body.flatMap((statement) => this.statement(statement));
  }

  private statement(statement: Statement): Statement[] {
    switch (statement.type) {
      case 'ContentStatement':
        return this.content(statement);
      case 'MustacheStatement':
        this.call(statement, false);
        return [statement];
      case 'BlockStatement':
        this.call(statement, true);
        if (statement.program) this.program(statement.program);
        if (statement.inverse) this.program(statement.inverse);
        return [statement];
      case 'CommentStatement':
        return [];
      default:
        throw new TemplateError(
          'forbidden',
          'Partials and decorators are not available in templates',
          positionOf(statement),
        );
    }
  }

  /** Literal text: split out `[Label]` tokens into lookups. */
  private content(node: ContentStatement): Statement[] {
    if (node.value.startsWith(BRACE_MARK)) node.value = node.value.slice(1);
    if (node.original.startsWith(BRACE_MARK)) node.original = node.original.slice(1);
    const tokens = scanMergeFieldTokens(node.value, (label) => !!this.options.table.find(label));
    if (tokens.length === 0) return [node];
    const leading = node.value === '' ? 0 : Math.max(0, node.original.indexOf(node.value));
    const start = { line: node.loc.start.line, column: node.loc.start.column + 1 };
    const out: Statement[] = [];
    let cursor = 0;
    // Walked on from the previous token, not from the start: linear in the text, however many tokens.
    let walked = 0;
    let position = start;
    for (const token of tokens) {
      const offset = leading + token.start;
      position = advancePosition(position, node.original.slice(walked, offset), offset - walked);
      walked = offset;
      const loc = this.locAt(position, token.end - token.start);
      if (token.start > cursor)
        out.push(contentNode(node.value.slice(cursor, token.start), node.loc));
      out.push(mustacheNode(this.mergeFieldPath(token.label, position, loc), [], loc));
      cursor = token.end;
    }
    if (cursor < node.value.length) out.push(contentNode(node.value.slice(cursor), node.loc));
    return out;
  }

  private call(node: MustacheStatement | SubExpression | BlockStatement, isBlock: boolean): void {
    const path = node.path;
    if (path.type !== 'PathExpression') {
      this.forbid('A literal cannot be used as a value or helper here', node);
      return;
    }
    const name = this.simpleName(path);
    const hasArguments = node.params.length > 0 || !!node.hash;
    if (isBlock) {
      if (!name || !(BLOCK_HELPERS as readonly string[]).includes(name)) {
        this.forbid(
          `Only {{#if}} and {{#unless}} blocks are available, not {{#${path.original}}}`,
          node,
        );
      } else if (node.params.length !== 1 || node.hash) {
        this.forbid(`{{#${name}}} takes exactly one value`, node);
      }
    } else if (name && (PUBLIC_HELPERS as readonly string[]).includes(name)) {
      // an allowed helper: check its arguments below
    } else if (name && (BLOCK_HELPERS as readonly string[]).includes(name)) {
      this.forbid(`{{${name}}} works only as a block: {{#${name} value}}…{{/${name}}}`, node);
    } else if (hasArguments) {
      this.forbid(
        `Unknown helper "${path.original}"; available: ${PUBLIC_HELPERS.join(', ')}, #if, #unless`,
        node,
      );
    } else {
      node.path = this.value(path);
      return;
    }
    node.params = node.params.map((param) => this.expression(param));
    for (const pair of node.hash?.pairs ?? []) pair.value = this.expression(pair.value);
  }

  private expression(expression: Expression): Expression {
    if (expression.type === 'PathExpression') return this.value(expression);
    if (expression.type === 'SubExpression') this.call(expression, false);
    return expression;
  }

  /** A path used as a value: a `[Label]`, or a checked name in the render root. */
  private value(path: PathExpression): PathExpression {
    const label = this.bracketLabel(path);
    if (label !== undefined) {
      const position = positionOf(path) ?? { line: 1, column: 1 };
      return this.mergeFieldPath(label, position, path.loc);
    }
    for (const part of path.parts) {
      if (PROTOTYPE_NAMES.has(part)) this.forbid(`"${part}" is not available in templates`, path);
    }
    if (path.depth > 0) {
      this.forbid('"../" is not available in templates', path);
      return path;
    }
    let parts = path.parts;
    if (path.data) {
      if (parts[0] !== 'root') {
        this.unknownVariable(path.original, path);
        return path;
      }
      parts = parts.slice(1);
    }
    if (!this.isKnownVariable(parts)) this.unknownVariable(path.original || 'this', path);
    return path;
  }

  private isKnownVariable(parts: string[]): boolean {
    const [root, child, grandChild] = parts;
    if (!(ROOT_NAMES as readonly string[]).includes(root)) return false;
    if (root === 'contact') {
      if (child === undefined) return true;
      if (!CONTACT_NAMES.includes(child)) return false;
      if (child === 'fields') {
        return (
          parts.length === 2 ||
          (parts.length === 3 && this.options.table.customKeys.includes(grandChild))
        );
      }
      if (child === 'tags')
        return parts.length === 2 || (parts.length === 3 && /^\d+$/.test(grandChild));
      return parts.length === 2;
    }
    if (root === 'campaign') {
      return child === undefined || (parts.length === 2 && CAMPAIGN_NAMES.includes(child));
    }
    return parts.length === 1;
  }

  /** `{{[First Name]}}`: Handlebars reads it as the key "First Name"; the source tells. */
  private bracketLabel(path: PathExpression): string | undefined {
    if (path.data || path.depth !== 0 || path.parts.length !== 1 || !path.loc) return undefined;
    const offset = this.lineStarts[path.loc.start.line - 1] + path.loc.start.column;
    return this.source[offset] === '[' ? path.parts[0] : undefined;
  }

  private simpleName(path: PathExpression): string | undefined {
    if (path.data || path.depth !== 0 || path.parts.length !== 1) return undefined;
    return this.bracketLabel(path) === undefined ? path.parts[0] : undefined;
  }

  private mergeFieldPath(label: string, position: TemplatePosition, loc: Loc): PathExpression {
    const field = this.options.table.find(label);
    this.uses.push({ label: field?.label ?? label.trim(), known: !!field, position });
    return pathNode(field ? rootPathOf(field) : ['root', 'unknown'], loc, true);
  }

  private locAt(position: TemplatePosition, length: number): Loc {
    return {
      start: { line: position.line, column: position.column - 1 },
      end: { line: position.line, column: position.column - 1 + length },
    };
  }

  private unknownVariable(name: string, node: { loc?: Loc }): void {
    if (this.options.scanOnly) return;
    throw new TemplateError(
      'unknown-variable',
      `Unknown variable "${name}": use a [Field Label], or contact.<name>, contact.fields.<key>, campaign.name, now, today`,
      positionOf(node),
      name,
    );
  }

  private forbid(message: string, node: { loc?: Loc }): void {
    if (this.options.scanOnly) return;
    throw new TemplateError('forbidden', message, positionOf(node));
  }
}

function rootPathOf(field: MergeField): string[] {
  switch (field.source.kind) {
    case 'contact':
      return ['root', 'contact', field.source.key];
    case 'customField':
      return ['root', 'contact', 'fields', field.source.key];
    case 'campaignName':
      return ['root', 'campaign', 'name'];
    case 'today':
      return ['root', 'today'];
  }
}
