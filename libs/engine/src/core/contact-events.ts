import type { GraphNode } from '@tideway/graph';
import { goalMetByState } from '../nodes/goal-met';
import type { EngineContact } from './contact';
import type { CompiledCampaign } from './compiled-campaign';
import { ruleHolds } from './rules';

/** What a change did to a contact, in the terms triggers and goals react to. */
export interface ContactChange {
  created?: boolean;
  tagsAdded: readonly string[];
  tagsRemoved: readonly string[];
  /** Keys whose value changed (built-in and custom). */
  fieldsChanged: readonly string[];
}

/** The first trigger of the campaign (in graph order) that the change fires, if any. */
export function triggerFiredBy(
  campaign: CompiledCampaign,
  change: ContactChange,
  contact: EngineContact,
): GraphNode | undefined {
  return campaign.triggers.find(
    (trigger) => triggerTouchedBy(trigger, change) && triggerConditionHolds(trigger, contact),
  );
}

/**
 * Whether the change could matter to the campaign at all: a trigger or goal
 * that reacts to its kind of change, whatever the contact's state. Lets the
 * shell skip reading contacts and enrollments for changes no campaign hears.
 */
export function campaignMayReactTo(campaign: CompiledCampaign, change: ContactChange): boolean {
  return (
    campaign.triggers.some((trigger) => triggerTouchedBy(trigger, change)) ||
    campaign.goals.some((goal) => goalTouchedBy(goal, change))
  );
}

function triggerTouchedBy(trigger: GraphNode, change: ContactChange): boolean {
  switch (trigger.type) {
    case 'trigger.contactCreated':
      return Boolean(change.created);
    case 'trigger.tagAdded':
      return change.tagsAdded.includes(trigger.data.config.tag);
    case 'trigger.tagRemoved':
      return change.tagsRemoved.includes(trigger.data.config.tag);
    case 'trigger.fieldChanged':
      return change.fieldsChanged.includes(trigger.data.config.field);
    default:
      return false;
  }
}

function triggerConditionHolds(trigger: GraphNode, contact: EngineContact): boolean {
  if (trigger.type !== 'trigger.fieldChanged') return true;
  const { field, value } = trigger.data.config;
  if (value === undefined) return true;
  if (value === null) return ruleHolds({ field, op: 'isEmpty' }, contact);
  return ruleHolds({ field, op: 'equals', value }, contact);
}

/**
 * Where an enrolled contact jumps after a change: the farthest goal that the
 * change may have met, that now holds, and that lies ahead of the contact
 * (or is the goal it waits on). Undefined when it stays where it is.
 */
export function goalJumpAfter(
  campaign: CompiledCampaign,
  at: { nodeId: string; waitingForGoal: boolean },
  change: ContactChange,
  contact: EngineContact,
): string | undefined {
  const touched = (goal: GraphNode) => goalTouchedBy(goal, change) && goalMetByState(goal, contact);
  const ahead = campaign.goalsAhead.get(at.nodeId) ?? [];
  const jump = ahead.find((goalId) => touched(campaign.nodes.get(goalId)!));
  if (jump) return jump;
  const here = campaign.nodes.get(at.nodeId);
  return at.waitingForGoal && here && touched(here) ? here.id : undefined;
}

/** Goals with allowEntry that the change meets: a contact not in the campaign enters at one of them. */
export function entryGoalMetBy(
  campaign: CompiledCampaign,
  change: ContactChange,
  contact: EngineContact,
): GraphNode | undefined {
  return campaign.goals.find(
    (goal) =>
      'allowEntry' in goal.data.config &&
      goal.data.config.allowEntry === true &&
      goalTouchedBy(goal, change) &&
      goalMetByState(goal, contact),
  );
}

function goalTouchedBy(goal: GraphNode, change: ContactChange): boolean {
  switch (goal.type) {
    case 'goal.tagAdded':
      return change.tagsAdded.includes(goal.data.config.tag);
    case 'goal.fieldMatches':
      return goal.data.config.rules.some((rule) =>
        rule.field === 'tag'
          ? change.tagsAdded.length > 0 || change.tagsRemoved.length > 0
          : change.fieldsChanged.includes(rule.field) || Boolean(change.created),
      );
    default:
      return false;
  }
}
