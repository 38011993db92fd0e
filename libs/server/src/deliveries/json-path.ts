/**
 * Reads `path` (`data.id`, `items[0].name`, `["odd key"]`) from parsed JSON;
 * undefined when any step is missing. Own properties only.
 */
export function readJsonPath(value: unknown, path: string): unknown {
  const steps = parsePath(path);
  if (!steps) return undefined;
  let current: unknown = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, step)) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

function parsePath(path: string): (string | number)[] | null {
  const steps: (string | number)[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/gy;
  let index = 0;
  while (index < path.length) {
    if (path[index] === '.' && index > 0) index++;
    pattern.lastIndex = index;
    const match = pattern.exec(path);
    if (!match) return null;
    steps.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : JSON.parse(`"${match[3]}"`)));
    index = pattern.lastIndex;
  }
  return steps.length ? steps : null;
}
