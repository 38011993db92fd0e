import type { EngineContact } from './contact';
import type { Effect } from './effects';
import { applyEffect } from './effects';
import { aContact } from '../testing/factories';

describe('applyEffect: the contact as later elements of the step see it', () => {
  const contact = aContact({ tags: ['lead'], fields: { plan: 'basic' } });

  // prettier-ignore
  it.each<[string, Effect, Partial<EngineContact>]>([
    ['addTag appends a tag', { kind: 'addTag', tag: 'vip' }, { tags: ['lead', 'vip'] }],
    ['addTag keeps one copy of a tag already there', { kind: 'addTag', tag: 'lead' }, { tags: ['lead'] }],
    ['addTag is exact about case', { kind: 'addTag', tag: 'Lead' }, { tags: ['lead', 'Lead'] }],
    ['removeTag removes a tag', { kind: 'removeTag', tag: 'lead' }, { tags: [] }],
    ['removeTag of a tag not there changes nothing', { kind: 'removeTag', tag: 'vip' }, { tags: ['lead'] }],
    ['updateField sets a custom field', { kind: 'updateField', field: 'plan', value: 'pro' }, { fields: { plan: 'pro' } }],
    ['updateField adds a custom field', { kind: 'updateField', field: 'score', value: 3 }, { fields: { plan: 'basic', score: 3 } }],
    ['updateField sets a built-in field', { kind: 'updateField', field: 'firstName', value: 'Thomas' }, { firstName: 'Thomas' }],
    ['updateField can empty a field', { kind: 'updateField', field: 'plan', value: null }, { fields: { plan: null } }],
    ['sendWebhook changes nothing', { kind: 'sendWebhook', nodeId: 'hook' }, {}],
  ])('%s', (_name, effect, changed) => {
    expect(applyEffect(contact, effect)).toEqual({ ...contact, ...changed });
  });

  it('never changes the contact it was given', () => {
    const before = structuredClone(contact);

    applyEffect(contact, { kind: 'addTag', tag: 'vip' });
    applyEffect(contact, { kind: 'removeTag', tag: 'lead' });
    applyEffect(contact, { kind: 'updateField', field: 'plan', value: 'pro' });

    expect(contact).toEqual(before);
  });
});
