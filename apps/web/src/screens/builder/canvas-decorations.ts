import type { Problem } from '@tideway/graph';
import { createContext, useContext, useLayoutEffect, useState } from 'react';
import type { DiffStatus } from './diff-overlay';
import { useSelectedValue, ValueStore } from './value-store';

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

/** What one node shows of the decorations. */
export interface NodeDecorations {
  problems: readonly Problem[];
  /** Contacts on the node now; undefined while the campaign can have none. */
  count: number | undefined;
  /** Its index in the test run's path, if the run passed it. */
  step: number | undefined;
  diff: DiffStatus | undefined;
  readOnly: boolean;
}

export const EMPTY_DECORATIONS: CanvasDecorations = {
  counts: null,
  problems: {},
  onPath: {},
  diff: null,
  readOnly: false,
};

const NO_PROBLEMS: readonly Problem[] = [];

/*
 * The decorations reach the nodes through a store rather than as a context
 * value: each node subscribes to its own entry, so a new validation, test run
 * or live count (polled every few seconds) re-renders the nodes whose marks
 * changed, not every node of a 300-node campaign.
 */
export const CanvasDecorationsContext = createContext(
  new ValueStore<CanvasDecorations>(EMPTY_DECORATIONS),
);

/**
 * The store the canvas's nodes read `decorations` from. It is updated before
 * the browser paints (a layout effect), as a context value would be.
 */
export function useCanvasDecorationsStore(
  decorations: CanvasDecorations,
): ValueStore<CanvasDecorations> {
  const [store] = useState(() => new ValueStore(decorations));
  useLayoutEffect(() => store.set(decorations), [store, decorations]);
  return store;
}

/** The decorations of one node: the same object for as long as they stay the same. */
export function useNodeDecorations(nodeId: string): NodeDecorations {
  const store = useContext(CanvasDecorationsContext);
  return useSelectedValue(
    store,
    (decorations) => ({
      problems: decorations.problems[nodeId] ?? NO_PROBLEMS,
      count: decorations.counts ? (decorations.counts[nodeId] ?? 0) : undefined,
      step: decorations.onPath[nodeId],
      diff: decorations.diff?.[nodeId],
      readOnly: decorations.readOnly,
    }),
    sameNodeDecorations,
  );
}

function sameNodeDecorations(a: NodeDecorations, b: NodeDecorations): boolean {
  return (
    a.problems === b.problems &&
    a.count === b.count &&
    a.step === b.step &&
    a.diff === b.diff &&
    a.readOnly === b.readOnly
  );
}

export function problemsByNode(problems: readonly Problem[]): Record<string, Problem[]> {
  const byNode: Record<string, Problem[]> = {};
  for (const problem of problems) {
    if (problem.nodeId) (byNode[problem.nodeId] ??= []).push(problem);
  }
  return byNode;
}
