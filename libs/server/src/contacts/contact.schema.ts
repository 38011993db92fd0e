import { z } from 'zod';

/** Keys that name a contact's own attributes; a custom field may not take one of them. */
export const BUILT_IN_KEYS = ['id', 'email', 'firstName', 'lastName', 'phone', 'tags'] as const;

export const MAX_TAGS_PER_CONTACT = 100;

export const emailSchema = z.string().trim().max(254).pipe(z.email());

/** '' and null both mean "not set", stored as null, so a contact has one way to lack a name. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((value) => (value ? value : null));

export const nameSchema = optionalText(200);
export const phoneSchema = optionalText(50);

// Commas and semicolons separate tags in CSV files and in people's heads: a tag containing one could not be imported back.
export const tagSchema = z
  .string()
  .trim()
  .min(1, 'A tag may not be empty')
  .max(64, 'A tag has at most 64 characters')
  .refine((tag) => !/[,;]/.test(tag), 'A tag may not contain a comma or semicolon');

/** Tags compare exactly (case-sensitive), as `tags @> ARRAY[$tag]` does. */
export const tagListSchema = z
  .array(tagSchema)
  .transform((tags) => [...new Set(tags)])
  .pipe(
    z
      .array(z.string())
      .max(MAX_TAGS_PER_CONTACT, `A contact has at most ${MAX_TAGS_PER_CONTACT} tags`),
  );

/** Values are checked against the workspace's field definitions by ContactsService, which knows them. */
const fieldValuesSchema = z.record(z.string(), z.unknown());

export const createContactSchema = z.strictObject({
  email: emailSchema,
  firstName: nameSchema.optional(),
  lastName: nameSchema.optional(),
  phone: phoneSchema.optional(),
  fields: fieldValuesSchema.optional(),
  tags: tagListSchema.optional(),
});
export type CreateContactInput = z.output<typeof createContactSchema>;

/** Any subset of the create fields. `fields` merges by key (null removes a key); `tags` replaces the set. */
export const updateContactSchema = createContactSchema.partial();
export type UpdateContactInput = z.output<typeof updateContactSchema>;

export const addTagSchema = z.strictObject({ tag: tagSchema });
