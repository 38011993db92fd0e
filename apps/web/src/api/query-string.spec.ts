import { buildQueryString } from './query-string';

describe('buildQueryString', () => {
  it.each([
    [{}, ''],
    [{ search: 'ada', limit: 50 }, '?search=ada&limit=50'],
    [{ search: '', tag: 'vip' }, '?tag=vip'],
    [{ search: '   ', cursor: null, tag: undefined }, ''],
    [{ search: 'tom & jerry', tag: 'a=b' }, '?search=tom+%26+jerry&tag=a%3Db'],
    [{ archived: false }, '?archived=false'],
  ])('turns %j into %s', (params, expected) => {
    expect(buildQueryString(params)).toBe(expected);
  });
});
