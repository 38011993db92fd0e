import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal, TestRunInput } from '@tideway/server';
import { CurrentPrincipal, RequireScopes, ResourceId, TestRunService, testRunSchema, ValidBody } from '@tideway/server';

@ApiTags('test runs')
@Controller('api/v1/campaigns/:id/test-runs')
export class TestRunsController {
  constructor(private readonly testRuns: TestRunService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @RequireScopes('campaigns:read')
  @ApiOperation({
    summary: 'Run a test contact through the draft (or any revision)',
    description:
      'An existing contact (`contactId`) or an ad-hoc one (`contact`). Waits are fast-forwarded, `goals` are treated ' +
      'as met, webhooks are rendered (`dry`). Nothing is stored: no enrollment, no count, no contact change.',
  })
  @ApiOkResponse({ description: '{revision, mode, path: [{nodeId, type, outcome, output, at}], finalState, contact}' })
  run(@CurrentPrincipal() principal: Principal, @ResourceId('Campaign') id: string, @ValidBody(testRunSchema) input: TestRunInput) {
    return this.testRuns.run(principal.workspaceId, id, input);
  }
}
