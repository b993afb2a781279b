// IP address truncation: keep the network prefix (/24 for IPv4, /48 for IPv6), zero the host bits.

/** `192.168.7.42`, 24 → `192.168.7.0/24`; undefined when not a dotted quad. */
export function truncateIpv4(value: string, prefix: number): string | undefined {
  const parts = value.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255))
    return undefined;
  const address = parts.reduce((acc, p) => acc * 256 + Number(p), 0);
  const hostBits = 32 - prefix;
  const network = hostBits === 32 ? 0 : Math.floor(address / 2 ** hostBits) * 2 ** hostBits;
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefix}`;
}

/** Expands an IPv6 text form to eight 16-bit groups; undefined when malformed. */
export function expandIpv6(value: string): number[] | undefined {
  let text = value.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups written as a dotted quad.
    const quad = text.slice(lastColon + 1).split('.');
    if (quad.length !== 4 || !quad.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255))
      return undefined;
    const [a, b, c, d] = quad.map(Number);
    text = `${text.slice(0, lastColon + 1)}${(a * 256 + b).toString(16)}:${(c * 256 + d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (half: string): number[] | undefined => {
    if (half === '') return [];
    const groups = half.split(':');
    if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
    return groups.map((g) => parseInt(g, 16));
  };
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !tail) return undefined;
  const known = head.length + tail.length;
  if (halves.length === 1 && known !== 8) return undefined;
  if (halves.length === 2 && known > 7) return undefined;
  const zeros = new Array<number>(8 - known).fill(0);
  return halves.length === 2 ? [...head, ...zeros, ...tail] : head;
}

/** `2001:db8:1:2::1`, 48 → `2001:db8:1::/48` (RFC 5952 compressed form). */
export function truncateIpv6(value: string, prefix: number): string | undefined {
  const groups = expandIpv6(value);
  if (!groups) return undefined;
  const masked = groups.map((group, index) => {
    const bitsBefore = index * 16;
    if (bitsBefore + 16 <= prefix) return group;
    if (bitsBefore >= prefix) return 0;
    const keep = prefix - bitsBefore;
    return group & (0xffff << (16 - keep)) & 0xffff;
  });
  return `${compressIpv6(masked)}/${prefix}`;
}

/** RFC 5952 §4.2: the longest run (≥ 2) of zero groups becomes `::`, the first on ties. */
function compressIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Truncates either family; undefined when the value is not an IP address. */
export function truncateIp(value: string, v4Prefix: number, v6Prefix: number): string | undefined {
  return value.includes(':') ? truncateIpv6(value, v6Prefix) : truncateIpv4(value, v4Prefix);
}
