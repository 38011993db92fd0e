/**
 * Secrets in campaign graphs (API.md: "Secrets and passwords are never
 * returned in full by the API"). Send a Webhook keeps credentials in its
 * config; every answer that carries a graph shows them as REDACTED, and a
 * graph sent back with REDACTED where a secret was gets the stored value
 * again, so a client can save what it was given without knowing the secrets.
 *
 * Pure: no I/O, inputs are never changed. Configs are read defensively (a
 * draft may hold anything): only non-empty strings at a secret place count.
 *
 * Secret places, relative to `data.config`, for any node type:
 * - `auth.password` (Basic), `auth.token` (Bearer), `secret` (whsec_ signing secret);
 * - `headers[i].value` when the header's name is a credential's: Authorization,
 *   Proxy-Authorization, Cookie, X-Api-Key, or one matching
 *   /token|secret|password|api[-_]?key/i (the delivery log's rule too).
 */
import { formatPath, type FieldChange, type GraphDiff } from '@tideway/graph';

/** What a secret reads as in an answer; sent back, it stands for the stored value. */
export const REDACTED = '[redacted]';

/** A place in a node's `data.config`: `['auth', 'password']`, `['headers', 2, 'value']`. */
export type SecretPath = (string | number)[];

/** A placeholder that had nothing to stand for: no node of that id, or no secret at that place. */
export type UnresolvedSecret = {
  nodeId: string;
  /** The node's index in the incoming graph. */
  nodeIndex: number;
  /** Within `data.config`, formatted: `auth.password`, `headers[0].value`. */
  path: string;
};

type Json = Record<string, unknown>;
type GraphLike = { nodes: unknown[]; edges?: unknown[] };

const SECRET_HEADER_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);
const SECRET_HEADER_PATTERN = /token|secret|password|api[-_]?key/i;

