// The six-patient release the report tests build reports from.
import { parseHierarchy } from '../../../src/core/hierarchy/index.js';
import {
  checkPrivacyRequirements,
  computeEquivalenceClasses,
  measurePrivacyOfClasses,
  measureUtility,
} from '../../../src/core/privacy/index.js';
import type { PrivacyRequirements } from '../../../src/core/privacy/index.js';
import type { ReportParts } from '../../../src/core/report/index.js';
import { encodeColumn } from '../../../src/core/table/dictionary-column.js';

export const HEX = (c: string) => c.repeat(64);
const AGE = parseHierarchy(
  ['31;30-39;*', '35;30-39;*', '38;30-39;*', '42;40-49;*', '47;40-49;*', '44;40-49;*'].join('\n'),
);

/** Six patients: age generalized to decades, sex kept, diagnosis sensitive. */
export function parts(
  requirements: PrivacyRequirements,
  overrides: Partial<ReportParts> = {},
): ReportParts {
  const originalAge = encodeColumn('age', ['31', '35', '38', '42', '47', '44']);
  const releasedAge = encodeColumn('age', ['30-39', '30-39', '30-39', '40-49', '40-49', '40-49']);
  const sex = encodeColumn('sex', ['F', 'F', 'F', 'M', 'M', 'M']);
  const diagnosis = encodeColumn('diagnosis', ['flu', 'asthma', 'flu', 'gout', 'flu', 'asthma']);
  const classes = computeEquivalenceClasses([releasedAge, sex]);
  const privacy = measurePrivacyOfClasses(classes, {
    quasiIdentifiers: [releasedAge, sex],
    sensitive: [{ column: diagnosis }],
    riskThreshold: 0.2,
    gbt42460: {
      context: 'enclave',
      probabilities: { deliberateAttempt: 0.1, inadvertentAttempt: 0.05, breach: 0.05 },
    },
  });
  return {
    generatedAtMs: Date.UTC(2026, 10, 27, 8, 0, 0),
    software: { name: 'anonex', version: '0.1.0' },
    input: {
      rows: 6,
      columns: ['name', 'age', 'sex', 'diagnosis'],
      sha256: HEX('a'),
      format: 'csv',
      encoding: 'utf-8',
    },
    policy: {
      name: 'clinic <visits>',
      version: '1',
      sha256: HEX('b'),
      mode: 'listing',
      purpose: '科研统计',
    },
    transforms: [
      {
        column: 'name',
        role: 'identifier',
        steps: [
          {
            kind: 'pseudonym',
            params: { key: 'deadbeef', algorithm: 'hmac-sha256', nested: { salt: 'x', keep: 1 } },
          },
        ],
        outputs: ['name'],
      },
      {
        column: 'age',
        role: 'quasi',
        steps: [{ kind: 'hierarchy', params: { level: 1, material: new Uint8Array(4) } }],
        outputs: ['age'],
      },
      { column: 'sex', role: 'quasi', steps: [], outputs: ['sex'] },
    ],
    detection: {
      before: {
        rows: 6,
        columns: [
          {
            name: 'name',
            findings: [{ kind: 'cn_name', match_rate: 1, confidence: 0.9 }],
            direct_identifier: true,
          },
        ],
      },
      after: { rows: 6, columns: [{ name: 'name', findings: [], direct_identifier: false }] },
    },
    privacy,
    quasiIdentifiers: ['age', 'sex'],
    models: checkPrivacyRequirements(privacy, requirements),
    utility: measureUtility({
      original: [originalAge, sex],
      released: [releasedAge, sex],
      hierarchies: new Map([['age', { hierarchy: AGE }]]),
      classes,
    }),
    output: { rows: 6, columns: ['name', 'age', 'sex', 'diagnosis'], sha256: HEX('c') },
    gate: { pass: true, refusals: [] },
    ...overrides,
  };
}

/**
 * The gate's part of a refused release: a near-unique note column, a masked phone leaving 3
 * candidates of 5 (both refused), a scrubbed note; `privacy` is the measured release's (parts().privacy).
 */
export function gateParts(
  privacy: NonNullable<ReportParts['privacy']>,
): NonNullable<ReportParts['gate']> {
  return {
    pass: false,
    refusals: [
      {
        kind: 'near_unique_column',
        column: 'note',
        uniqueShare: 1,
        threshold: 0.5,
        description: 'column note: 100.0 % of its released values are unique',
      },
      {
        kind: 'recoverable_transform',
        column: 'phone',
        candidates: 3,
        required: 5,
        description: 'column phone: mask leaves 3 candidate original(s)',
      },
    ],
    figures: {
      quasiIdentifiers: { declared: ['age'], measured: ['age', 'sex'] },
      declaredPrivacy: { ...privacy, k: 6, classes: 1 },
      columns: [
        { name: 'age', distinct: 2, uniqueShare: 0, constant: false },
        { name: 'sex', distinct: 1, uniqueShare: 0, constant: true },
        { name: 'note', distinct: 6, uniqueShare: 1, constant: false },
      ],
      identifierTransforms: [
        {
          column: 'phone',
          steps: ['mask'],
          identifierKind: 'cn_mobile',
          candidates: 3,
          required: 5,
        },
      ],
      textScrubs: [
        {
          column: 'note',
          spansByKind: { cn_mobile: 4 },
          cellsWithSpans: 3,
          cellsDropped: 0,
          textKept: 0.8,
        },
      ],
      rowOrder: 'secure-random',
    },
  };
}
