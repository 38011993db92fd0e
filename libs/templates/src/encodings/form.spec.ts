import type { TemplateError } from '../index';
import { compileTemplate, formDecodeLiteral, formEncodeComponent } from '../index';
import { CUSTOM_FIELDS, aContext } from '../testing/factories';

const formPairs = (source: string, contact = {}) =>
  compileTemplate(source, { fields: CUSTOM_FIELDS, target: 'form' }).renderPairs(aContext(contact));

describe('form post data structure', () => {
  it.each([
    [
      'the ONTRAPORT example',
      'First_Name=[First Name]&Email=[Email]',
      [
        ['First_Name', 'Tom'],
        ['Email', 'tom@example.com'],
      ],
    ],
    [
      'a value with = in the template',
      'next=https://x.test/?a=b',
      [['next', 'https://x.test/?a=b']],
    ],
    [
      'a name without =',
      'flag&a=1',
      [
        ['flag', ''],
        ['a', '1'],
      ],
    ],
    ['empty pairs', '&&a=1&', [['a', '1']]],
    ['a merge field as the name', '[First Name]=yes', [['Tom', 'yes']]],
    [
      'literal text around a value',
      'greeting=Hi [First Name], welcome',
      [['greeting', 'Hi Tom, welcome']],
    ],
    ['a label holding &', 'fit=[Size & Fit]', [['fit', 'M & L']]],
    ['a value inside {{#if}}', 'vip={{#if contact.tags}}yes{{else}}no{{/if}}', [['vip', 'yes']]],
    ['a & inside a helper argument', 'n={{default [Last Name] "Tom & Co"}}', [['n', 'Tom & Co']]],
    [
      'repeated names',
      'tag=a&tag=b',
      [
        ['tag', 'a'],
        ['tag', 'b'],
      ],
    ],
  ])('splits %s', (_name, source, expected) => {
    expect(formPairs(source, { lastName: '', fields: { size_amp: 'M & L' } })).toEqual(expected);
  });

  it.each([
    ['+ as a space', 'name=John+Smith', 'John Smith'],
    ['percent escapes', 'name=50%25%20off', '50% off'],
    ['an escaped ampersand as data', 'q=a%26b', 'a&b'],
    ['a bare percent sign', 'rate=100%', '100%'],
    ['a broken escape', 'x=%E0%A4', '%E0%A4'],
  ])('reads literal text as written on the wire: %s', (_name, source, expected) => {
    expect(formPairs(source)[0][1]).toBe(expected);
  });

  it('re-encodes literal text so the wire form is canonical', () => {
    const template = compileTemplate('name=John+Smith&rate=100%&q=a%26b', { target: 'form' });
    expect(template.render(aContext())).toBe('name=John+Smith&rate=100%25&q=a%26b');
  });

  it('encodes a name that holds a merge field on every render, like a value', () => {
    const template = compileTemplate('[First Name]=[First Name]&n=1', { target: 'form' });
    expect(template.render(aContext({ firstName: 'Tom & Jerry' }))).toBe(
      'Tom+%26+Jerry=Tom+%26+Jerry&n=1',
    );
  });

  it.each([
    ['an & inside a block', 'a=1{{#if contact.email}}&b=2{{/if}}'],
    ['an = inside a block in the name', '{{#if contact.email}}a=1{{/if}}'],
  ])('refuses %s: structure must not depend on data', (_name, source) => {
    expect(() => compileTemplate(source, { target: 'form' })).toThrow(
      expect.objectContaining({ code: 'invalid-post-data' }) as unknown as TemplateError,
    );
  });
});

describe('formEncodeComponent', () => {
  it.each([
    ['a b', 'a+b'],
    ['a+b', 'a%2Bb'],
    ["!'()*~-._", '%21%27%28%29*%7E-._'],
    ['é', '%C3%A9'],
  ])('encodes %j as URLSearchParams does', (input, expected) => {
    expect(formEncodeComponent(input)).toBe(expected);
    expect(formEncodeComponent(input)).toBe(new URLSearchParams({ x: input }).toString().slice(2));
  });

  it.each([['Tom'], ['abc-123_x.y*'], ['']])(
    'returns %j, which needs no encoding, as it is',
    (text) => {
      expect(formEncodeComponent(text)).toBe(text);
    },
  );

  it('encodes every ASCII character as URLSearchParams does, alone and amid other text', () => {
    for (let code = 0; code < 0x80; code++) {
      const ch = String.fromCharCode(code);
      for (const text of [ch, `a${ch}`, `${ch}b`, `a${ch}${ch}b`]) {
        expect([code, formEncodeComponent(text)]).toEqual([code, urlSearchParamsEncode(text)]);
      }
    }
  });

  it.each([
    ['Latin-1 amid ASCII', 'Zoë & Co, São Paulo'],
    ['an emoji (a surrogate pair)', 'hi 😀!'],
    ['a lone high surrogate before ASCII', 'x\ud83dy'],
    ['a lone low surrogate after non-ASCII', 'é\ude00é'],
    ['a reversed pair', '\ude00\ud83d'],
  ])('encodes %s as URLSearchParams does', (_name, text) => {
    expect(formEncodeComponent(text)).toBe(urlSearchParamsEncode(text));
  });

  it('agrees with URLSearchParams on random text of every kind of character', () => {
    const random = seededRandom(8);
    const pieces = [
      'a',
      'Z',
      '0',
      ' ',
      '+',
      '%',
      '&',
      '=',
      '~',
      "'",
      '\n',
      'é',
      '日',
      '😀',
      '\ud83d',
      '\ude00',
    ];
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: random(12) }, () => pieces[random(pieces.length)]).join('');
      expect([text, formEncodeComponent(text)]).toEqual([text, urlSearchParamsEncode(text)]);
    }
  });

  it('round-trips through formDecodeLiteral', () => {
    const text = 'Tom & Jerry = 100% + 日本';
    expect(formDecodeLiteral(formEncodeComponent(text))).toBe(text);
  });
});

const urlSearchParamsEncode = (text: string) =>
  new URLSearchParams({ x: text }).toString().slice(2);

/** A small seeded generator (mulberry32): random(n) is an integer in [0, n). */
function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
