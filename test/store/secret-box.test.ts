// SecretBox: sealed values open only under the same master key and binding; nothing of the
// plaintext shows in what is stored; an edited, moved or plaintext value is refused.
import { expect } from 'chai';
import { StoreError } from '../../src/store/errors.js';
import { SecretBox } from '../../src/store/secret-box.js';

const masterKey = Buffer.alloc(32, 7);
const secret = 'c0ffee'.repeat(10) + 'beef';
const binding = 'trades.fingerprint_key:trd_1';

function codeOf(open: () => unknown): string {
  try {
    open();
  } catch (error) {
    expect(error).to.be.instanceOf(StoreError);
    return (error as StoreError).code;
  }
  throw new Error('opened');
}

describe('store/secret-box', () => {
  const box = new SecretBox(masterKey);

  it('opens what it sealed, and the stored text holds no part of the secret', () => {
    const sealed = box.seal(secret, binding);
    expect(SecretBox.isSealed(sealed)).to.equal(true);
    expect(sealed).not.to.include(secret.slice(0, 16));
    expect(sealed).not.to.include(Buffer.from(secret).toString('base64url').slice(0, 16));
    expect(box.open(sealed, binding)).to.equal(secret);
  });

  it('seals the same secret differently each time (a fresh IV)', () => {
    expect(box.seal(secret, binding)).not.to.equal(box.seal(secret, binding));
  });

  const sealed = box.seal(secret, binding);
  const flipped = (text: string, position: number) =>
    text.slice(0, position) + (text[position] === 'A' ? 'B' : 'A') + text.slice(position + 1);
  const cases: { desc: string; open: () => unknown }[] = [
    { desc: 'a plaintext value', open: () => box.open(secret, binding) },
    {
      desc: 'a value moved to another row',
      open: () => box.open(sealed, 'trades.fingerprint_key:trd_2'),
    },
    {
      desc: 'another master key',
      open: () => new SecretBox(Buffer.alloc(32, 8)).open(sealed, binding),
    },
    { desc: 'an edited ciphertext', open: () => box.open(flipped(sealed, 30), binding) },
    { desc: 'a truncated value', open: () => box.open(sealed.slice(0, 20), binding) },
  ];
  for (const { desc, open } of cases) {
    it(`refuses ${desc}: secret_unreadable`, () => {
      expect(codeOf(open)).to.equal('secret_unreadable');
    });
  }
});
