import { Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { CreateHookInput, HookEventName, Principal, UpdateHookInput } from '@tideway/server';
import {
  createHookSchema,
  CurrentPrincipal,
  HOOK_EVENTS,
  HooksService,
  RequireScopes,
  ResourceId,
  updateHookSchema,
  ValidBody,
} from '@tideway/server';

const SAMPLE_ROUTES = HOOK_EVENTS.map((event) => `${event}_sample`);

/** Event hooks (REST hooks, JSON:API style): ../shared/API.md "Event hooks". */
@ApiTags('hooks')
@Controller('api/v1/hooks')
export class HooksController {
  constructor(private readonly hooks: HooksService) {}

  @Get()
  @RequireScopes('hooks:read')
  @ApiOperation({ summary: 'Every hook of the workspace, with its status and last delivery' })
  @ApiOkResponse({ description: '{data: [{id, type: "hooks", attributes: {target_url, event, resource_id, content_type, active, status, disabled_reason, last_delivery_at, last_status, created_at, ...}}]}' })
  list(@CurrentPrincipal() principal: Principal) {
    return this.hooks.list(principal.workspaceId);
  }

  @Post()
  @RequireScopes('hooks:write')
  @ApiOperation({
    summary: 'Subscribe a URL to an event',
    description:
      'Without resource_id the hook is a wildcard for its event. The caller needs the scope the event needs (contacts:read for contact and tag events, campaigns:read for the others). The secret is shown only here.',
  })
  @ApiCreatedResponse({ description: '{data: {id, type: "hooks", attributes: {..., secret}}}' })
  create(@CurrentPrincipal() principal: Principal, @ValidBody(createHookSchema) body: { data: { attributes: CreateHookInput } }) {
    return this.hooks.create(principal, body.data.attributes);
  }

  // Before ':id', so `tag_added_sample` is not read as an id.
  @Get(SAMPLE_ROUTES)
  @RequireScopes('hooks:read')
  @ApiOperation({ summary: 'The body an event sends: GET /api/v1/hooks/<event>_sample' })
  @ApiOkResponse({ description: '{id, event, payload}' })
  sample(@Req() request: Request) {
    const event = (request.path.split('/').pop() ?? '').replace(/_sample$/, '') as HookEventName;
    return this.hooks.sample(event);
  }

  @Get(':id')
  @RequireScopes('hooks:read')
  get(@CurrentPrincipal() principal: Principal, @ResourceId('Hook') id: string) {
    return this.hooks.get(principal.workspaceId, id);
  }

  @Patch(':id')
  @RequireScopes('hooks:write')
  @ApiOperation({ summary: 'Enable or disable a hook, or change its target_url; enabling clears its failing state' })
  update(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Hook') id: string,
    @ValidBody(updateHookSchema) body: { data: { attributes: UpdateHookInput } },
  ) {
    return this.hooks.update(principal.workspaceId, id, body.data.attributes);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireScopes('hooks:write')
  @ApiNoContentResponse({ description: 'Unsubscribed; its deliveries are deleted with it' })
  remove(@CurrentPrincipal() principal: Principal, @ResourceId('Hook') id: string): Promise<void> {
    return this.hooks.remove(principal.workspaceId, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @RequireScopes('hooks:write')
  @ApiOperation({
    summary: 'A new signing secret, shown once',
    description: 'The previous secret keeps signing beside it (two signatures in webhook-signature) for HOOK_SECRET_ROTATION_HOURS.',
  })
  rotateSecret(@CurrentPrincipal() principal: Principal, @ResourceId('Hook') id: string) {
    return this.hooks.rotateSecret(principal.workspaceId, id);
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireScopes('hooks:write')
  @ApiOperation({ summary: "Send the event's sample to the hook through the delivery pipeline" })
  @ApiAcceptedResponse({ description: '{deliveryId, webhookId}: follow it in GET /api/v1/deliveries/:id' })
  test(@CurrentPrincipal() principal: Principal, @ResourceId('Hook') id: string) {
    return this.hooks.sendTest(principal.workspaceId, id);
  }
}
