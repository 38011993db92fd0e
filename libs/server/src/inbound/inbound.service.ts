import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CompiledCampaign } from '@tideway/engine';
import type { GraphNode } from '@tideway/graph';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { hashToken } from '../auth/tokens';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { ContactsService } from '../contacts/contacts.service';
import { FieldsService } from '../contacts/fields.service';
import { rowsReturnedBy } from '../database/rows-returned-by';
import { generateSecret } from '../deliveries/http';
import { CampaignCache } from '../engine/campaign-cache';
import type { Clock } from '../engine/clock';
import { CLOCK } from '../engine/clock';
import type { ActiveEnrollment } from '../engine/contact-events.service';
import { ContactEvents } from '../engine/contact-events.service';
import type { Reentry } from '../engine/enroll';
import { enrollContacts } from '../engine/enroll';
import type { LeasedRunnable } from '../engine/step-hand-off';
import { StepHandOff } from '../engine/step-hand-off';
import { ApiError } from '../http/api-error';
import { storableValueProblems } from '../http/zod-validation';
import { bodyParams, inboundContact } from './inbound-contact';
import type { InboundEndpointRow } from './inbound-endpoints';
import {
  endpointByTokenHash,
  endpointsOf,
  INBOUND_PATH,
  isInboundNode,
  newInboundToken,
} from './inbound-endpoints';
import { InboundRateLimit } from './inbound-rate-limit';
import type { WebhookHeaders } from './inbound-signature';
import { verifySignature } from './inbound-signature';

/** A request to `POST /hooks/in/:token`, as the controller read it. */
export type InboundRequest = {
  token: string;
  /** The parsed JSON or form body. */
  body: unknown;
  /** The body's bytes as received: what a signature covers. */
  rawBody: Buffer;
  headers: WebhookHeaders;
};

export type InboundAnswer =
  | { status: 202; body: { contactId: string; enrolled: boolean; goalReached?: boolean } }
  | { status: 200; body: { duplicate: true } };

/** An endpoint as the campaign's answer shows it. */
export type InboundEndpointView = { nodeId: string; url: string; hasSecret: boolean };

/** How long a webhook-id is remembered: a repeat within it is answered, and ignored. */
const REPLAY_WINDOW_MS = 24 * 3_600_000;
const PURGE_EVERY_MS = 10 * 60_000;
const MAX_WEBHOOK_ID_LENGTH = 255;
/** PostgreSQL's codes for a transaction that lost a race and may simply be tried again. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 3;

/**
 * Checked in place of an endpoint when the token matches none, so a miss
 * does the work of a hit (hash lookup, then a signature check) before its 404.
 */
const STAND_IN: Pick<InboundEndpointRow, 'secret'> = {
  secret: `whsec_${Buffer.alloc(32).toString('base64')}`,
};

/**
 * Inbound webhooks (../shared/API.md, "Inbound webhooks"): a request to a
 * node's endpoint upserts the contact it names and, in the same transaction,
 * enrolls it at the webhook trigger or meets the webhook goal for it. Also
 * manages the endpoints (signing secret, URL token).
 */
