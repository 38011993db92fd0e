import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { InboundService } from './inbound.service';

/** Inbound webhooks: endpoints of webhook triggers and goals, and what a request to one does. */
@Module({
  imports: [ContactsModule],
  providers: [InboundService],
  exports: [InboundService],
})
export class InboundModule {}
