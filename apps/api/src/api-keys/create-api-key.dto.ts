import { SCOPES } from '@tideway/server';
import { z } from 'zod';

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(z.enum(SCOPES))
    .min(1, 'Give the key at least one scope')
    .transform((scopes) => [...new Set(scopes)]),
  /** Defaults to the caller's current workspace. */
  workspaceId: z.uuid().optional(),
});
export type CreateApiKeyDto = z.output<typeof createApiKeySchema>;
