/**
 * The slice of Handlebars' AST this library reads and writes. Handlebars'
 * own typings are loose (`Node` with a `type` string), so the shapes we rely
 * on are spelled out here once.
 */
import type { TemplatePosition } from './errors';

export interface Loc {
  source?: string;
  start: { line: number; column: number };
  end: { line: number; column: number };
}

export interface PathExpression {
  type: 'PathExpression';
  data: boolean;
  depth: number;
  parts: string[];
  original: string;
  loc: Loc;
}

export interface Literal {
  type: 'StringLiteral' | 'NumberLiteral' | 'BooleanLiteral' | 'UndefinedLiteral' | 'NullLiteral';
  value?: unknown;
  original?: unknown;
  loc: Loc;
}

export interface HashPair {
  type: 'HashPair';
  key: string;
  value: Expression;
  loc: Loc;
}

export interface Hash {
  type: 'Hash';
  pairs: HashPair[];
  loc: Loc;
}

export interface SubExpression {
  type: 'SubExpression';
  path: PathExpression | Literal;
  params: Expression[];
  hash?: Hash;
  loc: Loc;
}

export type Expression = PathExpression | SubExpression | Literal;

export interface MustacheStatement {
  type: 'MustacheStatement';
  path: PathExpression | Literal;
  params: Expression[];
  hash?: Hash;
  escaped: boolean;
  strip: { open: boolean; close: boolean };
  loc: Loc;
}

export interface BlockStatement {
  type: 'BlockStatement';
  path: PathExpression | Literal;
  params: Expression[];
  hash?: Hash;
  program?: Program | null;
  inverse?: Program | null;
  loc: Loc;
}

export interface ContentStatement {
  type: 'ContentStatement';
  value: string;
  original: string;
  loc: Loc;
}

export interface OtherStatement {
  type:
    | 'CommentStatement'
    | 'PartialStatement'
    | 'PartialBlockStatement'
    | 'Decorator'
    | 'DecoratorBlock';
  loc: Loc;
}

export type Statement = MustacheStatement | BlockStatement | ContentStatement | OtherStatement;

export interface Program {
  type: 'Program';
  body: Statement[];
  blockParams: string[];
  strip?: object;
  loc: Loc;
}

/** Handlebars columns are 0-based; ours are 1-based like an editor's. */
export function positionOf(node: { loc?: Loc }): TemplatePosition | undefined {
  return node.loc ? { line: node.loc.start.line, column: node.loc.start.column + 1 } : undefined;
}

export function contentNode(value: string, loc: Loc): ContentStatement {
  return { type: 'ContentStatement', value, original: value, loc };
}

export function pathNode(parts: string[], loc: Loc, data = false): PathExpression {
  return {
    type: 'PathExpression',
    data,
    depth: 0,
    parts,
    original: (data ? '@' : '') + parts.join('.'),
    loc,
  };
}

export function mustacheNode(
  path: PathExpression,
  params: Expression[],
  loc: Loc,
  hash?: Hash,
): MustacheStatement {
  return {
    type: 'MustacheStatement',
    path,
    params,
    hash,
    escaped: true,
    strip: { open: false, close: false },
    loc,
  };
}

export function programNode(body: Statement[], loc: Loc): Program {
  return { type: 'Program', body, blockParams: [], strip: {}, loc };
}

/** Calls `visit` on every statement list, depth first, blocks included. */
export function forEachContent(program: Program, visit: (node: ContentStatement) => void): void {
  for (const statement of program.body) {
    if (statement.type === 'ContentStatement') visit(statement);
    else if (statement.type === 'BlockStatement') {
      if (statement.program) forEachContent(statement.program, visit);
      if (statement.inverse) forEachContent(statement.inverse, visit);
    }
  }
}

/** The text of a program that is literal text only, or undefined when it has any `{{ }}`. */
export function literalText(program: Program): string | undefined {
  let text = '';
  for (const statement of program.body) {
    if (statement.type !== 'ContentStatement') return undefined;
    text += statement.value;
  }
  return text;
}
