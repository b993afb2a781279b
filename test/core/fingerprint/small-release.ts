// A small seeded release for unit tests: six classes over sex and age band, a diagnosis with many
// rare values (so contents are often unique), k = 20 and distinct 3-diversity required.
import { table } from 'arquero';
import type { FingerprintRelease } from '../../../src/core/fingerprint/index.js';
import type { PrivacyRequirements } from '../../../src/core/privacy/index.js';
import { createRng } from '../../../src/core/rng.js';

/** Every model a policy can require, at thresholds the release passes with little room to spare. */
export const STRICT_REQUIREMENTS: PrivacyRequirements = {
  k: 20,
  l: [
    { attribute: 'diagnosis', model: 'entropy', l: 20 },
    { attribute: 'diagnosis', model: 'recursive', l: 3, c: 2 },
  ],
  t: [{ attribute: 'diagnosis', t: 0.5 }],
};

export function smallRelease(
  rows = 600,
  seed = 1,
  requirements: PrivacyRequirements = {
    k: 20,
    l: [{ attribute: 'diagnosis', model: 'distinct', l: 3 }],
  },
  context: 'public-release' | 'data-use-agreement' = 'public-release',
): FingerprintRelease {
  const rng = createRng(seed);
  const sex: string[] = [];
  const age: string[] = [];
  const diagnosis: string[] = [];
  const cost: string[] = [];
  for (let row = 0; row < rows; row++) {
    sex.push(rng.nextInt(2) === 0 ? '男' : '女');
    age.push(['0-19', '20-39', '40-59'][rng.nextInt(3)]);
    // Skewed: a few common diagnoses and a long tail of rare ones.
    const r = rng.next();
    diagnosis.push(
      r < 0.5 ? `A${rng.nextInt(5)}` : `Z${String(rng.nextInt(400)).padStart(3, '0')}`,
    );
    cost.push(String(10 * (5 + rng.nextInt(60))));
  }
  return {
    table: table({ sex, age, diagnosis, cost }),
    quasiIdentifiers: ['sex', 'age'],
    sensitive: ['diagnosis'],
    requirements,
    gbt42460: { context, riskThreshold: 0.05 },
  };
}
