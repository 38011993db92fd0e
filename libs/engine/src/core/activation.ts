import type { OutputHandle } from '@tideway/graph';
import { DEFAULT_OUTPUT } from '@tideway/graph';
import { goalMetByState } from '../nodes/goal-met';
import { runNode } from '../nodes/run-node';
import type { EngineContact } from './contact';
import type { CompiledCampaign } from './compiled-campaign';
import { nextNode } from './compiled-campaign';
import type { Effect } from './effects';
import { applyEffect } from './effects';
import type { StepContext } from './node-result';

/** Most nodes one activation may run without passing a wait (ARCHITECTURE.md, invariant 5). */
export const RUNAWAY_FUSE = 1_000;

/** One node run: the execution log row and a test run's path entry. */
export interface StepRecord {
  nodeId: string;
  type: string;
  outcome: string;
  output: Record<string, unknown>;
}

export type Position =
  | { state: 'ready'; nodeId: string }
  | { state: 'waiting'; nodeId: string; waitingFor: 'time'; wakeAt: Date }
  | { state: 'waiting'; nodeId: string; waitingFor: 'goal' | 'delivery'; wakeAt: null }
  | { state: 'completed'; nodeId: string }
  | { state: 'exited'; nodeId: string; reason: string };

/**
 * Where an activation starts:
 * - `arrive`: the contact is ready at the node, which has yet to run;
 * - `resume`: the node it waited on is done (time elapsed, goal met, delivery settled);
 * - `goal`: the contact was pulled to this goal by an event (the goal is met).
 */
export type ActivationStart =
  | { mode: 'arrive'; nodeId: string }
  | { mode: 'resume'; nodeId: string; delivery?: 'succeeded' | 'failed' }
  | { mode: 'goal'; nodeId: string; fromNodeId: string };

export interface Activation {
  steps: StepRecord[];
  effects: Effect[];
  /** The contact with the effects applied, as later nodes saw it. */
  contact: EngineContact;
  position: Position;
}

export type ActivationInput = Omit<StepContext, 'contact'> & { contact: EngineContact };

/**
 * Runs a contact from `start` through every node that does not make it wait,
 * as one step of the durable engine (the shell commits it in one
 * transaction). Before each node it checks the goals ahead: a contact that
 * already meets one jumps there, skipping what lies between.
 */
export function runActivation(start: ActivationStart, input: ActivationInput): Activation {
  const { campaign } = input;
  let contact = input.contact;
  const steps: StepRecord[] = [];
  const effects: Effect[] = [];
  const ctx = () => ({ ...input, contact });

  const leave = (nodeId: string, output: OutputHandle): Position => {
    const target = nextNode(campaign, nodeId, output);
    return target ? { state: 'ready', nodeId: target } : { state: 'completed', nodeId };
  };

  let position: Position;
  if (start.mode === 'arrive') {
    position = { state: 'ready', nodeId: start.nodeId };
  } else if (start.mode === 'goal') {
    steps.push(goalStep(campaign, start.nodeId, start.fromNodeId));
    position = leave(start.nodeId, DEFAULT_OUTPUT);
  } else {
    const node = campaign.nodes.get(start.nodeId);
    if (!node) {
      // The wait it sat on was removed by a publish: it has no way on to take.
      return { steps, effects, contact, position: { state: 'exited', nodeId: start.nodeId, reason: 'removed node' } };
    }
    const failed = start.delivery === 'failed';
    if (failed && node.type === 'action.sendWebhook' && node.data.config.onFailure === 'stop') {
      return { steps, effects, contact, position: { state: 'exited', nodeId: start.nodeId, reason: 'webhook failed' } };
    }
    position = leave(start.nodeId, DEFAULT_OUTPUT);
  }

  for (let ran = 0; position.state === 'ready'; ran++) {
    if (ran >= RUNAWAY_FUSE) {
      return { steps, effects, contact, position: { state: 'exited', nodeId: position.nodeId, reason: 'runaway' } };
    }
    const node = campaign.nodes.get(position.nodeId);
    if (!node) {
      return { steps, effects, contact, position: { state: 'exited', nodeId: position.nodeId, reason: 'removed node' } };
    }
    // A trigger runs first, so the path shows how the contact entered before any goal jump.
    const goal = node.type.startsWith('trigger.') ? undefined : metGoalAhead(campaign, node.id, { ...input, contact });
    if (goal) {
      steps.push(goalStep(campaign, goal, node.id));
      position = leave(goal, DEFAULT_OUTPUT);
      continue;
    }

    const result = runNode(node, ctx());
    const detail = 'detail' in result && result.detail ? result.detail : {};
    for (const effect of ('effects' in result && result.effects) || []) {
      effects.push(effect);
      contact = applyEffect(contact, effect);
    }
    switch (result.kind) {
      case 'next':
        steps.push({ nodeId: node.id, type: node.type, outcome: result.outcome, output: detail });
        position = leave(node.id, result.output);
        break;
      case 'wait':
        steps.push({ nodeId: node.id, type: node.type, outcome: 'waiting', output: { ...detail, until: result.until.toISOString() } });
        position = { state: 'waiting', nodeId: node.id, waitingFor: 'time', wakeAt: result.until };
        break;
      case 'waitForGoal':
        steps.push({ nodeId: node.id, type: node.type, outcome: 'waiting for goal', output: {} });
        position = { state: 'waiting', nodeId: node.id, waitingFor: 'goal', wakeAt: null };
        break;
      case 'waitForDelivery':
        steps.push({ nodeId: node.id, type: node.type, outcome: 'sending', output: {} });
        position = { state: 'waiting', nodeId: node.id, waitingFor: 'delivery', wakeAt: null };
        break;
      case 'complete':
        steps.push({ nodeId: node.id, type: node.type, outcome: 'completed', output: {} });
        position = { state: 'completed', nodeId: node.id };
        break;
    }
  }
  return { steps, effects, contact, position };
}

/** The farthest goal ahead of `nodeId` that the contact already meets, if any. */
export function metGoalAhead(campaign: CompiledCampaign, nodeId: string, ctx: StepContext): string | undefined {
  return campaign.goalsAhead.get(nodeId)?.find((goalId) => {
    const goal = campaign.nodes.get(goalId)!;
    return ctx.simulatedGoals?.has(goalId) || goalMetByState(goal, ctx.contact);
  });
}

function goalStep(campaign: CompiledCampaign, goalId: string, fromNodeId: string): StepRecord {
  const goal = campaign.nodes.get(goalId)!;
  return { nodeId: goalId, type: goal.type, outcome: 'goal achieved', output: { from: fromNodeId } };
}
