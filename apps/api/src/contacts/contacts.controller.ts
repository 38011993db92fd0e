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
import type {
  ContactPage,
  ContactView,
  CreateContactInput,
  ListContactsQuery,
  Principal,
  UpdateContactInput,
} from '@tideway/server';
import { ContactSearchService, ContactsService } from '@tideway/server';
import {
  createContactSchema,
  CurrentPrincipal,
  listContactsQuerySchema,
  RequireScopes,
  ResourceId,
  updateContactSchema,
  ValidBody,
  ValidQuery,
} from '@tideway/server';
import { CONTACT, CONTACT_PAGE } from './contact.responses';

@ApiTags('contacts')
@Controller('api/v1/contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly search: ContactSearchService,
  ) {}

  @Post()
  @RequireScopes('contacts:write')
  @ApiOperation({
    summary: 'Create a contact',
    description: 'Custom `fields` must be defined (POST /api/v1/fields) and match their type.',
  })
  @ApiCreatedResponse({ schema: CONTACT })
  @ApiConflictResponse({
    description: 'A contact with this email (compared case-insensitively) exists in the workspace',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(createContactSchema) input: CreateContactInput,
  ): Promise<ContactView> {
    return (await this.contacts.create(principal.workspaceId, input)).contact;
  }

  @Get()
  @RequireScopes('contacts:read')
  @ApiOperation({
    summary: 'List contacts, newest first',
    description:
      '`search` matches email, first and last name and phone (substring, case-insensitive); `tag` keeps contacts having that tag. ' +
      '`total` counts every contact matching the filter. Pass `nextCursor` back as `cursor` for the next page.',
  })
  @ApiOkResponse({ schema: CONTACT_PAGE })
  list(
    @CurrentPrincipal() principal: Principal,
    @ValidQuery(listContactsQuerySchema) query: ListContactsQuery,
  ): Promise<ContactPage> {
    return this.search.list(principal.workspaceId, query);
  }

  @Get(':id')
  @RequireScopes('contacts:read')
  @ApiOkResponse({ schema: CONTACT })
  @ApiNotFoundResponse({ description: 'No such contact in this workspace' })
  get(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Contact') id: string,
  ): Promise<ContactView> {
    return this.contacts.get(principal.workspaceId, id);
  }

  @Patch(':id')
  @RequireScopes('contacts:write')
  @ApiOperation({
    summary: 'Change some of a contact',
    description:
      '`fields` merges by key and a null value removes the key; `tags` replaces the set; null or "" clears a name or phone.',
  })
  @ApiOkResponse({ schema: CONTACT })
  @ApiNotFoundResponse({ description: 'No such contact in this workspace' })
  @ApiConflictResponse({ description: 'Another contact has this email' })
  async update(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Contact') id: string,
    @ValidBody(updateContactSchema) patch: UpdateContactInput,
  ): Promise<ContactView> {
    return (await this.contacts.update(principal.workspaceId, id, patch)).contact;
  }

  @Delete(':id')
  @RequireScopes('contacts:write')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such contact in this workspace' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Contact') id: string,
  ): Promise<void> {
    await this.contacts.remove(principal.workspaceId, id);
  }
}
