import { graphEnvelopeSchema } from '@tideway/graph';
import { z } from 'zod';

export const CAMPAIGN_STATUSES = ['draft', 'live', 'paused', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Whether a contact may enter again: never, once it has left, or at any time (restarting). */
export const REENTRY_POLICIES = ['once', 'afterLeaving', 'anyTime'] as const;
export type ReentryPolicy = (typeof REENTRY_POLICIES)[number];

/** What publishing does with contacts on elements the new revision lacks. */
export const REMOVED_NODE_POLICIES = ['exit', 'keep'] as const;
export type RemovedNodePolicy = (typeof REMOVED_NODE_POLICIES)[number];

export const campaignNameSchema = z
  .string()
  .trim()
  .min(1, 'Name the campaign')
  .max(200, 'A campaign name has at most 200 characters');

/** Drafts may be invalid: only the envelope is checked on save; validateGraph reports the rest. */
export const draftGraphSchema = graphEnvelopeSchema;

const revisionMessageSchema = z
  .string()
  .trim()
  .max(500, 'A revision message has at most 500 characters')
  .transform((message) => message || undefined);

export const createCampaignSchema = z.strictObject({
  name: campaignNameSchema,
  graph: draftGraphSchema.optional(),
  reentry: z.enum(REENTRY_POLICIES).optional(),
});
export type CreateCampaignInput = z.output<typeof createCampaignSchema>;

export const updateCampaignSchema = z.strictObject({
  name: campaignNameSchema.optional(),
  reentry: z.enum(REENTRY_POLICIES).optional(),
});
export type UpdateCampaignInput = z.output<typeof updateCampaignSchema>;

export const listCampaignsQuerySchema = z.object({
  search: z.string().trim().max(200).optional(),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
});
export type ListCampaignsQuery = z.output<typeof listCampaignsQuerySchema>;

export const saveDraftSchema = z.strictObject({
  graph: draftGraphSchema,
  /** The revision the editor started from: saving over a newer one would lose its changes. */
  baseRevision: z.number().int().min(1),
  message: revisionMessageSchema.optional(),
});
export type SaveDraftInput = z.output<typeof saveDraftSchema>;

export const validateGraphBodySchema = z.strictObject({ graph: draftGraphSchema });
export type ValidateGraphBody = z.output<typeof validateGraphBodySchema>;

export const publishSchema = z.strictObject({
  /** Default: the latest draft. */
  revision: z.number().int().min(1).optional(),
  onRemovedNodes: z.enum(REMOVED_NODE_POLICIES).default('exit'),
});
export type PublishInput = z.output<typeof publishSchema>;
