import type { ArgumentMetadata, PipeTransform} from '@nestjs/common';
import { Body, Query } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import type { ErrorDetail } from './api-error';
import { ApiError } from './api-error';

/** `graph.nodes[3].config.url`: the path of a field as people write it. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

export function zodErrorDetails(error: z.ZodError, prefix: readonly PropertyKey[] = []): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]) || '(body)',
    message: issue.message,
  }));
}

export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown, _metadata: ArgumentMetadata): z.output<T> {
    const result = this.schema.safeParse(value);
    if (!result.success) throw ApiError.validation(zodErrorDetails(result.error));
    return result.data;
  }
}

/** Validates the JSON body with a zod schema and documents that schema in OpenAPI. */
export function ValidBody(schema: z.ZodType): ParameterDecorator {
  return (target, propertyKey, index) => {
    Body(new ZodValidationPipe(schema))(target, propertyKey, index);
    if (propertyKey !== undefined) {
      const descriptor = Object.getOwnPropertyDescriptor(target, propertyKey)!;
      ApiBody({ schema: toOpenApiSchema(schema) })(target, propertyKey, descriptor);
    }
  };
}

/** Validates the query string with a zod object schema and documents each parameter. */
export function ValidQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, propertyKey, index) => {
    Query(new ZodValidationPipe(schema))(target, propertyKey, index);
    if (propertyKey !== undefined) {
      const descriptor = Object.getOwnPropertyDescriptor(target, propertyKey)!;
      for (const [name, field] of Object.entries(schema.shape)) {
        ApiQuery({ name, required: !(field as z.ZodType).safeParse(undefined).success, schema: toOpenApiSchema(field as z.ZodType) })(
          target,
          propertyKey,
          descriptor,
        );
      }
    }
  };
}

export function toOpenApiSchema(schema: z.ZodType): Record<string, unknown> {
  // OpenAPI 3.0 lacks some JSON Schema keywords; 'openapi-3.0' asks zod for that dialect.
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