/** Whether a header of this name carries a credential, so its value is a secret. */
export function isSecretHeaderName(name: unknown): boolean {
  if (typeof name !== 'string') return false;
  const lower = name.trim().toLowerCase();
  return SECRET_HEADER_NAMES.has(lower) || SECRET_HEADER_PATTERN.test(lower);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSecretValue(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function configOf(node: unknown): Json | undefined {
  if (!isObject(node) || !isObject(node['data'])) return undefined;
  const config = node['data']['config'];
  return isObject(config) ? config : undefined;
}

function nodesOf(graph: unknown): unknown[] {
  return isObject(graph) && Array.isArray(graph['nodes']) ? graph['nodes'] : [];
}

function nodeIdOf(node: unknown): string | undefined {
  return isObject(node) && typeof node['id'] === 'string' ? node['id'] : undefined;
}

/** The places in `config` that hold a secret now (a non-empty string), in a stable order. */
export function secretPaths(config: unknown): SecretPath[] {
  if (!isObject(config)) return [];
  const paths: SecretPath[] = [];
  const auth = config['auth'];
  if (isObject(auth)) {
    if (isSecretValue(auth['password'])) paths.push(['auth', 'password']);
    if (isSecretValue(auth['token'])) paths.push(['auth', 'token']);
  }
  if (isSecretValue(config['secret'])) paths.push(['secret']);
  const headers = config['headers'];
  if (Array.isArray(headers)) {
    headers.forEach((header, index) => {
      if (isObject(header) && isSecretHeaderName(header['name']) && isSecretValue(header['value'])) {
        paths.push(['headers', index, 'value']);
      }
    });
  }
  return paths;
}

function getIn(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** Sets an existing leaf of a tree this module copied (every secret path ends in an object key). */
function setIn(root: unknown, path: readonly (string | number)[], value: unknown): void {
  const parent = getIn(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]] = value;
}

/** A copy of a node with its secrets replaced by REDACTED; anything else is copied as is. */
export function redactNodeSecrets<N>(node: N): N {
  const copy = structuredClone(node);
  const config = configOf(copy);
  for (const path of secretPaths(config)) setIn(config, path, REDACTED);
  return copy;
}

/** A deep copy of `graph` with every secret replaced by REDACTED; same shape, everything else kept. */
export function redactGraphSecrets<G>(graph: G): G {
  const copy = structuredClone(graph);
  for (const node of nodesOf(copy)) {
    const config = configOf(node);
    for (const path of secretPaths(config)) setIn(config, path, REDACTED);
  }
  return copy;
}

/**
 * `incoming` with each REDACTED at a secret place replaced by the stored
 * value from the node of the same id in `source` (the campaign's latest
 * draft; null when there is none, e.g. a new campaign). Placeholders with
 * nothing to stand for are listed in `unresolved` and left as they are.
 *
 * Header values are matched by header name, so reordering or adding headers
 * keeps each secret with its header: the source header at the same index when
 * it has the same name, else the first source header of that name, else (a
 * renamed header) the source header at the same index if it held a secret
 * and its name is no longer used.
 */
export function restoreGraphSecrets<G>(
  incoming: G,
  source: GraphLike | null | undefined,
): { graph: G; unresolved: UnresolvedSecret[] } {
  const graph = structuredClone(incoming);
  const sourceNodes = new Map<string, unknown>();
  for (const node of nodesOf(source)) {
    const id = nodeIdOf(node);
    if (id !== undefined && !sourceNodes.has(id)) sourceNodes.set(id, node);
  }
  const unresolved: UnresolvedSecret[] = [];
  nodesOf(graph).forEach((node, nodeIndex) => {
    const config = configOf(node);
    if (!config) return;
    const placeholders = secretPaths(config).filter((path) => getIn(config, path) === REDACTED);
    if (placeholders.length === 0) return;
    const nodeId = nodeIdOf(node) ?? '';
    const stored = configOf(sourceNodes.get(nodeId));
    for (const path of placeholders) {
      const value = stored ? storedSecret(config, stored, path) : undefined;
      if (value === undefined) unresolved.push({ nodeId, nodeIndex, path: formatPath(path) });
      else setIn(config, path, value);
    }
  });
  return { graph, unresolved };
}

/** The stored secret a placeholder at `path` of `config` stands for, if `stored` has one. */
function storedSecret(config: Json, stored: Json, path: SecretPath): string | undefined {
  const held = new Set(secretPaths(stored).map((p) => formatPath(p)));
  const at = (p: SecretPath) => (held.has(formatPath(p)) ? (getIn(stored, p) as string) : undefined);
  if (path[0] !== 'headers') return at(path);

  const index = path[1] as number;
  const name = String(getIn(config, ['headers', index, 'name'])).trim().toLowerCase();
  const headers = Array.isArray(stored['headers']) ? stored['headers'] : [];
  const nameAt = (i: number) => {
    const header: unknown = headers[i];
    return isObject(header) && typeof header['name'] === 'string' ? header['name'].trim().toLowerCase() : undefined;
  };
  if (nameAt(index) === name && at(path) !== undefined) return at(path);
  const sameName = headers.findIndex((_, i) => nameAt(i) === name && at(['headers', i, 'value']) !== undefined);
  if (sameName !== -1) return at(['headers', sameName, 'value']);
  // Renamed: the stored header at this place has a name the incoming headers no longer use.
  const incoming = Array.isArray(config['headers']) ? config['headers'] : [];
  const renamed = !incoming.some(
    (header) => isObject(header) && typeof header['name'] === 'string' && header['name'].trim().toLowerCase() === nameAt(index),
  );
  return renamed ? at(path) : undefined;
}

/**
 * A diff of two stored graphs as an answer may show it: added and removed
 * nodes redacted, and in `changed` every before / after that is (or holds) a
 * secret shown as REDACTED. A changed secret is still listed, so people see
 * that it changed, just not what it was or became.
 */
export function redactDiffSecrets<N>(
  diff: GraphDiff<N>,
  before: GraphLike,
  after: GraphLike,
): GraphDiff<N> {
  const beforeNodes = firstById(before);
  const afterNodes = firstById(after);
  return {
    ...diff,
    nodes: {
      ...diff.nodes,
      added: diff.nodes.added.map(redactNodeSecrets),
      removed: diff.nodes.removed.map(redactNodeSecrets),
      changed: diff.nodes.changed.map(({ id, fields }) => {
        const was = redactedValuesByPath(beforeNodes.get(id));
        const is = redactedValuesByPath(afterNodes.get(id));
        return {
          id,
          fields: fields.map(
            (field): FieldChange => ({
              path: field.path,
              before: shown(field.path, field.before, was),
              after: shown(field.path, field.after, is),
            }),
          ),
        };
      }),
    },
  };
}

function firstById(graph: GraphLike): Map<string, unknown> {
  const nodes = new Map<string, unknown>();
  for (const node of nodesOf(graph)) {
    const id = nodeIdOf(node);
    if (id !== undefined && !nodes.has(id)) nodes.set(id, node);
  }
  return nodes;
}

const AMBIGUOUS = Symbol('ambiguous');

/**
 * Every value in the redacted node's config by its diff path (`config`,
 * `config.auth`, `config.headers[0].value`...), as diffGraphs formats them.
 * Two places that format alike (a key with a dot in it) are marked ambiguous.
 */
function redactedValuesByPath(node: unknown): Map<string, unknown> {
  const values = new Map<string, unknown>();
  if (!isObject(node) || !isObject(node['data'])) return values;
  const walk = (value: unknown, path: (string | number)[]) => {
    const key = formatPath(path);
    values.set(key, values.has(key) ? AMBIGUOUS : value);
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (isObject(value)) for (const [k, item] of Object.entries(value)) walk(item, [...path, k]);
  };
  const copy = redactNodeSecrets(node);
  walk((copy['data'] as Json)['config'], ['config']);
  return values;
}

/** `raw` as the redacted node has it at `path`; when that cannot be told, REDACTED (unless absent). */
function shown(path: string, raw: unknown, redacted: Map<string, unknown>): unknown {
  if (path !== 'config' && !path.startsWith('config.') && !path.startsWith('config[')) return raw;
  const value = redacted.get(path);
  if (value === AMBIGUOUS || (value === undefined && !redacted.has(path))) {
    return raw === undefined ? undefined : REDACTED;
  }
  return value;
}