@Injectable()
export class InboundService {
  private readonly logger = new Logger('InboundService');
  private readonly rateLimit: InboundRateLimit;
  private lastPurge = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly contacts: ContactsService,
    private readonly fields: FieldsService,
    private readonly events: ContactEvents,
    private readonly cache: CampaignCache,
    private readonly handOff: StepHandOff,
  ) {
    this.rateLimit = new InboundRateLimit(config.inbound.ratePerMinute);
  }

  /** Answers only once what the request caused is committed. */
  async receive(request: InboundRequest): Promise<InboundAnswer> {
    const now = this.clock.now();
    const endpoint = await endpointByTokenHash(this.db, hashToken(request.token));
    const secret = (endpoint ?? STAND_IN).secret;
    const signature = secret
      ? verifySignature(secret, request.headers, request.rawBody, now)
      : { ok: true as const };
    if (!endpoint) throw ApiError.notFound('Inbound webhook');
    if (!signature.ok) throw new ApiError(HttpStatus.UNAUTHORIZED, signature.reason);

    const retryAfter = this.rateLimit.take(endpoint.id, now.getTime());
    if (retryAfter > 0)
      throw ApiError.tooManyRequests('Too many requests to this inbound webhook', retryAfter);

    const webhookId = request.headers.id;
    if (
      webhookId !== undefined &&
      (webhookId.length === 0 || webhookId.length > MAX_WEBHOOK_ID_LENGTH)
    ) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        `webhook-id must have 1 to ${MAX_WEBHOOK_ID_LENGTH} characters`,
      );
    }
    const { answer, leased } = await this.withRetries(async () => {
      // Each attempt leases afresh: what a rolled-back one leased never was.
      const leased = this.handOff.leases();
      const answer = await this.db.transaction((manager) =>
        this.apply(manager, endpoint, request.body, webhookId, now, leased),
      );
      return { answer, leased };
    });
    // The contact starts at once, not at the scanner's next pass.
    await this.handOff.handCommitted(leased);
    await this.purgeReceipts(now);
    return answer;
  }

  private async apply(
    manager: EntityManager,
    endpoint: InboundEndpointRow,
    body: unknown,
    webhookId: string | undefined,
    now: Date,
    leased: LeasedRunnable,
  ): Promise<InboundAnswer> {
    // First, so a repeat waits for the first to commit and then does nothing (the primary key settles races).
    if (
      webhookId !== undefined &&
      !(await this.firstReceipt(manager, endpoint.id, webhookId, now))
    ) {
      return { status: 200, body: { duplicate: true } };
    }
    const [campaign]: { status: string; published_revision: number | null; reentry: Reentry }[] =
      await manager.query(
        `SELECT status, published_revision, reentry FROM campaigns WHERE id = $1`,
        [endpoint.campaignId],
      );
    if (!campaign) throw ApiError.notFound('Inbound webhook');
    // A paused campaign takes contacts; they move when it resumes (docs/decisions/002-durable-engine.md).
    if (
      (campaign.status !== 'live' && campaign.status !== 'paused') ||
      campaign.published_revision === null
    ) {
      throw ApiError.conflict(
        `The campaign is ${campaign.status}: it takes inbound webhooks once it is published`,
      );
    }
    const compiled = await this.cache.get(
      manager,
      endpoint.campaignId,
      campaign.published_revision,
    );
    const node = compiled.nodes.get(endpoint.nodeId);
    if (node?.type !== 'trigger.webhookReceived' && node?.type !== 'goal.webhookReceived') {
      throw ApiError.conflict(
        'This webhook element is not in the published revision of the campaign: publish it first',
      );
    }

    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw ApiError.validation(
        [{ path: '', message: 'Send a JSON object or a form' }],
        'The request body names no contact',
      );
    }
    // bodyParams walks the body recursively; what the contact takes from it must fit the database.
    const tooDeep = storableValueProblems(body, { text: false });
    if (tooDeep.length) throw ApiError.validation(tooDeep, 'The request body nests too deeply');
    const mapping = node.type === 'trigger.webhookReceived' ? node.data.config.mapping : undefined;
    const parsed = inboundContact(
      bodyParams(body),
      mapping,
      await this.fields.typesByKey(manager, endpoint.workspaceId),
    );
    if (!parsed.ok)
      throw ApiError.validation(parsed.details, 'The request body does not describe a contact');
    const unstorable = storableValueProblems(parsed.contact);
    if (unstorable.length)
      throw ApiError.validation(unstorable, 'The request body does not describe a contact');
    const [result] = await this.contacts.upsertMany(
      manager,
      endpoint.workspaceId,
      [parsed.contact],
      leased,
    );
    if (!result.ok) throw ApiError.validation([{ path: 'tags', message: result.message }]);
    const contactId = result.mutation.contact.id;

    if (node.type === 'trigger.webhookReceived') {
      const enrolled = await enrollContacts(
        manager,
        {
          workspaceId: endpoint.workspaceId,
          campaignId: endpoint.campaignId,
          revision: compiled.revision,
          nodeId: node.id,
          state: 'ready',
        },
        [contactId],
        campaign.reentry,
        now,
        leased,
      );
      return { status: 202, body: { contactId, enrolled: enrolled.has(contactId) } };
    }
    return {
      status: 202,
      body: {
        contactId,
        ...(await this.meetGoal(
          manager,
          endpoint,
          compiled,
          node,
          campaign.reentry,
          contactId,
          now,
          leased,
        )),
      },
    };
  }

  /**
   * goal.webhookReceived is an event (nothing about the contact says it was
   * met), so it is met here or never: a contact upstream of the goal, or on
   * it, jumps there as ContactEvents does for other goals; with allowEntry a
   * contact not in the campaign enters at it. The enrollment is locked and
   * waited for, not skipped: a step holding it could not see this event.
   */
  private async meetGoal(
    manager: EntityManager,
    endpoint: InboundEndpointRow,
    published: CompiledCampaign,
    goal: GraphNode,
    reentry: Reentry,
    contactId: string,
    now: Date,
    leased: LeasedRunnable,
  ): Promise<{ enrolled: boolean; goalReached: boolean }> {
    const [active]: ActiveEnrollment[] = await manager.query(
      `SELECT id, contact_id, campaign_id, revision, node_id, waiting_for FROM enrollments
        WHERE campaign_id = $1 AND contact_id = $2 AND state IN ('ready', 'waiting')
        FOR UPDATE`,
      [endpoint.campaignId, contactId],
    );
    if (active) {
      const onRevision =
        active.revision === published.revision
          ? published
          : await this.cache.get(manager, endpoint.campaignId, active.revision);
      const ahead = onRevision.goalsAhead.get(active.node_id) ?? [];
      if (
        onRevision.nodes.has(goal.id) &&
        (active.node_id === goal.id || ahead.includes(goal.id))
      ) {
        await this.events.reachGoal(manager, onRevision, active, contactId, goal.id, now, leased);
        return { enrolled: false, goalReached: true };
      }
      return { enrolled: false, goalReached: false };
    }
    if (goal.type === 'goal.webhookReceived' && goal.data.config.allowEntry) {
      const entered = await this.events.enterAtGoal(
        manager,
        endpoint.workspaceId,
        published,
        reentry,
        contactId,
        goal.id,
        now,
        leased,
      );
      return { enrolled: entered, goalReached: entered };
    }
    return { enrolled: false, goalReached: false };
  }

  /** Records the webhook-id; false when it was seen within the replay window. */
  private async firstReceipt(
    manager: EntityManager,
    endpointId: string,
    webhookId: string,
    now: Date,
  ): Promise<boolean> {
    const rows = await rowsReturnedBy(
      manager,
      `INSERT INTO inbound_receipts AS r (endpoint_id, webhook_id, received_at) VALUES ($1, $2, $3)
       ON CONFLICT (endpoint_id, webhook_id) DO UPDATE SET received_at = excluded.received_at
        WHERE r.received_at < $4
       RETURNING 1`,
      [endpointId, webhookId, now, new Date(now.getTime() - REPLAY_WINDOW_MS)],
    );
    return rows.length > 0;
  }

  /** Receipts older than the window are forgotten now and then, by whichever request comes. */
  private async purgeReceipts(now: Date): Promise<void> {
    if (now.getTime() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now.getTime();
    try {
      await this.db.query(`DELETE FROM inbound_receipts WHERE received_at < $1`, [
        new Date(now.getTime() - REPLAY_WINDOW_MS),
      ]);
    } catch (error) {
      this.logger.warn({ err: error }, 'purging inbound receipts failed');
    }
  }

  private async withRetries<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
      }
    }
  }

  /** The endpoints of the inbound nodes of `graph` (the campaign's draft), in graph order. */
  async endpointsFor(
    workspaceId: string,
    campaignId: string,
    graph: { nodes: readonly { id: string; type: string }[] },
    baseUrl: string,
  ): Promise<InboundEndpointView[]> {
    const byNode = new Map(
      (await endpointsOf(this.db, workspaceId, campaignId)).map((row) => [row.nodeId, row]),
    );
    return graph.nodes.flatMap((node) => {
      const row = isInboundNode(node) ? byNode.get(node.id) : undefined;
      return row ? [viewOf(row, baseUrl)] : [];
    });
  }

  /** A new signing secret for the node's endpoint, answered this once. */
  async createSecret(
    workspaceId: string,
    campaignId: string,
    nodeId: string,
  ): Promise<{ secret: string }> {
    const secret = generateSecret();
    await this.updateEndpoint(workspaceId, campaignId, nodeId, 'secret = $4', [secret]);
    return { secret };
  }

  async removeSecret(workspaceId: string, campaignId: string, nodeId: string): Promise<void> {
    await this.updateEndpoint(workspaceId, campaignId, nodeId, 'secret = NULL', []);
  }

  /** A new URL for the node's endpoint; the old one stops working at once. */
  async rotateToken(
    workspaceId: string,
    campaignId: string,
    nodeId: string,
    baseUrl: string,
  ): Promise<InboundEndpointView> {
    const token = newInboundToken();
    const row = await this.updateEndpoint(
      workspaceId,
      campaignId,
      nodeId,
      'token = $4, token_hash = $5, token_prefix = $6',
      [token, hashToken(token), token.slice(0, 12)],
    );
    return viewOf(row, baseUrl);
  }

  private async updateEndpoint(
    workspaceId: string,
    campaignId: string,
    nodeId: string,
    set: string,
    values: unknown[],
  ): Promise<InboundEndpointRow> {
    const [row] = await this.db.transaction((manager) =>
      rowsReturnedBy<InboundEndpointRow>(
        manager,
        `UPDATE inbound_endpoints SET ${set} WHERE workspace_id = $1 AND campaign_id = $2 AND node_id = $3
         RETURNING id, workspace_id AS "workspaceId", campaign_id AS "campaignId", node_id AS "nodeId", token, secret`,
        [workspaceId, campaignId, nodeId, ...values],
      ),
    );
    if (!row) throw ApiError.notFound('Inbound webhook of this element (save the campaign first)');
    return row;
  }
}

function viewOf(row: InboundEndpointRow, baseUrl: string): InboundEndpointView {
  return {
    nodeId: row.nodeId,
    url: `${baseUrl}${INBOUND_PATH}${row.token}`,
    hasSecret: row.secret !== null,
  };
}

/**
 * What the campaign's answer adds: `inbound`, and `inboundUrl` when one URL
 * is the campaign's (its only inbound element, or else its only webhook trigger).
 */
export function inboundFields(
  endpoints: readonly InboundEndpointView[],
  graph: { nodes: readonly { id: string; type: string }[] },
) {
  const triggers = endpoints.filter(
    (endpoint) =>
      graph.nodes.find((node) => node.id === endpoint.nodeId)?.type === 'trigger.webhookReceived',
  );
  const single =
    endpoints.length === 1 ? endpoints[0] : triggers.length === 1 ? triggers[0] : undefined;
  return { inbound: endpoints, inboundUrl: single?.url ?? null };
}
