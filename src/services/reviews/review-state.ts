// The review state machine and the GB/T 42460 §6 checklist a reviewer must complete.
//
//   pending ──approve──► approved
//      │ ├────reject───► rejected
//      └──────withdraw─► withdrawn
import { z } from 'zod';
import type { ReviewState } from '../../domain/index.js';
import { invalidTransition } from '../errors.js';

export type ReviewEvent = 'approve' | 'reject' | 'withdraw';

const transitions: Readonly<Record<ReviewState, Partial<Record<ReviewEvent, ReviewState>>>> = {
  pending: { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' },
  approved: {},
  rejected: {},
  withdrawn: {},
};

/** The state `event` leads to; throws invalid_transition (409) naming the current state. */
export function nextReviewState(state: ReviewState, event: ReviewEvent): ReviewState {
  const next = transitions[state][event];
  if (next === undefined) throw invalidTransition('review', state, event);
  return next;
}

/**
 * GB/T 42460-2023 §6 review points: the identifier list was checked, the risk calculation was
 * checked, the release context and threshold are appropriate, the utility is acceptable.
 * An approval needs every point true; a rejection records which ones failed.
 */
export const reviewChecklistSchema = z
  .object({
    identifiersChecked: z.boolean(),
    riskCalculationChecked: z.boolean(),
    contextAndThresholdAppropriate: z.boolean(),
    utilityAcceptable: z.boolean(),
  })
  .strict();

export type ReviewChecklist = z.infer<typeof reviewChecklistSchema>;

/** A decision's reasons: long enough to say why, short enough to read. */
export const REVIEW_REASONS_MIN_CHARACTERS = 10;
export const REVIEW_REASONS_MAX_CHARACTERS = 8000;

export const reviewDecisionSchema = z
  .object({
    /** Why the reviewer decided so: mandatory, recorded and shown to the provider. */
    reasons: z
      .string()
      .trim()
      .min(REVIEW_REASONS_MIN_CHARACTERS)
      .max(REVIEW_REASONS_MAX_CHARACTERS),
    checklist: reviewChecklistSchema,
  })
  .strict();

export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;
