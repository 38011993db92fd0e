import type { EntityManager } from 'typeorm';

export type FirstOwner = {
  user: { id: string; email: string };
  workspace: { id: string; name: string };
};

/**
 * Creates the first workspace and its owner unless some user exists already.
 * Must run inside a transaction: the advisory lock it takes lasts until the
 * commit, so two processes (or two set-up requests) cannot both see an empty
 * users table and both create an owner.
 */
export async function createFirstOwner(
  tx: EntityManager,
  input: { email: string; passwordHash: string; workspaceName: string },
): Promise<FirstOwner | null> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('tideway:first-owner'))`);
  const existing: unknown[] = await tx.query(`SELECT 1 FROM users LIMIT 1`);
  if (existing.length) return null;
  const [workspace] = await tx.query(
    `INSERT INTO workspaces (name) VALUES ($1) RETURNING id, name`,
    [input.workspaceName],
  );
  const [user] = await tx.query(
    `INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id, email`,
    [input.email, input.passwordHash],
  );
  await tx.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'owner')`, [
    workspace.id,
    user.id,
  ]);
  return { user, workspace };
}

export async function anyUserExists(db: EntityManager): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM users LIMIT 1`);
  return rows.length > 0;
}
