import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { ApiErrorBody, DatabaseKind, QueueKind } from '@tideway/server';
import { DATABASE_KIND, Public, QUEUE_KIND, reasonPhrase } from '@tideway/server';
import type { CheckName } from './readiness.service';
import { ReadinessService } from './readiness.service';
import { VERSION } from './version';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    @Inject(DATABASE_KIND) private readonly database: DatabaseKind,
    @Inject(QUEUE_KIND) private readonly queue: QueueKind,
    private readonly readiness: ReadinessService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers HTTP. Checks nothing else.' })
  @ApiOkResponse({
    description:
      '{"status":"ok","database":"pglite"|"postgres","queue":"inline"|"bull","version":"0.1.0"}',
  })
  health() {
    return { status: 'ok', database: this.database, queue: this.queue, version: VERSION };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary:
      'Readiness: the database answers SELECT 1, the queue (Redis) answers, every migration is applied',
    description: 'Each check has 2 s. Route traffic to this process only while it answers 200.',
  })
  @ApiOkResponse({
    description:
      '{"status":"ready","version","checks":{"database":"ok","queue":"ok","migrations":"ok"}}',
  })
  @ApiServiceUnavailableResponse({
    description:
      'The error shape, naming each failed check: {"statusCode":503,"error","message":"Not ready: queue",' +
      '"details":[{"path":"checks.queue","message":"no answer within 2000 ms"}],"status":"not ready","version",' +
      '"checks":{"database":"ok","queue":"failed","migrations":"ok"}} (a check after a failed database is "skipped")',
  })
  async ready() {
    const { ready, checks, reasons } = await this.readiness.check();
    if (ready) return { status: 'ready', version: VERSION, checks };
    const failed = (Object.keys(checks) as CheckName[]).filter(
      (check) => checks[check] === 'failed',
    );
    const body: ApiErrorBody & Record<string, unknown> = {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: reasonPhrase(HttpStatus.SERVICE_UNAVAILABLE),
      message: `Not ready: ${failed.join(', ')}`,
      details: failed.map((check) => ({
        path: `checks.${check}`,
        message: reasons[check] ?? 'failed',
      })),
      status: 'not ready',
      version: VERSION,
      checks,
    };
    throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
  }
}
