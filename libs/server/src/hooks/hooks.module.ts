import { Module } from '@nestjs/common';
import { HooksService } from './hooks.service';

/** Event hooks' subscriptions. Emitting (HookEvents) lives in EngineModule, beside the other in-transaction reactions. */
@Module({ providers: [HooksService], exports: [HooksService] })
export class HooksModule {}
