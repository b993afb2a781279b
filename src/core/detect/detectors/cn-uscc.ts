// Detector for unified social credit codes (统一社会信用代码, GB 32100): wraps the validator.
import type { Detector } from '../detector.js';
import { isValidUsccIgnoringCase } from '../validators/cn-uscc.js';

export function usccDetector(): Detector {
  return {
    kind: 'cn_uscc',
    strength: 'strong',
    matches: (value) => value.length === 18 && isValidUsccIgnoringCase(value),
  };
}
