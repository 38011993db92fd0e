export const FIELD_TYPES = ['text', 'number', 'date', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** What a contact stores for a custom field: dates as ISO 8601 strings, so the value survives JSON as it is. */
export type FieldValue = string | number | boolean;

/**
 * Where a value comes from. JSON carries types, so it must already be of the
 * field's type; a CSV cell is always text, so numbers and booleans are read from it.
 */
export type ValueSource = 'json' | 'csv';

export type ParsedFieldValue = { ok: true; value: FieldValue } | { ok: false; message: string };

const CSV_BOOLEANS: Record<string, boolean> = {
  true: true,
  yes: true,
  '1': true,
  false: false,
  no: false,
  '0': false,
};
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A time without an offset names no instant, so the offset is required.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export function parseFieldValue(
  type: FieldType,
  raw: unknown,
  source: ValueSource,
): ParsedFieldValue {
  switch (type) {
    case 'text':
      return typeof raw === 'string'
        ? { ok: true, value: raw }
        : { ok: false, message: 'Must be a string' };
    case 'number':
      return parseNumber(raw, source);
    case 'date':
      return parseDate(raw);
    case 'boolean':
      return parseBoolean(raw, source);
  }
}

function parseNumber(raw: unknown, source: ValueSource): ParsedFieldValue {
  const value =
    source === 'csv' && typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw;
  return typeof value === 'number' && Number.isFinite(value)
    ? { ok: true, value }
    : { ok: false, message: 'Must be a finite number' };
}

function parseBoolean(raw: unknown, source: ValueSource): ParsedFieldValue {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  if (source === 'csv' && typeof raw === 'string') {
    const value = CSV_BOOLEANS[raw.trim().toLowerCase()];
    if (value !== undefined) return { ok: true, value };
    return { ok: false, message: 'Must be true, false, yes, no, 1 or 0' };
  }
  return { ok: false, message: 'Must be true or false' };
}

/** A date stays `YYYY-MM-DD` (a birthday has no time zone); a date-time becomes UTC `toISOString()`. */
function parseDate(raw: unknown): ParsedFieldValue {
  const invalid = {
    ok: false,
    message:
      'Must be an ISO 8601 date (2024-05-31) or date-time with offset (2024-05-31T09:30:00Z)',
  } as const;
  if (typeof raw !== 'string') return invalid;
  const text = raw.trim();
  const date = DATE.exec(text);
  if (date) return isCalendarDate(date) ? { ok: true, value: text } : invalid;
  const dateTime = DATE_TIME.exec(text);
  if (
    !dateTime ||
    !isCalendarDate(dateTime) ||
    Number(dateTime[4]) > 23 ||
    Number(dateTime[5]) > 59
  )
    return invalid;
  const instant = new Date(text.replace(' ', 'T'));
  return Number.isNaN(instant.getTime()) ? invalid : { ok: true, value: instant.toISOString() };
}

/** Date.parse rolls 2024-02-30 over to March; a stored date must be one that exists. */
function isCalendarDate([, y, m, d]: RegExpExecArray): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return (
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(m) - 1 &&
    date.getUTCDate() === Number(d)
  );
}

/** Values to set and keys to remove (null), or what is wrong with each key. */
export type FieldValuesPatch = {
  set: Record<string, FieldValue>;
  unset: string[];
  errors: { key: string; message: string }[];
};

export function parseFieldValues(
  values: Record<string, unknown>,
  types: ReadonlyMap<string, FieldType>,
  source: ValueSource,
): FieldValuesPatch {
  const patch: FieldValuesPatch = { set: {}, unset: [], errors: [] };
  for (const [key, raw] of Object.entries(values)) {
    const type = types.get(key);
    if (!type) {
      patch.errors.push({
        key,
        message: 'No field with this key (create it with POST /api/v1/fields)',
      });
    } else if (raw === null) {
      patch.unset.push(key);
    } else {
      const parsed = parseFieldValue(type, raw, source);
      if (parsed.ok) patch.set[key] = parsed.value;
      else patch.errors.push({ key, message: parsed.message });
    }
  }
  return patch;
}
