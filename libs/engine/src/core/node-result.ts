import type { OutputHandle } from '@tideway/graph';
import type { EngineContact } from './contact';
import type { CompiledCampaign } from './compiled-campaign';
import type { Effect } from './effects';

/** What a node does with a contact that arrives at it. */
export type NodeResult =
  | { kind: 'next'; output: OutputHandle; outcome: string; effects?: Effect[]; detail?: Record<string, unknown> }
  | { kind: 'wait'; until: Date; detail?: Record<string, unknown> }
  | { kind: 'waitForGoal' }
  | { kind: 'waitForDelivery'; effects: Effect[] }
  | { kind: 'complete' };

export interface StepContext {
  readonly campaign: CompiledCampaign;
  readonly contact: EngineContact;
  readonly now: Date;
  /** Uniform in [0, 1); injected so splits are reproducible in tests. */
  readonly random: () => number;
  /** Goals a test run treats as met (PRODUCT.md: "goals can be simulated"). */
  readonly simulatedGoals?: ReadonlySet<string>;
}
