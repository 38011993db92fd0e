import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { Role } from './roles';

export type WorkspaceOfMember = { id: string; name: string; role: Role; createdAt: Date };

/** The user's workspaces, the one joined first leading (that is where a sign-in lands). */
export async function workspacesOf(
  db: EntityManager,
  userId: string,
): Promise<WorkspaceOfMember[]> {
  const rows: { id: string; name: string; role: Role; created_at: Date }[] = await db.query(
    `SELECT w.id, w.name, m.role, w.created_at
       FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
      WHERE m.user_id = $1
      ORDER BY m.created_at, w.created_at, w.id`,
    [userId],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
  }));
}

export async function roleIn(
  db: EntityManager,
  workspaceId: string,
  userId: string,
): Promise<Role | null> {
  const rows: { role: Role }[] = await db.query(
    `SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2`,
    [workspaceId, userId],
  );
  return rows[0]?.role ?? null;
}

/**
 * The person on whose authority a request acts across workspaces: the
 * signed-in user, or the creator of an API key that holds `admin` (a key
 * without it never speaks for its creator).
 */
export function actingUserId(principal: Principal): string | null {
  if (principal.via === 'session') return principal.userId;
  return principal.scopes.includes('admin') ? principal.userId : null;
}

/** The acting person's role in the principal's workspace, read live so a demotion takes effect at once. */
export async function actingRole(db: EntityManager, principal: Principal): Promise<Role | null> {
  const userId = actingUserId(principal);
  return userId ? roleIn(db, principal.workspaceId, userId) : null;
}
