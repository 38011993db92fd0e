import type { ComponentProps } from 'react';
import { BuilderCanvas } from './builder-canvas';
import type { DiffStatus } from './diff-overlay';
import type { FlowState } from './flow-graph';
import { useDecoratedFlow } from './use-decorated-flow';
import { useStoreValue, type ValueStore } from './value-store';

type CanvasProps = Omit<ComponentProps<typeof BuilderCanvas>, 'nodes' | 'edges'>;

/**
 * The canvas of the draft, or of a revision or diff shown read-only in its
 * place. It subscribes to the draft itself: a drag re-renders the canvas on
 * every frame, and the builder around it not at all.
 */
export function DraftCanvas({
  draft,
  readOnlyFlow,
  onPath,
  path,
  edgeStatus,
  ...canvas
}: CanvasProps & {
  draft: ValueStore<FlowState>;
  /** A revision or diff shown instead of the draft. */
  readOnlyFlow: FlowState | null;
  onPath: Record<string, number>;
  path: readonly string[];
  edgeStatus: Record<string, DiffStatus> | null;
}) {
  const flow = useStoreValue(draft);
  const shown = useDecoratedFlow({
    nodes: (readOnlyFlow ?? flow).nodes,
    edges: (readOnlyFlow ?? flow).edges,
    onPath,
    path,
    edgeStatus,
  });
  return <BuilderCanvas nodes={shown.nodes} edges={shown.edges} {...canvas} />;
}
