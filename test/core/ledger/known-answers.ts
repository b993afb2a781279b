// Published RFC 6962/9162 known answers, as transparency-dev/merkle's proof/verify_test.go and
// rfc6962/rfc6962_test.go list them (the same values as certificate-transparency's merkle tests).
// Recompute any root with the naive reference tree of reference-tree.ts, e.g. the 2-leaf root:
//   printf '\x00' | sha256sum                       → 6e340b9c… (leaf hash of "")
//   (printf '\x01'; printf '\x00' | openssl dgst -sha256 -binary;
//    printf '\x00\x00' | openssl dgst -sha256 -binary) | sha256sum   → fac54203…
// and all of them with `npx tsx test/core/ledger/print-vectors.ts` (prints roots and proofs from the naive tree).

/** The standard test leaves of the CT and transparency-dev suites (hex). */
export const leavesHex: readonly string[] = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];

/** MTH of the first n leaves, n = 0..8 (index 0: the empty tree, `echo -n | sha256sum`). */
export const rootsHex: readonly string[] = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** Inclusion proofs: `leafIndex` is 0-based (the Go suite lists 1-based leaf numbers). */
export const inclusionVectors: readonly {
  leafIndex: number;
  treeSize: number;
  proofHex: string[];
}[] = [
  { leafIndex: 0, treeSize: 1, proofHex: [] },
  {
    leafIndex: 0,
    treeSize: 8,
    proofHex: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    leafIndex: 5,
    treeSize: 8,
    proofHex: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    leafIndex: 2,
    treeSize: 3,
    proofHex: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'],
  },
  {
    leafIndex: 1,
    treeSize: 5,
    proofHex: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

export const consistencyVectors: readonly {
  firstSize: number;
  secondSize: number;
  proofHex: string[];
}[] = [
  { firstSize: 1, secondSize: 1, proofHex: [] },
  {
    firstSize: 1,
    secondSize: 8,
    proofHex: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    firstSize: 6,
    secondSize: 8,
    proofHex: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    firstSize: 2,
    secondSize: 5,
    proofHex: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    firstSize: 6,
    secondSize: 7,
    proofHex: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

/** rfc6962_test.go: leaf "L123456" and node ("N123", "N456"). */
export const hasherVectors = {
  emptyLeafHex: '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  leafL123456Hex: '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56',
  nodeN123N456Hex: 'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
};
