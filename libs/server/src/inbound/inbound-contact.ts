import type { ErrorDetail } from '../http/api-error';
import type { ContactUpsert } from '../contacts/contact-upsert';
import { emailSchema, nameSchema, phoneSchema, tagSchema } from '../contacts/contact.schema';
import { parseFieldValue, type FieldType } from '../contacts/field-values';

/** One row of a node's mapping: the body parameter (a dot path) and the contact field it fills. */
export type ParamMapping = { param: string; field: string };

export type InboundContact =
  { ok: true; contact: ContactUpsert } | { ok: false; details: ErrorDetail[] };

type BuiltIn = 'email' | 'firstName' | 'lastName' | 'phone' | 'tags';

/** Parameter names taken without a mapping, compared lower case without `_`, `-`, `.` and spaces. */
const BUILT_IN_ALIASES: Record<string, BuiltIn> = {
  email: 'email',
  emailaddress: 'email',
  firstname: 'firstName',
  fname: 'firstName',
  givenname: 'firstName',
  lastname: 'lastName',
  lname: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  phone: 'phone',
  phonenumber: 'phone',
  mobile: 'phone',
  tags: 'tags',
  tag: 'tags',
};

/**
 * A request body as `path -> value`, the same for JSON and form bodies:
 * nested JSON objects give dot paths (`contact.email`) and form bracket keys
 * are read as the same paths (`contact[email]`, `tags[]`). Arrays are values.
 */
export function bodyParams(body: unknown): Map<string, unknown> {
  const params = new Map<string, unknown>();
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value))
        walk(inner, path ? `${path}.${paramPath(key)}` : paramPath(key));
    } else if (path) {
      params.set(path, value);
    }
  };
  walk(body, '');
  return params;
}

/** `contact[email]` and `contact.email` name the same parameter; `tags[]` is `tags`. */
export function paramPath(name: string): string {
  return name
    .trim()
    .replace(/\[\]$/, '')
    .replace(/\[([^\]]*)\]/g, '.$1')
    .replace(/^\./, '');
}

const squash = (name: string) => name.toLowerCase().replace(/[\s_.-]/g, '');

/**
 * The contact a request describes, per the node's mapping: each mapped
 * parameter fills its field (`tags` adds tags; a custom field by its key,
 * text read as its type). Without a mapping, parameters named like a contact
 * attribute (`email`, `first_name`, `firstName`, ...) or a custom field key are
 * taken. The email finds the contact, so it is required; when a mapping does
 * not name one, the `email` parameter is used.
 */
export function inboundContact(
  params: ReadonlyMap<string, unknown>,
  mapping: readonly ParamMapping[] | undefined,
  fieldTypes: ReadonlyMap<string, FieldType>,
): InboundContact {
  const pairs: { param: string; field: string }[] = mapping?.length
    ? mapping.map(({ param, field }) => ({ param: paramPath(param), field }))
    : defaultPairs(params, fieldTypes);
  if (!pairs.some((pair) => pair.field === 'email')) {
    const email = [...params.keys()].find((param) => BUILT_IN_ALIASES[squash(param)] === 'email');
    pairs.push({ param: email ?? 'email', field: 'email' });
  }

  const contact: ContactUpsert = { email: '', fields: {}, tags: [] };
  const details: ErrorDetail[] = [];
  for (const { param, field } of pairs) {
    const raw = params.get(param);
    const problem = readParam(contact, field, raw, fieldTypes);
    if (problem) details.push({ path: param, message: problem });
  }
  return details.length ? { ok: false, details } : { ok: true, contact };
}

function defaultPairs(
  params: ReadonlyMap<string, unknown>,
  fieldTypes: ReadonlyMap<string, FieldType>,
) {
  const pairs: { param: string; field: string }[] = [];
  const taken = new Set<string>();
  for (const param of params.keys()) {
    const field = BUILT_IN_ALIASES[squash(param)] ?? (fieldTypes.has(param) ? param : undefined);
    if (field && !taken.has(field)) {
      taken.add(field);
      pairs.push({ param, field });
    }
  }
  return pairs;
}

/** Puts one parameter's value into `contact`, or answers what is wrong with it. Missing and empty values change nothing. */
function readParam(
  contact: ContactUpsert,
  field: string,
  raw: unknown,
  fieldTypes: ReadonlyMap<string, FieldType>,
): string | undefined {
  if (field === 'email') {
    if (raw === undefined || raw === null || raw === '')
      return 'An email address is required to find the contact';
    const parsed = emailSchema.safeParse(raw);
    if (!parsed.success) return 'Not a valid email address';
    contact.email = parsed.data;
    return undefined;
  }
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (field === 'tags') return readTags(contact, raw);
  if (typeof raw === 'object') return 'Must be a single value, not a list or an object';
  if (field === 'firstName' || field === 'lastName' || field === 'phone') {
    const parsed = (field === 'phone' ? phoneSchema : nameSchema).safeParse(String(raw));
    if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Not valid';
    if (parsed.data !== null) contact[field] = parsed.data;
    return undefined;
  }
  const type = fieldTypes.get(field);
  if (!type) return `No contact field with key "${field}" (check the node's mapping)`;
  // Form values are always text: read numbers, booleans and dates from it as an import does.
  const parsed = parseFieldValue(type, raw, typeof raw === 'string' ? 'csv' : 'json');
  if (!parsed.ok) return parsed.message;
  contact.fields[field] = parsed.value;
  return undefined;
}

/** Tags are added: a list, or one text separated by commas or semicolons. */
function readTags(contact: ContactUpsert, raw: unknown): string | undefined {
  const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,;]/) : [raw];
  for (const value of values) {
    if (typeof value !== 'string' && typeof value !== 'number') return 'Tags must be text';
    if (String(value).trim() === '') continue;
    const parsed = tagSchema.safeParse(String(value));
    if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Not a valid tag';
    if (!contact.tags.includes(parsed.data)) contact.tags.push(parsed.data);
  }
  return undefined;
}
