import { Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CreateFieldInput, FieldView, Principal, UpdateFieldInput } from '@tideway/server';
import { FieldsService } from '@tideway/server';
import {
  createFieldSchema,
  CurrentPrincipal,
  RequireScopes,
  ResourceId,
  toOpenApiSchema,
  updateFieldSchema,
  ValidBody,
} from '@tideway/server';
import { z } from 'zod';

const fieldResponse = z.object({
  id: z.uuid(),
  key: z.string(),
  label: z.string(),
  type: z.enum(['text', 'number', 'date', 'boolean']),
  createdAt: z.iso.datetime(),
});
const FIELD = toOpenApiSchema(fieldResponse);

/** Custom contact fields. They belong to contacts, so they share the contacts scopes. */
@ApiTags('fields')
@Controller('api/v1/fields')
export class FieldsController {
  constructor(private readonly fields: FieldsService) {}

  @Get()
  @RequireScopes('contacts:read')
  @ApiOkResponse({ schema: toOpenApiSchema(z.object({ data: z.array(fieldResponse) })) })
  async list(@CurrentPrincipal() principal: Principal): Promise<{ data: FieldView[] }> {
    return { data: await this.fields.list(principal.workspaceId) };
  }

  @Post()
  @RequireScopes('contacts:write')
  @ApiOperation({
    summary: 'Define a custom field',
    description:
      'The key names the field in the API and in CSV headers; the label is its merge-field name in templates (`[Favourite Colour]`). ' +
      'Key and type are fixed once created.',
  })
  @ApiCreatedResponse({ schema: FIELD })
  @ApiConflictResponse({
    description: 'The key, or the label (compared case-insensitively), is in use in the workspace',
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(createFieldSchema) input: CreateFieldInput,
  ): Promise<FieldView> {
    return this.fields.create(principal.workspaceId, input);
  }

  @Patch(':id')
  @RequireScopes('contacts:write')
  @ApiOperation({
    summary: 'Rename a custom field',
    description: 'Templates naming the old label must be edited by hand.',
  })
  @ApiOkResponse({ schema: FIELD })
  @ApiNotFoundResponse({ description: 'No such field in this workspace' })
  @ApiConflictResponse({ description: 'Another field has this label' })
  update(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Field') id: string,
    @ValidBody(updateFieldSchema) input: UpdateFieldInput,
  ): Promise<FieldView> {
    return this.fields.update(principal.workspaceId, id, input);
  }

  @Delete(':id')
  @RequireScopes('contacts:write')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a custom field',
    description: 'Removes its value from every contact as well.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such field in this workspace' })
  remove(@CurrentPrincipal() principal: Principal, @ResourceId('Field') id: string): Promise<void> {
    return this.fields.remove(principal.workspaceId, id);
  }
}
