import { Controller, Get, Post } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal} from '@tideway/server';
import { CurrentPrincipal, ValidBody } from '@tideway/server';
import type { CreateWorkspaceDto} from './create-workspace.dto';
import { createWorkspaceSchema } from './create-workspace.dto';
import type { OwnedWorkspace } from './workspaces.service';
import { WorkspacesService } from './workspaces.service';

@ApiTags('workspaces')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiForbiddenResponse({
  description:
    'An API key without scope admin, or (POST) a caller who does not own the current workspace',
})
@Controller('api/v1/workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Get()
  @ApiOkResponse({
    description: '{data: [{id, name, role, createdAt}]}: the workspaces the caller owns',
  })
  async list(@CurrentPrincipal() principal: Principal): Promise<{ data: OwnedWorkspace[] }> {
    return { data: await this.workspaces.listOwned(principal) };
  }

  @Post()
  @ApiCreatedResponse({ description: '{id, name, createdAt}; the caller becomes its owner' })
  create(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(createWorkspaceSchema) input: CreateWorkspaceDto,
  ) {
    return this.workspaces.create(principal, input.name);
  }
}
