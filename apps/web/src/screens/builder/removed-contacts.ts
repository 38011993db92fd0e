import type { GraphDraft } from '@tideway/graph';
import { diffGraphs } from '@tideway/graph';
import type { NodeStats } from '../../api/campaigns';

/**
 * Contacts sitting on elements that publishing `next` would remove: the
 * publish dialog asks what to do with them (leave the campaign, or finish
 * the revision they are on).
 */
export function contactsOnRemovedNodes(
  published: GraphDraft,
  next: GraphDraft,
  stats: Record<string, NodeStats>,
): { total: number; nodes: { id: string; type: string; label?: string; current: number }[] } {
  const removed = diffGraphs(published, next).nodes.removed;
  const nodes = removed
    .map((node) => ({ id: node.id, type: node.type, label: node.data?.label, current: stats[node.id]?.current ?? 0 }))
    .filter((node) => node.current > 0);
  return { total: nodes.reduce((sum, node) => sum + node.current, 0), nodes };
}
