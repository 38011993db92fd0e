import { promises as dns } from 'node:dns';
import { isIPv4 } from 'node:net';
import type { TargetPolicy } from './target-policy';
import { isAllowedPrivate, isPublicAddress } from './target-policy';

export type ResolvedAddress = { address: string; family: number };
/** Every A and AAAA record of a host name. Injectable so tests can play DNS without a network. */
export type Resolve = (host: string) => Promise<ResolvedAddress[]>;

/**
 * `getaddrinfo` through libuv, as sockets use it (so /etc/hosts counts), with
 * every record (`all`) in the resolver's order (`verbatim`): one private record
 * among public ones is enough to refuse.
 */
export const defaultResolve: Resolve = (host) => dns.lookup(host, { all: true, verbatim: true });

/** `unresolved`: the name did not resolve now, which a later send may see differently (not a policy refusal). */
export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string; unresolved?: true };

/**
 * Whether a webhook may be sent to `url` under `policy` (OWASP SSRF Prevention
 * Cheat Sheet: allow-list the schemes, validate the address the name resolves
 * to rather than the name, refuse private and internal addresses). Called when
 * a campaign is validated and again before each send; the HTTP client then
 * checks the addresses it actually connects to, so a DNS answer that changes
 * in between (DNS rebinding) is refused too.
 *
 * The URL is judged after WHATWG parsing, which normalises every IPv4 spelling
 * (`2130706433`, `0x7f.1`, `0177.0.0.1`) to dotted decimal and IPv6 to its
 * compressed form, so no alternative spelling of an address slips past.
 */
export async function checkTarget(
  url: string,
  policy: TargetPolicy,
  resolve: Resolve = defaultResolve,
): Promise<TargetCheck> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not a valid absolute URL' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return {
      ok: false,
      reason: `the ${parsed.protocol.replace(/:$/, '')} scheme is not allowed; use https`,
    };
  }
  if (parsed.protocol === 'http:' && !policy.allowHttp) {
    return {
      ok: false,
      reason: 'plain http is not allowed; use https (or set WEBHOOK_ALLOW_HTTP=true)',
    };
  }
  // Credentials in a URL end up in logs and in redirects' Referer; the auth setting is the place for them.
  if (parsed.username || parsed.password) {
    return {
      ok: false,
      reason: 'the URL must not contain a user name or password; use the auth setting',
    };
  }
  const host = parsed.hostname;
  const literal = ipLiteral(host);
  if (literal) {
    return isPublicAddress(literal) || isAllowedPrivate(host, literal, policy)
      ? { ok: true, url: parsed }
      : { ok: false, reason: refusedAddress(host, literal) };
  }

  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    return {
      ok: false,
      reason: `could not resolve ${host} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      unresolved: true,
    };
  }
  if (addresses.length === 0) return { ok: false, reason: `${host} has no A or AAAA record`, unresolved: true };
  const refused = addresses.find(
    ({ address }) => !isPublicAddress(address) && !isAllowedPrivate(host, address, policy),
  );
  if (refused) return { ok: false, reason: refusedAddress(host, refused.address) };
  return { ok: true, url: parsed };
}

/** The address in a WHATWG-normalised host: IPv6 comes bracketed, IPv4 as dotted decimal. */
export function ipLiteral(hostname: string): string | null {
  if (hostname.startsWith('[') && hostname.endsWith(']')) return hostname.slice(1, -1);
  return isIPv4(hostname) ? hostname : null;
}

export function refusedAddress(host: string, address: string): string {
  const where = host.replace(/^\[(.*)\]$/, '$1') === address ? address : `${host} (${address})`;
  return `${where} is not a public address; list it in WEBHOOK_ALLOWED_PRIVATE_HOSTS to allow it`;
}
