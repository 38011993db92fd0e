import { mergeQuery } from '../index';

describe('mergeQuery', () => {
  it.each([
    ['no query yet', 'https://x.test/hook', 'https://x.test/hook?a=1'],
    ['an existing query', 'https://x.test/hook?k=v', 'https://x.test/hook?k=v&a=1'],
    ['an empty query', 'https://x.test/hook?', 'https://x.test/hook?a=1'],
    ['a trailing &', 'https://x.test/hook?k=v&', 'https://x.test/hook?k=v&a=1'],
    ['a fragment', 'https://x.test/hook?k=v#frag', 'https://x.test/hook?k=v&a=1#frag'],
    ['a fragment holding ?', 'https://x.test/hook#a?b', 'https://x.test/hook?a=1#a?b'],
    [
      'an encoded existing query kept byte for byte',
      'https://x.test/?q=a%20b+c',
      'https://x.test/?q=a%20b+c&a=1',
    ],
  ])('adds pairs after %s', (_name, url, expected) => {
    expect(mergeQuery(url, [['a', '1']])).toBe(expected);
  });

  it('returns the URL unchanged when there is nothing to add', () => {
    expect(mergeQuery('https://x.test/?k=v', [])).toBe('https://x.test/?k=v');
  });

  it('keeps the existing parameters and adds repeated names in order', () => {
    const url = new URL(
      mergeQuery('https://x.test/?k=v', [
        ['t', 'a & b'],
        ['t', 'c=d'],
      ]),
    );
    expect([...url.searchParams.entries()]).toEqual([
      ['k', 'v'],
      ['t', 'a & b'],
      ['t', 'c=d'],
    ]);
  });
});
