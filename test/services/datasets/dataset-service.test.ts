import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { DatasetService } from '../../../src/services/datasets/dataset-service.js';
import { ServiceError, validationFailed } from '../../../src/services/errors.js';
import type { AnonymizationEngine } from '../../../src/services/engine/anonymization-engine.js';
import { StoreError } from '../../../src/store/errors.js';
import type { FileBlobStore } from '../../../src/store/file-blob-store.js';
import {
  contextOf,
  createWorkflowFixture,
  SAMPLE_CSV,
  sampleMetadata,
  ScriptedEngine,
  type WorkflowFixture,
} from '../../helpers/provider-workflow.js';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('services/datasets/dataset-service', () => {
  let fixture: WorkflowFixture;
  let datasets: DatasetService;
  const provider = contextOf('mem_p', 'org_a', ['provider']);
  const otherProvider = contextOf('mem_q', 'org_b', ['provider']);
  const buyerSameOrg = contextOf('mem_b', 'org_a', ['buyer']);

  before(async () => {
    fixture = await createWorkflowFixture({ MAX_UPLOAD_BYTES: '4096' });
    datasets = new DatasetService(
      fixture.deps,
      new ScriptedEngine(fixture.clock, fixture.deps.blobs),
    );
  });
  after(async () => fixture.destroy());

  describe('Art. 10 metadata', () => {
    const cases: { desc: string; metadata: Record<string, unknown>; want: string[] }[] = [
      {
        desc: 'lists every missing field',
        metadata: { format: 'csv', sharingType: 'unconditional' },
        want: [
          'classification',
          'attributes',
          'updateFrequency',
          'openType',
          'sharingMethod',
          'usageRequirements',
          'dataSource',
        ],
      },
      {
        desc: 'requires a legal basis for conditional sharing (Art. 16)',
        metadata: sampleMetadata({ sharingType: 'conditional' }),
        want: ['legalBasis'],
      },
      {
        desc: 'requires a legal basis for data that is not shared',
        metadata: sampleMetadata({ sharingType: 'none', openType: 'none' }),
        want: ['legalBasis'],
      },
      {
        desc: 'names a missing nested field',
        metadata: sampleMetadata({ classification: { subjectCategory: 'health' } }),
        want: ['classification.securityGrade'],
      },
    ];
    for (const { desc, metadata, want } of cases) {
      it(desc, async () => {
        const error = await rejection(datasets.createDataset(provider, { name: 'x', metadata }));
        expect(error).to.be.instanceOf(ServiceError);
        expect((error as ServiceError).code).to.equal('validation_failed');
        const missing = (error as ServiceError).issues
          .filter((issue) => issue.reason === 'missing')
          .map((issue) => issue.field);
        expect(missing).to.have.members(want);
      });
    }

    it('accepts conditional sharing with a legal basis', async () => {
      const dataset = await datasets.createDataset(provider, {
        name: 'conditional',
        metadata: sampleMetadata({ sharingType: 'conditional', legalBasis: '条例第十六条' }),
      });
      expect(dataset.metadata.legalBasis).to.equal('条例第十六条');
      expect(dataset.latestRevision).to.equal(0);
    });

    it('refuses a member without the provider role', async () => {
      const error = await rejection(
        datasets.createDataset(buyerSameOrg, { name: 'x', metadata: sampleMetadata() }),
      );
      expect((error as ServiceError).code).to.equal('forbidden');
    });
  });

  describe('uploads and revisions', () => {
    let datasetId: string;
    before(async () => {
      datasetId = (
        await datasets.createDataset(provider, { name: 'visits', metadata: sampleMetadata() })
      ).id;
    });

    it('stores a streamed upload encrypted and profiles it with findings and masked examples', async () => {
      const revision = await datasets.uploadRevision(provider, datasetId, {
        content: Readable.from([Buffer.from(SAMPLE_CSV, 'utf8')]),
        format: 'csv',
        filename: 'visits.csv',
      });
      expect(revision.revision).to.equal(1);
      expect(revision.profile.rows).to.equal(6);
      const idColumn = revision.profile.columns.find((c) => c.name === 'id_number');
      expect(idColumn?.direct_identifier).to.equal(true);
      expect(idColumn?.findings.map((f) => f.kind)).to.include('cn_resident_id');
      expect(idColumn?.examples[0]).to.match(/^\*+$/);
      const profileText = JSON.stringify(revision.profile);
      for (const raw of ['11010519491231002X', '张伟', 'asthma']) {
        expect(profileText).not.to.include(raw);
      }
      // On disk the raw blob is ciphertext: no raw value is readable from the file.
      const rawFile = (fixture.deps.blobs as FileBlobStore).fileOf(revision.rawSha256, true);
      expect(rawFile).to.match(/\.raw$/);
      const onDisk = readFileSync(rawFile);
      expect(onDisk.includes(Buffer.from('11010519491231002X'))).to.equal(false);
    });

    it('keeps revisions immutable: a metadata change is a new revision over the same content', async () => {
      const before = await datasets.getRevision(provider, datasetId, 1);
      const updated = await datasets.updateMetadata(
        provider,
        datasetId,
        sampleMetadata({ updateFrequency: 'weekly' }),
      );
      expect(updated.latestRevision).to.equal(2);
      const revisions = await datasets.listRevisions(provider, datasetId);
      expect(revisions.map((r) => [r.revision, r.kind, r.metadata.updateFrequency])).to.deep.equal([
        [1, 'upload', 'monthly'],
        [2, 'metadata', 'weekly'],
      ]);
      expect(revisions[1].rawSha256).to.equal(before.rawSha256);
      expect(revisions[0]).to.deep.equal(before);
    });

    it('numbers a new upload as the next revision', async () => {
      const revision = await datasets.uploadRevision(provider, datasetId, {
        content: Buffer.from(`${SAMPLE_CSV}\n赵强,110105199001011232,52,M,flu`, 'utf8'),
        format: 'csv',
      });
      expect(revision.revision).to.equal(3);
      expect(revision.profile.rows).to.equal(7);
      expect(revision.metadata.updateFrequency).to.equal('weekly');
    });

    it('refuses an upload above MAX_UPLOAD_BYTES, by declared length or while streaming', async () => {
      const big = Buffer.alloc(5000, 'a');
      const declared = await rejection(
        datasets.uploadRevision(provider, datasetId, {
          content: big,
          format: 'csv',
          declaredSizeBytes: big.length,
        }),
      );
      expect((declared as ServiceError).code).to.equal('payload_too_large');
      const streamed = await rejection(
        datasets.uploadRevision(provider, datasetId, {
          content: Readable.from([big]),
          format: 'csv',
        }),
      );
      expect(streamed).to.be.instanceOf(StoreError);
      expect((streamed as StoreError).code).to.equal('blob_too_large');
      expect((await datasets.getDataset(provider, datasetId)).latestRevision).to.equal(3);
    });

    it('refuses a malformed upload with a 400 naming the problem', async () => {
      const error = await rejection(
        datasets.uploadRevision(provider, datasetId, {
          content: Buffer.from('a,b\n1,2,3\n"unterminated', 'utf8'),
          format: 'csv',
        }),
      );
      expect((error as ServiceError).code).to.equal('validation_failed');
      expect((error as ServiceError).issues[0].field).to.equal('body');
      const sha256 = createHash('sha256').update('a,b\n1,2,3\n"unterminated').digest('hex');
      expect(await fixture.deps.blobs.has(sha256)).to.equal(false);
    });

    it('refuses a header-only CSV (no rows) and keeps nothing of it', async function () {
      this.timeout(60_000);
      const content = Buffer.from('age,sex,region\n', 'utf8');
      const error = await rejection(
        datasets.uploadRevision(provider, datasetId, { content, format: 'csv' }),
      );
      expect((error as ServiceError).code).to.equal('validation_failed');
      expect((error as ServiceError).issues[0]).to.deep.include({ field: 'body' });
      expect((error as ServiceError).issues[0].reason).to.match(/no rows/);
      const sha256 = createHash('sha256').update(content).digest('hex');
      expect(await fixture.deps.blobs.has(sha256)).to.equal(false);
    });

    it('stores nothing for 220 refused uploads, and keeps content an accepted revision holds', async function () {
      this.timeout(60_000);
      const blobs = fixture.deps.blobs;
      const accepted = await datasets.listRevisions(provider, datasetId);
      const kept = accepted.find((revision) => revision.kind === 'upload')!;
      const before = (await blobs.listBlobObjects()).map((object) => object.name).sort();
      // The engine refuses every upload as the real one refuses a malformed table (validation_failed
      // naming the body): what is tested here is that the service leaves nothing behind.
      const refusing = new DatasetService(fixture.deps, {
        profileDataset: () =>
          Promise.reject(validationFailed('malformed', [{ field: 'body', reason: 'ragged' }])),
      } as unknown as AnonymizationEngine);
      for (let index = 0; index < 220; index++) {
        const error = await rejection(
          refusing.uploadRevision(provider, datasetId, {
            content: Buffer.from(`a,b\n1,2,${index}\n`),
            format: 'csv',
          }),
        );
        expect((error as ServiceError).code, `upload ${index}`).to.equal('validation_failed');
      }
      // The same bytes as an accepted revision, refused here, do not take its content away.
      const keptBytes = await blobs.get(kept.rawSha256, { raw: true });
      await rejection(
        refusing.uploadRevision(provider, datasetId, { content: keptBytes, format: 'csv' }),
      );
      expect((await blobs.listBlobObjects()).map((object) => object.name).sort()).to.deep.equal(
        before,
      );
      expect(await blobs.has(kept.rawSha256)).to.equal(true);
    });

    it('answers not_found to another organization for every read and write', async () => {
      const calls: [string, () => Promise<unknown>][] = [
        ['getDataset', () => datasets.getDataset(otherProvider, datasetId)],
        ['listRevisions', () => datasets.listRevisions(otherProvider, datasetId)],
        ['getRevision', () => datasets.getRevision(otherProvider, datasetId, 1)],
        [
          'uploadRevision',
          () =>
            datasets.uploadRevision(otherProvider, datasetId, {
              content: Buffer.from('a\n1'),
              format: 'csv',
            }),
        ],
        [
          'updateMetadata',
          () => datasets.updateMetadata(otherProvider, datasetId, sampleMetadata()),
        ],
      ];
      for (const [name, call] of calls) {
        const error = await rejection(call());
        expect((error as ServiceError).code, name).to.equal('not_found');
      }
      expect(await datasets.listDatasets(otherProvider)).to.deep.equal([]);
    });

    it('writes an audit row for each change', async () => {
      const rows = await fixture.deps.db('audit_log').where({ target: datasetId }).orderBy('id');
      expect(rows.map((row: { action: string }) => row.action)).to.deep.equal([
        'dataset.created',
        'dataset.uploaded',
        'dataset.metadata_updated',
        'dataset.uploaded',
      ]);
    });
  });
});
