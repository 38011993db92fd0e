import { toBracketForm } from './bracket-form';

describe('toBracketForm', () => {
  it.each([
    [{ id: 'c1', event: 'tag_added' }, 'id=c1&event=tag_added'],
    [{ payload: { contact: { email: 'a+b@example.com' } } }, 'payload%5Bcontact%5D%5Bemail%5D=a%2Bb%40example.com'],
    [{ tags: ['vip', 'new'] }, 'tags%5B0%5D=vip&tags%5B1%5D=new'],
    [{ phone: null, ok: true, n: 4.5 }, 'phone=&ok=true&n=4.5'],
    [{ at: new Date('2025-01-02T03:04:05.000Z') }, 'at=2025-01-02T03%3A04%3A05.000Z'],
    [{ tags: [], fields: {}, missing: undefined }, ''],
    [{ rows: [{ a: 1 }, { a: 2 }] }, 'rows%5B0%5D%5Ba%5D=1&rows%5B1%5D%5Ba%5D=2'],
  ])('encodes %j', (value, expected) => {
    expect(toBracketForm(value as Record<string, unknown>)).toBe(expected);
  });
});
