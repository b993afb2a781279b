// Detectors for identifiers only a header can tell apart: QQ and WeChat IDs, record and social security numbers.
import type { Detector } from '../detector.js';
import { DASH, DIGIT, LETTER, LETTER_X, OTHER_ASCII } from '../value-shape.js';
import {
  isQqNumberShape,
  isRecordNumberShape,
  isSocialSecurityNumberShape,
  isWechatIdShape,
} from '../validators/contextual-numbers.js';

export function qqNumberDetector(): Detector {
  return {
    kind: 'qq_number',
    strength: 'contextual',
    matches: isQqNumberShape,
    shape: { minLength: 5, maxLength: 11, required: DIGIT, allowed: DIGIT },
  };
}

export function wechatIdDetector(): Detector {
  return {
    kind: 'wechat_id',
    strength: 'contextual',
    matches: isWechatIdShape,
    // Letters first, then letters, digits, _ (OTHER_ASCII) and -.
    shape: {
      minLength: 6,
      maxLength: 25,
      required: 0,
      allowed: DIGIT | LETTER | LETTER_X | DASH | OTHER_ASCII,
    },
  };
}

export function medicalRecordNumberDetector(): Detector {
  return {
    kind: 'medical_record_no',
    strength: 'contextual',
    matches: isRecordNumberShape,
    shape: {
      minLength: 4,
      maxLength: 24,
      required: DIGIT,
      allowed: DIGIT | LETTER | LETTER_X | DASH,
    },
  };
}

export function socialSecurityNumberDetector(): Detector {
  return {
    kind: 'social_security_no',
    strength: 'contextual',
    matches: isSocialSecurityNumberShape,
    shape: {
      minLength: 6,
      maxLength: 20,
      required: DIGIT,
      allowed: DIGIT | LETTER | LETTER_X | DASH,
    },
  };
}
