import { ROLES } from '@tideway/server';
import { z } from 'zod';

export const updateUserSchema = z.object({ role: z.enum(ROLES) });
export type UpdateUserDto = z.output<typeof updateUserSchema>;
