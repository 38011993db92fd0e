import type { Contact, ContactChanges, FieldValue } from '../../api/contacts';
import type { CustomField, FieldType } from '../../api/fields';

/** What the edit form holds: text for every input, booleans for checkboxes. */
export interface ContactFormValues {
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  fields: Record<string, string | boolean>;
}

/** The inputs of custom fields: the workspace's definitions, plus any key a contact has without one. */
export function formFieldsFor(contact: Contact, definitions: readonly CustomField[]): CustomField[] {
  const known = new Set(definitions.map((field) => field.key));
  const undefinedKeys = Object.keys(contact.fields ?? {}).filter((key) => !known.has(key));
  return [
    ...definitions,
    ...undefinedKeys.map((key): CustomField => ({ id: `unknown:${key}`, key, label: key, type: 'text' })),
  ];
}

function toInputValue(value: FieldValue | undefined, type: FieldType): string | boolean {
  if (type === 'boolean') return value === true || value === 'true';
  if (value === null || value === undefined) return '';
  // A date may arrive as a full ISO timestamp; <input type="date"> takes YYYY-MM-DD.
  if (type === 'date' && typeof value === 'string') return value.slice(0, 10);
  return String(value);
}

export function toFormValues(contact: Contact, fields: readonly CustomField[]): ContactFormValues {
  return {
    email: contact.email,
    firstName: contact.firstName ?? '',
    lastName: contact.lastName ?? '',
    phone: contact.phone ?? '',
    fields: Object.fromEntries(fields.map((field) => [field.key, toInputValue(contact.fields?.[field.key], field.type)])),
  };
}

export type ParsedField = { ok: true; value: FieldValue } | { ok: false; message: string };

export function parseFieldInput(input: string | boolean, type: FieldType): ParsedField {
  if (type === 'boolean') return { ok: true, value: input === true };
  const text = String(input).trim();
  if (text === '') return { ok: true, value: null };
  if (type === 'number') {
    const number = Number(text);
    return Number.isFinite(number) ? { ok: true, value: number } : { ok: false, message: 'Enter a number.' };
  }
  if (type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(text)) return { ok: false, message: 'Enter a date.' };
  return { ok: true, value: text };
}

const optional = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/**
 * The PATCH body for what changed, or the problems found before sending.
 * Custom fields are sent as a whole object when any of them changed, so the
 * answer does not depend on whether the server merges or replaces `fields`.
 */
export function contactChanges(
  contact: Contact,
  fields: readonly CustomField[],
  values: ContactFormValues,
): { changes: ContactChanges; errors: Record<string, string> } {
  const changes: ContactChanges = {};
  const errors: Record<string, string> = {};

  const email = values.email.trim();
  if (email === '') errors['email'] = 'Enter an email address.';
  else if (email !== contact.email) changes.email = email;

  for (const key of ['firstName', 'lastName', 'phone'] as const) {
    const next = optional(values[key]);
    if (next !== (contact[key] ?? null)) changes[key] = next;
  }

  const nextFields: Record<string, FieldValue> = { ...(contact.fields ?? {}) };
  let fieldsChanged = false;
  for (const field of fields) {
    const parsed = parseFieldInput(values.fields[field.key] ?? '', field.type);
    if (!parsed.ok) {
      errors[`fields.${field.key}`] = parsed.message;
      continue;
    }
    const before = toInputValue(contact.fields?.[field.key], field.type);
    const after = values.fields[field.key] ?? (field.type === 'boolean' ? false : '');
    if (typeof after === 'string' ? after.trim() !== before : after !== before) {
      nextFields[field.key] = parsed.value;
      fieldsChanged = true;
    }
  }
  if (fieldsChanged) changes.fields = nextFields;

  return { changes, errors };
}
