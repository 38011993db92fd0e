/** The contact as the engine sees it: the API's Contact shape. */
export interface EngineContact {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  fields: Record<string, unknown>;
  tags: string[];
}

export const BUILT_IN_FIELDS = ['email', 'firstName', 'lastName', 'phone'] as const;
export type BuiltInField = (typeof BUILT_IN_FIELDS)[number];

export function isBuiltInField(key: string): key is BuiltInField {
  return (BUILT_IN_FIELDS as readonly string[]).includes(key);
}

/** A field's value by key: a built-in, `tag` (the tag list) or a custom field. */
export function fieldValue(contact: EngineContact, key: string): unknown {
  if (key === 'tag' || key === 'tags') return contact.tags;
  if (isBuiltInField(key)) return contact[key];
  return Object.prototype.hasOwnProperty.call(contact.fields, key) ? contact.fields[key] : undefined;
}
