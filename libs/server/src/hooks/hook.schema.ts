import { z } from 'zod';
import { HOOK_EVENTS } from './event-payloads';

const targetUrl = z.string().trim().min(1, 'Give the URL events are sent to').max(2048, 'A URL has at most 2048 characters');

/** `POST /api/v1/hooks`, JSON:API style (the REST hooks API): relationships are accepted and ignored. */
export const createHookSchema = z.object({
  data: z.object({
    type: z.literal('hooks', { error: 'Must be "hooks"' }),
    attributes: z.strictObject({
      target_url: targetUrl,
      event: z.enum(HOOK_EVENTS, { error: `One of ${HOOK_EVENTS.join(', ')}` }),
      resource_id: z.string().trim().min(1).max(200).nullish(),
      content_type: z.enum(['json', 'form'], { error: 'Either "json" or "form"' }).default('json'),
    }),
    relationships: z.unknown().optional(),
  }),
});
export type CreateHookInput = z.output<typeof createHookSchema>['data']['attributes'];

/** `PATCH /api/v1/hooks/:id`: turn it on or off, or point it elsewhere. */
export const updateHookSchema = z.object({
  data: z.object({
    type: z.literal('hooks', { error: 'Must be "hooks"' }),
    id: z.string().optional(),
    attributes: z
      .strictObject({ active: z.boolean().optional(), target_url: targetUrl.optional() })
      .refine((attributes) => attributes.active !== undefined || attributes.target_url !== undefined, {
        error: 'Give active or target_url',
      }),
  }),
});
export type UpdateHookInput = z.output<typeof updateHookSchema>['data']['attributes'];
