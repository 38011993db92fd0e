import type { PipeTransform } from '@nestjs/common';
import { Param } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ApiError } from '@tideway/server';

/** Revisions are numbered from 1: anything else names no revision (404), as a malformed id does. */
export class RevisionNumberPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9][0-9]{0,8}$/.test(value)) throw ApiError.notFound(`Revision ${value}`);
    return Number(value);
  }
}

/** `@RevisionNumber('n') n: number` reads a revision number route parameter. */
export function RevisionNumber(name: string): ParameterDecorator {
  return (target, propertyKey, index) => {
    Param(name, new RevisionNumberPipe())(target, propertyKey, index);
    if (propertyKey !== undefined) {
      const descriptor = Object.getOwnPropertyDescriptor(target, propertyKey)!;
      ApiParam({ name, schema: { type: 'integer', minimum: 1 }, description: 'A revision number' })(
        target,
        propertyKey,
        descriptor,
      );
    }
  };
}
