// The block the sign-in limits count an address by: an IPv4 address as it is, an IPv6 one by its /64, the block one home
// or one server is given (a machine there can take a new address for every guess).
import { isIP } from 'node:net';

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
