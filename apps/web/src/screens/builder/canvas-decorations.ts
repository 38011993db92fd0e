import { createContext, useContext } from 'react';
import type { Problem } from '@tideway/graph';
import type { DiffStatus } from './diff-overlay';

/**
 * What the canvas shows on top of the graph, by node id: live counts, problems,
 * the test-run path, the diff status. Kept out of node data so none of it is
 * ever saved.
 */
export interface CanvasDecorations {
  /** Contacts on each element now, while the campaign can have any; an element not listed has none. */
  counts: Record<string, number> | null;
  problems: Record<string, Problem[]>;
  onPath: Record<string, number>;
  diff: Record<string, DiffStatus> | null;
  readOnly: boolean;
}

export const EMPTY_DECORATIONS: CanvasDecorations = {
  counts: null,
  problems: {},
  onPath: {},
  diff: null,
  readOnly: false,
};

export const CanvasDecorationsContext = createContext<CanvasDecorations>(EMPTY_DECORATIONS);

export const useCanvasDecorations = () => useContext(CanvasDecorationsContext);

export function problemsByNode(problems: readonly Problem[]): Record<string, Problem[]> {
  const byNode: Record<string, Problem[]> = {};
  for (const problem of problems) {
    if (problem.nodeId) (byNode[problem.nodeId] ??= []).push(problem);
  }
  return byNode;
}
