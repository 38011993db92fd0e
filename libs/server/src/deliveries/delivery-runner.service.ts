import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { CampaignCache } from '../engine/campaign-cache';
import type { Clock, RandomSource } from '../engine/clock';
import { CLOCK, RANDOM } from '../engine/clock';
import { applyContactEffects } from '../engine/contact-effects';
import { ContactEvents } from '../engine/contact-events.service';
import type { DeliveryResource } from '../hooks/event-payloads';
import type { HookSendState } from '../hooks/hook-delivery';
import { hookDeliveryConfig, loadHookSendState, recordHookAttempt } from '../hooks/hook-delivery';
import { HookEvents } from '../hooks/hook-events.service';
import type { DeliveryRow, DeliveryStatus } from './delivery-row';
import type { OutgoingRequest, SendResult } from './http';
import {
  nextAttemptDelayMs,
  redactHeaders,
  redactResponseHeaders,
  shouldRetry,
  WebhookHttpClient,
} from './http';
import { readJsonPath } from './json-path';
import type { DeliveryConfig } from './signed-request';
import { signedRequest } from './signed-request';
import { WEBHOOK_HTTP } from './webhook-http.provider';
/** What the attempt log keeps of a response body, when the node asks to log it. */
export const LOGGED_BODY_BYTES = 16 * 1024;

/**
 * Sends one delivery attempt and records it. The HTTP call runs outside any
 * transaction (a slow receiver must not hold a database connection); the
 * lease the scanner took keeps other workers off it, and the record is
 * written only if no one recorded this attempt meanwhile. When a delivery
 * settles, the contact waiting on its webhook goes on. Event hooks'
 * deliveries go the same way, signed with the hook's secret(s); their
 * outcome is booked on the hook, which 410 or a long failing streak disables.
 */
