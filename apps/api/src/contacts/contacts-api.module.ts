import { Module } from '@nestjs/common';
import { ContactsModule, JobsModule } from '@tideway/server';
import { ContactImportController } from './contact-import.controller';
import { ContactTagsController } from './contact-tags.controller';
import { ContactsController } from './contacts.controller';

/** The HTTP routes of contacts; the behaviour lives in ContactsModule, shared with the workers. */
@Module({
  imports: [ContactsModule, JobsModule],
  controllers: [ContactImportController, ContactsController, ContactTagsController],
})
export class ContactsApiModule {}
