import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { WebhookHttpShutdown, webhookHttpProvider, WEBHOOK_HTTP } from '../deliveries/webhook-http.provider';
import { HookEvents } from '../hooks/hook-events.service';
import { CampaignCache } from './campaign-cache';
import type { Clock, RandomSource } from './clock';
import { CLOCK, RANDOM, systemClock } from './clock';
import { ContactEvents } from './contact-events.service';
import { StepHandOff } from './step-hand-off';
import { StepRunner } from './step-runner.service';

export type EngineOptions = { clock?: Clock; random?: RandomSource };

/**
 * The engine's services, available to the API (contact events, enrollments)
 * and to workers. Queue consumption lives in EngineWorkerModule.
 */
@Global()
@Module({})
export class EngineModule {
  static forRoot(options: EngineOptions = {}): DynamicModule {
    return {
      module: EngineModule,
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: RANDOM, useValue: options.random ?? Math.random },
        webhookHttpProvider,
        WebhookHttpShutdown,
        CampaignCache,
        ContactEvents,
        HookEvents,
        StepRunner,
        StepHandOff,
      ],
      exports: [
        CLOCK,
        RANDOM,
        WEBHOOK_HTTP,
        CampaignCache,
        ContactEvents,
        HookEvents,
        StepRunner,
        StepHandOff,
      ],
    };
  }
}
