import { ApiError } from '../http/api-error';
import {
  emailSchema,
  MAX_TAGS_PER_CONTACT,
  nameSchema,
  phoneSchema,
  tagSchema,
} from './contact.schema';
import type { ContactUpsert } from './contact-upsert';
import { parseFieldValue, type FieldType } from './field-values';

const BUILT_IN_COLUMNS = ['email', 'firstName', 'lastName', 'phone', 'tags'] as const;
type BuiltInColumn = (typeof BUILT_IN_COLUMNS)[number];

type ImportColumn = { kind: BuiltInColumn } | { kind: 'field'; key: string; type: FieldType };

/** What each column of an import file holds, read from its header row. */
export type ImportHeader = { names: string[]; columns: ImportColumn[] };

/** A row that cannot be read names its column in `field` when exactly one is at fault. */
export type ImportRow =
  { ok: true; contact: ContactUpsert } | { ok: false; message: string; field?: string };

/** Refuses the whole file (422) on a header it cannot read in full: no row is written under a misread column. */
export function readImportHeader(
  cells: string[],
  fieldTypes: ReadonlyMap<string, FieldType>,
): ImportHeader {
  const names = cells.map((cell) => cell.trim());
  const problems: { path: string; message: string }[] = [];
  const columns = names.map((name, index): ImportColumn => {
    const path = `header[${index}]`;
    if (names.indexOf(name) !== index)
      problems.push({ path, message: `Column "${name}" appears twice` });
    if ((BUILT_IN_COLUMNS as readonly string[]).includes(name))
      return { kind: name as BuiltInColumn };
    const type = fieldTypes.get(name);
    if (type) return { kind: 'field', key: name, type };
    problems.push({
      path,
      message: `Unknown column "${name}": expected ${BUILT_IN_COLUMNS.join(', ')} or a field key (${[...fieldTypes.keys()].join(', ') || 'none defined'})`,
    });
    return { kind: 'field', key: name, type: 'text' };
  });
  if (!names.includes('email'))
    problems.push({ path: 'header', message: 'The header must have an email column' });
  if (problems.length)
    throw ApiError.validation(problems, 'The header row of the CSV file is not valid');
  return { names, columns };
}

/**
 * Reads one data row. An empty cell leaves the contact's value as it is (a
 * sparse file never wipes data); `tags` holds tags separated by `;`, which
 * are added to the contact's.
 */
export function readImportRow(header: ImportHeader, cells: string[]): ImportRow {
  if (
    cells.length > header.columns.length &&
    cells.slice(header.columns.length).some((cell) => cell.trim() !== '')
  ) {
    return {
      ok: false,
      message: `The row has ${cells.length} cells; the header names ${header.columns.length} columns`,
    };
  }
  const contact: ContactUpsert = { email: '', fields: {}, tags: [] };
  const problems: { field: string; message: string }[] = [];
  header.columns.forEach((column, index) => {
    const cell = cells[index]?.trim() ?? '';
    if (cell === '' && column.kind !== 'email') return;
    const problem = readCell(contact, column, cell);
    if (problem) problems.push({ field: header.names[index], message: problem });
  });
  if (problems.length === 0) return { ok: true, contact };
  return {
    ok: false,
    message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    ...(problems.length === 1 ? { field: problems[0].field } : {}),
  };
}

/** Puts the cell's value into `contact`, or answers what is wrong with it. */
function readCell(contact: ContactUpsert, column: ImportColumn, cell: string): string | undefined {
  switch (column.kind) {
    case 'email': {
      const parsed = emailSchema.safeParse(cell);
      if (!parsed.success) return parsed.error.issues[0].message;
      contact.email = parsed.data;
      return undefined;
    }
    case 'firstName':
    case 'lastName':
    case 'phone': {
      const parsed = (column.kind === 'phone' ? phoneSchema : nameSchema).safeParse(cell);
      if (!parsed.success) return parsed.error.issues[0].message;
      contact[column.kind] = parsed.data ?? undefined;
      return undefined;
    }
    case 'tags': {
      const tags = new Set<string>();
      for (const text of cell.split(';')) {
        if (text.trim() === '') continue;
        const parsed = tagSchema.safeParse(text);
        if (!parsed.success) return `"${text.trim()}": ${parsed.error.issues[0].message}`;
        tags.add(parsed.data);
      }
      if (tags.size > MAX_TAGS_PER_CONTACT)
        return `A contact has at most ${MAX_TAGS_PER_CONTACT} tags`;
      contact.tags = [...tags];
      return undefined;
    }
    case 'field': {
      const parsed = parseFieldValue(column.type, cell, 'csv');
      if (!parsed.ok) return parsed.message;
      contact.fields[column.key] = parsed.value;
      return undefined;
    }
  }
}
