import { Module } from '@nestjs/common';
import { CampaignsModule, InboundModule } from '@tideway/server';
import { InboundEndpointsController } from './inbound-endpoints.controller';
import { InboundHooksController } from './inbound-hooks.controller';

/** The HTTP routes of inbound webhooks; the behaviour lives in InboundModule. */
@Module({
  imports: [InboundModule, CampaignsModule],
  controllers: [InboundHooksController, InboundEndpointsController],
})
export class InboundApiModule {}
