import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where webhooks may go, from `WEBHOOK_ALLOW_HTTP` and `WEBHOOK_ALLOWED_PRIVATE_HOSTS`.
 * `allowedPrivateHosts` holds host names (`localhost`), IPs (`127.0.0.1`, `::1`)
 * and CIDR ranges (`10.0.0.0/8`) that may be private or loopback: the operator's
 * own receivers and tests. Everything else must be a public address.
 */
export type TargetPolicy = { allowHttp: boolean; allowedPrivateHosts: string[] };

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

/**
 * Public IPv6 unicast is only ever allocated from 2000::/3 (RFC 4291 section 2.4,
 * IANA's IPv6 address space registry). Anything outside it that ipaddr.js still
 * calls `unicast` (for example the deprecated IPv4-compatible `::a.b.c.d`, which
 * some stacks route to the embedded IPv4 address) is refused.
 */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
/** The well-known NAT64 prefix (RFC 6052): the last 32 bits are the IPv4 address reached. */
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/**
 * Whether `ip` is an address a webhook may reach without being listed
 * (OWASP SSRF Prevention Cheat Sheet, "Case 2: application can send requests to
 * any external IP address or domain name").
 *
 * Only ipaddr.js's `unicast` range counts as public, so loopback, RFC 1918
 * private, link-local (including the 169.254.169.254 cloud metadata address),
 * CGNAT 100.64/10, unique-local fc00::/7, unspecified, multicast, broadcast and
 * the reserved and documentation ranges are all refused. IPv6 forms that carry
 * an IPv4 address (IPv4-mapped, IPv4-translated, NAT64, 6to4, Teredo) are judged
 * by the IPv4 address they lead to, so `::ffff:127.0.0.1` is loopback.
 *
 * Input that is not a plain IP address (`0x7f.1`, `2130706433`) is not public:
 * callers normalise with the WHATWG URL parser or get addresses from DNS.
 */
export function isPublicAddress(ip: string): boolean {
  if (isIP(ip) === 0) return false;
  const address = ipaddr.parse(ip);
  return address.kind() === 'ipv4' ? isPublicIPv4(address as IPv4) : isPublicIPv6(address as IPv6);
}

/**
 * Whether the operator listed this target as an allowed private one: by the
 * host name of the URL (`localhost`, whatever it resolves to), by the address
 * itself, or by a CIDR range holding it. IPv4-mapped IPv6 addresses match the
 * IPv4 entries, so listing `127.0.0.1` also allows `::ffff:127.0.0.1`.
 */
export function isAllowedPrivate(host: string, ip: string, policy: TargetPolicy): boolean {
  const name = normalizeHost(host);
  const addresses = addressForms(ip);
  return policy.allowedPrivateHosts.some((raw) => {
    const entry = normalizeHost(raw);
    if (!entry) return false;
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) return false;
      const range = ipaddr.parseCIDR(entry);
      return addresses.some(
        (address) => address.kind() === range[0].kind() && address.match(range),
      );
    }
    if (isIP(entry) !== 0) {
      const listed = addressForms(entry);
      return addresses.some((address) => listed.some((other) => sameAddress(address, other)));
    }
    return entry === name;
  });
}

function isPublicIPv4(address: IPv4): boolean {
  return address.range() === 'unicast';
}

function isPublicIPv6(address: IPv6): boolean {
  const embedded = embeddedIPv4(address);
  if (embedded) return embedded.every(isPublicIPv4);
  return address.range() === 'unicast' && address.match(GLOBAL_UNICAST_V6);
}

/** The IPv4 addresses an IPv6 address leads to, when it is one of the transition forms. */
function embeddedIPv4(address: IPv6): IPv4[] | null {
  const p = address.parts;
  switch (address.range()) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d (RFC 4291)
    case 'rfc6145': // ::ffff:0:a.b.c.d (RFC 6145)
      return [fromParts(p[6], p[7])];
    case 'rfc6052': // only the well-known /96 embeds at a fixed place; the local-use /48 stays refused
      return address.match(NAT64_WELL_KNOWN) ? [fromParts(p[6], p[7])] : null;
    case '6to4': // 2002:AABB:CCDD::/48 (RFC 3056)
      return [fromParts(p[1], p[2])];
    case 'teredo': // 2001:0:SERVER:flags:port:~CLIENT (RFC 4380): both ends must be public
      return [fromParts(p[2], p[3]), fromParts(~p[6] & 0xffff, ~p[7] & 0xffff)];
    default:
      return null;
  }
}

function fromParts(high: number, low: number): IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** The address as parsed, plus its IPv4 form when it is IPv4-mapped. */
function addressForms(ip: string): (IPv4 | IPv6)[] {
  if (isIP(ip) === 0) return [];
  const parsed = ipaddr.parse(ip);
  const processed = ipaddr.process(ip);
  return processed === parsed || processed.kind() === parsed.kind()
    ? [parsed]
    : [parsed, processed];
}

function sameAddress(a: IPv4 | IPv6, b: IPv4 | IPv6): boolean {
  return a.kind() === b.kind() && a.toNormalizedString() === b.toNormalizedString();
}

/** Host names compare case-insensitively, without IPv6 brackets or the DNS root dot. */
function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}
