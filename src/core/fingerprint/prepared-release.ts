// A release encoded and measured once, for the many plans, copies and attributions made from it.
import { measureCopyPrivacy, type CopyPrivacy } from './copy-privacy.js';
import {
  encodeRelease,
  type EncodedRelease,
  type FingerprintRelease,
} from './fingerprint-release.js';

export interface PreparedRelease {
  readonly release: FingerprintRelease;
  readonly encoded: EncodedRelease;
  /** The release's own privacy figures and checks: what every copy is compared with. */
  readonly privacy: CopyPrivacy;
}

/** Encodes and measures `release` (see encodeRelease for the errors). */
export function prepareRelease(release: FingerprintRelease): PreparedRelease {
  const encoded = encodeRelease(release);
  return { release, encoded, privacy: measureCopyPrivacy(release, encoded) };
}

/** `release` prepared, unless it already is. */
export function toPreparedRelease(release: FingerprintRelease | PreparedRelease): PreparedRelease {
  return 'encoded' in release ? release : prepareRelease(release);
}
