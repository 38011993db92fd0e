import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Activation, ActivationStart, CompiledCampaign, EngineContact, StepRecord } from '@tideway/engine';
import { compileCampaign, runActivation } from '@tideway/engine';
import { isTemplateError } from '@tideway/templates';
import type { Graph } from '@tideway/graph';
import { graphEnvelopeSchema, graphSchema, validateGraph } from '@tideway/graph';
import type { FieldDefinition } from '@tideway/templates';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { newWebhookId } from '../deliveries/campaign-outbox';
import type { WebhookHttpClient } from '../deliveries/http';
import { redactHeaders, redactResponseHeaders } from '../deliveries/http';
import { signedRequest } from '../deliveries/signed-request';
import { WEBHOOK_HTTP } from '../deliveries/webhook-http.provider';
import { ApiError } from '../http/api-error';
import type { Clock, RandomSource } from './clock';
import { CLOCK, RANDOM } from './clock';
import { loadEngineContact } from './contact-state';

export const testRunSchema = z
  .strictObject({
    contactId: z.uuid().optional(),
    contact: z
      .strictObject({
        email: z.string().trim().max(320).default('test.contact@example.com'),
        firstName: z.string().max(200).nullish(),
        lastName: z.string().max(200).nullish(),
        phone: z.string().max(50).nullish(),
        fields: z.record(z.string(), z.unknown()).optional(),
        tags: z.array(z.string().max(64)).max(100).optional(),
      })
      .optional(),
    revision: z.union([z.literal('draft'), z.number().int().positive()]).default('draft'),
    mode: z.enum(['dry', 'live']).default('dry'),
    goals: z.array(z.string().max(100)).max(100).optional(),
    /** The trigger to start from; the manual trigger, or else the first, by default. */
    startNodeId: z.string().max(100).optional(),
  })
  .refine((input) => !(input.contactId && input.contact), { message: 'Give contactId or contact, not both', path: ['contact'] });
export type TestRunInput = z.output<typeof testRunSchema>;

export type TestRunStep = StepRecord & { at: string };
export type TestRunResult = {
  revision: number;
  mode: 'dry' | 'live';
  path: TestRunStep[];
  finalState: { state: string; nodeId: string; reason?: string };
  contact: EngineContact;
};

/** Waits a test run fast-forwards through before it stops (a cycle through a wait could go on forever). */
const MAX_ACTIVATIONS = 100;

/** What a test run shows of a response body. */
const SHOWN_BODY_BYTES = 16 * 1024;

/**
 * Runs one contact through a revision (the draft by default) as the engine
 * would, in memory: waits are fast-forwarded, listed goals count as met,
 * webhooks are rendered (dry) or really sent once (live), and a failed live
 * webhook takes the node's onFailure path. Nothing touches enrollments,
 * counts, deliveries or the contact. The answer is the path, with every
 * node's decision and output.
 */
