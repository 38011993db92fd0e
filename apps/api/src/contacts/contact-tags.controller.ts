import { Controller, Delete, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { ContactView, Principal } from '@tideway/server';
import { ContactsService } from '@tideway/server';
import {
  addTagSchema,
  CurrentPrincipal,
  RequireScopes,
  ResourceId,
  ValidBody,
} from '@tideway/server';
import { CONTACT } from './contact.responses';

@ApiTags('contacts')
@Controller('api/v1/contacts/:id/tags')
@RequireScopes('contacts:write')
export class ContactTagsController {
  constructor(private readonly contacts: ContactsService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Tag a contact',
    description: 'Idempotent: tagging a contact that has the tag succeeds and changes nothing.',
  })
  @ApiOkResponse({ schema: CONTACT })
  @ApiNotFoundResponse({ description: 'No such contact in this workspace' })
  async add(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Contact') id: string,
    @ValidBody(addTagSchema) { tag }: { tag: string },
  ): Promise<ContactView> {
    return (await this.contacts.addTag(principal.workspaceId, id, tag)).contact;
  }

  @Delete(':tag')
  @ApiOperation({
    summary: 'Untag a contact',
    description:
      'Idempotent: removing a tag the contact lacks answers 200 with the contact unchanged (404 only for an unknown contact).',
  })
  @ApiParam({ name: 'tag', description: 'The tag, URL-encoded' })
  @ApiOkResponse({ schema: CONTACT })
  @ApiNotFoundResponse({ description: 'No such contact in this workspace' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Contact') id: string,
    @Param('tag') tag: string,
  ): Promise<ContactView> {
    return (await this.contacts.removeTag(principal.workspaceId, id, tag)).contact;
  }
}
