import type { CanActivate, ExecutionContext} from '@nestjs/common';
import { HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { ApiError } from '../http/api-error';
import type { Role, Scope} from '../tenancy/roles';
import { SCOPES_OF_ROLE } from '../tenancy/roles';
import type { RequestWithPrincipal} from './auth.decorators';
import { IS_PUBLIC, OPTIONAL_AUTH, REQUIRED_SCOPES, SESSION_ONLY } from './auth.decorators';
import type { Principal } from './principal';
import { hashToken, safeEqual } from './tokens';

export const SESSION_COOKIE = 'tideway_session';
export const CSRF_COOKIE = 'tideway_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every request that is not @Public(), by API key (Authorization:
 * Bearer) or by session cookie, and checks the scopes a route requires.
 * Cookie-authenticated unsafe requests must echo the session's CSRF token in
 * the x-csrf-token header (double submit: a cross-site page can neither read
 * the token nor set the header).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    const principal = await this.authenticate(request);
    if (!principal) {
      if (this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, targets)) return true;
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'Sign in or send an API key');
    }
    request.principal = principal;
    if (this.reflector.getAllAndOverride<boolean>(SESSION_ONLY, targets) && principal.via !== 'session') {
      throw new ApiError(HttpStatus.FORBIDDEN, 'Only a signed-in person can do this, not an API key');
    }

    const required = this.reflector.getAllAndOverride<Scope[] | undefined>(REQUIRED_SCOPES, targets) ?? [];
    const missing = required.filter((scope) => !principal.scopes.includes(scope));
    if (missing.length) throw new ApiError(HttpStatus.FORBIDDEN, `Missing scope: ${missing.join(', ')}`);
    return true;
  }

  private async authenticate(request: Request): Promise<Principal | null> {
    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      return match ? this.byApiKey(match[1]) : null;
    }
    const token = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (!token) return null;
    const session = await this.bySession(token);
    if (session && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
        throw new ApiError(HttpStatus.FORBIDDEN, 'Missing or invalid CSRF token (send the x-csrf-token header)');
      }
    }
    return session?.principal ?? null;
  }

  private async byApiKey(key: string): Promise<Principal | null> {
    // Wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count], not rows.
    const rows: { id: string; workspace_id: string; scopes: Scope[]; created_by: string | null }[] = await this.db.query(
      `WITH used AS (
         UPDATE api_keys SET last_used_at = now()
          WHERE key_hash = $1 AND revoked_at IS NULL
          RETURNING id, workspace_id, scopes, created_by)
       SELECT * FROM used`,
      [hashToken(key)],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      workspaceId: row.workspace_id,
      userId: row.created_by,
      role: null,
      scopes: row.scopes,
      via: 'apiKey',
      sessionId: null,
      apiKeyId: row.id,
    };
  }

  private async bySession(token: string): Promise<{ principal: Principal; csrfToken: string } | null> {
    const rows: { id: string; user_id: string; workspace_id: string; role: Role; csrf_token: string }[] = await this.db.query(
      `SELECT s.id, s.user_id, s.workspace_id, s.csrf_token, m.role
         FROM sessions s
         JOIN memberships m ON m.workspace_id = s.workspace_id AND m.user_id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return null;
    const principal: Principal = {
      workspaceId: row.workspace_id,
      userId: row.user_id,
      role: row.role,
      scopes: SCOPES_OF_ROLE[row.role],
      via: 'session',
      sessionId: row.id,
      apiKeyId: null,
    };
    return { principal, csrfToken: row.csrf_token };
  }
}
