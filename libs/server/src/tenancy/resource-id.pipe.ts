import type { PipeTransform } from '@nestjs/common';
import { Param } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ApiError } from '../http/api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids: anything else names no resource, so it answers 404 rather than reaching the database. */
export class ResourceIdPipe implements PipeTransform<string, string> {
  constructor(private readonly resource: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw ApiError.notFound(this.resource);
    return value.toLowerCase();
  }
}

/** `@ResourceId('User') id: string` reads the `:id` route parameter. */
export function ResourceId(resource: string, name = 'id'): ParameterDecorator {
  return (target, propertyKey, index) => {
    Param(name, new ResourceIdPipe(resource))(target, propertyKey, index);
    if (propertyKey !== undefined) {
      const descriptor = Object.getOwnPropertyDescriptor(target, propertyKey)!;
      ApiParam({ name, schema: { type: 'string', format: 'uuid' } })(
        target,
        propertyKey,
        descriptor,
      );
    }
  };
}
