import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SendWebhookConfig } from '@tideway/graph';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { CampaignCache } from '../engine/campaign-cache';
import type { Clock, RandomSource } from '../engine/clock';
import { CLOCK, RANDOM } from '../engine/clock';
import { applyContactEffects } from '../engine/contact-effects';
import { ContactEvents } from '../engine/contact-events.service';
import type { DeliveryRow, DeliveryStatus } from './delivery-row';
import type { OutgoingRequest, SendResult } from './http';
import { nextAttemptDelayMs, redactHeaders, redactResponseHeaders, shouldRetry, WebhookHttpClient } from './http';
import { readJsonPath } from './json-path';
import { signedRequest } from './signed-request';
import { WEBHOOK_HTTP } from './webhook-http.provider';
/** What the attempt log keeps of a response body, when the node asks to log it. */
export const LOGGED_BODY_BYTES = 16 * 1024;

/**
 * Sends one delivery attempt and records it. The HTTP call runs outside any
 * transaction (a slow receiver must not hold a database connection); the
 * lease the scanner took keeps other workers off it, and the record is
 * written only if no one recorded this attempt meanwhile. When a delivery
 * settles, the contact waiting on its webhook goes on.
 */
@Injectable()
export class DeliveryRunner {
  private readonly logger = new Logger('DeliveryRunner');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: CampaignCache,
    private readonly contactEvents: ContactEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: RandomSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WEBHOOK_HTTP) private readonly http: WebhookHttpClient,
  ) {}

  async deliver(deliveryId: string): Promise<void> {
    const now = this.clock.now();
    const [delivery]: DeliveryRow[] = await this.db.query(
      `SELECT * FROM deliveries WHERE id = $1 AND status IN ('pending', 'retrying') AND next_attempt_at <= $2`,
      [deliveryId, now],
    );
    if (!delivery) return;
    const config = await this.nodeConfig(delivery);
    const request = signedRequest(delivery.request, config, delivery.webhook_id, now);
    const result = await this.http.send(request);
    await this.db.transaction((manager) => this.record(manager, delivery, config, request, result));
  }

  private async nodeConfig(delivery: DeliveryRow): Promise<SendWebhookConfig | null> {
    if (!delivery.campaign_id || delivery.revision === null || !delivery.node_id) return null;
    const campaign = await this.cache.get(this.db.manager, delivery.campaign_id, delivery.revision);
    return campaign.webhooks.get(delivery.node_id)?.config ?? null;
  }

  private async record(
    manager: EntityManager,
    delivery: DeliveryRow,
    config: SendWebhookConfig | null,
    request: OutgoingRequest,
    result: SendResult,
  ): Promise<void> {
    const now = this.clock.now();
    const attempt = delivery.attempts + 1;
    const succeeded = result.kind === 'response' && result.status >= 200 && result.status < 300;
    const retry = !succeeded && shouldRetry(result) && attempt < delivery.max_attempts;
    const status: DeliveryStatus = succeeded ? 'succeeded' : retry ? 'retrying' : 'failed';
    const nextAt = retry
      ? new Date(now.getTime() + nextAttemptDelayMs(result, attempt, this.config.webhooks.retryBaseMs, this.random))
      : null;
    const error = result.kind === 'error' ? `${result.code}: ${result.message}` : succeeded ? null : `HTTP ${result.status}`;

    const [claimed]: { id: string }[] = await manager.query(
      `WITH recorded AS (
         UPDATE deliveries SET attempts = $2, status = $3::text, next_attempt_at = $4, lease_until = NULL, last_status = $5,
                last_error = $6, updated_at = $7::timestamptz,
                completed_at = CASE WHEN $3::text IN ('succeeded', 'failed') THEN $7::timestamptz END
          WHERE id = $1 AND attempts = $8
          RETURNING id)
       SELECT id FROM recorded`,
      [delivery.id, attempt, status, nextAt, result.kind === 'response' ? result.status : null, error, now, delivery.attempts],
    );
    if (!claimed) {
      this.logger.warn(`attempt ${attempt} of delivery ${delivery.id} was recorded by another worker`);
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
        result.kind === 'response' ? JSON.stringify(loggedResponse(result, config?.logResponseBody ?? false)) : null,
        result.durationMs,
        error,
      ],
    );
    if (status === 'succeeded' || status === 'failed') await this.settle(manager, delivery, config, result, status, now);
  }

  /** The contact waiting on this webhook goes on (per onFailure when it failed), after saving a response value if asked. */
  private async settle(
    manager: EntityManager,
    delivery: DeliveryRow,
    config: SendWebhookConfig | null,
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
        await this.contactEvents.contactChanged(manager, delivery.workspace_id, delivery.contact_id, change, {
          exceptEnrollmentId: delivery.enrollment_id,
        });
      }
    }
    await manager.query(
      `UPDATE enrollments SET run_at = $3, lease_until = NULL, updated_at = $3
        WHERE id = $1 AND node_id = $2 AND state = 'waiting' AND waiting_for = 'delivery'`,
      [delivery.enrollment_id, delivery.node_id, now],
    );
  }
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
