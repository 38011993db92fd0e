import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal, Role} from '@tideway/server';
import { actingRole, actingUserId, ApiError, workspacesOf } from '@tideway/server';
import { DataSource } from 'typeorm';

export type OwnedWorkspace = { id: string; name: string; role: Role; createdAt: Date };

/** Workspaces belong to people, so both routes act for a person: the session's user or an admin key's creator. */
@Injectable()
export class WorkspacesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async listOwned(principal: Principal): Promise<OwnedWorkspace[]> {
    const userId = this.actingUser(principal);
    const workspaces = await workspacesOf(this.db.manager, userId);
    return workspaces.filter((w) => w.role === 'owner');
  }

  /** Only an owner of the current workspace may start another; they own the new one. */
  async create(
    principal: Principal,
    name: string,
  ): Promise<{ id: string; name: string; createdAt: Date }> {
    const userId = this.actingUser(principal);
    if ((await actingRole(this.db.manager, principal)) !== 'owner') {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'Only an owner of the current workspace can create workspaces',
      );
    }
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO workspaces (name) VALUES ($1) RETURNING id, name, created_at`,
        [name],
      );
      await tx.query(
        `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'owner')`,
        [row.id, userId],
      );
      return { id: row.id, name: row.name, createdAt: row.created_at };
    });
  }

  private actingUser(principal: Principal): string {
    const userId = actingUserId(principal);
    if (!userId)
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'Needs a signed-in person or an API key with scope admin whose creator still exists',
      );
    return userId;
  }
}
