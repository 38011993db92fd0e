/**
 * A node's outputs are the handles edges leave it from. Nodes with a single
 * way on (triggers, goals, actions, waits) have one unnamed output, written
 * DEFAULT_OUTPUT (`null`): an edge leaves it with no `sourceHandle` (absent
 * or null, as React Flow sends it). `filter.condition` has `yes` / `no`,
 * `split.random` one output per branch id, `end` none.
 */
export const DEFAULT_OUTPUT = null;

export type OutputHandle = string | typeof DEFAULT_OUTPUT;

/** The output an edge leaves from: its sourceHandle, or the default output. */
export function outputOf(edge: { sourceHandle?: string | null }): OutputHandle {
  return edge.sourceHandle ?? DEFAULT_OUTPUT;
}

export function describeOutput(handle: OutputHandle): string {
  return handle === DEFAULT_OUTPUT ? 'its output' : `output "${handle}"`;
}
