import type { EntityManager } from 'typeorm';
import { describeCreation, diffContacts, type ContactMutation } from './contact-changes';
import { MAX_TAGS_PER_CONTACT } from './contact.schema';
import { toContactView, type ContactView } from './contact-view';
import type { FieldValue } from './field-values';

/** One validated row of an import. An attribute left undefined keeps the existing contact's value. */
export type ContactUpsert = {
  email: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  /** Merged into the existing values by key. */
  fields: Record<string, FieldValue>;
  /** Added to the existing tags. */
  tags: string[];
};

/** The outcome of one row, in the order rows were given. */
export type UpsertResult = { ok: true; mutation: ContactMutation } | { ok: false; message: string };

type UpsertedRow = ContactView & {
  inserted: boolean;
  previous: Pick<
    ContactView,
    'email' | 'firstName' | 'lastName' | 'phone' | 'fields' | 'tags'
  > | null;
};

/**
 * One statement for the whole batch: `previous` reads the rows as they were
 * (every part of a WITH sees the same snapshot), so the changes of each row
 * can be told without a query per row. MATERIALIZED makes it one index
 * lookup per input row rather than a scan of the input per written row. Emails must be distinct within a
 * batch: ON CONFLICT cannot touch one row twice in a statement. A row whose
 * merged tags would pass the limit is left alone and not returned.
 */
const UPSERT_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($2::jsonb)
    AS i(email text, first_name text, last_name text, phone text, fields jsonb, tags text[])
), previous AS MATERIALIZED (
  SELECT c.id, json_build_object('email', c.email, 'firstName', c.first_name, 'lastName', c.last_name,
                                 'phone', c.phone, 'fields', c.fields, 'tags', c.tags) AS contact
    FROM input i JOIN contacts c ON c.workspace_id = $1 AND lower(c.email) = lower(i.email)
), upserted AS (
  INSERT INTO contacts AS c (workspace_id, email, first_name, last_name, phone, fields, tags)
  SELECT $1, email, first_name, last_name, phone, fields, tags FROM input
  ON CONFLICT (workspace_id, lower(email)) DO UPDATE SET
    email = excluded.email,
    first_name = coalesce(excluded.first_name, c.first_name),
    last_name = coalesce(excluded.last_name, c.last_name),
    phone = coalesce(excluded.phone, c.phone),
    fields = c.fields || excluded.fields,
    tags = c.tags || array(SELECT t FROM unnest(excluded.tags) AS t WHERE t <> ALL (c.tags)),
    updated_at = now()
  WHERE cardinality(c.tags) + (SELECT count(*) FROM unnest(excluded.tags) AS t WHERE t <> ALL (c.tags)) <= ${MAX_TAGS_PER_CONTACT}
  RETURNING c.id, c.email, c.first_name, c.last_name, c.phone, c.fields, c.tags, c.created_at, c.updated_at,
            (c.xmax = 0) AS inserted
)
SELECT u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.phone, u.fields, u.tags,
       u.created_at AS "createdAt", u.updated_at AS "updatedAt", u.inserted, p.contact AS previous
  FROM upserted u LEFT JOIN previous p ON p.id = u.id`;

export async function upsertContacts(
  manager: EntityManager,
  workspaceId: string,
  rows: readonly ContactUpsert[],
): Promise<UpsertResult[]> {
  if (!rows.length) return [];
  const input = rows.map((row) => ({
    email: row.email,
    first_name: row.firstName ?? null,
    last_name: row.lastName ?? null,
    phone: row.phone ?? null,
    fields: row.fields,
    tags: row.tags,
  }));
  const written: UpsertedRow[] = await manager.query(UPSERT_SQL, [
    workspaceId,
    JSON.stringify(input),
  ]);
  const results: UpsertResult[] = rows.map(() => ({
    ok: false,
    message: `The contact would have more than ${MAX_TAGS_PER_CONTACT} tags`,
  }));
  // Emails are ASCII (emailSchema), so JavaScript's lower case is PostgreSQL's lower().
  const indexOf = new Map(rows.map((row, index) => [row.email.toLowerCase(), index]));
  for (const { inserted, previous, ...row } of written) {
    const contact = toContactView(row);
    const changes =
      inserted || !previous ? describeCreation(contact) : diffContacts(previous, contact);
    const index = indexOf.get(contact.email.toLowerCase());
    if (index !== undefined) results[index] = { ok: true, mutation: { contact, changes } };
  }
  return results;
}
