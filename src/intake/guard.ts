import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * The SSRF guard: intake never connects to this machine, its network or a cloud metadata service
 * because a link said so. Checked where the connection is made (the socket's own DNS lookup, so a
 * name cannot resolve to one address when checked and another when connected), for every redirect
 * hop. `ALLOW_PRIVATE_URLS=true` lifts it (local use).
 */

/** A URL intake refuses; the message is for the moderator. */
export class IntakeError extends Error {}

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, including the metadata service 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['100::', 64], // discard
  ['fd00:ec2::254', 128], // AWS metadata over IPv6 (inside fc00::/7 too)
] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

/** The IPv4 address an IPv6 one carries (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16, compatible ::a.b.c.d). */
function embeddedV4(ip: string): string | undefined {
  const lower = ip.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (dotted) return dotted;
  const groups = expand(lower);
  if (!groups) return undefined;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!);
  if (groups.slice(0, 6).every((g) => g === 0)) return v4(groups[6]!, groups[7]!);
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (hex form only). */
function expand(ip: string): number[] | undefined {
  if (ip.includes('.')) return undefined;
  const [head, tail] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = ip.includes('::') ? 8 - h.length - t.length : 0;
  const all = [...h, ...Array(fill).fill('0'), ...t];
  if (all.length !== 8) return undefined;
  return all.map((g) => Number.parseInt(g, 16));
}

/** Whether an IP address is one intake must not connect to. */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedV4(bare);
    if (v4 && blocked.check(v4, 'ipv4')) return true;
    return blocked.check(bare, 'ipv6');
  }
  return true; // not an address at all: refuse rather than guess
}

const REFUSED = 'that address is on a private network (loopback, private, link-local or metadata addresses are refused)';

/**
 * Which addresses to refuse: `isPrivateAddress` normally, nothing with ALLOW_PRIVATE_URLS (null).
 * Tests pass a policy that lets their own 127.0.0.1 server through and refuses the rest.
 */
export type AddressPolicy = ((ip: string) => boolean) | null;

export const policyFor = (allowPrivate: boolean): AddressPolicy => (allowPrivate ? null : isPrivateAddress);

/** Checks a URL's host before connecting: an IP literal is checked here (no lookup happens for one). */
export function checkHost(url: URL, refuse: AddressPolicy): void {
  if (!refuse) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && refuse(host)) throw new IntakeError(`Refused ${url.host}: ${REFUSED}.`);
  if (/^(?:localhost|.*\.localhost|.*\.local|.*\.internal)$/i.test(host)) throw new IntakeError(`Refused ${url.host}: ${REFUSED}.`);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that resolves the name and refuses it when any address it gives
 * is private: the socket then connects only to an address this checked.
 */
export function guardedLookup(refuse: AddressPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const bad = refuse ? list.find((a) => refuse(a.address)) : undefined;
      if (bad) {
        const e = new IntakeError(`Refused ${hostname}: ${REFUSED}.`) as IntakeError & NodeJS.ErrnoException;
        e.code = 'EPRIVATE';
        return callback(e, []);
      }
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}
