import {
  compileDataMapping,
  compileTemplate,
  mergeQuery,
  renderDataMapping,
  renderFormBody,
  renderFormPairs,
} from '../index';
import { CUSTOM_FIELDS, FIDELITY_CORPUS, aContext } from '../testing/factories';

/**
 * Every value must arrive exactly as the contact holds it, whatever the
 * target: decoded by the receiver's standard parser (URLSearchParams,
 * JSON.parse, URL), it equals the original.
 */
describe.each(FIDELITY_CORPUS)('a value with %s', (_name, value) => {
  const context = aContext({ firstName: value, fields: { favorite_color: value } });

  it('arrives intact in form post data, key by key', () => {
    const template = compileTemplate(
      'First_Name=[First Name]&Email=[Email]&Color=[Favorite Color]&Greeting=Hi [First Name]!',
      { fields: CUSTOM_FIELDS, target: 'form' },
    );
    const decoded = new URLSearchParams(renderFormBody(template, context));

    expect([...decoded.keys()]).toEqual(['First_Name', 'Email', 'Color', 'Greeting']);
    expect(decoded.get('First_Name')).toBe(value);
    expect(decoded.get('Email')).toBe('tom@example.com');
    expect(decoded.get('Color')).toBe(value);
    expect(decoded.get('Greeting')).toBe(`Hi ${value}!`);
  });

  it('arrives intact in a JSON body, inside a string and standing alone', () => {
    const template = compileTemplate(
      '{"name": "[First Name]", "greeting": "Hi [First Name]!", "alone": [Favorite Color], "tags": {{json contact.tags}}}',
      { fields: CUSTOM_FIELDS, target: 'json' },
    );
    const body = JSON.parse(template.render(context));

    expect(body).toEqual({
      name: value,
      greeting: `Hi ${value}!`,
      alone: value,
      tags: ['vip', 'newsletter'],
    });
  });

  it('arrives intact in a GET query string merged into the URL', () => {
    const template = compileTemplate('First_Name=[First Name]&Color=[Favorite Color]', {
      fields: CUSTOM_FIELDS,
      target: 'form',
    });
    const url = new URL(
      mergeQuery('https://example.com/hook?source=tideway#top', renderFormPairs(template, context)),
    );

    expect([...url.searchParams.entries()]).toEqual([
      ['source', 'tideway'],
      ['First_Name', value],
      ['Color', value],
    ]);
    expect(url.hash).toBe('#top');
  });

  it('arrives intact as a URL path segment and a query value', () => {
    const template = compileTemplate(
      'https://example.com/contacts/[First Name]/notes?q=[First Name]&x=1',
      {
        target: 'url',
      },
    );
    const url = new URL(template.render(context));
    const segments = url.pathname.split('/');

    expect(segments).toHaveLength(4);
    expect(decodeURIComponent(segments[2])).toBe(value);
    expect(segments[3]).toBe('notes');
    expect(url.searchParams.get('q')).toBe(value);
    expect(url.searchParams.get('x')).toBe('1');
    expect(url.host).toBe('example.com');
  });

  it('arrives intact through a data mapping, as form and as JSON', () => {
    const mapping = compileDataMapping(
      [
        { name: 'first_name', source: 'field', field: '[First Name]' },
        { name: 'color', source: 'field', field: '[Favorite Color]' },
        { name: 'origin', source: 'value', value: 'tideway & co' },
      ],
      { fields: CUSTOM_FIELDS },
    );

    const form = new URLSearchParams(renderDataMapping(mapping, context, 'form'));
    expect([...form.entries()]).toEqual([
      ['first_name', value],
      ['color', value],
      ['origin', 'tideway & co'],
    ]);
    expect(JSON.parse(renderDataMapping(mapping, context, 'json'))).toEqual({
      first_name: value,
      color: value,
      origin: 'tideway & co',
    });
  });

  it('renders verbatim as plain text', () => {
    expect(compileTemplate('[First Name]').render(context)).toBe(value);
  });
});

describe('header values', () => {
  it.each([
    ['plain text', 'Tom', 'Bearer Tom'],
    ['CR LF injection', 'x\r\nX-Evil: 1', 'Bearer x X-Evil: 1'],
    ['a lone LF', 'a\nb', 'Bearer a b'],
  ])('keeps %s on one header line', (_name, value, expected) => {
    const template = compileTemplate('Bearer [First Name]', { target: 'header' });
    expect(template.render(aContext({ firstName: value }))).toBe(expected);
  });
});

describe('lone surrogates', () => {
  it('become U+FFFD instead of throwing in form encoding', () => {
    const template = compileTemplate('a=[First Name]', { target: 'form' });
    const body = template.render(aContext({ firstName: 'x\ud83dy' }));
    expect(new URLSearchParams(body).get('a')).toBe('x\ufffdy');
  });
});
