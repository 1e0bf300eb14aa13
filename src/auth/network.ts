// Which network a sign-in request comes from, as the limits count it: an IPv4 address on its own, an IPv6 address by
// its /64 (one subscriber's usual allocation: hopping between its 2^64 addresses must not buy more attempts).

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEXTET = /^[0-9a-f]{1,4}$/;

/** The eight 16-bit groups of an IPv6 address (`::` expanded, an embedded IPv4 tail converted), or null. */
function ipv6Groups(address: string): string[] | null {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const v4Tail = IPV4.exec(text.slice(text.lastIndexOf(':') + 1));
  if (v4Tail) {
    const [a, b, c, d] = v4Tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, text.lastIndexOf(':') + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  return groups.every((g) => HEXTET.test(g)) ? groups.map((g) => Number.parseInt(g, 16).toString(16)) : null;
}

/**
 * `203.0.113.7` → `203.0.113.7`; `2001:db8:1:2:aaaa::1` → `2001:db8:1:2::/64`; an IPv4-mapped IPv6 address counts
 * as its IPv4 address. No address (never outside tests: Cloudflare's edge always sets CF-Connecting-IP) → `unknown`.
 */
export function requesterNetwork(ip: string | null): string {
  if (!ip) return 'unknown';
  const address = ip.trim();
  if (IPV4.test(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address.toLowerCase();
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
    const [hi, lo] = [Number.parseInt(groups[6] ?? '0', 16), Number.parseInt(groups[7] ?? '0', 16)];
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}
