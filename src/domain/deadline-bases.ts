// What an access request's answer deadline was counted from: the words the store, services, API and console share.

/**
 * `holiday_notices`: every counted day from a loaded State Council holiday notice;
 * `statutory_holidays`: some days from the statutory holidays because a year's notice was not
 * loaded (provisional); `kept_as_shown`: a notice loaded later would have made it earlier, so the
 * deadline shown is kept (a deadline never moves earlier).
 */
export const DEADLINE_BASES = ['holiday_notices', 'statutory_holidays', 'kept_as_shown'] as const;
export type DeadlineBasis = (typeof DEADLINE_BASES)[number];
