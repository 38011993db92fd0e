import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import type { GraphDraft } from '@tideway/graph';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { type EditHistory, emptyHistory, recordEdit, redoEdit, undoEdit } from './edit-history';
import {
  type FlowEdge,
  type FlowNode,
  type FlowState,
  flowToGraph,
  graphFingerprint,
  graphToFlow,
  positionsFingerprint,
  sameStructure,
} from './flow-graph';
import { useSelectedValue, ValueStore } from './value-store';

/**
 * The draft on the canvas: React Flow's nodes and edges (in a ValueStore, so
 * that moving a node re-renders the canvas only), undo / redo, and whether
 * anything differs from the last saved revision.
 */
export function useEditorState(initial: GraphDraft) {
  const [draft] = useState(() => new ValueStore<FlowState>(graphToFlow(initial)));
  const [history, setHistory] = useState<EditHistory>(emptyHistory);
  const [saved, setSaved] = useState(() =>
    graphFingerprint(flowToGraph(draft.get().nodes, draft.get().edges)),
  );

  // The graph as of its last change other than moving, measuring or selecting: what validation
  // reads (it never reads positions), so dragging a node does not revalidate the campaign on
  // every frame and the problems (and every node showing them) stay as they are.
  const structureCache = useRef<{ flow: FlowState; graph: GraphDraft } | null>(null);
  const structure = useSelectedValue(draft, (flow) => {
    const cached = structureCache.current;
    if (cached && (cached.flow === flow || sameStructure(cached.flow, flow))) return cached.graph;
    structureCache.current = { flow, graph: flowToGraph(flow.nodes, flow.edges) };
    return structureCache.current.graph;
  });
  // Compared in two parts, so that a drag frame fingerprints the positions only.
  const structureFingerprint = useMemo(() => graphFingerprint(structure).structure, [structure]);
  const dirty = useSelectedValue(
    draft,
    (flow) =>
      structureFingerprint !== saved.structure ||
      positionsFingerprint(flow.nodes) !== saved.positions,
  );

  /** Changes the canvas as one undoable edit; `key` joins consecutive edits of one field. */
  const edit = useCallback(
    (change: (current: FlowState) => FlowState, key: string | null = null) => {
      const before = draft.get();
      const after = change(before);
      if (after === before) return;
      setHistory((current) => recordEdit(current, before, key));
      draft.set(after);
    },
    [draft],
  );

  // The steps of a drag since the last frame, applied together in the next one (see onNodesChange).
  const dragSteps = useRef<{ changes: NodeChange<FlowNode>[]; frame: number } | null>(null);

  useEffect(
    () => () => {
      if (dragSteps.current) cancelAnimationFrame(dragSteps.current.frame);
    },
    [],
  );

  const applyNodeChangesNow = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const current = draft.get();
      draft.set({ ...current, nodes: applyNodeChanges(changes, current.nodes) });
    },
    [draft],
  );

  /**
   * React Flow's node changes. The steps of a drag (from React Flow's pointer
   * listener, outside React) are gathered and rendered at once in the next
   * animation frame, so React Flow gets the moved node (in an effect of that
   * render) before the frame is drawn. Left to React's scheduler, a 300-node
   * canvas showed the node moving in every other frame only. Any other change
   * first applies the steps still waiting, in order.
   */
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const waiting = dragSteps.current;
      if (
        changes.length > 0 &&
        changes.every((change) => change.type === 'position' && change.dragging)
      ) {
        if (waiting) {
          waiting.changes.push(...changes);
          return;
        }
        const steps = { changes: [...changes], frame: 0 };
        steps.frame = requestAnimationFrame(() => {
          dragSteps.current = null;
          flushSync(() => applyNodeChangesNow(steps.changes));
        });
        dragSteps.current = steps;
        return;
      }
      if (waiting) {
        cancelAnimationFrame(waiting.frame);
        dragSteps.current = null;
      }
      applyNodeChangesNow(waiting ? [...waiting.changes, ...changes] : changes);
    },
    [applyNodeChangesNow],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      const current = draft.get();
      draft.set({ ...current, edges: applyEdgeChanges(changes, current.edges) });
    },
    [draft],
  );

  /**
   * Before a drag moves nodes, or React Flow deletes a selection (nodes and
   * their edges arrive as two change batches), so either is one undo step.
   * The state is read now: updater functions run later, after the change.
   */
  const markBeforeChange = useCallback(() => {
    const before = draft.get();
    setHistory((current) => recordEdit(current, before));
  }, [draft]);

  const undo = useCallback(() => {
    const result = undoEdit(history, draft.get());
    if (!result) return;
    setHistory(result.history);
    draft.set(result.state);
  }, [draft, history]);

  const redo = useCallback(() => {
    const result = redoEdit(history, draft.get());
    if (!result) return;
    setHistory(result.history);
    draft.set(result.state);
  }, [draft, history]);

  /** After a save: what is on the canvas is what the server has. */
  const markSaved = useCallback(
    (savedGraph: GraphDraft) => setSaved(graphFingerprint(savedGraph)),
    [],
  );

  /** The canvas as the API saves it. */
  const currentGraph = useCallback(
    () => flowToGraph(draft.get().nodes, draft.get().edges),
    [draft],
  );

  /** Replaces the canvas with a graph from the server (reload, restore); not undoable. */
  const reset = useCallback(
    (next: GraphDraft) => {
      const state = graphToFlow(next);
      draft.set(state);
      setHistory(emptyHistory());
      setSaved(graphFingerprint(flowToGraph(state.nodes, state.edges)));
    },
    [draft],
  );

  return {
    draft,
    currentGraph,
    structure,
    dirty,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    edit,
    onNodesChange,
    onEdgesChange,
    markBeforeChange,
    undo,
    redo,
    markSaved,
    reset,
    current: draft.get,
  };
}

export type EditorState = ReturnType<typeof useEditorState>;
