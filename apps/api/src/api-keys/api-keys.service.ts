import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  Principal,
  Scope} from '@tideway/server';
import {
  actingUserId,
  ApiError,
  hashToken,
  randomToken,
  roleIn
} from '@tideway/server';
import { DataSource } from 'typeorm';
import type { CreateApiKeyDto } from './create-api-key.dto';

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
};

/** The only moment the key exists in clear: the answer to its creation. */
export type CreatedApiKey = {
  id: string;
  name: string;
  scopes: Scope[];
  key: string;
  prefix: string;
  workspaceId: string;
  createdAt: Date;
};

/** Long enough to tell keys apart in a list, far too short to guess the rest. */
const PREFIX_LENGTH = 10;

@Injectable()
export class ApiKeysService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(principal: Principal): Promise<ApiKeySummary[]> {
    const rows: {
      id: string;
      name: string;
      prefix: string;
      scopes: Scope[];
      created_at: Date;
      last_used_at: Date | null;
    }[] = await this.db.query(
      `SELECT id, name, prefix, scopes, created_at, last_used_at FROM api_keys
          WHERE workspace_id = $1 AND revoked_at IS NULL
          ORDER BY created_at DESC, id`,
      [principal.workspaceId],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      scopes: row.scopes,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
    }));
  }

  /**
   * A key never holds more than its creator: its scopes must be the caller's,
   * and another workspace must be one the acting person administers.
   */
  async create(principal: Principal, input: CreateApiKeyDto): Promise<CreatedApiKey> {
    const beyond = input.scopes.filter((scope) => !principal.scopes.includes(scope));
    if (beyond.length)
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        `You cannot grant scopes you do not hold: ${beyond.join(', ')}`,
      );
    const workspaceId = input.workspaceId ?? principal.workspaceId;
    if (
      workspaceId !== principal.workspaceId &&
      !(await this.administers(principal, workspaceId))
    ) {
      throw ApiError.notFound('Workspace');
    }
    const key = randomToken('tw_');
    const prefix = key.slice(0, PREFIX_LENGTH);
    const [row] = await this.db.query(
      `INSERT INTO api_keys (workspace_id, name, prefix, key_hash, scopes, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`,
      [workspaceId, input.name, prefix, hashToken(key), input.scopes, principal.userId],
    );
    return {
      id: row.id,
      name: input.name,
      scopes: input.scopes,
      key,
      prefix,
      workspaceId,
      createdAt: row.created_at,
    };
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    const rows: unknown[] = await this.db.query(
      `WITH revoked AS (
         UPDATE api_keys SET revoked_at = now()
          WHERE id = $1 AND workspace_id = $2 AND revoked_at IS NULL
          RETURNING id)
       SELECT id FROM revoked`,
      [id, principal.workspaceId],
    );
    if (!rows.length) throw ApiError.notFound('API key');
  }

  private async administers(principal: Principal, workspaceId: string): Promise<boolean> {
    const userId = actingUserId(principal);
    const role = userId ? await roleIn(this.db.manager, workspaceId, userId) : null;
    return role === 'owner' || role === 'admin';
  }
}
