import type { Role } from '@tideway/server';

/** A person as seen from one workspace; createdAt is when they joined it. */
export type Member = { id: string; email: string; role: Role; createdAt: Date };

export type MemberRow = { id: string; email: string; role: Role; created_at: Date };

export const toMember = (row: MemberRow): Member => ({
  id: row.id,
  email: row.email,
  role: row.role,
  createdAt: row.created_at,
});
