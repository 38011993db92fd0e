import { z } from 'zod';
import { DEFAULT_OUTPUT, type OutputHandle } from '../outputs';

export const tagSchema = z.string().trim().min(1, 'Enter a tag').max(100);
export const fieldKeySchema = z.string().trim().min(1, 'Choose a field').max(100);

/** Goal options: wait here when reached unmet; let contacts outside the campaign enter here. */
export const goalOptions = {
  waitHere: z.boolean().optional(),
  allowEntry: z.boolean().optional(),
};

export const singleOutput = (): OutputHandle[] => [DEFAULT_OUTPUT];
export const noOutputs = (): OutputHandle[] => [];
