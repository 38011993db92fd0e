import type { ContactData, FieldDefinition, TemplateContext } from '../index';

/** Custom fields most specs use. */
export const CUSTOM_FIELDS: FieldDefinition[] = [
  { key: 'favorite_color', label: 'Favorite Color', type: 'text' },
  { key: 'renewal', label: 'Renewal Date', type: 'date' },
  { key: 'size_amp', label: 'Size & Fit', type: 'text' },
];

export function aContact(overrides: Partial<ContactData> = {}): ContactData {
  return {
    id: 'c_123',
    email: 'tom@example.com',
    firstName: 'Tom',
    lastName: 'Cat',
    phone: '+44 20 7946 0000',
    fields: { favorite_color: 'teal', renewal: '2027-01-31' },
    tags: ['vip', 'newsletter'],
    ...overrides,
  };
}

export function aContext(
  contact: Partial<ContactData> = {},
  rest: Partial<TemplateContext> = {},
): TemplateContext {
  return {
    contact: aContact(contact),
    campaign: { id: 'cmp_1', name: 'Welcome series' },
    now: '2026-11-23T09:05:07.000Z',
    ...rest,
  };
}

/**
 * Values that have broken merge-field encoders elsewhere: structure characters
 * of each target, multi-byte text, control characters, nothing at all.
 */
export const FIDELITY_CORPUS: Array<[string, string]> = [
  ['an ampersand', 'Tom & Jerry'],
  ['form structure', 'a=b&c=d'],
  ['percent and plus', '100% + more'],
  ['an emoji', '😀 emoji'],
  ['CJK text', '日本'],
  ['a newline', 'line1\nline2'],
  ['CR LF', 'line1\r\nline2'],
  ['an empty string', ''],
  ['quotes and a backslash', '"quotes" and \\ backslash'],
  ['markup', '<script>alert(1)</script>'],
  ['a lone plus', '+'],
  ['surrounding spaces', '  padded  '],
  ['a hash and question mark', 'why? #1'],
  ['a slash and dot segments', '../../etc/passwd'],
  ['Handlebars syntax in data', '{{constructor.constructor}} [Email]'],
  ['a tab and NUL', 'a\tb\u0000c'],
];
