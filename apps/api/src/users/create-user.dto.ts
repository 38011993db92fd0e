import { ROLES } from '@tideway/server';
import { z } from 'zod';
import { emailSchema, newPasswordSchema } from '../auth/credentials.schema';

export const createUserSchema = z.object({
  email: emailSchema,
  /** Used only when the email has no account yet; an existing person keeps their own password. */
  password: newPasswordSchema,
  role: z.enum(ROLES),
});
export type CreateUserDto = z.output<typeof createUserSchema>;
