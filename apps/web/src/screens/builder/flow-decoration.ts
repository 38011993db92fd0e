import type { DiffStatus } from './diff-overlay';
import type { FlowEdge } from './flow-graph';

/** The attributes other programs find canvas nodes by (issue 6's test ids). */
export function nodeDomAttributes(nodeId: string, onPath: boolean): Record<string, string> {
  return onPath ? { 'data-testid': `node-${nodeId}`, 'data-on-path': 'true' } : { 'data-testid': `node-${nodeId}` };
}

/** An edge the test run took (consecutive steps of the path), or one the diff added or removed. */
export function edgeDecoration(edge: FlowEdge, path: readonly string[], edgeStatus: Record<string, DiffStatus> | null): FlowEdge {
  const taken = path.some((nodeId, index) => nodeId === edge.source && path[index + 1] === edge.target);
  const status = edgeStatus?.[edge.id];
  const className = [taken ? 'flow-edge--on-path' : '', status && status !== 'unchanged' ? `flow-edge--${status}` : ''].filter(Boolean).join(' ');
  if (!className) return edge;
  return { ...edge, className, animated: taken || undefined };
}
