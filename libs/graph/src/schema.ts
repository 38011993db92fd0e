import { z } from 'zod';
import { NODE_CATALOGUE, type NodeType } from './catalogue';

/**
 * A campaign graph in React Flow's own shape. Node and edge objects are
 * parsed leniently (React Flow adds `measured`, `selected`, … and those are
 * stripped); a node's `config` is strict, so a misspelt option is an error
 * instead of silently vanishing.
 */
export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

const nodeIdSchema = z.string().min(1).max(100);

function nodeSchemaFor<T extends NodeType>(type: T) {
  return z.object({
    id: nodeIdSchema,
    type: z.literal(type),
    position: positionSchema,
    data: z.object({
      label: z.string().max(200).optional(),
      config: NODE_CATALOGUE[type].configSchema as NodeCatalogueSchema<T>,
    }),
  });
}
type NodeCatalogueSchema<T extends NodeType> = (typeof NODE_CATALOGUE)[T]['configSchema'];

export const graphNodeSchema = z.discriminatedUnion('type', [
  nodeSchemaFor('trigger.manual'),
  nodeSchemaFor('trigger.contactCreated'),
  nodeSchemaFor('trigger.tagAdded'),
  nodeSchemaFor('trigger.tagRemoved'),
  nodeSchemaFor('trigger.fieldChanged'),
  nodeSchemaFor('trigger.webhookReceived'),
  nodeSchemaFor('goal.tagAdded'),
  nodeSchemaFor('goal.fieldMatches'),
  nodeSchemaFor('goal.webhookReceived'),
  nodeSchemaFor('filter.condition'),
  nodeSchemaFor('split.random'),
  nodeSchemaFor('action.sendWebhook'),
  nodeSchemaFor('action.addTag'),
  nodeSchemaFor('action.removeTag'),
  nodeSchemaFor('action.updateField'),
  nodeSchemaFor('wait.delay'),
  nodeSchemaFor('wait.until'),
  nodeSchemaFor('end'),
]);

export const edgeSchema = z.object({
  id: z.string().min(1).max(200),
  source: nodeIdSchema,
  target: nodeIdSchema,
  sourceHandle: z.string().max(100).nullish(),
});

export const graphSchema = z.object({
  nodes: z.array(graphNodeSchema),
  edges: z.array(edgeSchema),
});

/**
 * The envelope only: ids, types and positions, any config. A draft is saved
 * with this (drafts may be invalid); validateGraph reports the rest.
 */
export const graphEnvelopeSchema = z.object({
  nodes: z.array(
    z.object({
      id: nodeIdSchema,
      type: z.string().min(1).max(100),
      position: positionSchema,
      data: z.object({ label: z.string().max(200).optional(), config: z.unknown() }),
    }),
  ),
  edges: z.array(edgeSchema),
});

export type GraphNode = z.output<typeof graphNodeSchema>;
export type Edge = z.output<typeof edgeSchema>;
export type Graph = z.output<typeof graphSchema>;
export type Position = z.output<typeof positionSchema>;
/** A node of a given type, with its config typed. */
export type GraphNodeOf<T extends NodeType> = Extract<GraphNode, { type: T }>;
/** A graph as drawn: the envelope is sound, node types and configs are unchecked. */
export type GraphDraft = z.output<typeof graphEnvelopeSchema>;
export type DraftNode = GraphDraft['nodes'][number];

/**
 * JSON Schema (OpenAPI 3.0 dialect) for the API docs. `io: 'input'` (the
 * default) describes what a client may send.
 */
export function graphJsonSchema(options: { io?: 'input' | 'output' } = {}) {
  return z.toJSONSchema(graphSchema, {
    target: 'openapi-3.0',
    io: options.io ?? 'input',
    unrepresentable: 'any',
  });
}

export function nodeConfigJsonSchema(type: NodeType, options: { io?: 'input' | 'output' } = {}) {
  return z.toJSONSchema(NODE_CATALOGUE[type].configSchema, {
    target: 'openapi-3.0',
    io: options.io ?? 'input',
    unrepresentable: 'any',
  });
}
