// Redaction to a constant and masking that keeps the first and last characters (138****5678).

/** Every non-empty value becomes `constant`; empty stays empty so missingness is not invented. */
export function redactValue(value: string, constant: string): string {
  return value === '' ? '' : constant;
}

/**
 * Keeps `keepStart` leading and `keepEnd` trailing characters (Unicode code points, so 张三丰 masks
 * per character) and replaces the rest with `maskChar`. When the value is not longer than what
 * would be kept, everything is masked: a short value shown whole would not be masked at all.
 */
export function maskValue(
  value: string,
  keepStart: number,
  keepEnd: number,
  maskChar: string,
): string {
  if (value === '') return '';
  const chars = Array.from(value);
  const length = chars.length;
  if (length <= keepStart + keepEnd) return maskChar.repeat(length);
  return (
    chars.slice(0, keepStart).join('') +
    maskChar.repeat(length - keepStart - keepEnd) +
    chars.slice(length - keepEnd).join('')
  );
}
