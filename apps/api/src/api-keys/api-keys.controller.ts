import { Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal} from '@tideway/server';
import { CurrentPrincipal, RequireScopes, ResourceId, ValidBody } from '@tideway/server';
import type { ApiKeySummary, CreatedApiKey } from './api-keys.service';
import { ApiKeysService } from './api-keys.service';
import type { CreateApiKeyDto} from './create-api-key.dto';
import { createApiKeySchema } from './create-api-key.dto';

@ApiTags('api-keys')
@Controller('api/v1/api-keys')
@RequireScopes('admin')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @ApiOkResponse({
    description:
      '{data: [{id, name, prefix, scopes, createdAt, lastUsedAt}]}: keys of the current workspace not revoked',
  })
  async list(@CurrentPrincipal() principal: Principal): Promise<{ data: ApiKeySummary[] }> {
    return { data: await this.apiKeys.list(principal) };
  }

  @Post()
  @ApiCreatedResponse({
    description:
      '{id, name, scopes, key, prefix, workspaceId, createdAt}: the key is shown this once',
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(createApiKeySchema) input: CreateApiKeyDto,
  ): Promise<CreatedApiKey> {
    return this.apiKeys.create(principal, input);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revokes the key at once' })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('API key') id: string,
  ): Promise<void> {
    return this.apiKeys.revoke(principal, id);
  }
}
