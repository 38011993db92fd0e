import { z } from 'zod';
import { defineNode } from '../node-definition';
import { fieldKeySchema, singleOutput, tagSchema } from './common';

export const addTagAction = defineNode({
  type: 'action.addTag',
  group: 'action',
  label: 'Add tag',
  description: "Adds a tag (which can fire other campaigns' triggers and goals).",
  icon: 'tag',
  configSchema: z.strictObject({ tag: tagSchema }),
  defaultConfig: { tag: '' },
  outputs: singleOutput,
  summarize: (config) => `Add tag ${config.tag}`,
});

export const removeTagAction = defineNode({
  type: 'action.removeTag',
  group: 'action',
  label: 'Remove tag',
  description: "Removes a tag (which can fire other campaigns' triggers).",
  icon: 'tag-off',
  configSchema: z.strictObject({ tag: tagSchema }),
  defaultConfig: { tag: '' },
  outputs: singleOutput,
  summarize: (config) => `Remove tag ${config.tag}`,
});

export const updateFieldAction = defineNode({
  type: 'action.updateField',
  group: 'action',
  label: 'Update field',
  description: 'Sets a field from a template such as "[First Name] [Last Name]".',
  icon: 'pencil',
  configSchema: z.strictObject({
    field: fieldKeySchema,
    value: z.string().max(64 * 1024),
  }),
  defaultConfig: { field: '', value: '' },
  outputs: singleOutput,
  summarize: (config) => `Set ${config.field} to ${truncate(config.value, 40) || '(empty)'}`,
  templatedFields: (config) => [{ path: 'config.value', source: config.value, target: 'text' }],
});

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
