import { z } from 'zod';
import { BUILT_IN_KEYS } from './contact.schema';
import { FIELD_TYPES } from './field-values';

export const fieldKeySchema = z
  .string()
  .regex(
    /^[a-z][a-zA-Z0-9_]{0,62}$/,
    'A key starts with a lowercase letter and has only letters, digits and _ (at most 63)',
  )
  .refine((key) => !(BUILT_IN_KEYS as readonly string[]).includes(key), 'This key is built in');

// The label is written in templates as [Label]: a bracket inside it would end the merge field early.
export const fieldLabelSchema = z
  .string()
  .trim()
  .min(1, 'A label may not be empty')
  .max(100)
  .refine((label) => !/[[\]]/.test(label), 'A label may not contain [ or ]');

export const createFieldSchema = z.strictObject({
  key: fieldKeySchema,
  label: fieldLabelSchema,
  type: z.enum(FIELD_TYPES),
});
export type CreateFieldInput = z.output<typeof createFieldSchema>;

/** Only the label changes: key and type are what stored values are read by. */
export const updateFieldSchema = z.strictObject({ label: fieldLabelSchema });
export type UpdateFieldInput = z.output<typeof updateFieldSchema>;
