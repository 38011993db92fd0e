import type { GraphDraft, Problem } from '@tideway/graph';
import { getAt } from './config-form-state';

/**
 * What the API answers in place of a saved secret (a webhook's password,
 * token, signing secret or credential header; libs/server graph-secrets.ts).
 * Sent back untouched, it keeps the saved value, so the builder leaves it in
 * the config as it is and only shows it as "saved".
 */
export const SAVED_SECRET = '[redacted]';

export const isSavedSecret = (value: unknown): boolean => value === SAVED_SECRET;

/**
 * Config issues (`{path: message}`) without those about a saved secret: the
 * placeholder is not the value (a signing secret's format, a header's merge
 * fields), and the server checks the saved value in its place.
 */
export function withoutSavedSecretIssues(config: unknown, issues: Record<string, string>): Record<string, string> {
  const kept = Object.entries(issues).filter(([path]) => path === '' || !isSavedSecret(getAt(config, path)));
  return kept.length === Object.keys(issues).length ? issues : Object.fromEntries(kept);
}

/** validateGraph's problems without those about a saved secret (see withoutSavedSecretIssues). */
export function withoutSavedSecretProblems(graph: GraphDraft, problems: Problem[]): Problem[] {
  const configs = new Map<string, unknown>();
  for (const node of graph.nodes) if (!configs.has(node.id)) configs.set(node.id, node.data?.config);
  return problems.filter(({ nodeId, path }) => {
    if (nodeId === undefined || !path?.startsWith('config.')) return true;
    return !isSavedSecret(getAt(configs.get(nodeId), path.slice('config.'.length)));
  });
}
