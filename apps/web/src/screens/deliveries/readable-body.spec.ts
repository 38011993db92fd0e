import { decodeFormBody, mediaType, queryPairs, readableBody } from './readable-body';

describe('decodeFormBody', () => {
  it('decodes names and values in order, with + as a space and repeated names kept', () => {
    expect(decodeFormBody('First_Name=Tom+%26+Jerry&Email=tom%2Bjerry%40example.com&tag=a&tag=b&empty=')).toEqual([
      { name: 'First_Name', value: 'Tom & Jerry' },
      { name: 'Email', value: 'tom+jerry@example.com' },
      { name: 'tag', value: 'a' },
      { name: 'tag', value: 'b' },
      { name: 'empty', value: '' },
    ]);
  });
});

describe('readableBody', () => {
  it.each([
    ['no body', null, 'application/json', 'empty'],
    ['an empty body', '', null, 'empty'],
    ['declared JSON', '{"a":1}', 'application/json', 'json'],
    ['a +json media type', '{"a":1}', 'application/problem+json', 'json'],
    ['undeclared text that parses as JSON', '[1, 2]', null, 'json'],
    ['declared JSON that does not parse', '{"a":', 'application/json', 'text'],
    ['a declared form post', 'a=1&b=two', 'application/x-www-form-urlencoded', 'form'],
    ['undeclared text that looks like a form post', 'First_Name=Ada&Email=ada%40example.com', null, 'form'],
    ['plain text', 'Thanks, got it.', 'text/plain', 'text'],
    ['HTML', '<p>ok</p>', 'text/html', 'text'],
    ['a form-looking answer declared as text', 'a=1', 'text/plain', 'text'],
  ])('%s reads as %s', (_case, body, contentType, kind) => {
    expect(readableBody(body, contentType).kind).toBe(kind);
  });

  it('pretty-prints JSON with two spaces and keeps the text as sent', () => {
    const body = readableBody('{"contact":{"email":"ada@example.com"},"tags":["vip"]}', 'application/json');
    expect(body).toEqual({
      kind: 'json',
      raw: '{"contact":{"email":"ada@example.com"},"tags":["vip"]}',
      pretty: '{\n  "contact": {\n    "email": "ada@example.com"\n  },\n  "tags": [\n    "vip"\n  ]\n}',
    });
  });

  it('decodes a form post into its fields', () => {
    expect(readableBody('First_Name=Grace&Email=grace%40example.test', 'application/x-www-form-urlencoded')).toEqual({
      kind: 'form',
      raw: 'First_Name=Grace&Email=grace%40example.test',
      pairs: [
        { name: 'First_Name', value: 'Grace' },
        { name: 'Email', value: 'grace@example.test' },
      ],
    });
  });
});

describe('mediaType', () => {
  it('finds content-type in a header list or map, in any case, without parameters', () => {
    expect(mediaType([{ name: 'Content-Type', value: 'application/JSON; charset=utf-8' }])).toBe('application/json');
    expect(mediaType({ 'content-type': 'text/plain' })).toBe('text/plain');
    expect(mediaType([{ name: 'Accept', value: '*/*' }])).toBeNull();
    expect(mediaType(undefined)).toBeNull();
  });
});

describe('queryPairs', () => {
  it('reads the data a GET webhook sends in its URL', () => {
    expect(queryPairs('https://crm.example.com/in?email=ada%40example.com&name=Ada+L#top')).toEqual([
      { name: 'email', value: 'ada@example.com' },
      { name: 'name', value: 'Ada L' },
    ]);
    expect(queryPairs('https://crm.example.com/in')).toEqual([]);
  });
});
