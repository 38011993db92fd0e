import type { DataSource } from 'typeorm';

/**
 * A fingerprint of everything stored for one workspace: per table, the row
 * count and a hash of the rows. Equal fingerprints before and after a request
 * mean it changed nothing there. Tables are found in the database, so a new
 * table must be placed below (how its rows belong to a workspace) or the
 * fingerprint refuses to run: nothing is left out silently.
 */
export type Fingerprint = Record<string, string>;

/** How a table's rows belong to a workspace, by the first column the table has. */
const OWNERSHIP: [column: string, condition: string][] = [
  ['workspace_id', 'x.workspace_id = $1'],
  ['campaign_id', 'x.campaign_id IN (SELECT id FROM campaigns WHERE workspace_id = $1)'],
  ['delivery_id', 'x.delivery_id IN (SELECT id FROM deliveries WHERE workspace_id = $1)'],
  ['enrollment_id', 'x.enrollment_id IN (SELECT id FROM enrollments WHERE workspace_id = $1)'],
  ['endpoint_id', 'x.endpoint_id IN (SELECT id FROM inbound_endpoints WHERE workspace_id = $1)'],
];

/** Tables whose rows belong to no workspace, or to people rather than workspaces. */
const SPECIAL: Record<string, string | null> = {
  workspaces: 'x.id = $1',
  users: 'x.id IN (SELECT user_id FROM memberships WHERE workspace_id = $1)',
  // Sign-in failures are per email and address, before any workspace is known.
  login_failures: null,
  migrations: null,
  typeorm_metadata: null,
};

/** Columns that change when a row is merely used, not when it is changed. */
const VOLATILE: Record<string, string[]> = {
  api_keys: ['last_used_at'],
};

const queries = new WeakMap<DataSource, Promise<string>>();

async function fingerprintQuery(db: DataSource): Promise<string> {
  const columns: { table_name: string; column_name: string }[] = await db.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const { table_name, column_name } of columns) {
    tables.set(table_name, [...(tables.get(table_name) ?? []), column_name]);
  }
  const selects: string[] = [];
  for (const [table, names] of tables) {
    let condition: string | null | undefined = SPECIAL[table];
    if (condition === undefined)
      condition = OWNERSHIP.find(([column]) => names.includes(column))?.[1];
    if (condition === undefined) {
      throw new Error(
        `workspace-fingerprint: say how rows of table "${table}" belong to a workspace`,
      );
    }
    if (condition === null) continue;
    const row = (VOLATILE[table] ?? []).reduce(
      (json, column) => `${json} - '${column}'`,
      'to_jsonb(x)',
    );
    // A sum of row hashes: independent of row order, and cheap enough to take around every request.
    selects.push(
      `SELECT '${table}' AS t, count(*)::int AS n, coalesce(sum(hashtextextended((${row})::text, 7)), 0)::text AS h
         FROM "${table}" x WHERE ${condition}`,
    );
  }
  return selects.join('\nUNION ALL\n');
}

export async function workspaceFingerprint(
  db: DataSource,
  workspaceId: string,
): Promise<Fingerprint> {
  if (!queries.has(db)) queries.set(db, fingerprintQuery(db));
  const rows: { t: string; n: number; h: string }[] = await db.query(await queries.get(db)!, [
    workspaceId,
  ]);
  return Object.fromEntries(rows.map(({ t, n, h }) => [t, `${n} rows, ${h}`]));
}
