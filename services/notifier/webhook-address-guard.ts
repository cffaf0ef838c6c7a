import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { isLoopbackHost } from '@wijksignaal/contracts/loopback';

/**
 * Addresses a subscriber's webhook may not reach unless its host is listed in NOTIFIER_PRIVATE_HOSTS: whoever may
 * create a subscription must not be able to make the notifier probe the GGD's own network or the services on its
 * own machine (SSRF). Loopback is open without listing only with the demo secret (`npm start`, which posts to
 * this machine alone), and then only to a URL that names this machine (localhost, 127.x, ::1).
 */
const inside = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3], // multicast and reserved
] as const) {
  inside.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 127], // unspecified and ::1
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64: an IPv4 address (a private one too) behind an IPv6 prefix
  ['64:ff9b:1::', 48], // local-use NAT64
  ['2002::', 16], // 6to4: the same, for any IPv4 address
] as const) {
  inside.addSubnet(net, bits, 'ipv6');
}

/** Where webhooks may go besides the public internet. */
export interface AddressPolicy {
  /** Hosts allowed on a private or local network (NOTIFIER_PRIVATE_HOSTS), e.g. the GGD's own mail relay. */
  privateHosts: ReadonlySet<string>;
  /** Loopback for a URL that names this machine: with the demo secret only. */
  loopback: boolean;
}

/** Why the notifier may not connect to `address` for a webhook on `hostname`, or null when it may. */
export function addressRefusal(hostname: string, address: string, policy: AddressPolicy): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (!inside.check(ip, family)) return null;
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (policy.privateHosts.has(host)) return null;
  if (policy.loopback && isLoopbackHost(host) && (ip.startsWith('127.') || ip === '::1')) return null;
  return `${host} is on a private or local network (${address}); list it in NOTIFIER_PRIVATE_HOSTS if it is your relay`;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type Lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * A `lookup` for http(s).request that refuses a name resolving to an address `addressRefusal` refuses. The check
 * is on the very addresses the socket connects to, so a name that changes its answer between a check and the
 * connection (DNS rebinding) cannot slip through.
 */
export function guardedLookup(policy: AddressPolicy, resolve: Lookup = dnsLookup as Lookup): Lookup {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, options.all ? [] : '');
      const addresses = found as LookupAddress[];
      const refusal = addresses.map((a) => addressRefusal(hostname, a.address, policy)).find((r) => r !== null);
      if (refusal) return callback(Object.assign(new Error(refusal), { code: 'EADDRNOTALLOWED' }), options.all ? [] : '');
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
}
