import { z } from 'zod';
import { newPasswordSchema } from './credentials.schema';

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: newPasswordSchema,
});
export type ChangePasswordDto = z.output<typeof changePasswordSchema>;
