import type { DestinationStream } from 'pino';

/** Fields the head of a pretty line already shows, or that every line has. */
const IN_HEAD = new Set([
  'time',
  'level',
  'msg',
  'context',
  'name',
  'pid',
  'hostname',
  'err',
  'req',
  'res',
  'responseTime',
]);

/** ANSI colours per level: the level word is what the eye looks for. */
const COLOURS: Record<string, number> = {
  trace: 90,
  debug: 36,
  info: 32,
  warn: 33,
  error: 31,
  fatal: 35,
};

type Entry = Record<string, unknown> & {
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  err?: { message?: string; stack?: string };
};

/**
 * A destination that turns pino's JSON lines into one readable line each
 * (`12:03:04.567 INFO  [StepRunner] step failed  enrollmentId=…`), for a
 * person at a terminal. It sees lines after redaction, like any other
 * destination. Files and log collectors get JSON; `| npx pino-pretty` reads
 * those too.
 */
export function prettyLines(
  out: NodeJS.WritableStream & { isTTY?: boolean },
  colour = Boolean(out.isTTY),
): DestinationStream {
  return { write: (line: string) => void out.write(`${prettyLine(line, colour)}\n`) };
}

export function prettyLine(line: string, colour = false): string {
  let entry: Entry;
  try {
    entry = JSON.parse(line) as Entry;
  } catch {
    return line.trimEnd();
  }
  const paint = (code: number | undefined, text: string) =>
    colour && code ? `\u001b[${code}m${text}\u001b[39m` : text;
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const level = String(entry.level ?? '');
  const context = entry.context ? `[${String(entry.context)}] ` : entry.req ? '[http] ' : '';
  const message = entry.req
    ? `${entry.req.method} ${entry.req.url} ${entry.res?.statusCode ?? ''} ${String(entry.responseTime ?? '?')}ms`
    : String(entry.msg ?? '');
  const fields = Object.entries(entry)
    .filter(([key]) => !IN_HEAD.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  const error = entry.err ? (entry.err.stack ?? entry.err.message ?? '') : '';
  return [
    `${time} ${paint(COLOURS[level], level.toUpperCase().padEnd(5))} ${context}${message}`,
    fields ? `  ${paint(90, fields)}` : '',
    error ? `\n    ${error.split('\n').join('\n    ')}` : '',
  ].join('');
}
