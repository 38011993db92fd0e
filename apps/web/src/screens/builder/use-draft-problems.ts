import { type GraphDraft, type Problem, validateGraph } from '@tideway/graph';
import { useDeferredValue, useMemo } from 'react';
import { problemsByNode } from './canvas-decorations';
import { useCustomFields } from './config/builder-fields';
import { withoutSavedSecretProblems } from './config/saved-secrets';

/**
 * The draft's problems as the marketer edits, from the same validateGraph the
 * API runs on save and publish. It reads the graph's structure, which a drag
 * leaves as it is (validation reads no positions), and is deferred so typing
 * in a large campaign stays responsive.
 */
export function useDraftProblems(structure: GraphDraft) {
  const customFields = useCustomFields();
  const deferredGraph = useDeferredValue(structure);
  const knownMergeFields = useMemo(() => customFields.map((field) => field.label), [customFields]);
  const problems = useMemo(
    () => problemsOf(deferredGraph, knownMergeFields),
    [deferredGraph, knownMergeFields],
  );
  const problemsById = useMemo(() => problemsByNode(problems), [problems]);
  return { problems, problemsById, knownMergeFields };
}

/** validateGraph's problems, but those about a saved secret (a placeholder the server checks in its place). */
export function problemsOf(graph: GraphDraft, knownMergeFields: readonly string[]): Problem[] {
  return withoutSavedSecretProblems(graph, validateGraph(graph, { knownMergeFields }));
}
