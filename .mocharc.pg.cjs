// `npm run test:pg`: the storage, service and HTTP tests again, on PostgreSQL (DATABASE_URL), with
// the settings of .mocharc.json. Files that never open the database (DuckDB queries, blob stores,
// pure helpers) would only run a second time unchanged, so they run once, in `npm test`.
const base = require('./.mocharc.json');

module.exports = {
  ...base,
  spec: ['test/store/**/*.test.ts', 'test/services/**/*.test.ts', 'test/http/**/*.test.ts'],
  ignore: [
    'test/services/bounded-cache.test.ts',
    'test/services/delivery/analytics-engine.test.ts',
    'test/services/delivery/copy-stream.test.ts',
    'test/services/delivery/keyed-row-order.test.ts',
    'test/services/delivery/query-oracle.test.ts',
    'test/services/delivery/subtracted-aggregates.test.ts',
    'test/services/incidents/parquet-copy.test.ts',
    'test/services/listings/artifact-head.test.ts',
    'test/store/blob-store-backends.test.ts',
    'test/store/file-blob-store.test.ts',
    'test/store/private-data-dir.test.ts',
    'test/store/raw-blob-cipher.test.ts',
    'test/store/secret-box.test.ts',
  ],
};
