import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OpenedSession, Principal } from '@tideway/server';
import { LoginThrottle, SessionsService } from '@tideway/server';
import {
  anyUserExists,
  ApiError,
  createFirstOwner,
  hashPassword,
  roleIn,
  SCOPES_OF_ROLE,
  verifyAgainstDecoy,
  verifyPassword,
  workspacesOf,
} from '@tideway/server';
import { DataSource } from 'typeorm';
import type { ChangePasswordDto } from './change-password.dto';
import type { LoginDto } from './login.dto';
import type { SessionView } from './session-view';
import type { SetupDto } from './setup.dto';

export type SignedIn = { view: SessionView; session: OpenedSession };

type UserRow = { id: string; email: string; password_hash: string };

@Injectable()
export class AuthService {
  /** Who signed in, set up or changed a password, and refused sign-ins: lines an operator audits. */
  private readonly logger = new Logger('Auth');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
  ) {}

  async needsSetup(): Promise<boolean> {
    return !(await anyUserExists(this.db.manager));
  }

  /** The first-run screen: creates the first workspace and its owner, and signs them in. */
  async setup(input: SetupDto): Promise<SignedIn> {
    if (!(await this.needsSetup())) throw this.alreadySetUp();
    const passwordHash = await hashPassword(input.password);
    const { owner, session } = await this.db.transaction(async (tx) => {
      const owner = await createFirstOwner(tx, {
        email: input.email,
        passwordHash,
        workspaceName: input.workspaceName,
      });
      if (!owner) throw this.alreadySetUp();
      return { owner, session: await this.sessions.open(owner.user.id, owner.workspace.id, tx) };
    });
    this.logger.log(
      { userId: owner.user.id, workspaceId: owner.workspace.id },
      'first owner set up',
    );
    return {
      session,
      view: await this.viewOfSession(owner.user.id, owner.workspace.id, session.csrfToken),
    };
  }

  /**
   * One answer for an unknown email and a wrong password, after the same
   * amount of hashing work, so neither the message nor the timing tells
   * which emails have accounts.
   */
  async login(input: LoginDto, ip: string, previousToken?: string): Promise<SignedIn> {
    await this.throttle.assertAllowed(input.email, ip);
    const user = await this.userByEmail(input.email);
    const matches = user
      ? await verifyPassword(input.password, user.password_hash)
      : await verifyAgainstDecoy(input.password);
    if (!user || !matches) {
      this.logger.warn({ userId: user?.id, ip }, 'sign-in refused: wrong email or password');
      await this.throttle.recordFailure(input.email, ip);
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'The email or password is not correct');
    }
    await this.throttle.forget(input.email);
    const [first] = await workspacesOf(this.db.manager, user.id);
    if (!first)
      throw new ApiError(HttpStatus.FORBIDDEN, 'This account is not a member of any workspace');
    const session = await this.sessions.open(user.id, first.id);
    // The browser is about to drop the old cookie; drop its row with it.
    if (previousToken) await this.sessions.closeByToken(previousToken);
    this.logger.log({ userId: user.id, workspaceId: first.id }, 'signed in');
    return { session, view: await this.viewOfSession(user.id, first.id, session.csrfToken) };
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.close(signedIn(principal).sessionId);
  }

  async describe(principal: Principal): Promise<SessionView> {
    if (principal.via === 'session') {
      const { userId, sessionId } = signedIn(principal);
      return this.viewOfSession(
        userId,
        principal.workspaceId,
        await this.sessions.csrfTokenOf(sessionId),
      );
    }
    const workspace = await this.workspace(principal.workspaceId);
    return {
      user: principal.userId ? await this.userSummary(principal.userId) : null,
      workspace,
      role: null,
      scopes: principal.scopes,
      workspaces: [{ ...workspace, role: null }],
      csrfToken: null,
    };
  }

  async switchWorkspace(principal: Principal, workspaceId: string): Promise<SessionView> {
    const { userId, sessionId } = signedIn(principal);
    if (!(await roleIn(this.db.manager, workspaceId, userId))) throw ApiError.notFound('Workspace');
    await this.sessions.moveTo(sessionId, workspaceId);
    return this.describe({ ...principal, workspaceId });
  }

  /** Throttled like sign-in: a stolen session must not become a way to guess the password. */
  async changePassword(principal: Principal, input: ChangePasswordDto, ip: string): Promise<void> {
    const { userId, sessionId } = signedIn(principal);
    const [user]: UserRow[] = await this.db.query(
      `SELECT id, email, password_hash FROM users WHERE id = $1`,
      [userId],
    );
    await this.throttle.assertAllowed(user.email, ip);
    if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
      await this.throttle.recordFailure(user.email, ip);
      throw ApiError.validation([
        { path: 'currentPassword', message: 'The current password is not correct' },
      ]);
    }
    const passwordHash = await hashPassword(input.newPassword);
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [
        user.id,
        passwordHash,
      ]);
      await this.sessions.closeOthersOf(user.id, sessionId, tx);
    });
    this.logger.log({ userId: user.id }, 'password changed; other sessions closed');
  }

  private async viewOfSession(
    userId: string,
    workspaceId: string,
    csrfToken: string | null,
  ): Promise<SessionView> {
    const workspaces = await workspacesOf(this.db.manager, userId);
    const current = workspaces.find((w) => w.id === workspaceId);
    if (!current) throw new ApiError(HttpStatus.UNAUTHORIZED, 'Sign in again');
    return {
      user: await this.userSummary(userId),
      workspace: { id: current.id, name: current.name },
      role: current.role,
      scopes: SCOPES_OF_ROLE[current.role],
      workspaces: workspaces.map(({ id, name, role }) => ({ id, name, role })),
      csrfToken,
    };
  }

  private async userByEmail(email: string): Promise<UserRow | undefined> {
    const rows: UserRow[] = await this.db.query(
      `SELECT id, email, password_hash FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    return rows[0];
  }

  private async userSummary(userId: string): Promise<{ id: string; email: string } | null> {
    const rows: { id: string; email: string }[] = await this.db.query(
      `SELECT id, email FROM users WHERE id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  private async workspace(workspaceId: string): Promise<{ id: string; name: string }> {
    const [row] = await this.db.query(`SELECT id, name FROM workspaces WHERE id = $1`, [
      workspaceId,
    ]);
    return row;
  }

  private alreadySetUp(): ApiError {
    return ApiError.conflict('Tideway is already set up; sign in instead');
  }
}

/** The session's ids; routes that need them are @SessionOnly(), so anything else is a wiring mistake. */
function signedIn(principal: Principal): { userId: string; sessionId: string } {
  if (principal.via !== 'session' || !principal.userId || !principal.sessionId)
    throw new Error('Expected a session principal');
  return { userId: principal.userId, sessionId: principal.sessionId };
}
