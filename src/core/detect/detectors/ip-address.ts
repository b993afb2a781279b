// Detectors for IPv4 dotted quads and IPv6 addresses (RFC 4291 text forms, RFC 5952 compressed).
import type { Detector } from '../detector.js';
import { COLON, DIGIT, DOT, LETTER, LETTER_X } from '../value-shape.js';

/** True for a dotted quad `a.b.c.d`, each 0–255 without leading zeros. */
export function isIpv4(value: string): boolean {
  const length = value.length;
  if (length < 7 || length > 15) return false;
  let parts = 0;
  let digits = 0;
  let octet = 0;
  for (let i = 0; i <= length; i++) {
    const c = i === length ? 46 : value.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || octet > 255) return false;
      parts++;
      digits = 0;
      octet = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return false; // leading zero
      octet = octet * 10 + (c - 48);
      if (++digits > 3) return false;
    } else return false;
  }
  return parts === 4;
}

/** True for an IPv6 address: eight groups, or fewer with one `::`, optionally ending in an IPv4 quad. */
export function isIpv6(value: string): boolean {
  const length = value.length;
  if (length < 2 || length > 45 || value.indexOf(':') < 0) return false;
  let text = value;
  let groupsNeeded = 8;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIpv4(tail)) return false;
    text = `${text.slice(0, lastColon + 1)}0`;
    groupsNeeded = 7;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string): string[] => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const all = [...head, ...rest];
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  if (halves.length === 2) return all.length <= groupsNeeded - 1;
  return all.length === groupsNeeded;
}

export function ipv4Detector(): Detector {
  return {
    kind: 'ipv4',
    strength: 'weak',
    matches: isIpv4,
    shape: { minLength: 7, maxLength: 15, required: DIGIT | DOT, allowed: DIGIT | DOT },
  };
}

export function ipv6Detector(): Detector {
  return {
    kind: 'ipv6',
    strength: 'strong',
    matches: isIpv6,
    // Hex groups and colons, with an IPv4 quad at the end.
    shape: {
      minLength: 2,
      maxLength: 45,
      required: COLON,
      allowed: DIGIT | LETTER | LETTER_X | COLON | DOT,
    },
  };
}
