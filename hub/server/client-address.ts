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

/** An IPv4 client seen through an IPv6 socket is written ::ffff:a.b.c.d; it is the same client as a.b.c.d. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
