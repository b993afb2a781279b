// The detector contract: a named test over one cell, plus the header words that hint at its kind.
import type { IdentifierKind } from './kinds.js';
import type { ShapeGate } from './value-shape.js';

/** The direct-identifier kinds anonex recognises (names used in JSON output and gate refusals). */
export type DetectorKind = IdentifierKind;

/** What the detectors need from the outside world: today's date for "birth date not in the future". */
export interface DetectContext {
  /** Today as YYYYMMDD (e.g. 20261127), from an injected clock. */
  readonly todayYmd: number;
}

export interface Detector {
  readonly kind: DetectorKind;
  /**
   * `strong`: a validator with a check digit or a precise grammar, so a single hit is evidence
   * (the gate refuses on any match). `weak`: a pattern many ordinary values share (names,
   * addresses, plates), judged on a column's share of matches. `contextual`: a shape ordinary
   * numbers share (QQ numbers, record numbers), counted only in a column whose header names the
   * kind (scans leave it out elsewhere), then judged like a weak one.
   */
  readonly strength: 'strong' | 'weak' | 'contextual';
  /**
   * True when the cell is this kind of identifier. Requires `value` trimmed and folded to half
   * width (`toHalfWidth`); detectors never see raw stored values they could alter.
   */
  matches(value: string): boolean;
  /**
   * True when the cell is this kind of identifier written so that `matches` misses it (read
   * backwards: 87654321831 is 13812345678). Counted where columns are judged by their share of
   * matching cells (detect and the gate's column scans); not where a validator must say what a
   * value is (candidate originals of a mask, split columns), since a second reading only adds
   * chance matches there.
   */
  matchesDisguised?(value: string): boolean;
  /**
   * Length and character classes a value needs for `matches` to be worth calling: a scan skips
   * the detector for values outside it. Must admit every value `matches` accepts.
   */
  readonly shape: ShapeGate;
}

/** YYYYMMDD of a millisecond timestamp in UTC+8 (China has one time zone). */
export function toChinaYmd(nowMs: number): number {
  const date = new Date(nowMs + 8 * 3600 * 1000);
  return date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}
