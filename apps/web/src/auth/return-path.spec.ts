import { DEFAULT_PATH, returnPathFrom } from './return-path';

describe('returnPathFrom', () => {
  it.each([
    [null, DEFAULT_PATH],
    [{}, DEFAULT_PATH],
    [{ from: { pathname: '/contacts/42', search: '?tab=tags', hash: '' } }, '/contacts/42?tab=tags'],
    [{ from: { pathname: '/settings/users' } }, '/settings/users'],
    [{ from: { pathname: '/' } }, DEFAULT_PATH],
    [{ from: { pathname: '/login' } }, DEFAULT_PATH],
    [{ from: { pathname: '//evil.example/x' } }, DEFAULT_PATH],
    [{ from: { pathname: 'https://evil.example' } }, DEFAULT_PATH],
  ])('sends %j back to %s', (state, path) => {
    expect(returnPathFrom(state)).toBe(path);
  });
});
