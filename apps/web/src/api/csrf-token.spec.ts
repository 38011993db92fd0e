import { mayHaveSession, readCookie } from './csrf-token';

describe('readCookie', () => {
  it.each([
    ['tideway_csrf=abc123', 'abc123'],
    ['theme=dark; tideway_csrf=abc123; other=1', 'abc123'],
    ['tideway_csrf=a%2Fb%3D%3D', 'a/b=='],
    ['not_tideway_csrf=x; tideway_csrf_old=y', null],
    ['', null],
    ['tideway_csrf=%E0%A4%A', '%E0%A4%A'],
  ])('reads tideway_csrf from %j', (header, expected) => {
    expect(readCookie(header, 'tideway_csrf')).toBe(expected);
  });
});

describe('mayHaveSession', () => {
  afterEach(() => {
    delete (globalThis as { document?: unknown }).document;
  });

  it('is true only when the readable CSRF cookie is there', () => {
    (globalThis as { document?: unknown }).document = { cookie: 'theme=dark' };
    expect(mayHaveSession()).toBe(false);
    (globalThis as { document?: unknown }).document = { cookie: 'theme=dark; tideway_csrf=t' };
    expect(mayHaveSession()).toBe(true);
  });
});
