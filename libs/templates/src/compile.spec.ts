import {
  MAX_OUTPUT_BYTES,
  MAX_TEMPLATE_BYTES,
  TemplateError,
  compileTemplate,
  findMergeFields,
} from './index';
import { CUSTOM_FIELDS, aContext } from './testing/factories';

function render(source: string, context = aContext()): string {
  return compileTemplate(source, { fields: CUSTOM_FIELDS }).render(context);
}

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('merge fields', () => {
  it.each([
    ['[First Name]', 'Tom'],
    ['[Last Name]', 'Cat'],
    ['[Email]', 'tom@example.com'],
    ['[Phone]', '+44 20 7946 0000'],
    ['[Contact ID]', 'c_123'],
    ['[Campaign Name]', 'Welcome series'],
    ['[Date]', '2026-11-23'],
    ['[Favorite Color]', 'teal'],
    ['[Size & Fit]', ''],
    ['[first  name]', 'Tom'],
    ['[ FAVORITE COLOR ]', 'teal'],
  ])('%s renders %j', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it('renders a missing or null value as empty, never "null"', () => {
    const context = aContext({ firstName: null, fields: {} });
    expect(render('<[First Name]|[Favorite Color]>', context)).toBe('<|>');
  });

  it('lists the canonical labels used, once each, in order of first use', () => {
    const template = compileTemplate(
      '[email] [First Name] [Email] {{default [Favorite Color] "x"}}',
      {
        fields: CUSTOM_FIELDS,
      },
    );
    expect(template.mergeFields).toEqual(['Email', 'First Name', 'Favorite Color']);
  });

  it('works as a value inside {{ }}', () => {
    expect(
      render('{{upper [First Name]}} {{default [Last Name] "friend"}}', aContext({ lastName: '' })),
    ).toBe('TOM friend');
  });

  it('dates [Date] in the context time zone', () => {
    const context = aContext({}, { now: '2026-11-23T23:30:00Z', timezone: 'Asia/Tokyo' });
    expect(render('[Date]', context)).toBe('2026-11-24');
  });

  it.each([
    ['a JSON array of strings', '["a", "b"]'],
    ['a JSON array of numbers', '[1, 2]'],
    ['JSON words', '[true] [false] [null]'],
    ['empty brackets', '[] [ ]'],
    ['brackets with a colon', '[note: x]'],
  ])('leaves %s alone', (_name, source) => {
    expect(render(source)).toBe(source);
  });

  it.each([
    ['Hi [Favourite Colour]', 'Favourite Colour', 1, 4],
    ['line one\n  [Nickname] here', 'Nickname', 2, 3],
    ['{{default [Middle Name] "-"}}', 'Middle Name', 1, 11],
    ['a=1&b=[Shoe Size]', 'Shoe Size', 1, 7],
  ])(
    'refuses an unknown merge field in %j, naming it and where it is',
    (source, label, line, column) => {
      const error = errorOf(() =>
        compileTemplate(source, { fields: CUSTOM_FIELDS, target: 'text' }),
      );
      expect(error.code).toBe('unknown-merge-field');
      expect(error.message).toContain(`Unknown merge field [${label}]`);
      expect(error.subject).toBe(label);
      expect(error.position).toEqual({ line, column });
    },
  );

  it('translates at compile time: a value that looks like a merge field stays data', () => {
    const context = aContext({ firstName: '[Email] {{contact.email}}' });
    expect(render('[First Name]', context)).toBe('[Email] {{contact.email}}');
  });

  it('compiles once and renders many contacts', () => {
    const template = compileTemplate('Hi [First Name]', {});
    expect(
      ['Ann', 'Bo', 'Cy'].map((firstName) => template.render(aContext({ firstName }))),
    ).toEqual(['Hi Ann', 'Hi Bo', 'Hi Cy']);
  });
});

describe('findMergeFields', () => {
  it('reports every bracketed label, known or not, without throwing', () => {
    const uses = findMergeFields('[First Name] [Shoe Size]\n{{default [Favorite Color] ""}}', {
      knownLabels: ['Favorite Color'],
    });
    expect(uses).toEqual([
      { label: 'First Name', known: true, position: { line: 1, column: 1 } },
      { label: 'Shoe Size', known: false, position: { line: 1, column: 14 } },
      { label: 'Favorite Color', known: true, position: { line: 2, column: 11 } },
    ]);
  });

  it('still throws on a syntax error', () => {
    expect(errorOf(() => findMergeFields('{{#if x}}')).code).toBe('syntax');
  });
});

describe('Handlebars variables', () => {
  it.each([
    ['{{contact.firstName}}', 'Tom'],
    ['{{contact.fields.favorite_color}}', 'teal'],
    ['{{contact.tags.[0]}}', 'vip'],
    ['{{contact.tags}}', 'vip,newsletter'],
    ['{{campaign.name}}', 'Welcome series'],
    ['{{now}}', '2026-11-23T09:05:07.000Z'],
    ['{{today}}', '2026-11-23'],
    ['{{@root.contact.email}}', 'tom@example.com'],
    ['{{#if contact.firstName}}yes{{else}}no{{/if}}', 'yes'],
    [
      '{{#unless contact.fields.renewal}}none{{else}}{{contact.fields.renewal}}{{/unless}}',
      '2027-01-31',
    ],
    ['{{! a comment }}x{{!-- another --}}', 'x'],
  ])('%s renders %j', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it.each([
    ['{{contact.nickname}}', 'contact.nickname'],
    ['{{contact.fields.shoe_size}}', 'contact.fields.shoe_size'],
    ['{{firstName}}', 'firstName'],
    ['{{this}}', 'this'],
    ['{{@index}}', '@index'],
    ['{{contact.email.length}}', 'contact.email.length'],
  ])('refuses the unknown variable %s at compile time', (source, name) => {
    const error = errorOf(() => render(source));
    expect(error.code).toBe('unknown-variable');
    expect(error.subject).toBe(name);
  });
});

describe('helpers', () => {
  it.each([
    ['{{default contact.fields.favorite_color "none"}}', {}, 'teal'],
    ['{{default [Last Name] "friend"}}', { lastName: '' }, 'friend'],
    ['{{default [Last Name] "friend"}}', { lastName: null }, 'friend'],
    ['{{default [Last Name] "friend"}}', { lastName: '0' }, '0'],
    ['{{upper [First Name]}}', { firstName: 'straße' }, 'STRASSE'],
    ['{{lower [Email]}}', { email: 'Tom@Example.COM' }, 'tom@example.com'],
    ['{{json [First Name]}}', { firstName: 'a "b"' }, '"a \\"b\\""'],
    ['{{json contact.tags}}', {}, '["vip","newsletter"]'],
    ['{{json contact.fields.renewal}}', { fields: {} }, 'null'],
    ['{{urlencode [First Name]}}', { firstName: 'Tom & Jerry/?' }, 'Tom%20%26%20Jerry%2F%3F'],
    ['{{date contact.fields.renewal}}', {}, '2027-01-31'],
    ['{{date contact.fields.renewal "DD/MM/YYYY"}}', {}, '31/01/2027'],
    ['{{date now "YYYY-MM-DD HH:mm:ss"}}', {}, '2026-11-23 09:05:07'],
    ['{{date now "ISO"}}', {}, '2026-11-23T09:05:07.000Z'],
    ['{{date now "HH:mm" tz="America/New_York"}}', {}, '04:05'],
    ['{{date contact.fields.renewal}}', { fields: { renewal: '' } }, ''],
    ['{{date contact.fields.renewal}}', { fields: { renewal: 'next week' } }, 'next week'],
    ['{{upper (default [Last Name] "anon")}}', { lastName: '' }, 'ANON'],
  ])('%s with %j renders %j', (source, contact, expected) => {
    expect(render(source, aContext(contact))).toBe(expected);
  });

  it('formats dates in the context time zone unless tz= says otherwise', () => {
    const context = aContext({}, { timezone: 'Europe/Paris' });
    expect(render('{{date now "HH:mm"}} {{date now "HH:mm" tz="UTC"}}', context)).toBe(
      '10:05 09:05',
    );
  });

  it.each([
    ['an unknown pattern token', '{{date now "dddd"}}', 'bad-helper-argument'],
    ['an unknown time zone', '{{date now "HH" tz="Mars/Olympus"}}', 'bad-helper-argument'],
  ])('refuses %s when rendering', (_name, source, code) => {
    expect(errorOf(() => render(source)).code).toBe(code);
  });
});

describe('what a template cannot do', () => {
  it.each([
    ['{{constructor.constructor}}'],
    ['{{__proto__}}'],
    ['{{contact.__proto__}}'],
    ['{{contact.constructor.name}}'],
    ['{{lookup this "constructor"}}'],
    ['{{lookup contact "__proto__"}}'],
    ['{{#each contact.tags}}{{this}}{{/each}}'],
    ['{{#with contact}}{{email}}{{/with}}'],
    ['{{log "x"}}'],
    ['{{> partial}}'],
    ['{{#> layout}}x{{/layout}}'],
    ['{{*decorator}}'],
    ['{{../contact}}'],
    ['{{#contact}}x{{/contact}}'],
    ['{{"literal"}}'],
    ['{{helperMissing}}'],
    ['{{blockHelperMissing contact}}'],
    ['{{if contact.email}}'],
    ['{{tw$jsonValue contact.email}}'],
  ])('refuses %s at compile time', (source) => {
    const error = errorOf(() => render(source));
    expect(['forbidden', 'unknown-variable']).toContain(error.code);
    expect(error.position).toBeDefined();
  });

  it("reads a custom field key named like a prototype property only from the contact's own data", () => {
    const fields = [
      { key: 'constructor', label: 'Constructor' },
      { key: '__proto__', label: 'Proto' },
    ];
    const template = compileTemplate('<[Constructor]|[Proto]>', { fields });
    expect(template.render(aContext({ fields: {} }))).toBe('<|>');
    expect(template.render(aContext({ fields: { constructor: 'c', ['__proto__']: 'p' } }))).toBe(
      '<c|p>',
    );
  });

  it('ignores context properties it does not know', () => {
    const context = {
      ...aContext(),
      secret: 'x',
      contact: { ...aContext().contact, password: 'p' },
    };
    expect(errorOf(() => render('{{secret}}', context)).code).toBe('unknown-variable');
    expect(errorOf(() => render('{{contact.password}}', context)).code).toBe('unknown-variable');
  });
});

describe('syntax errors', () => {
  it.each([
    ['{{#if contact.email}}open', 1],
    ['line\n{{contact.email', 2],
    ['{{#if contact.email}}x{{/unless}}', 1],
  ])('%j is a syntax error on line %i', (source, line) => {
    const error = errorOf(() => render(source));
    expect(error.code).toBe('syntax');
    expect(error.position?.line).toBe(line);
  });
});

describe('size caps', () => {
  it('accepts a template of exactly 64 KB and refuses one byte more', () => {
    expect(() => compileTemplate('a'.repeat(MAX_TEMPLATE_BYTES))).not.toThrow();
    expect(errorOf(() => compileTemplate('a'.repeat(MAX_TEMPLATE_BYTES + 1))).code).toBe(
      'template-too-large',
    );
  });

  it('counts template size in UTF-8 bytes', () => {
    const threeBytes = '日';
    expect(errorOf(() => compileTemplate(threeBytes.repeat(MAX_TEMPLATE_BYTES / 3 + 1))).code).toBe(
      'template-too-large',
    );
  });

  it('refuses a rendered output over 1 MB', () => {
    const big = 'x'.repeat(MAX_OUTPUT_BYTES / 4);
    const template = compileTemplate('[First Name][First Name][First Name][First Name]!');
    expect(errorOf(() => template.render(aContext({ firstName: big }))).code).toBe(
      'output-too-large',
    );
    expect(template.render(aContext({ firstName: 'ok' }))).toBe('okokokok!');
  });

  it('refuses an oversized form body and JSON body too', () => {
    const big = 'x'.repeat(MAX_OUTPUT_BYTES);
    const form = compileTemplate('a=[First Name]', { target: 'form' });
    const json = compileTemplate('{"a": [First Name]}', { target: 'json' });
    expect(errorOf(() => form.render(aContext({ firstName: big }))).code).toBe('output-too-large');
    expect(errorOf(() => json.render(aContext({ firstName: big }))).code).toBe('output-too-large');
  });
});
