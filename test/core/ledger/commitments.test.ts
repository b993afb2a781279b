// Salted commitments of an entry's commercial fields: commit, open, refuse a wrong opening; a
// receipt carrying openings verifies offline, each opening against its commitment.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src/core/canonical-json.js';
import {
  LedgerError,
  commitFields,
  commitmentOf,
  inclusionProof,
  MapSubtreeHashSource,
  openEntry,
  rfc9162Hasher as hasher,
  signCheckpoint,
  toReceiptJson,
  verifyReceipt,
  type EntryOpenings,
} from '../../../src/core/ledger/index.js';
import { testKey } from './test-keys.js';

const saltOf = (name: string) => createHash('sha256').update(`salt ${name}`).digest();
const fields = {
  kind: 'trade',
  trade_id: 'trd_1',
  provider_organization_id: 'org_provider',
  buyer_organization_id: 'org_buyer',
  price_fen: 500000,
  purpose: 'research',
  entitlement: { columns: ['age_band', 'visits'], expires_at_ms: 1_800_000_000_000 },
};
const committed = ['buyer_organization_id', 'price_fen', 'purpose', 'entitlement'];

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(LedgerError);
    return (error as LedgerError).code;
  }
  throw new Error('accepted');
}

describe('core/ledger commitments', () => {
  const { entry, openings } = commitFields(fields, committed, saltOf);

  it('keeps public fields and replaces committed ones by their hashes', () => {
    expect(entry).to.include({ kind: 'trade', trade_id: 'trd_1' });
    for (const name of committed) expect(entry).not.to.have.property(name);
    const text = canonicalJson(entry);
    for (const secret of ['org_buyer', '500000', 'research', 'age_band'])
      expect(text).not.to.include(secret);
    // The naive formula, written out: SHA-256(domain ‖ name ‖ "\n" ‖ salt ‖ JCS(value)).
    const naive = createHash('sha256')
      .update(
        Buffer.concat([
          Buffer.from('anonex-commitment/1\nprice_fen\n'),
          saltOf('price_fen'),
          Buffer.from('500000'),
        ]),
      )
      .digest('hex');
    expect((entry.commitments as Record<string, string>).price_fen).to.equal(naive);
    expect(commitmentOf('price_fen', 500000, saltOf('price_fen'))).to.equal(naive);
  });

  it('opens to the original fields', () => {
    expect(openEntry(entry, openings)).to.deep.equal(fields);
  });

  it('leaves unopened commitments in place when only some are opened', () => {
    const partial = openEntry(entry, { purpose: openings.purpose });
    expect(partial.purpose).to.equal('research');
    expect(Object.keys(partial.commitments as object).sort()).to.deep.equal([
      'buyer_organization_id',
      'entitlement',
      'price_fen',
    ]);
  });

  const wrong: { desc: string; openings: unknown; code: string }[] = [
    {
      desc: 'another value',
      openings: { ...openings, price_fen: { ...openings.price_fen, value: 1 } },
      code: 'ledger_opening_mismatch',
    },
    {
      desc: 'another salt',
      openings: { ...openings, purpose: { ...openings.purpose, salt: openings.price_fen.salt } },
      code: 'ledger_opening_mismatch',
    },
    {
      desc: "one field's opening offered for another",
      openings: { purpose: openings.buyer_organization_id },
      code: 'ledger_opening_mismatch',
    },
    {
      desc: 'a field the entry does not commit',
      openings: { trade_id: openings.purpose },
      code: 'ledger_opening_mismatch',
    },
    {
      desc: 'a salt of 16 bytes',
      openings: { purpose: { salt: 'AAAAAAAAAAAAAAAAAAAAAA==', value: 'research' } },
      code: 'ledger_malformed_opening',
    },
    { desc: 'not an object', openings: ['research'], code: 'ledger_malformed_opening' },
  ];
  for (const { desc, openings: given, code } of wrong) {
    it(`refuses ${desc}: ${code}`, () => {
      expect(codeOf(() => openEntry(entry, given))).to.equal(code);
    });
  }

  describe('in a receipt', () => {
    const exchange = testKey('anonex.test/ledger', 3);
    const entries = [
      canonicalJson({ kind: 'listing.published', listing_id: 'lst_1' }),
      canonicalJson(entry),
      canonicalJson({ kind: 'report.approved', review_id: 'rev_1' }),
    ];
    const source = new MapSubtreeHashSource();
    entries.forEach((text, index) =>
      source.set({ level: 0, index }, hasher.hashLeaf(Buffer.from(text))),
    );
    source.set(
      { level: 1, index: 0 },
      hasher.hashChildren(
        source.subtreeHash({ level: 0, index: 0 }) as Uint8Array,
        source.subtreeHash({ level: 0, index: 1 }) as Uint8Array,
      ),
    );
    const root = hasher.hashChildren(
      source.subtreeHash({ level: 1, index: 0 }) as Uint8Array,
      source.subtreeHash({ level: 0, index: 2 }) as Uint8Array,
    );
    const note = signCheckpoint(
      { origin: 'anonex.test/ledger', treeSize: 3, rootHash: root, extensions: [] },
      [exchange.signer],
    );
    const publicReceipt = toReceiptJson(1, entries[1], inclusionProof(1, 3, source, hasher), note);

    it('verifies the public receipt with its commitments closed', () => {
      const verified = verifyReceipt(publicReceipt, [exchange.verifier], hasher);
      expect(verified.openedFields).to.deep.equal([]);
      expect(verified.openedEntry).to.deep.equal(entry);
    });

    it("verifies a party's receipt and opens every commitment", () => {
      const verified = verifyReceipt(
        JSON.parse(JSON.stringify({ ...publicReceipt, openings })),
        [exchange.verifier],
        hasher,
      );
      expect(verified.openedEntry).to.deep.equal(fields);
      expect([...verified.openedFields].sort()).to.deep.equal([...committed].sort());
    });

    it('refuses a receipt whose opening was altered', () => {
      const altered: EntryOpenings = {
        ...openings,
        price_fen: { ...openings.price_fen, value: 1 },
      };
      expect(
        codeOf(() =>
          verifyReceipt({ ...publicReceipt, openings: altered }, [exchange.verifier], hasher),
        ),
      ).to.equal('ledger_opening_mismatch');
    });
  });
});
