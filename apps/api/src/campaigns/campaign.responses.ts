import { PROBLEM_RULES, graphJsonSchema } from '@tideway/graph';
import { CAMPAIGN_STATUSES, REENTRY_POLICIES, toOpenApiSchema } from '@tideway/server';
import { z } from 'zod';
import { inboundEndpointSchema } from '../inbound/inbound.responses';

/** Response shapes for OpenAPI only: the services' return types are what the compiler checks. */

const { $schema: _ignored, ...GRAPH } = graphJsonSchema({ io: 'output' }) as Record<
  string,
  unknown
>;

/** A zod object's OpenAPI schema with its `graph` property (a placeholder) documented as the graph. */
function withGraph(schema: z.ZodObject): Record<string, unknown> {
  const json = toOpenApiSchema(schema) as { properties: Record<string, unknown> };
  json.properties.graph = GRAPH;
  return json;
}

const campaignHeader = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  draftRevision: z.number().int().describe('The latest revision: what the editor shows'),
  publishedRevision: z.number().int().nullable().describe('The revision contacts run through'),
  hasUnpublishedChanges: z
    .boolean()
    .describe('The draft revision is not the published one (or nothing is published yet)'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const campaign = campaignHeader.extend({
  reentry: z.enum(REENTRY_POLICIES),
  graph: z.unknown().describe("The draft revision's graph"),
});

export const CAMPAIGN = withGraph(campaign);

/** GET /campaigns/:id: the campaign with the inbound URLs of its webhook elements. */
export const CAMPAIGN_DETAIL = withGraph(
  campaign.extend({
    inbound: z.array(inboundEndpointSchema).describe("The draft's trigger.webhookReceived and goal.webhookReceived elements that have a URL (saved)"),
    inboundUrl: z
      .url()
      .nullable()
      .describe("The campaign's inbound URL: of its only webhook element, else of its only webhook trigger; else null"),
  }),
);

export const CAMPAIGN_LIST = toOpenApiSchema(
  z.object({
    data: z.array(
      campaignHeader.extend({
        activeContacts: z
          .number()
          .int()
          .describe('Contacts in the campaign now (ready or waiting)'),
      }),
    ),
  }),
);

export const SAVED_REVISION = toOpenApiSchema(z.object({ revision: z.number().int() }));

const problem = z.object({
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  rule: z.enum(PROBLEM_RULES),
  message: z.string(),
  path: z.string().optional().describe('Where in the node, e.g. `config.headers[0].value`'),
});

export const VALIDATION_RESULT = toOpenApiSchema(
  z.object({ valid: z.boolean(), problems: z.array(problem) }),
);

export const PUBLISH_RESULT = toOpenApiSchema(
  z.object({
    revision: z.number().int(),
    status: z.enum(CAMPAIGN_STATUSES),
    moved: z.number().int().describe('Contacts that continue on the new revision'),
    exited: z
      .number()
      .int()
      .describe('Contacts on removed elements that left (onRemovedNodes: exit)'),
    kept: z
      .number()
      .int()
      .describe('Contacts on removed elements that finish their revision (onRemovedNodes: keep)'),
  }),
);

export const PUBLISH_REFUSED = toOpenApiSchema(
  z.object({
    statusCode: z.literal(422),
    error: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
    problems: z.array(problem),
  }),
);

const revisionSummary = z.object({
  revision: z.number().int(),
  createdAt: z.iso.datetime(),
  author: z.object({ id: z.uuid(), email: z.string() }).nullable(),
  message: z.string().nullable(),
  published: z.boolean().describe('Published at some point'),
  publishedAt: z.iso.datetime().nullable().describe('When it was last published'),
  current: z.boolean().describe('The revision contacts run through now'),
});

export const REVISION_LIST = toOpenApiSchema(z.object({ data: z.array(revisionSummary) }));

export const REVISION = withGraph(revisionSummary.extend({ graph: z.unknown() }));

const fieldChange = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
const position = z.object({ x: z.number(), y: z.number() });
const edge = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  sourceHandle: z.string().nullable().optional(),
});

export const REVISION_DIFF = toOpenApiSchema(
  z.object({
    nodes: z.object({
      added: z.array(z.unknown()),
      removed: z.array(z.unknown()),
      changed: z.array(z.object({ id: z.string(), fields: z.array(fieldChange) })),
      moved: z
        .array(z.object({ id: z.string(), before: position, after: position }))
        .describe('Elements only dragged to another place'),
    }),
    edges: z.object({ added: z.array(edge), removed: z.array(edge) }),
  }),
);
