import type { Resolve, ResolvedAddress } from './check-target';
import { defaultResolve } from './check-target';
import type { TargetPolicy } from './target-policy';

/**
 * The SSRF list of issue 5 (OWASP SSRF Prevention Cheat Sheet), shared by the
 * validation-time (checkTarget) and send-time (WebhookHttpClient) specs.
 * Every row must be refused under `SSRF_POLICY` unless it brings its own policy.
 */
export const SSRF_POLICY: TargetPolicy = { allowHttp: true, allowedPrivateHosts: [] };

const NOT_PUBLIC = /is not a public address/;

export const REFUSED_TARGETS: { url: string; is: string; reason: RegExp; policy?: TargetPolicy }[] =
  [
    { url: 'http://127.0.0.1/', is: 'loopback', reason: NOT_PUBLIC },
    {
      url: 'http://localhost/',
      is: 'a name resolving to loopback',
      reason: /localhost \((127\.0\.0\.1|::1)\) is not a public/,
    },
    { url: 'http://[::1]/', is: 'IPv6 loopback', reason: NOT_PUBLIC },
    { url: 'http://0.0.0.0/', is: 'the unspecified address', reason: NOT_PUBLIC },
    { url: 'http://[::]/', is: 'the IPv6 unspecified address', reason: NOT_PUBLIC },
    { url: 'http://2130706433/', is: 'loopback written as a decimal number', reason: NOT_PUBLIC },
    { url: 'http://0x7f000001/', is: 'loopback written in hex', reason: NOT_PUBLIC },
    { url: 'http://0x7f.1/', is: 'loopback written as hex with a short form', reason: NOT_PUBLIC },
    { url: 'http://0177.0.0.1/', is: 'loopback written in octal', reason: NOT_PUBLIC },
    { url: 'http://127.1/', is: 'loopback written in two parts', reason: NOT_PUBLIC },
    { url: 'http://10.0.0.1/', is: 'private 10/8', reason: NOT_PUBLIC },
    { url: 'http://172.16.0.1/', is: 'private 172.16/12', reason: NOT_PUBLIC },
    { url: 'http://192.168.1.1/', is: 'private 192.168/16', reason: NOT_PUBLIC },
    {
      url: 'http://169.254.169.254/latest/meta-data',
      is: 'the cloud metadata address (link-local)',
      reason: NOT_PUBLIC,
    },
    { url: 'http://100.64.0.1/', is: 'carrier-grade NAT 100.64/10', reason: NOT_PUBLIC },
    { url: 'http://224.0.0.1/', is: 'multicast', reason: NOT_PUBLIC },
    { url: 'http://255.255.255.255/', is: 'broadcast', reason: NOT_PUBLIC },
    { url: 'http://[fc00::1]/', is: 'IPv6 unique-local', reason: NOT_PUBLIC },
    {
      url: 'http://[fd00:ec2::254]/',
      is: 'the IPv6 cloud metadata address (unique-local)',
      reason: NOT_PUBLIC,
    },
    { url: 'http://[fe80::1]/', is: 'IPv6 link-local', reason: NOT_PUBLIC },
    { url: 'http://[::ffff:127.0.0.1]/', is: 'IPv4-mapped loopback, dotted', reason: NOT_PUBLIC },
    { url: 'http://[::ffff:7f00:1]/', is: 'IPv4-mapped loopback, hex', reason: NOT_PUBLIC },
    { url: 'http://[::ffff:a9fe:a9fe]/', is: 'IPv4-mapped metadata address', reason: NOT_PUBLIC },
    { url: 'http://[::127.0.0.1]/', is: 'deprecated IPv4-compatible loopback', reason: NOT_PUBLIC },
    { url: 'http://[64:ff9b::a00:1]/', is: 'NAT64 of a private address', reason: NOT_PUBLIC },
    { url: 'http://[2002:7f00:1::1]/', is: '6to4 embedding loopback', reason: NOT_PUBLIC },
    { url: 'ftp://example.com/', is: 'not http(s)', reason: /ftp scheme is not allowed/ },
    { url: 'file:///etc/passwd', is: 'a local file', reason: /file scheme is not allowed/ },
    {
      url: 'http://user:pass@example.com/',
      is: 'a URL with credentials',
      reason: /user name or password/,
    },
    {
      url: 'http://mixed.example/',
      is: 'a name with one public and one private address',
      reason: /mixed\.example \(10\.0\.0\.1\)/,
    },
    {
      url: 'https://metadata.example/',
      is: 'a name resolving to the metadata address',
      reason: NOT_PUBLIC,
    },
    {
      url: 'http://example.com/',
      is: 'plain http while WEBHOOK_ALLOW_HTTP is off',
      reason: /WEBHOOK_ALLOW_HTTP/,
      policy: { allowHttp: false, allowedPrivateHosts: [] },
    },
    { url: 'not a url', is: 'not a URL', reason: /not a valid absolute URL/ },
  ];

/** Public test addresses (example.com's); the specs never connect to them. */
export const PUBLIC_V4 = '93.184.215.14';
export const PUBLIC_V6 = '2606:2800:21f:cb07:6820:80da:af6b:8b2c';

const ZONE: Record<string, ResolvedAddress[]> = {
  'example.com': [
    { address: PUBLIC_V4, family: 4 },
    { address: PUBLIC_V6, family: 6 },
  ],
  'mixed.example': [
    { address: PUBLIC_V4, family: 4 },
    { address: '10.0.0.1', family: 4 },
  ],
  'metadata.example': [{ address: '169.254.169.254', family: 4 }],
  'receiver.internal': [{ address: '10.1.2.3', family: 4 }],
  'receiver.test': [{ address: '127.0.0.1', family: 4 }],
};

/**
 * DNS for the specs: a fixed zone, and the machine's own resolver for
 * `localhost` only (the real lookup path, answered from /etc/hosts). Any other
 * name fails as an unknown one would, so no spec depends on the network.
 */
export const testResolve: Resolve = async (host) => {
  if (host === 'localhost') return defaultResolve(host);
  const records = ZONE[host];
  if (!records)
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return records;
};
