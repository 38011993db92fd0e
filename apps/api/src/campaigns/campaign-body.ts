import type { PipeTransform } from '@nestjs/common';
import { Body } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { graphJsonSchema } from '@tideway/graph';
import { toOpenApiSchema, ZodValidationPipe } from '@tideway/server';
import type { z } from 'zod';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown> };

/**
 * Like ValidBody, but documents a `graph` property with the full graph schema
 * (graphJsonSchema: every node type's config) rather than the draft envelope
 * the body is parsed with, so API clients see what a valid graph looks like.
 * With `optional`, a request without a body is read as `{}`.
 */
export function CampaignBody(
  schema: z.ZodType,
  options: { optional?: boolean } = {},
): ParameterDecorator {
  const pipes = options.optional ? [new EmptyBodyAsObject()] : [];
  return (target, propertyKey, index) => {
    Body(...pipes, new ZodValidationPipe(schema))(target, propertyKey, index);
    if (propertyKey !== undefined) {
      const descriptor = Object.getOwnPropertyDescriptor(target, propertyKey)!;
      ApiBody({ schema: documented(schema), required: !options.optional })(
        target,
        propertyKey,
        descriptor,
      );
    }
  };
}

function documented(schema: z.ZodType): Record<string, unknown> {
  const json = toOpenApiSchema(schema) as JsonSchema;
  if (json.properties?.graph) {
    const { $schema: _ignored, ...graph } = graphJsonSchema() as Record<string, unknown>;
    json.properties = {
      ...json.properties,
      graph: {
        ...graph,
        description:
          "The campaign graph, in React Flow's shape. Drafts may be invalid: only ids, types and positions are required on save.",
      },
    };
  }
  return json;
}

/** No body at all (no Content-Type, so no parsed JSON) means no options given. */
class EmptyBodyAsObject implements PipeTransform<unknown, unknown> {
  transform(value: unknown): unknown {
    return value ?? {};
  }
}
