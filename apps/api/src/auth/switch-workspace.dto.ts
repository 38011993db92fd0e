import { z } from 'zod';

export const switchWorkspaceSchema = z.object({ workspaceId: z.uuid() });
export type SwitchWorkspaceDto = z.output<typeof switchWorkspaceSchema>;
