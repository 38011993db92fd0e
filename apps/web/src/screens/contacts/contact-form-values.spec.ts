import type { Contact } from '../../api/contacts';
import type { CustomField } from '../../api/fields';
import { contactChanges, formFieldsFor, parseFieldInput, toFormValues } from './contact-form-values';

function aContact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'c1',
    email: 'ada@example.com',
    firstName: 'Ada',
    lastName: null,
    phone: null,
    fields: {},
    tags: [],
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    ...overrides,
  };
}

const colour: CustomField = { id: 'f1', key: 'colour', label: 'Favourite Colour', type: 'text' };
const age: CustomField = { id: 'f2', key: 'age', label: 'Age', type: 'number' };
const birthday: CustomField = { id: 'f3', key: 'birthday', label: 'Birthday', type: 'date' };
const vip: CustomField = { id: 'f4', key: 'vip', label: 'VIP', type: 'boolean' };
const fields = [colour, age, birthday, vip];

describe('toFormValues', () => {
  it('shows nulls as empty inputs, dates as YYYY-MM-DD and booleans as checkboxes', () => {
    const contact = aContact({ fields: { colour: 'teal', age: 36, birthday: '1815-12-10T00:00:00.000Z', vip: true } });
    expect(toFormValues(contact, fields)).toEqual({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: '',
      phone: '',
      fields: { colour: 'teal', age: '36', birthday: '1815-12-10', vip: true },
    });
  });
});

describe('formFieldsFor', () => {
  it('adds a text input for a value whose field definition is gone', () => {
    const contact = aContact({ fields: { colour: 'teal', legacyId: 'X-9' } });
    expect(formFieldsFor(contact, [colour]).map((field) => [field.key, field.type])).toEqual([
      ['colour', 'text'],
      ['legacyId', 'text'],
    ]);
  });
});

describe('parseFieldInput', () => {
  it.each([
    ['', 'text', { ok: true, value: null }],
    [' teal ', 'text', { ok: true, value: 'teal' }],
    ['42.5', 'number', { ok: true, value: 42.5 }],
    ['forty', 'number', { ok: false, message: 'Enter a number.' }],
    ['2025-03-01', 'date', { ok: true, value: '2025-03-01' }],
    ['March', 'date', { ok: false, message: 'Enter a date.' }],
    [true, 'boolean', { ok: true, value: true }],
    [false, 'boolean', { ok: true, value: false }],
  ] as const)('%j as %s', (input, type, expected) => {
    expect(parseFieldInput(input, type)).toEqual(expected);
  });
});

describe('contactChanges', () => {
  it('sends nothing when nothing changed', () => {
    const contact = aContact({ fields: { colour: 'teal' } });
    expect(contactChanges(contact, fields, toFormValues(contact, fields))).toEqual({ changes: {}, errors: {} });
  });

  it('sends changed built-in fields, clearing an emptied one with null', () => {
    const contact = aContact({ phone: '+44 20 7946 0000' });
    const values = { ...toFormValues(contact, fields), lastName: ' Lovelace ', phone: '' };
    expect(contactChanges(contact, fields, values).changes).toEqual({ lastName: 'Lovelace', phone: null });
  });

  it('sends every custom field, typed, when one of them changed', () => {
    const contact = aContact({ fields: { colour: 'teal', vip: false } });
    const values = toFormValues(contact, fields);
    values.fields['age'] = '36';
    expect(contactChanges(contact, fields, values).changes).toEqual({ fields: { colour: 'teal', vip: false, age: 36 } });
  });

  it('reports bad input per field and a missing email, without sending it', () => {
    const contact = aContact();
    const values = { ...toFormValues(contact, fields), email: ' ' };
    values.fields['age'] = 'old';
    const { changes, errors } = contactChanges(contact, fields, values);
    expect(errors).toEqual({ email: 'Enter an email address.', 'fields.age': 'Enter a number.' });
    expect(changes.fields).toBeUndefined();
    expect(changes.email).toBeUndefined();
  });
});
