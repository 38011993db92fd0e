import { isAllowedPrivate, isPublicAddress } from './target-policy';

describe('isPublicAddress', () => {
  it.each([
    ['93.184.215.14', 'a public IPv4 address'],
    ['8.8.8.8', 'a public IPv4 address'],
    ['172.32.0.1', 'just past 172.16/12'],
    ['100.128.0.1', 'just past 100.64/10'],
    ['2606:4700:4700::1111', 'global unicast IPv6'],
    ['::ffff:8.8.8.8', 'IPv4-mapped public IPv4'],
    ['64:ff9b::808:808', 'NAT64 of a public IPv4 (what DNS64 hands an IPv6-only host)'],
    ['2002:808:808::1', '6to4 of a public IPv4'],
  ])('%s is public (%s)', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback /8'],
    ['10.0.0.1', 'private 10/8'],
    ['172.16.0.1', 'private 172.16/12'],
    ['172.31.255.255', 'private 172.16/12'],
    ['192.168.1.1', 'private 192.168/16'],
    ['169.254.169.254', 'link-local: the cloud metadata address'],
    ['100.64.0.1', 'CGNAT 100.64/10'],
    ['100.127.255.254', 'CGNAT 100.64/10'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', '"this network" 0/8'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved 240/4'],
    ['192.0.0.1', 'IETF protocol assignments 192.0.0/24'],
    ['192.0.2.1', 'documentation TEST-NET-1'],
    ['198.18.0.1', 'benchmarking 198.18/15'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fc00::1', 'unique-local fc00::/7'],
    ['fd00:ec2::254', 'unique-local: the IPv6 cloud metadata address'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with a zone'],
    ['fec0::1', 'deprecated site-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:0:7f00:1', 'IPv4-translated loopback (RFC 6145)'],
    ['::7f00:1', 'deprecated IPv4-compatible loopback'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['64:ff9b:1::a00:1', 'local-use NAT64 prefix'],
    ['2002:7f00:1::1', '6to4 embedding loopback'],
    ['2002:a00:1::1', '6to4 embedding private'],
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'Teredo whose client is 10.0.0.1'],
    ['100::1', 'discard-only 100::/64'],
    ['4000::1', 'outside global unicast 2000::/3'],
  ])('%s is not public (%s)', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(['2130706433', '0x7f.1', '0177.0.0.1', '127.1', 'localhost', '', '[::1]', '1.2.3.4/32'])(
    '%p is not a plain address, so it is not public',
    (input) => {
      expect(isPublicAddress(input)).toBe(false);
    },
  );
});

describe('isAllowedPrivate', () => {
  const policy = (...allowedPrivateHosts: string[]) => ({ allowHttp: true, allowedPrivateHosts });

  it.each([
    ['by host name', 'localhost', '127.0.0.1', policy('localhost'), true],
    ['by host name, any case, with a root dot', 'LocalHost.', '::1', policy(' localhost '), true],
    ['by IP', '127.0.0.1', '127.0.0.1', policy('127.0.0.1'), true],
    ['by IP, IPv4-mapped', '[::ffff:7f00:1]', '::ffff:7f00:1', policy('127.0.0.1'), true],
    ['by IPv6, written differently', '[::1]', '::1', policy('0:0:0:0:0:0:0:1'), true],
    ['by IPv6 in brackets', '[::1]', '::1', policy('[::1]'), true],
    ['by CIDR', 'db.internal', '10.9.8.7', policy('10.0.0.0/8'), true],
    ['by IPv6 CIDR', 'x', 'fd00::1', policy('fc00::/7'), true],
    [
      'by IPv4 CIDR, for an IPv4-mapped address',
      'x',
      '::ffff:192.168.0.5',
      policy('192.168.0.0/16'),
      true,
    ],
    ['not: another host name', 'localhost', '127.0.0.1', policy('receiver.local'), false],
    [
      'not: a name listed only as a suffix',
      'evil-localhost',
      '127.0.0.1',
      policy('localhost'),
      false,
    ],
    ['not: another IP', '127.0.0.2', '127.0.0.2', policy('127.0.0.1'), false],
    ['not: outside the CIDR', 'x', '10.0.0.1', policy('10.1.0.0/16'), false],
    ['not: an IPv6 address against an IPv4 CIDR', 'x', 'fd00::1', policy('10.0.0.0/8'), false],
    ['not: a malformed CIDR', 'x', '10.0.0.1', policy('10.0.0.0/99'), false],
    ['not: an empty list', 'localhost', '127.0.0.1', policy(), false],
  ] as const)('%s', (_what, host, ip, allowed, expected) => {
    expect(isAllowedPrivate(host, ip, allowed)).toBe(expected);
  });
});
