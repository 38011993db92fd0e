import type { AnyNodeDefinition } from '@tideway/graph';
import { formatPath } from '@tideway/graph';

/** `headers[0].name` -> ['headers', 0, 'name'] */
export function parsePath(path: string): (string | number)[] {
  if (path === '') return [];
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export function getAt(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of parsePath(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * A copy of `value` with `path` set; `undefined` removes an object key, so an
 * optional option left empty is absent from the saved config (the schemas
 * are strict and `""` is not "not set").
 */
export function setAt<T>(value: T, path: string, next: unknown): T {
  return setIn(value, parsePath(path), next) as T;
}

function setIn(value: unknown, keys: (string | number)[], next: unknown): unknown {
  if (keys.length === 0) return next;
  const [key, ...rest] = keys;
  if (typeof key === 'number') {
    const array = Array.isArray(value) ? [...value] : [];
    array[key] = setIn(array[key], rest, next);
    return array;
  }
  const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  const child = setIn(object[key], rest, next);
  if (child === undefined) delete object[key];
  else object[key] = child;
  return object;
}

/** The first message per config path (`url`, `headers[0].name`, `''` for the whole config) from the type's zod schema. */
export function configIssues(definition: AnyNodeDefinition | undefined, config: unknown): Record<string, string> {
  if (!definition) return { '': 'This element type is unknown to this version of Tideway' };
  const result = definition.configSchema.safeParse(config);
  if (result.success) return {};
  const issues: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = formatPath(issue.path);
    const message = issue.code === 'unrecognized_keys' ? `Unknown option ${issue.keys.join(', ')}` : issue.message;
    issues[path] ??= message;
  }
  return issues;
}

/** Issues at `prefix` or below it, e.g. everything about `rules[2]`. */
export function issuesUnder(issues: Record<string, string>, prefix: string): string[] {
  return Object.entries(issues)
    .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`))
    .map(([, message]) => message);
}

/** A number input's text: empty is "not set", anything else a number (or the text, for the schema to refuse). */
export function parseNumberInput(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
}
