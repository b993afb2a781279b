// GPS coordinates precise enough to find a building: decimal degrees with 4 or more decimals.

/**
 * Latitude and longitude of a decimal-degree number with at least `minDecimals` decimals (4
 * decimals ≈ 11 m), or NaN: `-33.86785` → −33.86785, `116.40` → NaN.
 */
export function parsePreciseDegrees(value: string, minDecimals = 4): number {
  const length = value.length;
  let i = value.charCodeAt(0) === 45 || value.charCodeAt(0) === 43 ? 1 : 0;
  const intStart = i;
  while (i < length && value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) i++;
  if (i === intStart || i - intStart > 3 || value.charCodeAt(i) !== 46) return NaN;
  const dot = i++;
  while (i < length && value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) i++;
  if (i !== length || i - dot - 1 < minDecimals || i - dot - 1 > 12) return NaN;
  return Number(value);
}

/** True for a latitude/longitude pair: |lat| ≤ 90, |lng| ≤ 180, both precise (≥ 4 decimals). */
export function isCoordinatePair(latitude: string, longitude: string): boolean {
  const lat = parsePreciseDegrees(latitude);
  const lng = parsePreciseDegrees(longitude);
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
}

/**
 * True for a `lat,lng` or `lng,lat` cell (comma, space or both between them) inside mainland
 * China's bounding box (latitude 3.8–53.6, longitude 73.5–135.1), in either order.
 */
export function isCoordinatePairText(value: string): boolean {
  const match = /^\s*([+-]?\d{1,3}\.\d+)\s*[,，\s]\s*([+-]?\d{1,3}\.\d+)\s*$/.exec(value);
  if (match === null) return false;
  const a = parsePreciseDegrees(match[1]);
  const b = parsePreciseDegrees(match[2]);
  return isInChina(a, b) || isInChina(b, a);
}

/** True when (lat, lng) falls in mainland China's bounding box. */
export function isInChina(lat: number, lng: number): boolean {
  return lat >= 3.8 && lat <= 53.6 && lng >= 73.5 && lng <= 135.1;
}
