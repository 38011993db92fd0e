/**
 * Everything wrong with a graph in a workspace: validateGraph with the
 * workspace's custom fields as known merge fields, plus what only compiling a
 * template finds. @tideway/graph checks template syntax and merge-field names
 * but not `{{variables}}`, helpers and blocks, JSON validity or post-data
 * structure (its README): compileTemplate does, and the engine compiles every
 * template of a revision it runs, so a template it could not compile must not
 * be publishable.
 */
import {
  PROBLEM_RULES,
  nodeDefinition,
  validateGraph,
  type GraphDraft,
  type Problem,
  type TemplatedField,
} from '@tideway/graph';
import {
  compileTemplate,
  findMergeFields,
  isTemplateError,
  type FieldDefinition,
} from '@tideway/templates';
import type { EntityManager } from 'typeorm';
import type { TargetPolicy } from '../deliveries/http';
import { webhookTargetProblems } from '../deliveries/webhook-target-problems';
import type { ErrorDetail } from '../http/api-error';

export async function graphProblems(
  db: Pick<EntityManager, 'query'>,
  workspaceId: string,
  graph: GraphDraft,
  targets: TargetPolicy,
): Promise<Problem[]> {
  const fields: FieldDefinition[] = await db.query(
    `SELECT key, label, type FROM fields WHERE workspace_id = $1`,
    [workspaceId],
  );
  const problems = validateGraph(graph, { knownMergeFields: fields.map((field) => field.label) });
  const extra = [...templateCompileProblems(graph, fields), ...(await webhookTargetProblems(graph, targets))];
  return withCompileProblems(graph, problems, extra);
}

export function templateCompileProblems(
  graph: GraphDraft,
  fields: readonly FieldDefinition[],
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const node of graph.nodes) {
    if (seen.has(node.id)) continue; // a duplicate id is its own problem
    seen.add(node.id);
    const definition = nodeDefinition(node.type);
    const parsed = definition?.configSchema.safeParse(node.data?.config);
    if (!definition?.templatedFields || !parsed?.success) continue;
    for (const field of definition.templatedFields(parsed.data)) {
      const message = compileError(field.source, field.target, fields);
      if (message)
        problems.push({ nodeId: node.id, rule: 'bad-config', message, path: field.path });
    }
  }
  return problems;
}

function compileError(
  source: string,
  target: TemplatedField['target'],
  fields: readonly FieldDefinition[],
): string | null {
  try {
    // Unknown merge fields are validateGraph's (`unknown-merge-field`): compile
    // as if they were defined, so the checks that come after them still run.
    const unknown = findMergeFields(source, { fields }).filter((use) => !use.known);
    const standIns = unknown.map((use, i) => ({ key: `unknown${i}`, label: use.label }));
    compileTemplate(source, { fields: [...fields, ...standIns], target });
    return null;
  } catch (error) {
    if (!isTemplateError(error)) throw error;
    return error.message;
  }
}

/**
 * Adds compile problems where validateGraph has no bad-config at the same
 * place (a syntax error is found by both), keeping the graph lib's order: by
 * rule, and within `bad-config` by the node's place in the graph.
 */
function withCompileProblems(graph: GraphDraft, found: Problem[], extra: Problem[]): Problem[] {
  const place = (p: Problem) => `${p.nodeId}\u0000${p.path}`;
  const taken = new Set(found.filter((p) => p.rule === 'bad-config').map(place));
  const nodeIndex = new Map<string, number>();
  graph.nodes.forEach((node, index) => {
    if (!nodeIndex.has(node.id)) nodeIndex.set(node.id, index);
  });
  const rank = (p: Problem) => PROBLEM_RULES.indexOf(p.rule);
  const order = (p: Problem) =>
    p.rule === 'bad-config' ? (nodeIndex.get(p.nodeId ?? '') ?? -1) : 0;
  return [...found, ...extra.filter((p) => !taken.has(place(p)))].sort(
    (a, b) => rank(a) - rank(b) || order(a) - order(b),
  );
}

/**
 * Problems as the error shape's `details`: located in the graph as a client
 * sent it (`graph.nodes[3].config.url`, `graph.edges[0]`), or `graph` for the
 * graph as a whole.
 */
export function problemDetails(graph: GraphDraft, problems: readonly Problem[]): ErrorDetail[] {
  const nodeAt = new Map<string, number>();
  graph.nodes.forEach((node, i) => nodeAt.has(node.id) || nodeAt.set(node.id, i));
  const edgeAt = new Map<string, number>();
  graph.edges.forEach((edge, i) => edgeAt.has(edge.id) || edgeAt.set(edge.id, i));
  return problems.map((problem) => ({ path: locate(problem), message: problem.message }));

  function locate({ nodeId, edgeId, path }: Problem): string {
    const edge = edgeId === undefined ? undefined : edgeAt.get(edgeId);
    if (edge !== undefined) return `graph.edges[${edge}]`;
    const node = nodeId === undefined ? undefined : nodeAt.get(nodeId);
    if (node !== undefined) return `graph.nodes[${node}]${path ? `.${path}` : ''}`;
    return nodeId ?? 'graph';
  }
}
