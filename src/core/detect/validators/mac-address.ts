// MAC addresses (IEEE EUI-48) as written: six hex pairs joined by : or -, or three quads joined by '.'.

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * True for `3C:22:FB:12:34:56`, `3c-22-fb-12-34-56` or `3c22.fb12.3456` (one separator
 * throughout), except the all-zero and broadcast addresses, which name no device.
 */
export function isMacAddress(value: string): boolean {
  let groups: number;
  let width: number;
  if (value.length === 17) {
    groups = 6;
    width = 2;
  } else if (value.length === 14) {
    groups = 3;
    width = 4;
  } else return false;
  const separator = value.charCodeAt(width);
  if (width === 2 ? separator !== 58 && separator !== 45 : separator !== 46) return false;
  let zeros = 0;
  let effs = 0;
  for (let group = 0; group < groups; group++) {
    const at = group * (width + 1);
    if (group > 0 && value.charCodeAt(at - 1) !== separator) return false;
    for (let i = at; i < at + width; i++) {
      const c = value.charCodeAt(i);
      if (!isHex(c)) return false;
      if (c === 48) zeros++;
      else if (c === 70 || c === 102) effs++;
    }
  }
  return zeros !== 12 && effs !== 12;
}
