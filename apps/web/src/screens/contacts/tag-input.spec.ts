import { parseTagList } from './tag-input';

describe('parseTagList', () => {
  it.each([
    ['', []],
    ['vip', ['vip']],
    ['vip, newsletter ;vip', ['vip', 'newsletter']],
    [' , ;', []],
    ['Black Friday 2025', ['Black Friday 2025']],
  ])('%j -> %j', (text, tags) => {
    expect(parseTagList(text)).toEqual(tags);
  });
});
