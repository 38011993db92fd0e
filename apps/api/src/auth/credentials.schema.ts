import { z } from 'zod';

/** Stored as typed (trimmed); compared case-insensitively everywhere. */
export const emailSchema = z.string().trim().max(254).pipe(z.email('Enter a valid email address'));

/** Length is what makes a password strong (NIST SP 800-63B); the upper bound caps hashing work. */
export const newPasswordSchema = z
  .string()
  .min(8, 'Use at least 8 characters')
  .max(200, 'Use at most 200 characters');
