import { Module } from '@nestjs/common';
import { ContactsModule } from '@tideway/server';
import { FieldsController } from './fields.controller';

@Module({
  imports: [ContactsModule],
  controllers: [FieldsController],
})
export class FieldsApiModule {}
