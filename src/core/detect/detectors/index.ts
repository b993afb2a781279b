// The detector registry: every direct-identifier detector in the order findings are reported.
import type { DetectContext, Detector } from '../detector.js';
import { addressDetector } from './cn-address.js';
import { bankCardDetector } from './bank-card.js';
import { emailDetector } from './email.js';
import { ipv4Detector, ipv6Detector } from './ip-address.js';
import { landlineDetector } from './cn-landline.js';
import { mobileDetector } from './cn-mobile.js';
import { nameDetector } from './cn-name.js';
import { passportDetector } from './cn-passport.js';
import { plateDetector } from './cn-plate.js';
import { residentIdDetector } from './cn-resident-id.js';
import { usccDetector } from './cn-uscc.js';
import { vinDetector } from './vin.js';
import { foreignPermanentIdDetector } from './foreign-permanent-id.js';
import { hkIdDetector } from './hk-id.js';
import { twIdDetector } from './tw-id.js';
import { macauIdDetector } from './macau-id.js';
import { hkMacauPermitDetector } from './hk-macau-permit.js';
import { imeiDetector } from './imei.js';
import { macAddressDetector } from './mac-address.js';
import { gpsCoordinateDetector } from './gps-coordinate.js';
import {
  medicalRecordNumberDetector,
  qqNumberDetector,
  socialSecurityNumberDetector,
  wechatIdDetector,
} from './contextual-numbers.js';

/**
 * All detectors, most specific first (a resident ID is also 18 digits that may pass Luhn), the
 * contextual ones (counted only under a header that names them) after every other.
 */
export function createDetectors(context: DetectContext): Detector[] {
  return [
    residentIdDetector(context),
    foreignPermanentIdDetector(context),
    usccDetector(),
    mobileDetector(),
    landlineDetector(),
    bankCardDetector(),
    emailDetector(),
    ipv4Detector(),
    ipv6Detector(),
    macAddressDetector(),
    hkIdDetector(),
    twIdDetector(),
    passportDetector(),
    plateDetector(),
    vinDetector(),
    imeiDetector(),
    nameDetector(),
    addressDetector(),
    macauIdDetector(),
    hkMacauPermitDetector(),
    gpsCoordinateDetector(),
    qqNumberDetector(),
    wechatIdDetector(),
    medicalRecordNumberDetector(),
    socialSecurityNumberDetector(),
  ];
}

export { isCnAddress } from './cn-address.js';
export { isBankCard } from './bank-card.js';
export { isEmail } from './email.js';
export { isIpv4, isIpv6 } from './ip-address.js';
export { isCnLandline } from './cn-landline.js';
export { isCnMobile } from './cn-mobile.js';
export { isCnName } from './cn-name.js';
export { isCnPassport } from './cn-passport.js';
export { isCnPlate } from './cn-plate.js';
export { isVin } from './vin.js';
export { isGpsCoordinate } from './gps-coordinate.js';
