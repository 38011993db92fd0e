import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal, TemplatePreviewInput } from '@tideway/server';
import { CurrentPrincipal, RequireScopes, TemplatePreviewService, templatePreviewSchema, ValidBody } from '@tideway/server';

@ApiTags('templates')
@Controller('api/v1/templates')
export class TemplatesController {
  constructor(private readonly previews: TemplatePreviewService) {}

  @Post('preview')
  @HttpCode(HttpStatus.OK)
  @RequireScopes('campaigns:read')
  @ApiOperation({
    summary: 'Render a merge-field template for a contact, encoded for its target',
    description: '`contentType` form | json | text | url | header. 422 names an unknown merge field with its line and column.',
  })
  @ApiOkResponse({ description: '{body, mergeFields}' })
  preview(@CurrentPrincipal() principal: Principal, @ValidBody(templatePreviewSchema) input: TemplatePreviewInput) {
    return this.previews.preview(principal.workspaceId, input);
  }
}
