import { readFileSync, readdirSync } from 'node:fs';
import { expect } from 'chai';
import { detectColumns } from '../../../src/core/detect/index.js';
import { readTable } from '../../../src/core/table/index.js';
import { TODAY_YMD } from './vectors/detector-vectors.js';

const ROOT = new URL('../../../', import.meta.url);

interface LabelFile {
  fixture: string;
  samples: { file: string; encoding: string }[];
  columns: { name: string; role: string; kind?: string }[];
}

describe('core/detect on the labelled zh_CN fixtures', () => {
  const labels: LabelFile[] = readdirSync(new URL('fixtures/labels/', ROOT))
    .filter((f) => f.endsWith('.json'))
    .map(
      (f) => JSON.parse(readFileSync(new URL(`fixtures/labels/${f}`, ROOT), 'utf8')) as LabelFile,
    );

  it('has fixtures to check', () => expect(labels.length).to.be.at.least(4));

  it('column precision and recall ≥ 0.99 (verdict and kind), every sample and encoding', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const wrong: string[] = [];
    for (const label of labels)
      for (const sample of label.samples) {
        const loaded = readTable(readFileSync(new URL(sample.file, ROOT)));
        expect(loaded.encoding, sample.file).to.equal(sample.encoding);
        const report = detectColumns(loaded.table, { todayYmd: TODAY_YMD });
        for (const column of label.columns) {
          const got = report.columns.find((c) => c.name === column.name);
          expect(got, `${sample.file} ${column.name}`).to.not.equal(undefined);
          const want = column.role === 'direct_identifier';
          if (want && got!.direct_identifier && got!.findings[0]?.kind === column.kind)
            truePositives++;
          else if (want) {
            falseNegatives++;
            wrong.push(
              `${sample.file} ${column.name}: want ${column.kind}, got ${JSON.stringify(got!.findings)}`,
            );
          } else if (got!.direct_identifier) {
            falsePositives++;
            wrong.push(
              `${sample.file} ${column.name}: want none, got ${JSON.stringify(got!.findings)}`,
            );
          }
        }
      }
    expect(truePositives / (truePositives + falsePositives), wrong.join('\n')).to.be.at.least(0.99);
    expect(truePositives / (truePositives + falseNegatives), wrong.join('\n')).to.be.at.least(0.99);
  });
});
