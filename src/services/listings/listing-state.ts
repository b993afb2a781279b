// The listing lifecycle and who may drive it.
//
//   draft ──publish──► published ──suspend──► suspended
//     │                  │  ▲                   │
//     │                  │  └────reinstate──────┘
//     ├──retire──────────┴──────retire──────────┴──► retired
//     └──revoke (admin, any non-final state)────────► revoked
import type { ListingState } from '../../domain/index.js';
import { invalidTransition } from '../errors.js';

export type ListingEvent = 'edit' | 'publish' | 'suspend' | 'reinstate' | 'retire' | 'revoke';

const transitions: Readonly<Record<ListingState, Partial<Record<ListingEvent, ListingState>>>> = {
  draft: { edit: 'draft', publish: 'published', retire: 'retired', revoke: 'revoked' },
  published: { suspend: 'suspended', retire: 'retired', revoke: 'revoked' },
  suspended: { reinstate: 'published', retire: 'retired', revoke: 'revoked' },
  retired: {},
  revoked: {},
};

/** The state `event` leads to; throws invalid_transition (409) naming the current state. */
export function nextListingState(state: ListingState, event: ListingEvent): ListingState {
  const next = transitions[state][event];
  if (next === undefined) throw invalidTransition('listing', state, event);
  return next;
}

/** GB/T 42460 levels that may be listed (seed Art. 29): no identifier, or risk within threshold. */
export const LISTABLE_LEVELS: readonly string[] = ['L3', 'L4'];
