import { TemplateError } from './errors';

/**
 * The `date` helper's small pattern language. Tokens: YYYY MM DD HH mm ss;
 * `T` and any non-letter are literal. `ISO` is the UTC instant
 * (2026-11-23T09:05:00.000Z) whatever the time zone.
 */
export const DEFAULT_DATE_PATTERN = 'YYYY-MM-DD';

type Token = 'YYYY' | 'MM' | 'DD' | 'HH' | 'mm' | 'ss';
const TOKEN_PATTERN = /YYYY|MM|DD|HH|mm|ss|T|[^A-Za-z]/y;

interface DateParts {
  YYYY: string;
  MM: string;
  DD: string;
  HH: string;
  mm: string;
  ss: string;
}

/** Dates as values arrive as Date, epoch milliseconds or ISO strings. */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Date.parse(value.trim());
    return Number.isNaN(parsed) ? undefined : new Date(parsed);
  }
  return undefined;
}

/**
 * Formats `value` in `timeZone` (IANA name, default UTC). Empty values give '';
 * text that is not a date comes back unchanged rather than vanishing.
 */
export function formatDate(
  value: unknown,
  pattern: string = DEFAULT_DATE_PATTERN,
  timeZone = 'UTC',
): string {
  const tokens = tokenize(pattern);
  if (value === null || value === undefined || value === '') return '';
  const date = toDate(value);
  if (!date) return String(value);
  if (pattern === 'ISO') return date.toISOString();
  const parts = dateParts(date, timeZone);
  return tokens.map((token) => (isToken(token) ? parts[token] : token)).join('');
}

function isToken(text: string): text is Token {
  return ['YYYY', 'MM', 'DD', 'HH', 'mm', 'ss'].includes(text);
}

function tokenize(pattern: string): string[] {
  if (pattern === 'ISO') return [];
  const tokens: string[] = [];
  TOKEN_PATTERN.lastIndex = 0;
  while (TOKEN_PATTERN.lastIndex < pattern.length) {
    const match = TOKEN_PATTERN.exec(pattern);
    if (!match) {
      throw new TemplateError(
        'bad-helper-argument',
        `Unsupported date pattern "${pattern}": use ISO or YYYY MM DD HH mm ss with separators`,
      );
    }
    tokens.push(match[0]);
  }
  return tokens;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new TemplateError('bad-helper-argument', `Unknown time zone "${timeZone}"`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dateParts(date: Date, timeZone: string): DateParts {
  if (timeZone === 'UTC') {
    return {
      YYYY: pad(date.getUTCFullYear(), 4),
      MM: pad(date.getUTCMonth() + 1),
      DD: pad(date.getUTCDate()),
      HH: pad(date.getUTCHours()),
      mm: pad(date.getUTCMinutes()),
      ss: pad(date.getUTCSeconds()),
    };
  }
  const byType = new Map(
    formatterFor(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return {
    YYYY: (byType.get('year') ?? '').padStart(4, '0'),
    MM: byType.get('month') ?? '',
    DD: byType.get('day') ?? '',
    HH: byType.get('hour') ?? '',
    mm: byType.get('minute') ?? '',
    ss: byType.get('second') ?? '',
  };
}
