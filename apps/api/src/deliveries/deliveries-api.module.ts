import { Module } from '@nestjs/common';
import { DeliveriesService, TemplatePreviewService } from '@tideway/server';
import { DeliveriesController } from './deliveries.controller';
import { TemplatesController } from './templates.controller';

/** The delivery log and template previews over HTTP. */
@Module({
  controllers: [DeliveriesController, TemplatesController],
  providers: [DeliveriesService, TemplatePreviewService],
})
export class DeliveriesApiModule {}