@Injectable()
export class TestRunService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: RandomSource,
    @Inject(WEBHOOK_HTTP) private readonly http: WebhookHttpClient,
  ) {}

  async run(workspaceId: string, campaignId: string, input: TestRunInput): Promise<TestRunResult> {
    const { campaign, revision } = await this.compile(workspaceId, campaignId, input.revision);
    let contact = await this.contact(workspaceId, input);
    const start = this.startNode(campaign, input.startNodeId);
    const simulatedGoals = new Set(input.goals ?? []);
    let now = this.clock.now();
    const path: TestRunStep[] = [];
    let from: ActivationStart = { mode: 'arrive', nodeId: start };

    for (let activations = 0; ; activations++) {
      const activation: Activation = runActivation(from, { campaign, contact, now, random: this.random, simulatedGoals });
      contact = activation.contact;
      let delivery: 'succeeded' | 'failed' = 'succeeded';
      for (const step of activation.steps) {
        const webhook = step.outcome === 'sending' ? await this.webhookOutput(campaign, step, contact, now, input.mode) : null;
        if (webhook?.failed) delivery = 'failed';
        path.push({ ...step, at: now.toISOString(), output: webhook?.output ?? step.output });
      }
      const position = activation.position;
      if (position.state !== 'waiting' || activations >= MAX_ACTIVATIONS) {
        const reason = position.state === 'exited' ? position.reason : position.state === 'waiting' ? 'stopped: too many waits' : undefined;
        return { revision, mode: input.mode, path, finalState: { state: position.state, nodeId: position.nodeId, ...(reason ? { reason } : {}) }, contact };
      }
      if (position.waitingFor === 'goal') {
        return { revision, mode: input.mode, path, finalState: { state: 'waiting', nodeId: position.nodeId, reason: 'waiting for goal' }, contact };
      }
      if (position.waitingFor === 'time') now = position.wakeAt;
      from = { mode: 'resume', nodeId: position.nodeId, delivery };
    }
  }

  /** The exact request of a webhook step (credentials redacted) and, in a live run, the receiver's answer. */
  private async webhookOutput(
    campaign: CompiledCampaign,
    step: StepRecord,
    contact: EngineContact,
    now: Date,
    mode: 'dry' | 'live',
  ): Promise<{ output: Record<string, unknown>; failed: boolean } | null> {
    const webhook = campaign.webhooks.get(step.nodeId);
    if (!webhook) return null;
    let request;
    try {
      request = webhook.render({ contact, campaign: { id: campaign.campaignId, name: campaign.name }, now });
    } catch (error) {
      if (!isTemplateError(error)) throw error;
      return { output: { ...step.output, error: `The request could not be rendered: ${error.message}` }, failed: true };
    }
    const signed = signedRequest(request, webhook.config, newWebhookId(), now);
    const shown = { method: signed.method, url: signed.url, headers: redactHeaders(signed.headers), body: signed.body };
    if (mode === 'dry') return { output: { ...step.output, request: shown }, failed: false };
    const result = await this.http.send(signed);
    if (result.kind === 'error') {
      return { output: { ...step.output, request: shown, error: `${result.code}: ${result.message}`, durationMs: result.durationMs }, failed: true };
    }
    const response = {
      status: result.status,
      headers: redactResponseHeaders(result.headers),
      body: Buffer.from(result.body).subarray(0, SHOWN_BODY_BYTES).toString('utf8'),
      durationMs: result.durationMs,
    };
    return { output: { ...step.output, request: shown, response }, failed: result.status < 200 || result.status >= 300 };
  }

  private async compile(workspaceId: string, campaignId: string, which: 'draft' | number) {
    const [row]: { name: string; revision: number; graph: unknown }[] = await this.db.query(
      `SELECT c.name, r.revision, r.graph FROM campaigns c
         JOIN campaign_revisions r ON r.campaign_id = c.id AND r.revision = CASE WHEN $3::int IS NULL THEN c.draft_revision ELSE $3::int END
        WHERE c.id = $1 AND c.workspace_id = $2`,
      [campaignId, workspaceId, which === 'draft' ? null : which],
    );
    if (!row) throw ApiError.notFound(which === 'draft' ? 'Campaign' : `Revision ${which}`);
    const fields: FieldDefinition[] = await this.db.query(`SELECT key, label, type FROM fields WHERE workspace_id = $1`, [workspaceId]);
    const envelope = graphEnvelopeSchema.parse(row.graph);
    const problems = validateGraph(envelope, { knownMergeFields: fields.map((field) => field.label) });
    if (problems.length > 0) {
      throw ApiError.validation(
        problems.map((problem) => ({ path: problem.nodeId ?? problem.edgeId ?? 'graph', message: problem.message })),
        `Revision ${row.revision} cannot run until its problems are fixed`,
      );
    }
    const graph: Graph = graphSchema.parse(row.graph);
    return { campaign: compileCampaign(graph, { campaignId, name: row.name, revision: row.revision }, fields), revision: row.revision };
  }

  private async contact(workspaceId: string, input: TestRunInput): Promise<EngineContact> {
    if (input.contactId) {
      const [owned]: { id: string }[] = await this.db.query(`SELECT id FROM contacts WHERE id = $1 AND workspace_id = $2`, [
        input.contactId,
        workspaceId,
      ]);
      const contact = owned ? await loadEngineContact(this.db.manager, owned.id) : null;
      if (!contact) throw ApiError.notFound('Contact');
      return contact;
    }
    const adHoc = input.contact;
    return {
      id: 'test-contact',
      email: adHoc?.email ?? 'test.contact@example.com',
      firstName: adHoc?.firstName ?? null,
      lastName: adHoc?.lastName ?? null,
      phone: adHoc?.phone ?? null,
      fields: adHoc?.fields ?? {},
      tags: [...new Set(adHoc?.tags ?? [])],
    };
  }

  private startNode(campaign: CompiledCampaign, requested: string | undefined): string {
    if (requested) {
      if (!campaign.nodes.has(requested)) throw ApiError.validation([{ path: 'startNodeId', message: 'No such node in this revision' }]);
      return requested;
    }
    const trigger = campaign.triggers.find((node) => node.type === 'trigger.manual') ?? campaign.triggers[0];
    if (!trigger) throw ApiError.validation([{ path: 'graph', message: 'The campaign has no trigger to start from' }]);
    return trigger.id;
  }
}
