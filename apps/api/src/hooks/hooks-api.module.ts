import { Module } from '@nestjs/common';
import { HooksModule } from '@tideway/server';
import { HooksController } from './hooks.controller';

/** The REST hooks API; subscriptions live in HooksModule, emitting in the engine. */
@Module({ imports: [HooksModule], controllers: [HooksController] })
export class HooksApiModule {}
