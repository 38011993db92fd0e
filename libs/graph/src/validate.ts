/**
 * What is wrong with a campaign graph, as a list the editor can pin on the
 * canvas. Pure and deterministic: the same graph gives the same problems in
 * the same order: by rule, in PROBLEM_RULES order, then in the order of the
 * graph's nodes and edges.
 */
import { findMergeFields, isTemplateError } from '@tideway/templates';
import { type AnyNodeDefinition, nodeDefinition } from './catalogue';
import { type OutputHandle, describeOutput, outputOf } from './outputs';
import type { Edge, GraphDraft } from './schema';

export const MAX_NODES = 500;

export const PROBLEM_RULES = [
  'too-many-nodes',
  'duplicate-id',
  'unknown-type',
  'bad-config',
  'dangling-edge',
  'edge-into-trigger',
  'missing-output',
  'extra-output',
  'no-trigger',
  'unreachable',
  'cycle-without-wait',
  'unknown-merge-field',
  'unsafe-url',
] as const;
export type ProblemRule = (typeof PROBLEM_RULES)[number];

export interface Problem {
  nodeId?: string;
  edgeId?: string;
  rule: ProblemRule;
  message: string;
  /** Where in the node, e.g. `config.headers[0].value`. */
  path?: string;
}

export interface ValidationContext {
  /**
   * Labels of the workspace's custom fields. When given, every `[Label]` in a
   * templated config field must be one of these or a built-in.
   */
  knownMergeFields?: readonly string[];
}

/** A node whose type and config passed: the only ones outputs can be asked of. */
interface CheckedNode {
  id: string;
  definition: AnyNodeDefinition;
  config: unknown;
}

export function validateGraph(graph: GraphDraft, context: ValidationContext = {}): Problem[] {
  const problems: Problem[] = [];
  const nodeIds = new Set(graph.nodes.map((node) => node.id));

  if (graph.nodes.length > MAX_NODES) {
    problems.push({
      rule: 'too-many-nodes',
      message: `A campaign can have at most ${MAX_NODES} elements; this one has ${graph.nodes.length}`,
    });
  }

  problems.push(...duplicateIds(graph));

  const checked = new Map<string, CheckedNode>();
  for (const node of graph.nodes) {
    const definition = nodeDefinition(node.type);
    if (!definition) {
      problems.push({
        nodeId: node.id,
        rule: 'unknown-type',
        message: `Unknown element type "${node.type}"`,
      });
      continue;
    }
    const parsed = definition.configSchema.safeParse(node.data?.config);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          nodeId: node.id,
          rule: 'bad-config',
          message: issue.message,
          path: formatPath(['config', ...issue.path]),
        });
      }
      continue;
    }
    problems.push(...templateSyntax(node.id, definition, parsed.data));
    if (!checked.has(node.id))
      checked.set(node.id, { id: node.id, definition, config: parsed.data });
  }

  const typeOf = new Map(graph.nodes.map((node) => [node.id, node.type]));
  const soundEdges: Edge[] = [];
  for (const edge of graph.edges) {
    const missing = [edge.source, edge.target].filter((id) => !nodeIds.has(id));
    if (missing.length > 0) {
      problems.push({
        edgeId: edge.id,
        rule: 'dangling-edge',
        message: `This connection points to an element that does not exist (${missing.join(', ')})`,
      });
      continue;
    }
    soundEdges.push(edge);
    if (typeOf.get(edge.target)?.startsWith('trigger.')) {
      problems.push({
        edgeId: edge.id,
        nodeId: edge.target,
        rule: 'edge-into-trigger',
        message: 'Nothing can lead into a trigger: contacts enter a campaign there',
      });
    }
  }

  problems.push(...outputProblems(graph, checked, soundEdges));

  if (!graph.nodes.some((node) => node.type.startsWith('trigger.'))) {
    problems.push({
      rule: 'no-trigger',
      message: 'Add a trigger: without one no contact can enter',
    });
  }

  problems.push(...unreachable(graph, checked, soundEdges));
  problems.push(...cyclesWithoutWait(graph, soundEdges));

  if (context.knownMergeFields) {
    problems.push(...unknownMergeFields(graph, checked, context.knownMergeFields));
  }
  // By rule (PROBLEM_RULES order), then graph order: Array.prototype.sort is stable.
  return problems.sort((a, b) => PROBLEM_RULES.indexOf(a.rule) - PROBLEM_RULES.indexOf(b.rule));
}

function duplicateIds(graph: GraphDraft): Problem[] {
  const problems: Problem[] = [];
  const seenNodes = new Set<string>();
  for (const node of graph.nodes) {
    if (seenNodes.has(node.id)) {
      problems.push({
        nodeId: node.id,
        rule: 'duplicate-id',
        message: `Two elements share the id "${node.id}"`,
      });
    }
    seenNodes.add(node.id);
  }
  const seenEdges = new Set<string>();
  for (const edge of graph.edges) {
    if (seenEdges.has(edge.id)) {
      problems.push({
        edgeId: edge.id,
        rule: 'duplicate-id',
        message: `Two connections share the id "${edge.id}"`,
      });
    }
    seenEdges.add(edge.id);
  }
  return problems;
}

/**
 * Each output leads to at most one element (a contact is in one place), a
 * condition needs both its yes and no, a split one edge per branch, and an
 * edge may only leave from an output the element has.
 */
