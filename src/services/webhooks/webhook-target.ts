// Which addresses a webhook may be delivered to: public ones, unless the operator allows private networks.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Special-purpose ranges (IANA IPv4 and IPv6 special-purpose address registries) a webhook must
 * not reach by default: a buyer-supplied URL pointing there would make the gateway send requests
 * into its own host (loopback: the admin API), the cloud metadata service (169.254.169.254), or
 * the operator's private networks — server-side request forgery. IPv4-mapped IPv6 addresses
 * (`::ffff:127.0.0.1`) are checked as the IPv4 address they carry.
 */
const NON_PUBLIC = (() => {
  const list = new BlockList();
  const ipv4: [string, number][] = [
    ['0.0.0.0', 8], // "this network", unspecified
    ['10.0.0.0', 8], // private
    ['100.64.0.0', 10], // shared address space (carrier-grade NAT)
    ['127.0.0.0', 8], // loopback
    ['169.254.0.0', 16], // link-local, cloud metadata
    ['172.16.0.0', 12], // private
    ['192.0.0.0', 24], // IETF protocol assignments
    ['192.0.2.0', 24], // documentation
    ['192.168.0.0', 16], // private
    ['198.18.0.0', 15], // benchmarking
    ['198.51.100.0', 24], // documentation
    ['203.0.113.0', 24], // documentation
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, broadcast
  ];
  for (const [network, prefix] of ipv4) list.addSubnet(network, prefix, 'ipv4');
  const ipv6: [string, number][] = [
    ['::', 128], // unspecified
    ['::1', 128], // loopback
    ['64:ff9b::', 96], // NAT64 (reaches IPv4 through a translator)
    ['100::', 64], // discard
    ['2001:db8::', 32], // documentation
    ['fc00::', 7], // unique local
    ['fe80::', 10], // link-local
    ['ff00::', 8], // multicast
  ];
  for (const [network, prefix] of ipv6) list.addSubnet(network, prefix, 'ipv6');
  return list;
})();

/** True when `address` (an IPv4 or IPv6 literal) is outside every special-purpose range. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The URL's host as an address literal (IPv6 without brackets), or undefined for a name. */
export function addressLiteral(url: URL): string | undefined {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) !== 0 ? host : undefined;
}

/** Names that resolve to this host by convention (RFC 6761), refused without a lookup. */
export function isLocalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** Resolves a host name to every address it has (injected in tests). */
export type HostLookup = (hostname: string) => Promise<readonly string[]>;

export const systemLookup: HostLookup = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Why a delivery to `url` must not be sent, or undefined when it may: with private networks
 * refused, the host's every address must be public (a name is resolved first; a literal is
 * checked as it is). The check runs before each attempt, so a name re-pointed at a private
 * address after registration is caught too; a resolver that answers differently between this
 * lookup and the connection (DNS rebinding) is not, and networks that must never be reached
 * belong in the host's firewall as well.
 */
export async function refusedWebhookTarget(
  url: URL,
  allowPrivate: boolean,
  lookupHost: HostLookup,
): Promise<string | undefined> {
  if (allowPrivate) return undefined;
  if (isLocalName(url.hostname)) return `${url.hostname} is this host`;
  const literal = addressLiteral(url);
  const addresses = literal !== undefined ? [literal] : await lookupHost(url.hostname);
  const blocked = addresses.find((address) => !isPublicAddress(address));
  return blocked === undefined
    ? undefined
    : `${url.hostname} resolves to ${blocked}, a loopback, link-local, private or reserved address`;
}
