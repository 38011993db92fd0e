import type { ContactView } from './contact-view';

/**
 * What one mutation did to one contact, in the terms campaigns react to
 * (trigger.contactCreated, trigger.tagAdded/Removed, trigger.fieldChanged).
 * Every ContactsService mutation returns it, so contact events have one source.
 */
export type ContactChanges = {
  created?: true;
  deleted?: true;
  tagsAdded: string[];
  tagsRemoved: string[];
  /** Keys whose value changed: built-in (email, firstName, lastName, phone) and custom field keys. */
  fieldsChanged: string[];
};

export type ContactMutation = { contact: ContactView; changes: ContactChanges };

type ContactState = Pick<
  ContactView,
  'email' | 'firstName' | 'lastName' | 'phone' | 'fields' | 'tags'
>;

const BUILT_IN_VALUES = ['email', 'firstName', 'lastName', 'phone'] as const;

export function describeCreation(contact: ContactState): ContactChanges {
  return {
    created: true,
    tagsAdded: [...contact.tags],
    tagsRemoved: [],
    fieldsChanged: [
      ...BUILT_IN_VALUES.filter((key) => contact[key] !== null),
      ...Object.keys(contact.fields),
    ],
  };
}

export function describeDeletion(): ContactChanges {
  return { deleted: true, tagsAdded: [], tagsRemoved: [], fieldsChanged: [] };
}

export function diffContacts(before: ContactState, after: ContactState): ContactChanges {
  const fieldKeys = new Set([...Object.keys(before.fields), ...Object.keys(after.fields)]);
  return {
    tagsAdded: after.tags.filter((tag) => !before.tags.includes(tag)),
    tagsRemoved: before.tags.filter((tag) => !after.tags.includes(tag)),
    fieldsChanged: [
      ...BUILT_IN_VALUES.filter((key) => before[key] !== after[key]),
      ...[...fieldKeys].filter((key) => before.fields[key] !== after.fields[key]),
    ],
  };
}

export function isUnchanged(changes: ContactChanges): boolean {
  return (
    !changes.created &&
    !changes.deleted &&
    !changes.tagsAdded.length &&
    !changes.tagsRemoved.length &&
    !changes.fieldsChanged.length
  );
}
