import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { preparedQuery } from '../database/prepared-query';
import { CampaignCache } from '../engine/campaign-cache';
import type { Clock, RandomSource } from '../engine/clock';
import { CLOCK, RANDOM } from '../engine/clock';
import { applyContactEffects } from '../engine/contact-effects';
import { ContactEvents } from '../engine/contact-events.service';
import { StepHandOff } from '../engine/step-hand-off';
import type { BatchOutcome } from '../engine/step-runner.service';
import { noMoves, StepRunner } from '../engine/step-runner.service';
import type { DeliveryResource } from '../hooks/event-payloads';
import type { HookSendState } from '../hooks/hook-delivery';
import { hookDeliveryConfig, loadHookSendState, recordHookAttempt } from '../hooks/hook-delivery';
import { HookEvents } from '../hooks/hook-events.service';
import { Metrics } from '../metrics/metrics';
import type { AttemptOutcome } from './attempt-writes';
import { logAttempts, wakeWaitingEnrollments, writeAttemptOutcomes } from './attempt-writes';
import type { DeliveryRow } from './delivery-row';
import { deliveryLogFields } from './delivery-row';
import type { OutgoingRequest, SendResult } from './http';
import { nextAttemptDelayMs, redactHeaders, shouldRetry, WebhookHttpClient } from './http';
import { readJsonPath } from './json-path';
import { loggedResponse, storableText } from './logged-response';
import type { DeliveryConfig } from './signed-request';
import { signedRequest } from './signed-request';
import { WEBHOOK_HTTP } from './webhook-http.provider';

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
    private readonly metrics: Metrics,
    private readonly stepHandOff: StepHandOff,
    private readonly steps: StepRunner,
  ) {}

  /**
   * Sends the due deliveries among `deliveryIds` at once, then records their
   * attempts in one transaction (a commit per delivery would cost more than
   * the request). Should that transaction fail, each is recorded in its own,
   * so one bad record loses no other delivery's outcome.
   *
   * Only rows that still hold the lease the job was made with (`leasedUntil`),
   * or whose lease has run out, are sent, and they are leased afresh first
   * (ENGINE_LEASE_MS from now; by default a minute, twice the longest an
   * attempt may take): a row the scanner claimed again while this job waited
   * belongs to the job it made then, and one this job sends is not claimed
   * again before it is recorded. Otherwise a job that started late and the
   * job of the row's second claim could both send it, and only one of the
   * two attempts would be logged.
   */
  async deliverMany(deliveryIds: readonly string[], leasedUntil: Date | null): Promise<void> {
    const now = this.clock.now();
    const due = await preparedQuery<DeliveryRow>(
      this.db.manager,
      `UPDATE deliveries SET lease_until = $3
        WHERE id = ANY ($1::uuid[]) AND status IN ('pending', 'retrying') AND next_attempt_at <= $2
          AND (lease_until IS NULL OR lease_until < $2 OR lease_until = $4)
       RETURNING *`,
      [deliveryIds, now, new Date(now.getTime() + this.config.engine.leaseMs), leasedUntil],
    );
    const sent = (await Promise.all(due.map((delivery) => this.send(delivery, now)))).filter(
      (attempt) => attempt !== null,
    );
    if (sent.length === 0) return;
    try {
      await this.committed(await this.db.transaction((manager) => this.record(manager, sent)));
    } catch (error) {
      if (sent.length === 1) throw error;
      this.logger.warn(
        { deliveryIds: sent.map(({ delivery }) => delivery.id), err: error },
        `recording ${sent.length} attempts together failed; recording them one by one`,
      );
      for (const attempt of sent)
        await this.committed(
          await this.db.transaction((manager) => this.record(manager, [attempt])),
        );
    }
  }

  /**
   * A record committed: its attempts count in tideway_deliveries_total and
   * the duration histogram, the steps it moved count and send what they
   * wrote, and the contacts left runnable go to the step queue.
   */
  private async committed({ recorded, steps, woken }: RecordOutcome): Promise<void> {
    for (const { outcome, result } of recorded)
      this.metrics.deliveryRecorded(outcome.status, result.durationMs);
    await this.steps.committed(steps);
    this.stepHandOff.hand([...woken, ...steps.continuing]);
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

  /**
   * Records attempts: the deliveries' new state, the attempt log and the
   * contacts going on are one statement each for all of them; what only some
   * need (hook bookkeeping, delivery_failed, a saved response) follows one by
   * one. An attempt another worker recorded meanwhile is left alone.
   */
  private async record(
    manager: EntityManager,
    sent: readonly SentAttempt[],
  ): Promise<RecordOutcome> {
    const now = this.clock.now();
    const recorded = sent.map((attempt) => {
      const { nextAt, ...outcome } = this.outcomeOf(attempt, now);
      return { ...attempt, outcome, nextAt };
    });
    const claimed = await writeAttemptOutcomes(manager, recorded, now);
    for (const { delivery, outcome } of recorded) {
      if (!claimed.has(delivery.id)) {
        this.logger.warn(
          { ...deliveryLogFields(delivery), attempt: outcome.attempts },
          'attempt recorded by another worker',
        );
      } else this.logger.debug({ ...deliveryLogFields(delivery), ...outcome }, 'delivery attempt');
    }
    const mine = recorded.filter(({ delivery }) => claimed.has(delivery.id));
    if (mine.length === 0) return { recorded: [], steps: noMoves(), woken: [] };
    await logAttempts(
      manager,
      mine.map(({ delivery, config, request, result, outcome }) => ({
        deliveryId: delivery.id,
        attempt: outcome.attempts,
        request: { ...request, headers: redactHeaders(request.headers) },
        response:
          result.kind === 'response'
            ? loggedResponse(result, config?.logResponseBody ?? false)
            : null,
        durationMs: result.durationMs,
        error: outcome.lastError,
      })),
      now,
    );
    const settled: { delivery: DeliveryRow; status: 'succeeded' | 'failed' }[] = [];
    for (const { delivery, config, hook, result, outcome } of mine) {
      if (hook) {
        await this.bookHookAttempt(manager, delivery, hook, outcome, now);
        continue;
      }
      if (outcome.status === 'failed' && delivery.campaign_id) {
        const [campaign]: { id: string; name: string }[] = await manager.query(
          `SELECT id, name FROM campaigns WHERE id = $1`,
          [delivery.campaign_id],
        );
        await this.hooks.deliveryFailed(manager, delivery.workspace_id, {
          reason: `The webhook failed after ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}: ${outcome.lastError ?? 'unknown error'}`,
          delivery: deliveryResource(delivery, outcome),
          campaign: campaign ?? null,
          hook: null,
        });
      }
      if (outcome.status === 'succeeded' || outcome.status === 'failed') {
        if (outcome.status === 'succeeded')
          await this.saveResponse(manager, delivery, config, result, now);
        settled.push({ delivery, status: outcome.status });
      }
    }
    // The contacts waiting on these webhooks take their next step in this
    // transaction; those it does not move are woken for a step of their own.
    const waiting = settled.flatMap(({ delivery, status }) =>
      delivery.enrollment_id && delivery.contact_id && delivery.node_id
        ? [{ delivery, enrollmentId: delivery.enrollment_id, nodeId: delivery.node_id, status }]
        : [],
    );
    const steps = await this.steps.moveSettled(
      manager,
      new Map(
        waiting.map(({ enrollmentId, nodeId, status }) => [enrollmentId, { nodeId, status }]),
      ),
    );
    const leaseUntil = new Date(now.getTime() + this.config.engine.leaseMs);
    const woken = await wakeWaitingEnrollments(
      manager,
      waiting
        .filter(({ enrollmentId }) => !steps.moved.has(enrollmentId))
        .map(({ delivery }) => delivery),
      now,
      leaseUntil,
    );
    return { recorded: mine, steps, woken };
  }

  /** How this attempt ends the delivery: done, failed for good, or tried again later. */
  private outcomeOf(
    { delivery, result }: SentAttempt,
    now: Date,
  ): AttemptOutcome & { nextAt: Date | null } {
    const attempt = delivery.attempts + 1;
    const succeeded = result.kind === 'response' && result.status >= 200 && result.status < 300;
    const retry = !succeeded && shouldRetry(result) && attempt < delivery.max_attempts;
    const nextAt = retry
      ? new Date(
          now.getTime() +
            nextAttemptDelayMs(result, attempt, this.config.webhooks.retryBaseMs, this.random),
        )
      : null;
    return {
      status: succeeded ? 'succeeded' : retry ? 'retrying' : 'failed',
      attempts: attempt,
      nextAt,
      lastStatus: result.kind === 'response' ? result.status : null,
      lastError:
        result.kind === 'error'
          ? `${result.code}: ${result.message}`
          : succeeded
            ? null
            : `HTTP ${result.status}`,
    };
  }

  /** The hook learns how its delivery went; when that disabled it, the delivery stops and delivery_failed says why. */
  private async bookHookAttempt(
    manager: EntityManager,
    delivery: DeliveryRow,
    hook: HookSendState,
    outcome: AttemptOutcome,
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

  /** A value of the JSON response saved into a contact field, when the node asks for it. */
  private async saveResponse(
    manager: EntityManager,
    delivery: DeliveryRow,
    config: DeliveryConfig | null,
    result: SendResult,
    now: Date,
  ): Promise<void> {
    if (!delivery.enrollment_id || !delivery.contact_id) return;
    if (!config?.saveResponse || result.kind !== 'response') return;
    const value = readJsonPath(parseJson(result.body), config.saveResponse.path);
    if (value === undefined) return;
    const stored =
      value !== null && typeof value === 'object'
        ? JSON.stringify(value)
        : typeof value === 'string'
          ? storableText(value)
          : value;
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

type SentAttempt = {
  delivery: DeliveryRow;
  config: DeliveryConfig | null;
  hook: HookSendState | null;
  request: OutgoingRequest;
  result: SendResult;
};

/** An attempt this worker recorded (none other had recorded it meanwhile). */
type RecordedAttempt = SentAttempt & { outcome: AttemptOutcome };

/** What a record's transaction did, acted on once it has committed. */
type RecordOutcome = {
  recorded: RecordedAttempt[];
  /** The steps of contacts whose webhook settled, taken in the same transaction. */
  steps: BatchOutcome;
  /** Enrollments made runnable and leased, for the step queue. */
  woken: string[];
};

function deliveryResource(delivery: DeliveryRow, outcome: AttemptOutcome): DeliveryResource {
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
