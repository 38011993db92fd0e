/**
 * What changed between two revisions of a campaign, in the API's shape
 * (`GET /campaigns/:id/revisions/:a/diff/:b`), plus `nodes.moved`.
 *
 * Decisions:
 * - `changed` lists what a marketer cares about: the type, the label and
 *   every config value that differs, by path (`config.body.template`,
 *   `config.headers[0].value`). A node that was only dragged is not
 *   "changed"; position changes are listed separately in `nodes.moved`.
 * - Edges match by id; an edge whose id changed but that joins the same
 *   output to the same element (React Flow regenerates ids) is the same edge.
 *   An id whose endpoints changed is one edge removed and one added.
 */
import { type OutputHandle, outputOf } from './outputs';
import type { Edge, GraphDraft, Position } from './schema';
import { formatPath } from './validate';

type DiffNode = GraphDraft['nodes'][number];

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface GraphDiff<N = DiffNode> {
  nodes: {
    added: N[];
    removed: N[];
    changed: Array<{ id: string; fields: FieldChange[] }>;
    moved: Array<{ id: string; before: Position; after: Position }>;
  };
  edges: { added: Edge[]; removed: Edge[] };
}

export function diffGraphs<N extends DiffNode>(
  a: { nodes: N[]; edges: Edge[] },
  b: { nodes: N[]; edges: Edge[] },
): GraphDiff<N> {
  const before = new Map(a.nodes.map((node) => [node.id, node]));
  const after = new Map(b.nodes.map((node) => [node.id, node]));

  const diff: GraphDiff<N> = {
    nodes: {
      added: b.nodes.filter((node) => !before.has(node.id)),
      removed: a.nodes.filter((node) => !after.has(node.id)),
      changed: [],
      moved: [],
    },
    edges: diffEdges(a.edges, b.edges),
  };

  for (const node of b.nodes) {
    const old = before.get(node.id);
    if (!old) continue;
    const fields: FieldChange[] = [];
    if (old.type !== node.type) fields.push({ path: 'type', before: old.type, after: node.type });
    if (old.data?.label !== node.data?.label) {
      fields.push({ path: 'label', before: old.data?.label, after: node.data?.label });
    }
    compareValues(old.data?.config, node.data?.config, ['config'], fields);
    if (fields.length > 0) diff.nodes.changed.push({ id: node.id, fields });
    if (old.position.x !== node.position.x || old.position.y !== node.position.y) {
      diff.nodes.moved.push({ id: node.id, before: old.position, after: node.position });
    }
  }
  return diff;
}

function compareValues(
  before: unknown,
  after: unknown,
  path: PropertyKey[],
  out: FieldChange[],
): void {
  if (Object.is(before, after)) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      compareValues(before[i], after[i], [...path, i], out);
    }
    return;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !(key in before))];
    for (const key of keys) compareValues(before[key], after[key], [...path, key], out);
    return;
  }
  out.push({ path: formatPath(path), before, after });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function diffEdges(a: Edge[], b: Edge[]): { added: Edge[]; removed: Edge[] } {
  const endpoints = (edge: Edge) =>
    JSON.stringify([edge.source, edge.target, outputOf(edge) as OutputHandle]);
  const byIdAfter = new Map(b.map((edge) => [edge.id, edge]));
  const matchedBefore = new Set<Edge>();
  const matchedAfter = new Set<Edge>();
  for (const edge of a) {
    const same = byIdAfter.get(edge.id);
    if (same && endpoints(same) === endpoints(edge)) {
      matchedBefore.add(edge);
      matchedAfter.add(same);
    }
  }
  // Second pass: same endpoints under a new id.
  const unmatchedAfter = b.filter((edge) => !matchedAfter.has(edge));
  for (const edge of a) {
    if (matchedBefore.has(edge)) continue;
    const same = unmatchedAfter.find(
      (candidate) => !matchedAfter.has(candidate) && endpoints(candidate) === endpoints(edge),
    );
    if (same) {
      matchedBefore.add(edge);
      matchedAfter.add(same);
    }
  }
  return {
    added: b.filter((edge) => !matchedAfter.has(edge)),
    removed: a.filter((edge) => !matchedBefore.has(edge)),
  };
}
