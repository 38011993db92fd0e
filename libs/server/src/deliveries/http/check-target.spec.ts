import { checkTarget } from './check-target';
import { PUBLIC_V4, REFUSED_TARGETS, SSRF_POLICY, testResolve } from './ssrf-cases.fixture';
import type { TargetPolicy } from './target-policy';

describe('checkTarget (when a campaign is validated and before each send)', () => {
  describe.each(REFUSED_TARGETS)('$url ($is)', ({ url, reason, policy }) => {
    it('is refused, saying why', async () => {
      const result = await checkTarget(url, policy ?? SSRF_POLICY, testResolve);
      expect(result).toEqual({ ok: false, reason: expect.stringMatching(reason) });
    });
  });

  describe('allows', () => {
    const https: TargetPolicy = { allowHttp: false, allowedPrivateHosts: [] };

    it.each([
      ['a public name (every record public)', 'https://example.com/hooks?x=1', https],
      ['a public IPv4 literal', `https://${PUBLIC_V4}/`, https],
      ['a public IPv6 literal', 'https://[2606:4700:4700::1111]/', https],
      ['an IPv4-mapped public address', 'https://[::ffff:8.8.8.8]/', https],
      [
        'plain http when WEBHOOK_ALLOW_HTTP is on',
        'http://example.com/',
        { allowHttp: true, allowedPrivateHosts: [] },
      ],
      [
        '127.0.0.1 when listed',
        'http://127.0.0.1:8080/in',
        { allowHttp: true, allowedPrivateHosts: ['127.0.0.1'] },
      ],
      [
        'loopback in another spelling when 127.0.0.1 is listed',
        'http://2130706433/',
        { allowHttp: true, allowedPrivateHosts: ['127.0.0.1'] },
      ],
      [
        'IPv4-mapped loopback when 127.0.0.1 is listed',
        'http://[::ffff:127.0.0.1]/',
        { allowHttp: true, allowedPrivateHosts: ['127.0.0.1'] },
      ],
      [
        'localhost (resolved) when listed by name',
        'http://localhost:3000/',
        { allowHttp: true, allowedPrivateHosts: ['localhost'] },
      ],
      [
        'a private address inside a listed CIDR',
        'http://10.20.30.40/',
        { allowHttp: true, allowedPrivateHosts: ['10.0.0.0/8'] },
      ],
      ['::1 when listed', 'http://[::1]/', { allowHttp: true, allowedPrivateHosts: ['::1'] }],
      [
        'an IPv6 address inside a listed CIDR',
        'http://[fd12::5]/',
        { allowHttp: true, allowedPrivateHosts: ['fd00::/8'] },
      ],
      [
        'a listed name that resolves to a private address',
        'https://receiver.internal/',
        { allowHttp: false, allowedPrivateHosts: ['receiver.internal'] },
      ],
      [
        'a name whose private address is in a listed CIDR',
        'https://receiver.internal/',
        { allowHttp: false, allowedPrivateHosts: ['10.1.0.0/16'] },
      ],
    ])('%s: %s', async (_what, url, policy) => {
      const result = await checkTarget(url, policy, testResolve);
      expect(result).toEqual({ ok: true, url: new URL(url) });
    });
  });

  it('refuses a private address outside the listed CIDR', async () => {
    const result = await checkTarget(
      'http://10.2.0.1/',
      { allowHttp: true, allowedPrivateHosts: ['10.1.0.0/16'] },
      testResolve,
    );
    expect(result.ok).toBe(false);
  });

  it('refuses a name that does not resolve, naming the DNS error and marking it unresolved', async () => {
    const result = await checkTarget('https://nowhere.invalid/', SSRF_POLICY, testResolve);
    expect(result).toEqual({ ok: false, reason: 'could not resolve nowhere.invalid (ENOTFOUND)', unresolved: true });
  });

  it('refuses a name with no records at all, marking it unresolved', async () => {
    const result = await checkTarget('https://empty.example/', SSRF_POLICY, async () => []);
    expect(result).toEqual({ ok: false, reason: 'empty.example has no A or AAAA record', unresolved: true });
  });

  it('asks DNS for nothing when the URL itself is refused', async () => {
    const asked: string[] = [];
    const resolve = async (host: string) => {
      asked.push(host);
      return [{ address: PUBLIC_V4, family: 4 }];
    };
    await checkTarget('http://user:pass@example.com/', SSRF_POLICY, resolve);
    await checkTarget(
      'http://example.com/',
      { allowHttp: false, allowedPrivateHosts: [] },
      resolve,
    );
    await checkTarget('http://10.0.0.1/', SSRF_POLICY, resolve);
    expect(asked).toEqual([]);
  });
});
