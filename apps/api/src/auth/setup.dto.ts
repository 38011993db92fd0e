import { z } from 'zod';
import { emailSchema, newPasswordSchema } from './credentials.schema';

export const setupSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  workspaceName: z.string().trim().min(1).max(100),
});
export type SetupDto = z.output<typeof setupSchema>;
