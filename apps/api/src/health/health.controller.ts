import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DATABASE_KIND, Public, QUEUE_KIND } from '@tideway/server';
import type { DatabaseKind, QueueKind } from '@tideway/server';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    @Inject(DATABASE_KIND) private readonly database: DatabaseKind,
    @Inject(QUEUE_KIND) private readonly queue: QueueKind,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: '{"status":"ok","database":"pglite"|"postgres","queue":"inline"|"bull"}' })
  health() {
    return { status: 'ok', database: this.database, queue: this.queue };
  }
}
