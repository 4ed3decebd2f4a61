// Which client a request comes from, for the limit on failed sign-ins per address. Behind a reverse proxy every request
// arrives from the proxy, so counting by the peer would let one guesser lock every user out; the proxy's
// X-Forwarded-For names the client, but only a proxy the operator named may say so (anyone else could forge it).
import { isIP } from 'node:net';

export interface TrustedProxies {
  addresses: ReadonlySet<string>;
  /** Any loopback address: a reverse proxy on the hub's own machine. */
  loopback: boolean;
}

export const NO_PROXY: TrustedProxies = { addresses: new Set(), loopback: false };

/** `--trust-proxy loopback,10.0.0.5`: the word loopback and IP addresses, separated by commas. */
export function parseTrustedProxies(text: string): TrustedProxies {
  const addresses = new Set<string>();
  let loopback = false;
  for (const item of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    if (item === 'loopback') loopback = true;
    else if (isIP(item)) addresses.add(plain(item));
    else throw new Error(`--trust-proxy takes "loopback" and IP addresses separated by commas; "${item}" is neither.`);
  }
  return { addresses, loopback };
}

/**
 * The peer, or when the peer is a trusted proxy, the nearest address in X-Forwarded-For that is not one: each proxy
 * appends the address it was reached from, so only the entries right of the last untrusted one are vouched for.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  let address = plain(peer ?? 'unknown');
  if (!isTrusted(address, trusted)) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',').map((hop) => plain(hop.trim())).filter(Boolean);
  for (let hop = hops.pop(); hop !== undefined; hop = hops.pop()) {
    if (!isIP(hop)) return address;
    address = hop;
    if (!isTrusted(hop, trusted)) return hop;
  }
  return address;
}

/** The peer is a reverse proxy the operator named, so what its X-Forwarded-* headers say is believed. */
export function fromTrustedProxy(peer: string | undefined, trusted: TrustedProxies): boolean {
  return isTrusted(plain(peer ?? 'unknown'), trusted);
}

function isTrusted(address: string, trusted: TrustedProxies): boolean {
  return trusted.addresses.has(address) || (trusted.loopback && (address === '::1' || /^127\./.test(address)));
}

/**
 * The block the sign-in limits count an address by: an IPv4 address as it is, an IPv6 one by its /64, the block one
 * home or one server is given (a machine there can take a new address for every guess).
 */
export function addressBlock(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, written out ("2001:db8::1" -> 2001, 0db8, 0000, ... 0001). */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = (address.split('%')[0] ?? '').toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  // A dotted IPv4 ending ("64:ff9b::1.2.3.4") stands for two groups; only the first four groups are ever used.
  const written = left.length + right.length + (right.at(-1)?.includes('.') || left.at(-1)?.includes('.') ? 1 : 0);
  const zeros = tail === undefined ? [] : Array.from({ length: Math.max(0, 8 - written) }, () => '0');
  return [...left, ...zeros, ...right].map((group) => group.padStart(4, '0'));
}

/** An IPv4 client seen through an IPv6 socket is written ::ffff:a.b.c.d; it is the same client as a.b.c.d. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