@Injectable()
export class DeliveryRunner {
  private readonly logger = new Logger('DeliveryRunner');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: CampaignCache,
    private readonly contactEvents: ContactEvents,
    private readonly hooks: HookEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: RandomSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WEBHOOK_HTTP) private readonly http: WebhookHttpClient,
  ) {}

  deliver(deliveryId: string): Promise<void> {
    return this.deliverMany([deliveryId]);
  }

  /**
   * Sends the due deliveries among `deliveryIds` at once, then records their
   * attempts in one transaction (a commit per delivery would cost more than
   * the request). Should that transaction fail, each is recorded in its own,
   * so one bad record loses no other delivery's outcome.
   */
  async deliverMany(deliveryIds: readonly string[]): Promise<void> {
    const now = this.clock.now();
    const due: DeliveryRow[] = await this.db.query(
      `SELECT * FROM deliveries WHERE id = ANY ($1::uuid[]) AND status IN ('pending', 'retrying') AND next_attempt_at <= $2`,
      [deliveryIds, now],
    );
    const sent = (await Promise.all(due.map((delivery) => this.send(delivery, now)))).filter(
      (attempt) => attempt !== null,
    );
    if (sent.length === 0) return;
    try {
      await this.db.transaction(async (manager) => {
        for (const attempt of sent) await this.record(manager, attempt);
      });
    } catch (error) {
      if (sent.length === 1) throw error;
      this.logger.warn(
        `recording ${sent.length} attempts together failed (${(error as Error).message}); recording them one by one`,
      );
      for (const attempt of sent)
        await this.db.transaction((manager) => this.record(manager, attempt));
    }
  }

  /** One attempt of one delivery, outside any transaction; null when it is not to be sent. */
  private async send(delivery: DeliveryRow, now: Date): Promise<SentAttempt | null> {
    const { config, hook } = await this.deliveryConfig(delivery, now);
    if (hook && !hook.active) {
      await this.db.query(
        `UPDATE deliveries SET status = 'failed', next_attempt_at = NULL, lease_until = NULL, last_error = $3,
                updated_at = $2, completed_at = $2
          WHERE id = $1 AND attempts = $4`,
        [
          delivery.id,
          now,
          'Not sent: the hook is disabled (enable it, then replay)',
          delivery.attempts,
        ],
      );
      return null;
    }
    const request = signedRequest(delivery.request, config, delivery.webhook_id, now);
    return { delivery, config, hook, request, result: await this.http.send(request) };
  }

  /** The campaign node's config, or the hook's: what signs and shapes this delivery's attempts. */
  private async deliveryConfig(
    delivery: DeliveryRow,
    now: Date,
  ): Promise<{ config: DeliveryConfig | null; hook: HookSendState | null }> {
    if (delivery.hook_id) {
      const hook = await loadHookSendState(this.db.manager, delivery.hook_id);
      return { config: hook && hookDeliveryConfig(hook, now), hook };
    }
    if (!delivery.campaign_id || delivery.revision === null || !delivery.node_id)
      return { config: null, hook: null };
    const campaign = await this.cache.get(this.db.manager, delivery.campaign_id, delivery.revision);
    return { config: campaign.webhooks.get(delivery.node_id)?.config ?? null, hook: null };
  }

  private async record(
    manager: EntityManager,
    { delivery, config, hook, request, result }: SentAttempt,
  ): Promise<void> {
    const now = this.clock.now();
    const attempt = delivery.attempts + 1;
    const succeeded = result.kind === 'response' && result.status >= 200 && result.status < 300;
    const retry = !succeeded && shouldRetry(result) && attempt < delivery.max_attempts;
    const status: DeliveryStatus = succeeded ? 'succeeded' : retry ? 'retrying' : 'failed';
    const nextAt = retry
      ? new Date(
          now.getTime() +
            nextAttemptDelayMs(result, attempt, this.config.webhooks.retryBaseMs, this.random),
        )
      : null;
    const error =
      result.kind === 'error'
        ? `${result.code}: ${result.message}`
        : succeeded
          ? null
          : `HTTP ${result.status}`;

    const [claimed]: { id: string }[] = await manager.query(
      `WITH recorded AS (
         UPDATE deliveries SET attempts = $2, status = $3::text, next_attempt_at = $4, lease_until = NULL, last_status = $5,
                last_error = $6, updated_at = $7::timestamptz,
                completed_at = CASE WHEN $3::text IN ('succeeded', 'failed') THEN $7::timestamptz END
          WHERE id = $1 AND attempts = $8
          RETURNING id)
       SELECT id FROM recorded`,
      [
        delivery.id,
        attempt,
        status,
        nextAt,
        result.kind === 'response' ? result.status : null,
        error,
        now,
        delivery.attempts,
      ],
    );
    if (!claimed) {
      this.logger.warn(
        `attempt ${attempt} of delivery ${delivery.id} was recorded by another worker`,
      );
      return;
    }
    await manager.query(
      `INSERT INTO delivery_attempts (delivery_id, attempt, at, request, response, duration_ms, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        delivery.id,
        attempt,
        now,
        JSON.stringify({ ...request, headers: redactHeaders(request.headers) }),
        result.kind === 'response'
          ? JSON.stringify(loggedResponse(result, config?.logResponseBody ?? false))
          : null,
        result.durationMs,
        error,
      ],
    );
    const outcome = {
      status,
      attempts: attempt,
      lastStatus: result.kind === 'response' ? result.status : null,
      lastError: error,
    };
    if (hook) {
      await this.bookHookAttempt(manager, delivery, hook, outcome, now);
      return;
    }
    if (status === 'failed' && delivery.campaign_id) {
      const [campaign]: { id: string; name: string }[] = await manager.query(
        `SELECT id, name FROM campaigns WHERE id = $1`,
        [delivery.campaign_id],
      );
      await this.hooks.deliveryFailed(manager, delivery.workspace_id, {
        reason: `The webhook failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${error ?? 'unknown error'}`,
        delivery: deliveryResource(delivery, outcome),
        campaign: campaign ?? null,
        hook: null,
      });
    }
    if (status === 'succeeded' || status === 'failed')
      await this.settle(manager, delivery, config, result, status, now);
  }

  /** The hook learns how its delivery went; when that disabled it, the delivery stops and delivery_failed says why. */
  private async bookHookAttempt(
    manager: EntityManager,
    delivery: DeliveryRow,
    hook: HookSendState,
    outcome: DeliveryOutcome,
    now: Date,
  ): Promise<void> {
    const reason = await recordHookAttempt(
      manager,
      hook,
      {
        succeeded: outcome.status === 'succeeded',
        status: outcome.lastStatus,
        error: outcome.lastError,
      },
      now,
      this.config.hooks.disableAfterMs,
    );
    if (!reason) return;
    if (outcome.status === 'retrying') {
      await manager.query(
        `UPDATE deliveries SET status = 'failed', next_attempt_at = NULL, completed_at = $2, updated_at = $2 WHERE id = $1`,
        [delivery.id, now],
      );
    }
    await this.hooks.deliveryFailed(manager, hook.workspace_id, {
      reason: `The hook was disabled. ${reason}`,
      delivery: deliveryResource(delivery, { ...outcome, status: 'failed' }),
      campaign: null,
      hook: {
        id: hook.id,
        target_url: hook.target_url,
        event: hook.event,
        active: false,
        disabled_reason: reason,
      },
    });
  }

  /** The contact waiting on this webhook goes on (per onFailure when it failed), after saving a response value if asked. */
  private async settle(
    manager: EntityManager,
    delivery: DeliveryRow,
    config: DeliveryConfig | null,
    result: SendResult,
    status: DeliveryStatus,
    now: Date,
  ): Promise<void> {
    if (!delivery.enrollment_id || !delivery.contact_id) return;
    if (status === 'succeeded' && config?.saveResponse && result.kind === 'response') {
      const value = readJsonPath(parseJson(result.body), config.saveResponse.path);
      if (value !== undefined) {
        const stored = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
        const change = await applyContactEffects(
          manager,
          delivery.contact_id,
          [{ kind: 'updateField', field: config.saveResponse.field, value: stored }],
          now,
        );
        await this.contactEvents.contactChanged(
          manager,
          delivery.workspace_id,
          delivery.contact_id,
          change,
          {
            exceptEnrollmentId: delivery.enrollment_id,
          },
        );
      }
    }
    await manager.query(
      `UPDATE enrollments SET run_at = $3, lease_until = NULL, updated_at = $3
        WHERE id = $1 AND node_id = $2 AND state = 'waiting' AND waiting_for = 'delivery'`,
      [delivery.enrollment_id, delivery.node_id, now],
    );
  }
}

type SentAttempt = {
  delivery: DeliveryRow;
  config: DeliveryConfig | null;
  hook: HookSendState | null;
  request: OutgoingRequest;
  result: SendResult;
};

type DeliveryOutcome = {
  status: DeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
};

function deliveryResource(delivery: DeliveryRow, outcome: DeliveryOutcome): DeliveryResource {
  return {
    id: delivery.id,
    webhookId: delivery.webhook_id,
    method: delivery.request.method,
    url: delivery.request.url,
    ...outcome,
    campaignId: delivery.campaign_id,
    nodeId: delivery.node_id,
    contactId: delivery.contact_id,
    hookId: delivery.hook_id,
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function loggedResponse(result: Extract<SendResult, { kind: 'response' }>, logBody: boolean) {
  const headers = redactResponseHeaders(result.headers);
  if (!logBody) return { status: result.status, headers, durationMs: result.durationMs };
  const body = Buffer.from(result.body).subarray(0, LOGGED_BODY_BYTES).toString('utf8');
  return {
    status: result.status,
    headers,
    body,
    bodyTruncated: result.truncated || Buffer.byteLength(result.body) > LOGGED_BODY_BYTES,
    durationMs: result.durationMs,
  };
}
