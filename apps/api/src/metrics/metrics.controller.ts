import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AppConfig } from '@tideway/server';
import { APP_CONFIG, ApiError, Metrics, mayReadMetrics, Public } from '@tideway/server';
import type { Request, Response } from 'express';

/** Prometheus scrapes the API here; workers serve the same on METRICS_PORT (MetricsServer). */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  // Not an API key or a session: Prometheus sends METRICS_TOKEN, when one is set.
  @Public()
  @ApiOperation({
    summary: 'Prometheus metrics of this process (text exposition format)',
    description:
      'Public unless METRICS_TOKEN is set; then `Authorization: Bearer <METRICS_TOKEN>`.',
  })
  @ApiOkResponse({ description: 'tideway_* counters and gauges, and Node process metrics' })
  @ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and was not sent' })
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!mayReadMetrics(req.headers.authorization, this.config.metrics.token)) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'Send Authorization: Bearer <METRICS_TOKEN>',
        undefined,
        {
          'WWW-Authenticate': 'Bearer',
        },
      );
    }
    const { contentType, body } = await this.metrics.render();
    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  }
}