function outputProblems(
  graph: GraphDraft,
  checked: Map<string, CheckedNode>,
  edges: Edge[],
): Problem[] {
  const problems: Problem[] = [];
  const edgesBySource = groupBy(edges, (edge) => edge.source);
  for (const node of uniqueById(graph.nodes)) {
    const checkedNode = checked.get(node.id);
    if (!checkedNode) continue;
    const outputs = checkedNode.definition.outputs(checkedNode.config);
    const used = new Set<OutputHandle>();
    for (const edge of edgesBySource.get(node.id) ?? []) {
      const handle = outputOf(edge);
      if (!outputs.includes(handle)) {
        problems.push({
          nodeId: node.id,
          edgeId: edge.id,
          rule: 'extra-output',
          message:
            outputs.length === 0
              ? `"${checkedNode.definition.label}" ends the campaign: nothing can follow it`
              : `This element has no ${describeOutput(handle)}`,
        });
      } else if (used.has(handle)) {
        problems.push({
          nodeId: node.id,
          edgeId: edge.id,
          rule: 'extra-output',
          message: `Only one connection can leave ${describeOutput(handle)}`,
        });
      }
      used.add(handle);
    }
    if (checkedNode.definition.group === 'filter') {
      for (const output of outputs) {
        if (!used.has(output)) {
          problems.push({
            nodeId: node.id,
            rule: 'missing-output',
            message: `Connect ${describeOutput(output)}: contacts taking it would have nowhere to go`,
          });
        }
      }
    }
  }
  return problems;
}

/** Contacts enter at triggers and at goals with allowEntry; everything else must be downstream. */
function unreachable(
  graph: GraphDraft,
  checked: Map<string, CheckedNode>,
  edges: Edge[],
): Problem[] {
  const entries = graph.nodes.filter((node) => {
    if (node.type.startsWith('trigger.')) return true;
    const config = checked.get(node.id)?.config as { allowEntry?: boolean } | undefined;
    return node.type.startsWith('goal.') && config?.allowEntry === true;
  });
  const next = groupBy(edges, (edge) => edge.source);
  const reached = new Set(entries.map((node) => node.id));
  const queue = [...reached];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const edge of next.get(id) ?? []) {
      if (!reached.has(edge.target)) {
        reached.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return uniqueById(graph.nodes)
    .filter((node) => !reached.has(node.id))
    .map((node) => ({
      nodeId: node.id,
      rule: 'unreachable' as const,
      message:
        'No contact can reach this element: connect it below a trigger, or let contacts enter at this goal',
    }));
}

/**
 * A loop a contact could run round without ever waiting would spin forever:
 * every cycle must pass a wait. Cycles are found among the non-wait elements
 * (strongly connected components, Tarjan); each one found is a problem,
 * reported on its first element in graph order.
 */
function cyclesWithoutWait(graph: GraphDraft, edges: Edge[]): Problem[] {
  const order = new Map<string, number>();
  graph.nodes.forEach((node, index) => {
    if (!node.type.startsWith('wait.') && !order.has(node.id)) order.set(node.id, index);
  });
  const next = new Map<string, string[]>();
  const selfLoops = new Set<string>();
  for (const edge of edges) {
    if (!order.has(edge.source) || !order.has(edge.target)) continue;
    if (edge.source === edge.target) selfLoops.add(edge.source);
    next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  }

  const components = stronglyConnectedComponents([...order.keys()], (id) => next.get(id) ?? []);
  return components
    .filter((component) => component.length > 1 || selfLoops.has(component[0]))
    .map((component) => component.sort((a, b) => order.get(a)! - order.get(b)!))
    .sort((a, b) => order.get(a[0])! - order.get(b[0])!)
    .map((component) => ({
      nodeId: component[0],
      rule: 'cycle-without-wait' as const,
      message: `These elements form a loop with no wait in it: ${component.join(' -> ')}. Add a wait to the loop`,
    }));
}

/** Tarjan's algorithm, iterative so a long chain cannot overflow the stack. */
function stronglyConnectedComponents(ids: string[], next: (id: string) => string[]): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];

  for (const root of ids) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; children: string[]; at: number }> = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, children: next(id), at: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.at < frame.children.length) {
        const child = frame.children[frame.at++];
        if (!index.has(child)) open(child);
        else if (onStack.has(child))
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        components.push(component);
      }
    }
  }
  return components;
}

function templateSyntax(nodeId: string, definition: AnyNodeDefinition, config: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const field of definition.templatedFields?.(config) ?? []) {
    try {
      findMergeFields(field.source);
    } catch (error) {
      if (!isTemplateError(error)) throw error;
      problems.push({ nodeId, rule: 'bad-config', message: error.message, path: field.path });
    }
  }
  return problems;
}

function unknownMergeFields(
  graph: GraphDraft,
  checked: Map<string, CheckedNode>,
  knownLabels: readonly string[],
): Problem[] {
  const problems: Problem[] = [];
  for (const node of uniqueById(graph.nodes)) {
    const checkedNode = checked.get(node.id);
    if (!checkedNode) continue;
    for (const field of checkedNode.definition.templatedFields?.(checkedNode.config) ?? []) {
      let uses;
      try {
        uses = findMergeFields(field.source, { knownLabels });
      } catch {
        continue; // reported as bad-config already
      }
      for (const use of uses.filter((u) => !u.known)) {
        problems.push({
          nodeId: node.id,
          rule: 'unknown-merge-field',
          message: `Unknown merge field [${use.label}]`,
          path: field.path,
        });
      }
    }
  }
  return problems;
}

/** `['config', 'headers', 0, 'value']` -> `config.headers[0].value`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

/** With duplicate ids (reported once as duplicate-id), the first node of an id stands for it. */
function uniqueById<T extends { id: string }>(nodes: readonly T[]): T[] {
  const seen = new Set<string>();
  return nodes.filter((node) => !seen.has(node.id) && !!seen.add(node.id));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
