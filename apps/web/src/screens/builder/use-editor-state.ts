import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import type { GraphDraft } from '@tideway/graph';
import { useCallback, useMemo, useRef, useState } from 'react';
import { type EditHistory, emptyHistory, recordEdit, redoEdit, undoEdit } from './edit-history';
import { type FlowEdge, type FlowNode, type FlowState, flowToGraph, graphFingerprint, graphToFlow } from './flow-graph';

/**
 * The draft on the canvas: React Flow's nodes and edges, undo / redo, and
 * whether anything differs from the last saved revision.
 */
export function useEditorState(initial: GraphDraft) {
  const [flow, setFlow] = useState<FlowState>(() => graphToFlow(initial));
  const [history, setHistory] = useState<EditHistory>(emptyHistory);
  const [savedFingerprint, setSavedFingerprint] = useState(() => graphFingerprint(flowToGraph(graphToFlow(initial).nodes, graphToFlow(initial).edges)));
  const flowRef = useRef(flow);
  flowRef.current = flow;

  const graph = useMemo(() => flowToGraph(flow.nodes, flow.edges), [flow.nodes, flow.edges]);
  const dirty = useMemo(() => graphFingerprint(graph) !== savedFingerprint, [graph, savedFingerprint]);

  /** Changes the canvas as one undoable edit; `key` joins consecutive edits of one field. */
  const edit = useCallback((change: (current: FlowState) => FlowState, key: string | null = null) => {
    const before = flowRef.current;
    const after = change(before);
    if (after === before) return;
    setHistory((current) => recordEdit(current, before, key));
    flowRef.current = after;
    setFlow(after);
  }, []);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    setFlow((current) => {
      const next = { ...current, nodes: applyNodeChanges(changes, current.nodes) };
      flowRef.current = next;
      return next;
    });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    setFlow((current) => {
      const next = { ...current, edges: applyEdgeChanges(changes, current.edges) };
      flowRef.current = next;
      return next;
    });
  }, []);

  /**
   * Before a drag moves nodes, or React Flow deletes a selection (nodes and
   * their edges arrive as two change batches), so either is one undo step.
   * The state is read now: updater functions run later, after the change.
   */
  const markBeforeChange = useCallback(() => {
    const before = flowRef.current;
    setHistory((current) => recordEdit(current, before));
  }, []);

  const undo = useCallback(() => {
    const result = undoEdit(history, flowRef.current);
    if (!result) return;
    setHistory(result.history);
    flowRef.current = result.state;
    setFlow(result.state);
  }, [history]);

  const redo = useCallback(() => {
    const result = redoEdit(history, flowRef.current);
    if (!result) return;
    setHistory(result.history);
    flowRef.current = result.state;
    setFlow(result.state);
  }, [history]);

  /** After a save: what is on the canvas is what the server has. */
  const markSaved = useCallback((saved: GraphDraft) => setSavedFingerprint(graphFingerprint(saved)), []);

  /** Replaces the canvas with a graph from the server (reload, restore); not undoable. */
  const reset = useCallback((next: GraphDraft) => {
    const state = graphToFlow(next);
    flowRef.current = state;
    setFlow(state);
    setHistory(emptyHistory());
    setSavedFingerprint(graphFingerprint(flowToGraph(state.nodes, state.edges)));
  }, []);

  return {
    nodes: flow.nodes,
    edges: flow.edges,
    graph,
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
    current: () => flowRef.current,
  };
}

export type EditorState = ReturnType<typeof useEditorState>;
