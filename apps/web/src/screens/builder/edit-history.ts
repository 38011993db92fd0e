import type { FlowState } from './flow-graph';

/** Undo / redo as two stacks of whole canvas states (React Flow objects are immutable, so a state is cheap). */
export interface EditHistory {
  past: FlowState[];
  future: FlowState[];
  /** Edits with the same key in a row (typing in one field) make one undo step. */
  lastKey: string | null;
}

export const MAX_UNDO = 100;

export const emptyHistory = (): EditHistory => ({ past: [], future: [], lastKey: null });

/** Remembers `before`, the state an edit is about to change. */
export function recordEdit(history: EditHistory, before: FlowState, key: string | null = null): EditHistory {
  if (key !== null && key === history.lastKey) return { ...history, future: [] };
  return { past: [...history.past.slice(-(MAX_UNDO - 1)), before], future: [], lastKey: key };
}

export function undoEdit(history: EditHistory, current: FlowState): { history: EditHistory; state: FlowState } | null {
  const previous = history.past.at(-1);
  if (!previous) return null;
  return {
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: null },
    state: previous,
  };
}

export function redoEdit(history: EditHistory, current: FlowState): { history: EditHistory; state: FlowState } | null {
  const [next, ...rest] = history.future;
  if (!next) return null;
  return { history: { past: [...history.past, current], future: rest, lastKey: null }, state: next };
}
