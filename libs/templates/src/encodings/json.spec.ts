import type { TemplateError } from '../index';
import { compileTemplate } from '../index';
import { CUSTOM_FIELDS, aContext } from '../testing/factories';

const renderJson = (source: string, contact = {}) =>
  JSON.parse(
    compileTemplate(source, { fields: CUSTOM_FIELDS, target: 'json' }).render(aContext(contact)),
  );

describe('JSON templates', () => {
  it.each([
    ['inside a string', '{"a": "<[First Name]>"}', { a: '<Tom>' }],
    ['standing alone', '{"a": [First Name]}', { a: 'Tom' }],
    ['standing alone, empty', '{"a": [Phone]}', { a: '' }],
    ['as a key', '{ {{contact.firstName}}: 1}', { Tom: 1 }],
    ['in an array', '{"list": [[First Name], "[Email]"]}', { list: ['Tom', 'tom@example.com'] }],
    [
      'a {{json}} value keeps its type',
      '{"tags": {{json contact.tags}}, "n": {{json contact.fields.favorite_color}}}',
      { tags: ['vip', 'newsletter'], n: 'teal' },
    ],
    [
      'a {{json}} value inside a string is escaped',
      '{"t": "{{json contact.tags}}"}',
      { t: '["vip","newsletter"]' },
    ],
    ['after an escaped quote', '{"a": "say \\"[First Name]\\""}', { a: 'say "Tom"' }],
    [
      'a whole body from {{#if}}',
      '{"vip": {{#if contact.tags}}true{{else}}false{{/if}}}',
      { vip: true },
    ],
    ['a helper standing alone', '{"u": {{upper [First Name]}}}', { u: 'TOM' }],
    ['a JSON array literal', '{"ids": [1, 2], "words": ["a"]}', { ids: [1, 2], words: ['a'] }],
  ])('encodes a value %s', (_name, source, expected) => {
    expect(renderJson(source, { phone: null })).toEqual(expected);
  });

  it('escapes values with quotes, backslashes and control characters', () => {
    const value = 'a"b\\c\nd\u0001';
    expect(renderJson('{"x": "[First Name]", "y": [First Name]}', { firstName: value })).toEqual({
      x: value,
      y: value,
    });
  });

  it.each([
    ['a missing value', '{"a": }'],
    ['a trailing comma', '{"a": 1,}'],
    ['plain text', 'Name: [First Name]'],
    ['an empty template', ''],
  ])('refuses %s at compile time', (_name, source) => {
    expect(() => compileTemplate(source, { target: 'json' })).toThrow(
      expect.objectContaining({ code: 'invalid-json' }) as unknown as TemplateError,
    );
  });

  it('checks the rendered body too: {{json}} cannot smuggle in a broken document', () => {
    // The skeleton check assumes {{#if}}; here the {{else}} branch is what renders.
    const template = compileTemplate('{"a": {{#if contact.email}}1{{else}}}{{/if}}}', {
      target: 'json',
    });
    expect(() => template.render(aContext({ email: '' }))).toThrow(
      expect.objectContaining({ code: 'invalid-json' }) as unknown as TemplateError,
    );
  });
});
