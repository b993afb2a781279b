// The incident lifecycle and who may drive it (issue 19).
//
//   filed ──attribute──► attributed ──suspend (admin, a trade named)──► suspended
//     │                     │                                             │
//     └──close (admin)──────┴──────────close (admin)──────────────────────┴──► closed
import type { IncidentState } from '../../domain/index.js';
import { invalidTransition } from '../errors.js';

export type IncidentEvent = 'attribute' | 'suspend' | 'close';

const transitions: Readonly<Record<IncidentState, Partial<Record<IncidentEvent, IncidentState>>>> =
  {
    filed: { attribute: 'attributed', close: 'closed' },
    attributed: { suspend: 'suspended', close: 'closed' },
    suspended: { close: 'closed' },
    closed: {},
  };

/** The state `event` leads to; throws invalid_transition (409) naming the current state. */
export function nextIncidentState(state: IncidentState, event: IncidentEvent): IncidentState {
  const next = transitions[state][event];
  if (next === undefined) throw invalidTransition('incident', state, event);
  return next;
}
