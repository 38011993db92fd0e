import type { FieldType } from '../contacts/field-values';
import { bodyParams, inboundContact, paramPath } from './inbound-contact';

const FIELDS = new Map<string, FieldType>([
  ['plan', 'text'],
  ['seats', 'number'],
  ['trial', 'boolean'],
]);

describe('paramPath', () => {
  it.each([
    ['contact.email', 'contact.email'],
    ['contact[email]', 'contact.email'],
    ['contact[name][first]', 'contact.name.first'],
    ['tags[]', 'tags'],
    [' email ', 'email'],
  ])('reads %s as %s', (name, path) => expect(paramPath(name)).toBe(path));
});

describe('bodyParams', () => {
  it('flattens nested JSON into dot paths and reads form bracket keys as the same paths', () => {
    expect([
      ...bodyParams({ contact: { email: 'a@b.test', name: { first: 'A' } }, tags: ['x'] }),
    ]).toEqual([
      ['contact.email', 'a@b.test'],
      ['contact.name.first', 'A'],
      ['tags', ['x']],
    ]);
    expect([...bodyParams({ 'contact[email]': 'a@b.test', 'tags[]': ['x', 'y'] })]).toEqual([
      ['contact.email', 'a@b.test'],
      ['tags', ['x', 'y']],
    ]);
  });
});

describe('inboundContact', () => {
  const read = (body: Record<string, unknown>, mapping?: { param: string; field: string }[]) =>
    inboundContact(bodyParams(body), mapping, FIELDS);

  it('takes parameters named like contact fields when there is no mapping', () => {
    expect(
      read({
        Email: 'ada@example.test',
        first_name: 'Ada',
        'last-name': 'L',
        phone_number: 5550100,
        tags: 'a; b',
        plan: 'pro',
        other: 1,
      }),
    ).toEqual({
      ok: true,
      contact: {
        email: 'ada@example.test',
        firstName: 'Ada',
        lastName: 'L',
        phone: '5550100',
        fields: { plan: 'pro' },
        tags: ['a', 'b'],
      },
    });
  });

  it('takes only mapped parameters, reading text as the field type, and the email parameter if none is mapped', () => {
    expect(
      read(
        { email: 'ada@example.test', firstName: 'Ignored', order: { seats: '3', trial: 'yes' } },
        [
          { param: 'order.seats', field: 'seats' },
          { param: 'order[trial]', field: 'trial' },
        ],
      ),
    ).toEqual({
      ok: true,
      contact: { email: 'ada@example.test', fields: { seats: 3, trial: true }, tags: [] },
    });
  });

  it('leaves missing and empty values as they are', () => {
    expect(read({ email: 'ada@example.test', firstName: '', phone: null })).toEqual({
      ok: true,
      contact: { email: 'ada@example.test', fields: {}, tags: [] },
    });
  });

  it.each([
    [
      {},
      undefined,
      [{ path: 'email', message: 'An email address is required to find the contact' }],
    ],
    [
      { user: { mail: 'nope' } },
      [{ param: 'user.mail', field: 'email' }],
      [{ path: 'user.mail', message: 'Not a valid email address' }],
    ],
    [
      { email: 'a@b.test', seats: 'many' },
      undefined,
      [{ path: 'seats', message: 'Must be a finite number' }],
    ],
    [
      { email: 'a@b.test', x: 1 },
      [{ param: 'x', field: 'unknown' }],
      [{ path: 'x', message: expect.stringContaining('"unknown"') }],
    ],
    [
      { email: 'a@b.test', firstName: ['A', 'B'] },
      undefined,
      [{ path: 'firstName', message: expect.stringContaining('single value') }],
    ],
  ])('refuses %j (mapping %j) naming the parameter', (body, mapping, details) => {
    expect(read(body, mapping)).toEqual({ ok: false, details });
  });
});
