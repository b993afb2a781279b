// The anonymization job state machine: queued → running → succeeded | failed | cancelled.
//
//   queued ──start──► running ──succeed──► succeeded
//     │  ▲              │ ├────fail─────► failed
//     │  └──requeue─────┘ └────cancel───► cancelled
//     └──────────────cancel─────────────► cancelled
//
// `requeue` is the restart path: a running job whose worker stopped goes back to the queue
// (or fails once it has been interrupted too often), so no job is lost or stuck.
import type { JobState } from '../../domain/index.js';
import { invalidTransition } from '../errors.js';

export type JobEvent = 'start' | 'succeed' | 'fail' | 'cancel' | 'requeue';

const transitions: Readonly<Record<JobState, Partial<Record<JobEvent, JobState>>>> = {
  queued: { start: 'running', cancel: 'cancelled', fail: 'failed' },
  running: { succeed: 'succeeded', fail: 'failed', cancel: 'cancelled', requeue: 'queued' },
  succeeded: {},
  failed: {},
  cancelled: {},
};

export const TERMINAL_JOB_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled'];

/** The state `event` leads to from `state`; throws invalid_transition (HTTP 409) when none. */
export function nextJobState(state: JobState, event: JobEvent): JobState {
  const next = transitions[state][event];
  if (next === undefined) throw invalidTransition('anonymization job', state, event);
  return next;
}

/** The states from which `event` is allowed (for compare-and-set updates). */
export function jobStatesAllowing(event: JobEvent): JobState[] {
  return (Object.keys(transitions) as JobState[]).filter((state) => transitions[state][event]);
}
