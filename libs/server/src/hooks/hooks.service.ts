import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { tagSchema } from '../contacts/contact.schema';
import { isUuid } from '../contacts/is-uuid';
import { rowsReturnedBy } from '../database/rows-returned-by';
import { checkTarget, generateSecret } from '../deliveries/http';
import { newWebhookId } from '../deliveries/webhook-id';
import type { Clock } from '../engine/clock';
import { CLOCK } from '../engine/clock';
import { ApiError } from '../http/api-error';
import { forgetActiveHooks } from './active-hooks';
import type { HookEventName } from './event-payloads';
import { hookBody, resourceKindOf, sampleEvent, SCOPE_OF_EVENT } from './event-payloads';
import { HOOK_MAX_ATTEMPTS, hookRequest, renderHookBody } from './hook-outbox';
import type { CreateHookInput, UpdateHookInput } from './hook.schema';
import type { HookResource, HookRow } from './hook-view';
import { HOOK_COLUMNS, toHookResource } from './hook-view';

const ATTRIBUTES = 'data.attributes';

/** Event hooks seen from the API: subscribe, list, change, rotate the secret, test, unsubscribe. */
@Injectable()
export class HooksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(workspaceId: string): Promise<{ data: HookResource[] }> {
    const rows: HookRow[] = await this.db.query(
      `SELECT ${HOOK_COLUMNS} FROM hooks WHERE workspace_id = $1 ORDER BY created_at, id`,
      [workspaceId],
    );
    const now = this.clock.now();
    return { data: rows.map((row) => toHookResource(row, now)) };
  }

  async get(workspaceId: string, id: string): Promise<{ data: HookResource }> {
    return { data: toHookResource(await this.row(this.db.manager, workspaceId, id), this.clock.now()) };
  }

  /**
   * A hook sees only events its creator may read: the caller needs the
   * event's scope (403 otherwise), and the hook keeps the caller's scopes.
   */
  async create(principal: Principal, input: CreateHookInput): Promise<{ data: HookResource }> {
    const needed = SCOPE_OF_EVENT[input.event];
    if (!principal.scopes.includes(needed)) {
      throw new ApiError(HttpStatus.FORBIDDEN, `A hook for ${input.event} needs the ${needed} scope`);
    }
    await this.checkTargetUrl(input.target_url);
    const secret = generateSecret();
    const row = await this.db.transaction(async (manager) => {
      const resourceId = await this.checkResource(manager, principal.workspaceId, input.event, input.resource_id ?? null);
      const [created]: HookRow[] = await manager.query(
        `INSERT INTO hooks (workspace_id, target_url, event, resource_id, content_type, scopes, secret, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING ${HOOK_COLUMNS}`,
        [
          principal.workspaceId,
          input.target_url,
          input.event,
          resourceId,
          input.content_type,
          principal.scopes,
          secret,
          principal.userId,
          this.clock.now(),
        ],
      );
      return created;
    });
    forgetActiveHooks(principal.workspaceId);
    return { data: toHookResource(row, this.clock.now(), secret) };
  }

  /** Turning a hook back on clears its failing streak and the reason it was disabled. */
  async update(workspaceId: string, id: string, input: UpdateHookInput): Promise<{ data: HookResource }> {
    if (input.target_url !== undefined) await this.checkTargetUrl(input.target_url);
    const now = this.clock.now();
    const [row] = await this.db.transaction((manager) =>
      rowsReturnedBy<HookRow>(
        manager,
        `UPDATE hooks
            SET target_url = coalesce($3, target_url),
                active = coalesce($4, active),
                failing_since = CASE WHEN $4::boolean IS NOT NULL THEN NULL ELSE failing_since END,
                disabled_reason = CASE WHEN $4::boolean IS NOT NULL THEN NULL ELSE disabled_reason END,
                updated_at = $5
          WHERE workspace_id = $1 AND id = $2
          RETURNING ${HOOK_COLUMNS}`,
        [workspaceId, id, input.target_url ?? null, input.active ?? null, now],
      ),
    );
    if (!row) throw ApiError.notFound('Hook');
    forgetActiveHooks(workspaceId);
    return { data: toHookResource(row, now) };
  }

  /** Unsubscribes; its deliveries and their log go with it. */
  async remove(workspaceId: string, id: string): Promise<void> {
    const rows = await this.db.transaction((manager) =>
      rowsReturnedBy(manager, `DELETE FROM hooks WHERE workspace_id = $1 AND id = $2 RETURNING id`, [workspaceId, id]),
    );
    if (rows.length === 0) throw ApiError.notFound('Hook');
    forgetActiveHooks(workspaceId);
  }

  /**
   * A new secret, shown this once. The previous one keeps signing beside it
   * (two signatures in webhook-signature) for HOOK_SECRET_ROTATION_HOURS, so
   * receivers can switch without refusing a request.
   */
  async rotateSecret(workspaceId: string, id: string): Promise<{ data: HookResource }> {
    const now = this.clock.now();
    const secret = generateSecret();
    const until = this.config.hooks.secretRotationMs > 0 ? new Date(now.getTime() + this.config.hooks.secretRotationMs) : null;
    const [row] = await this.db.transaction((manager) =>
      rowsReturnedBy<HookRow>(
        manager,
        `UPDATE hooks SET previous_secret = CASE WHEN $4::timestamptz IS NULL THEN NULL ELSE secret END,
                previous_secret_until = $4, secret = $3, updated_at = $5
          WHERE workspace_id = $1 AND id = $2
          RETURNING ${HOOK_COLUMNS}`,
        [workspaceId, id, secret, until, now],
      ),
    );
    if (!row) throw ApiError.notFound('Hook');
    return { data: toHookResource(row, now, secret) };
  }

  /** Sends the event's sample to the hook through the delivery pipeline (signed, retried, logged). */
  async sendTest(workspaceId: string, id: string): Promise<{ deliveryId: string; webhookId: string }> {
    const now = this.clock.now();
    return this.db.transaction(async (manager) => {
      const hook = await this.row(manager, workspaceId, id);
      if (!hook.active) throw ApiError.conflict('This hook is disabled: enable it before sending a test');
      const request = hookRequest(hook, renderHookBody(sampleEvent(hook.event), hook.content_type));
      const [delivery] = await rowsReturnedBy<{ id: string; webhook_id: string }>(
        manager,
        `INSERT INTO deliveries (workspace_id, webhook_id, hook_id, event, status, request, max_attempts, next_attempt_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $7, $7) RETURNING id, webhook_id`,
        [workspaceId, newWebhookId(), hook.id, hook.event, JSON.stringify(request), HOOK_MAX_ATTEMPTS, now],
      );
      return { deliveryId: delivery.id, webhookId: delivery.webhook_id };
    });
  }

  sample(event: HookEventName) {
    return hookBody(sampleEvent(event));
  }

  private async row(manager: EntityManager, workspaceId: string, id: string): Promise<HookRow> {
    const [row]: HookRow[] = await manager.query(`SELECT ${HOOK_COLUMNS} FROM hooks WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      id,
    ]);
    if (!row) throw ApiError.notFound('Hook');
    return row;
  }

  /** The SSRF guard at subscription time (the sender checks again before every attempt). */
  private async checkTargetUrl(url: string): Promise<void> {
    const check = await checkTarget(url, this.config.webhooks);
    if (!check.ok && !check.unresolved) {
      throw ApiError.validation([{ path: `${ATTRIBUTES}.target_url`, message: `Events cannot be sent to this URL: ${check.reason}` }]);
    }
  }

  /** resource_id names a tag, or a contact / campaign (or hook) of this workspace; ids are stored lower-case. */
  private async checkResource(
    manager: EntityManager,
    workspaceId: string,
    event: HookEventName,
    resourceId: string | null,
  ): Promise<string | null> {
    if (resourceId === null) return null;
    const path = `${ATTRIBUTES}.resource_id`;
    const kind = resourceKindOf(event);
    if (kind === 'tag') {
      const tag = tagSchema.safeParse(resourceId);
      if (!tag.success) throw ApiError.validation([{ path, message: tag.error.issues[0].message }]);
      return tag.data;
    }
    const id = resourceId.toLowerCase();
    const tables = kind === 'contact' ? ['contacts'] : kind === 'campaign' ? ['campaigns'] : ['campaigns', 'hooks'];
    if (isUuid(id)) {
      for (const table of tables) {
        const [found] = await manager.query(`SELECT 1 FROM ${table} WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
        if (found) return id;
      }
    }
    throw ApiError.validation([{ path, message: `For ${event}, resource_id is the id of a ${kind} of this workspace` }]);
  }
}
