// Where a webhook may not go: loopback, private, link-local, shared, multicast and reserved addresses,
// unless the configuration allows them (WEBHOOK_ALLOW_ADDRESSES: addresses or CIDR ranges). Checked on
// every address a name resolves to, at the moment of connecting, so a name cannot be pointed inside
// between the check and the request.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const FORBIDDEN: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

export interface AddressGuard {
  /** Why the address may not be used, or undefined when it may. */
  refuse(address: string): string | undefined;
  /** A DNS lookup for http.request that fails for a name resolving to a refused address. */
  lookup: LookupFunction;
}

export function addressGuard(allowed: readonly string[]): AddressGuard {
  const forbidden = new BlockList();
  for (const [net, prefix, type] of FORBIDDEN) forbidden.addSubnet(net, prefix, type);
  const allow = new BlockList();
  for (const entry of allowed) {
    const [net = '', prefix] = entry.split('/');
    const type = isIP(net) === 6 ? 'ipv6' : 'ipv4';
    if (prefix) allow.addSubnet(net, Number(prefix), type);
    else allow.addAddress(net, type);
  }
  const refuse = (raw: string): string | undefined => {
    const bare = raw.replace(/^\[|\]$/g, '');
    // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
    const address = mapped ?? bare;
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (allow.check(address, type)) return undefined;
    return forbidden.check(address, type)
      ? `${address} er en intern adresse (loopback, privat eller link-local), som webhooks ikke må kalde`
      : undefined;
  };
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, found: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = found.map((a) => refuse(a.address)).find(Boolean);
      if (refused || !found.length) return callback(new Error(refused ?? `${hostname} har ingen adresse`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, found);
      const [first] = found;
      callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
  return { refuse, lookup };
}
