import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
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

export function zodErrorDetails(
  error: z.ZodError,
  prefix: readonly PropertyKey[] = [],
): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]) || '(body)',
    message: issue.message,
  }));
}

/** Deeper than any body the API takes; deep enough that recursive code (structuredClone, JSON.stringify) is safe. */
export const MAX_VALUE_DEPTH = 64;

// eslint-disable-next-line no-control-regex -- U+0000 is exactly what PostgreSQL refuses
const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What no route can take, whatever its schema says: values nested deeper
 * than MAX_VALUE_DEPTH, and text PostgreSQL cannot store (U+0000 in text or
 * jsonb, a lone UTF-16 surrogate in jsonb). Left alone these fail deep in the
 * server or in the database, as a 500 after part of the work; here they are a
 * 422 naming each place. With `text: false` only the depth is checked.
 * Iterative, with parent links rather than copied paths: a body nested
 * 100,000 deep costs no stack and no quadratic memory.
 */
export function storableValueProblems(
  value: unknown,
  options: { text?: boolean; limit?: number } = {},
): ErrorDetail[] {
  const { text = true, limit = 20 } = options;
  type Visit = { value: unknown; depth: number; key?: PropertyKey; parent?: Visit };
  const pathOf = (visit: Visit, key?: PropertyKey): string => {
    const keys: PropertyKey[] = key === undefined ? [] : [key];
    for (let at: Visit | undefined = visit; at?.parent; at = at.parent) keys.unshift(at.key!);
    return formatPath(keys) || '(body)';
  };
  const textProblem = (content: string): string | undefined => {
    if (!text) return undefined;
    if (NUL.test(content)) return 'Text cannot contain the NUL character (\\u0000)';
    if (LONE_SURROGATE.test(content))
      return 'Text must be valid Unicode (it holds a lone UTF-16 surrogate)';
    return undefined;
  };
  const details: ErrorDetail[] = [];
  const stack: Visit[] = [{ value, depth: 0 }];
  while (stack.length > 0 && details.length < limit) {
    const visit = stack.pop()!;
    const item = visit.value;
    if (typeof item === 'string') {
      const problem = textProblem(item);
      if (problem) details.push({ path: pathOf(visit), message: problem });
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (visit.depth >= MAX_VALUE_DEPTH) {
      details.push({
        path: pathOf(visit),
        message: `Values cannot nest more than ${MAX_VALUE_DEPTH} levels deep`,
      });
      break;
    }
    const entries: [PropertyKey, unknown][] = Array.isArray(item)
      ? item.map((child, i) => [i, child])
      : Object.entries(item);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const problem = typeof key === 'string' ? textProblem(key) : undefined;
      if (problem) details.push({ path: pathOf(visit, key), message: `In a key: ${problem}` });
      stack.push({ value: child, depth: visit.depth + 1, key, parent: visit });
    }
  }
  return details;
}

export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown, _metadata: ArgumentMetadata): z.output<T> {
    const unstorable = storableValueProblems(value);
    if (unstorable.length > 0) throw ApiError.validation(unstorable);
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
        ApiQuery({
          name,
          required: !(field as z.ZodType).safeParse(undefined).success,
          schema: toOpenApiSchema(field as z.ZodType),
        })(target, propertyKey, descriptor);
      }
    }
  };
}

export function toOpenApiSchema(schema: z.ZodType): Record<string, unknown> {
  // OpenAPI 3.0 lacks some JSON Schema keywords; 'openapi-3.0' asks zod for that dialect.
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    unrepresentable: 'any',
    io: 'input',
  }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
