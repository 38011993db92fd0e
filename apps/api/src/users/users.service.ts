import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal, Role } from '@tideway/server';
import { actingRole, ApiError, hashPassword } from '@tideway/server';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { CreateUserDto } from './create-user.dto';
import type { Member, MemberRow} from './member';
import { toMember } from './member';

/**
 * The people of the caller's workspace. Two invariants: only an owner makes,
 * unmakes or removes owners, and a workspace always keeps at least one owner.
 */
@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(principal: Principal): Promise<Member[]> {
    const rows: MemberRow[] = await this.db.query(
      `SELECT u.id, u.email, m.role, m.created_at
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.workspace_id = $1
        ORDER BY m.created_at, lower(u.email)`,
      [principal.workspaceId],
    );
    return rows.map(toMember);
  }

  /** Adds a person; one who already has an account (any workspace) joins with their existing password. */
  async add(principal: Principal, input: CreateUserDto): Promise<Member> {
    if (input.role === 'owner')
      await this.assertActingOwner(this.db.manager, principal, 'Only an owner can add an owner');
    const existing: { id: string }[] = await this.db.query(
      `SELECT id FROM users WHERE lower(email) = lower($1)`,
      [input.email],
    );
    const passwordHash = existing.length ? null : await hashPassword(input.password);
    return this.db.transaction(async (tx) => {
      let userId = existing[0]?.id;
      if (!userId) {
        const created: { id: string }[] = await tx.query(
          `INSERT INTO users (email, password_hash) VALUES ($1, $2) ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
          [input.email, passwordHash],
        );
        if (!created.length)
          throw ApiError.conflict('Someone else just added this email; try again');
        userId = created[0].id;
      }
      const joined: unknown[] = await tx.query(
        `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING user_id`,
        [principal.workspaceId, userId, input.role],
      );
      if (!joined.length)
        throw ApiError.conflict('This person is already a member of the workspace');
      return this.member(tx, principal.workspaceId, userId);
    });
  }

  async changeRole(principal: Principal, userId: string, role: Role): Promise<Member> {
    return this.db.transaction(async (tx) => {
      const { owners, current } = await this.lockMembership(tx, principal.workspaceId, userId);
      if (role === current && role !== 'owner')
        return this.member(tx, principal.workspaceId, userId);
      if (role === 'owner' || current === 'owner') {
        await this.assertActingOwner(tx, principal, 'Only an owner can make or unmake owners');
      }
      if (current === 'owner' && role !== 'owner' && owners === 1) throw this.lastOwner();
      await tx.query(`UPDATE memberships SET role = $3 WHERE workspace_id = $1 AND user_id = $2`, [
        principal.workspaceId,
        userId,
        role,
      ]);
      return this.member(tx, principal.workspaceId, userId);
    });
  }

  /** Ends the person's membership (not their account) and their sessions in this workspace. */
  async remove(principal: Principal, userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { owners, current } = await this.lockMembership(tx, principal.workspaceId, userId);
      if (current === 'owner') {
        await this.assertActingOwner(tx, principal, 'Only an owner can remove an owner');
        if (owners === 1) throw this.lastOwner();
      }
      await tx.query(`DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2`, [
        principal.workspaceId,
        userId,
      ]);
      await tx.query(`DELETE FROM sessions WHERE workspace_id = $1 AND user_id = $2`, [
        principal.workspaceId,
        userId,
      ]);
    });
  }

  /**
   * Locks the workspace's owner rows first, so two concurrent demotions of
   * the last two owners cannot both see the other one still standing.
   */
  private async lockMembership(
    tx: EntityManager,
    workspaceId: string,
    userId: string,
  ): Promise<{ owners: number; current: Role }> {
    const owners: unknown[] = await tx.query(
      `SELECT user_id FROM memberships WHERE workspace_id = $1 AND role = 'owner' ORDER BY user_id FOR UPDATE`,
      [workspaceId],
    );
    const rows: { role: Role }[] = await tx.query(
      `SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2 FOR UPDATE`,
      [workspaceId, userId],
    );
    if (!rows.length) throw ApiError.notFound('User');
    return { owners: owners.length, current: rows[0].role };
  }

  private async assertActingOwner(
    db: EntityManager,
    principal: Principal,
    message: string,
  ): Promise<void> {
    if ((await actingRole(db, principal)) !== 'owner')
      throw new ApiError(HttpStatus.FORBIDDEN, message);
  }

  private async member(db: EntityManager, workspaceId: string, userId: string): Promise<Member> {
    const [row]: MemberRow[] = await db.query(
      `SELECT u.id, u.email, m.role, m.created_at
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.workspace_id = $1 AND m.user_id = $2`,
      [workspaceId, userId],
    );
    return toMember(row);
  }

  private lastOwner(): ApiError {
    return ApiError.conflict('A workspace needs at least one owner; make someone else owner first');
  }
}
