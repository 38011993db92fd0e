import { toOpenApiSchema } from '@tideway/server';
import { z } from 'zod';

/** Response shapes for OpenAPI only. */

export const inboundEndpointSchema = z.object({
  nodeId: z.string(),
  url: z.url().describe('POST here: `/hooks/in/<token>`; the token is the credential'),
  hasSecret: z.boolean().describe('Requests must carry a valid Standard Webhooks signature'),
});

export const INBOUND_ENDPOINT = toOpenApiSchema(inboundEndpointSchema);
export const INBOUND_ENDPOINT_LIST = toOpenApiSchema(
  z.object({ data: z.array(inboundEndpointSchema) }),
);
export const INBOUND_SECRET = toOpenApiSchema(
  z.object({ secret: z.string().describe('`whsec_` + base64 key bytes; shown this once') }),
);
export const INBOUND_ACCEPTED = toOpenApiSchema(
  z.object({
    contactId: z.uuid(),
    enrolled: z
      .boolean()
      .describe('A new enrollment started (at the trigger, or at the goal through allowEntry)'),
    goalReached: z.boolean().optional().describe('Goal endpoints: the contact reached the goal'),
  }),
);
