import { type MustacheStatement, type PathExpression, type SubExpression, pathNode } from '../ast';

/**
 * `{{x}}` -> `{{encoder x}}`, `{{helper a b}}` -> `{{encoder (helper a b)}}`:
 * the value is encoded by the target as Handlebars renders it.
 */
export function wrapMustache(node: MustacheStatement, encoder: string): void {
  const inner =
    node.params.length === 0 && !node.hash && node.path.type === 'PathExpression'
      ? node.path
      : ({
          type: 'SubExpression',
          path: node.path,
          params: node.params,
          hash: node.hash,
          loc: node.loc,
        } satisfies SubExpression);
  node.path = pathNode([encoder], node.loc) as PathExpression;
  node.params = [inner];
  node.hash = undefined;
}

/** `{{json …}}`: its output is already JSON. */
export function isJsonHelperCall(node: MustacheStatement): boolean {
  return (
    node.path.type === 'PathExpression' &&
    !node.path.data &&
    node.path.parts.length === 1 &&
    node.path.parts[0] === 'json' &&
    node.params.length > 0
  );
}
