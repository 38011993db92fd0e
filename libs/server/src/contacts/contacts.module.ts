import { Module } from '@nestjs/common';
import { ContactImportService } from './contact-import.service';
import { ContactSearchService } from './contact-search.service';
import { ContactsService } from './contacts.service';
import { FieldsService } from './fields.service';

/** Contacts, their custom fields, tags and CSV import: for the API now and the engine's workers later. */
@Module({
  providers: [ContactsService, ContactSearchService, ContactImportService, FieldsService],
  exports: [ContactsService, ContactSearchService, ContactImportService, FieldsService],
})
export class ContactsModule {}
