// The incident state machine: every allowed transition, and a refusal for each one it does not allow.
import { expect } from 'chai';
import { INCIDENT_STATES, type IncidentState } from '../../../src/domain/index.js';
import { nextIncidentState, type IncidentEvent } from '../../../src/services/incidents/index.js';
import { codeOf } from '../../helpers/service-fixture.js';

const allowed: Record<string, IncidentState> = {
  'filed attribute': 'attributed',
  'filed close': 'closed',
  'attributed suspend': 'suspended',
  'attributed close': 'closed',
  'suspended close': 'closed',
};
const EVENTS: readonly IncidentEvent[] = ['attribute', 'suspend', 'close'];

describe('services/incidents: state machine', () => {
  for (const state of INCIDENT_STATES) {
    for (const event of EVENTS) {
      const want = allowed[`${state} ${event}`];
      it(`${state} + ${event} → ${want ?? 'invalid_transition'}`, async () => {
        if (want !== undefined) expect(nextIncidentState(state, event)).to.equal(want);
        else
          expect(
            await codeOf(Promise.resolve().then(() => nextIncidentState(state, event))),
          ).to.equal('invalid_transition');
      });
    }
  }
});
