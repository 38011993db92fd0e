import type { EngineContact } from './contact';
import { isBuiltInField } from './contact';

/**
 * What a step changes outside the enrollment. The shell applies effects with
 * atomic SQL in the step's transaction; the core applies them to its copy of
 * the contact so that later nodes of the same activation see them.
 */
export type Effect =
  | { kind: 'addTag'; tag: string }
  | { kind: 'removeTag'; tag: string }
  | { kind: 'updateField'; field: string; value: unknown }
  | { kind: 'sendWebhook'; nodeId: string };

export function applyEffect(contact: EngineContact, effect: Effect): EngineContact {
  switch (effect.kind) {
    case 'addTag':
      return contact.tags.includes(effect.tag) ? contact : { ...contact, tags: [...contact.tags, effect.tag] };
    case 'removeTag':
      return contact.tags.includes(effect.tag)
        ? { ...contact, tags: contact.tags.filter((tag) => tag !== effect.tag) }
        : contact;
    case 'updateField':
      if (isBuiltInField(effect.field)) return { ...contact, [effect.field]: effect.value as string | null };
      return { ...contact, fields: { ...contact.fields, [effect.field]: effect.value } };
    case 'sendWebhook':
      return contact;
  }
}
