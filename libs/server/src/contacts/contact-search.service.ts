import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CONTACT_COLUMNS, toContactView, type ContactView } from './contact-view';
import { decodeContactCursor, encodeContactCursor, type ContactCursor } from './contact-cursor';

/** Which contacts: shared by the list and, later, by enrolling a filter into a campaign. */
export const contactFilterSchema = z.object({
  search: z.string().trim().max(200).optional(),
  tag: z.string().trim().min(1).max(64).optional(),
});
export type ContactFilter = z.output<typeof contactFilterSchema>;

export const listContactsQuerySchema = contactFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .transform((text, ctx) => {
      const cursor = decodeContactCursor(text);
      if (!cursor) ctx.addIssue({ code: 'custom', message: 'Not a cursor from a previous page' });
      return cursor ?? z.NEVER;
    })
    .optional(),
});
export type ListContactsQuery = z.output<typeof listContactsQuerySchema>;

export type ContactPage = { data: ContactView[]; nextCursor: string | null; total: number };

/** Reads contacts page by page, newest first, by keyset so deep pages cost what the first does. */
@Injectable()
export class ContactSearchService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(workspaceId: string, query: ListContactsQuery): Promise<ContactPage> {
    const filter = contactFilterWhere(workspaceId, query);
    const page = query.cursor ? afterCursor(filter, query.cursor) : filter;
    const rows: (ContactView & { position: string })[] = await this.db.query(
      `SELECT ${CONTACT_COLUMNS},
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
         FROM contacts WHERE ${page.sql}
        ORDER BY created_at DESC, id DESC
        LIMIT ${query.limit + 1}`,
      page.parameters,
    );
    const [{ total }]: { total: number }[] = await this.db.query(
      `SELECT count(*)::int AS total FROM contacts WHERE ${filter.sql}`,
      filter.parameters,
    );
    const more = rows.length > query.limit;
    const data = rows.slice(0, query.limit);
    const last = data.at(-1);
    return {
      data: data.map(toContactView),
      nextCursor:
        more && last ? encodeContactCursor({ createdAt: last.position, id: last.id }) : null,
      total,
    };
  }
}

type Where = { sql: string; parameters: unknown[] };

/** The SQL condition selecting a workspace's contacts that match `filter` (also used to enroll by filter). */
export function contactFilterWhere(workspaceId: string, filter: ContactFilter): Where {
  const clauses = ['workspace_id = $1'];
  const parameters: unknown[] = [workspaceId];
  if (filter.search) {
    parameters.push(`%${escapeLike(filter.search)}%`);
    const p = `$${parameters.length}`;
    clauses.push(
      `(email ILIKE ${p} OR first_name ILIKE ${p} OR last_name ILIKE ${p} OR phone ILIKE ${p})`,
    );
  }
  if (filter.tag) {
    parameters.push(filter.tag);
    clauses.push(`tags @> ARRAY[$${parameters.length}::text]`);
  }
  return { sql: clauses.join(' AND '), parameters };
}

function afterCursor(where: Where, cursor: ContactCursor): Where {
  const n = where.parameters.length;
  return {
    sql: `${where.sql} AND (created_at, id) < ($${n + 1}::timestamptz, $${n + 2}::uuid)`,
    parameters: [...where.parameters, cursor.createdAt, cursor.id],
  };
}

/** `%` and `_` in a search are letters, not wildcards (ILIKE's default escape character is the backslash). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
