import type { Contact } from './contact.entity';

/** A contact as the API shows it: the entity without its workspace. */
export type ContactView = Omit<Contact, 'workspaceId'>;

/** Selects a contact row under the ContactView property names, for raw queries and RETURNING clauses. */
export const CONTACT_COLUMNS = `id, email, first_name AS "firstName", last_name AS "lastName", phone, fields, tags,
  created_at AS "createdAt", updated_at AS "updatedAt"`;

export function toContactView(row: ContactView): ContactView {
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    fields: row.fields,
    tags: row.tags,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
