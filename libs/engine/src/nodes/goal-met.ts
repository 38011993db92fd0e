import type { GraphNode } from '@tideway/graph';
import type { EngineContact } from '../core/contact';
import { rulesHold } from '../core/rules';

/**
 * Whether a goal's condition holds for the contact as it is now. A webhook
 * goal is an event, not a state: only its inbound webhook (or a test run's
 * simulation) meets it.
 */
export function goalMetByState(goal: GraphNode, contact: EngineContact): boolean {
  switch (goal.type) {
    case 'goal.tagAdded':
      return contact.tags.includes(goal.data.config.tag);
    case 'goal.fieldMatches':
      return rulesHold(goal.data.config.match, goal.data.config.rules, contact);
    default:
      return false;
  }
}
