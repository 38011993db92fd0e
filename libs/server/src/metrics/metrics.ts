import { Injectable } from '@nestjs/common';
import type { StepRecord } from '@tideway/engine';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { DeliveryStatus } from '../deliveries/delivery-row';

/** What an attempt decides for its delivery: the label values of tideway_deliveries_total. */
const DELIVERY_OUTCOMES: readonly DeliveryStatus[] = ['succeeded', 'retrying', 'failed'];

/** Webhook receivers answer in milliseconds to the node's timeout (30 s by default). */
const DELIVERY_BUCKETS_SECONDS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * This process's Prometheus metrics (GET /metrics; a worker's METRICS_PORT).
 * A registry of its own rather than prom-client's global default registry, so
 * that several apps in one process (the integration tests) do not collide.
 * Counters move where the work is committed (StepRunner, DeliveryRunner);
 * gauges read their values at scrape time (operational-gauges.ts).
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  private readonly steps = new Counter({
    name: 'tideway_steps_total',
    help: 'Steps (node runs) committed by the engine, by node type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly deliveries = new Counter({
    name: 'tideway_deliveries_total',
    help: 'Webhook delivery attempts recorded, by outcome: succeeded, retrying (tried again later) or failed (given up)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  private readonly deliveryDuration = new Histogram({
    name: 'tideway_delivery_duration_seconds',
    help: 'Duration of webhook delivery attempts, from the request to the end of the response or the error',
    buckets: DELIVERY_BUCKETS_SECONDS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Present from the first scrape, so that rate() and alerts see a zero rather than nothing.
    for (const outcome of DELIVERY_OUTCOMES) this.deliveries.inc({ outcome }, 0);
  }

  /** Steps whose transaction committed (never those of a rolled-back batch). */
  stepsCommitted(steps: readonly StepRecord[]): void {
    for (const step of steps)
      this.steps.inc({ type: step.type, outcome: stepOutcomeLabel(step.outcome) });
  }

  /** A delivery attempt whose record committed. */
  deliveryRecorded(outcome: DeliveryStatus, durationMs: number): void {
    this.deliveries.inc({ outcome });
    this.deliveryDuration.observe(durationMs / 1000);
  }

  /** The text exposition of every metric of this process. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/**
 * A step's outcome as a label value. A random split's outcome names the
 * branch id the user chose (`branch b2`); labels must come from a small fixed
 * set, so it counts as `branch`.
 */
export function stepOutcomeLabel(outcome: string): string {
  return outcome.startsWith('branch ') ? 'branch' : outcome;
}
