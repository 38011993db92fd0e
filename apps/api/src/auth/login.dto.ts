import { z } from 'zod';

// No format rules here: a sign-in only asks whether the pair matches, and
// saying which rule failed would hint at what is stored.
export const loginSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});
export type LoginDto = z.output<typeof loginSchema>;
