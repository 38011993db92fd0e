import { z } from 'zod';
import { defineNode } from '../node-definition';
import { fieldKeySchema, singleOutput, tagSchema } from './common';

export const manualTrigger = defineNode({
  type: 'trigger.manual',
  group: 'trigger',
  label: 'Added manually',
  description: 'Contacts enrolled from the API, the contacts list or a test run.',
  icon: 'hand',
  configSchema: z.strictObject({}),
  defaultConfig: {},
  outputs: singleOutput,
  summarize: () => 'Enrolled manually',
});

export const contactCreatedTrigger = defineNode({
  type: 'trigger.contactCreated',
  group: 'trigger',
  label: 'Contact created',
  description: 'A new contact enters.',
  icon: 'user-plus',
  configSchema: z.strictObject({}),
  defaultConfig: {},
  outputs: singleOutput,
  summarize: () => 'When a contact is created',
});

export const tagAddedTrigger = defineNode({
  type: 'trigger.tagAdded',
  group: 'trigger',
  label: 'Tag added',
  description: 'A contact gains a tag.',
  icon: 'tag',
  configSchema: z.strictObject({ tag: tagSchema }),
  defaultConfig: { tag: '' },
  outputs: singleOutput,
  summarize: (config) => `When tag ${config.tag} is added`,
});

export const tagRemovedTrigger = defineNode({
  type: 'trigger.tagRemoved',
  group: 'trigger',
  label: 'Tag removed',
  description: 'A contact loses a tag.',
  icon: 'tag-off',
  configSchema: z.strictObject({ tag: tagSchema }),
  defaultConfig: { tag: '' },
  outputs: singleOutput,
  summarize: (config) => `When tag ${config.tag} is removed`,
});

export const fieldChangedTrigger = defineNode({
  type: 'trigger.fieldChanged',
  group: 'trigger',
  label: 'Field changed',
  description: 'A field changes, optionally to a given value.',
  icon: 'pencil',
  configSchema: z.strictObject({
    field: fieldKeySchema,
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  }),
  defaultConfig: { field: '' },
  outputs: singleOutput,
  summarize: (config) =>
    config.value === undefined
      ? `When ${config.field} changes`
      : `When ${config.field} changes to ${String(config.value)}`,
});

export const webhookReceivedTrigger = defineNode({
  type: 'trigger.webhookReceived',
  group: 'trigger',
  label: 'Webhook received',
  description: 'An inbound webhook upserts a contact and enrolls it.',
  icon: 'webhook',
  configSchema: z.strictObject({
    mapping: z
      .array(z.strictObject({ param: z.string().trim().min(1).max(200), field: fieldKeySchema }))
      .max(100)
      .optional(),
  }),
  defaultConfig: {},
  outputs: singleOutput,
  summarize: (config) =>
    config.mapping?.length
      ? `When a webhook arrives (${config.mapping.length} mapped ${config.mapping.length === 1 ? 'field' : 'fields'})`
      : 'When a webhook arrives',
});

export const TRIGGER_NODES = [
  manualTrigger,
  contactCreatedTrigger,
  tagAddedTrigger,
  tagRemovedTrigger,
  fieldChangedTrigger,
  webhookReceivedTrigger,
] as const;
