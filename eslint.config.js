// Lint configuration: typescript-eslint's recommended rules over src, test and scripts, and the
// layer table that keeps every import in src/ pointing down (docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layers from './scripts/lint/layer-boundaries.js';

/**
 * The layers of src/, lowest first; each names the layers it may import (itself always).
 * A file of src/ in no layer fails the lint, so a new folder is placed here on purpose.
 */
const LAYERS = [
  { name: 'domain', paths: ['src/domain/'], mayImport: [] },
  { name: 'core', paths: ['src/core/'], mayImport: ['domain'] },
  { name: 'store', paths: ['src/store/'], mayImport: ['core', 'domain'] },
  {
    name: 'config',
    paths: ['src/config', 'src/logger', 'src/software'],
    mayImport: ['store', 'core', 'domain'],
  },
  { name: 'services', paths: ['src/services/'], mayImport: ['store', 'core', 'domain', 'config'] },
  // What the HTTP API and the console share: request ids, the error catalogue and problem
  // mapping, the contract of a non-API mount. Both edges import it; neither imports the other.
  { name: 'edge', paths: ['src/edge/'], mayImport: ['services', 'core', 'domain'] },
  { name: 'http', paths: ['src/http/'], mayImport: ['edge', 'services', 'core', 'domain'] },
  { name: 'web', paths: ['src/web/'], mayImport: ['edge', 'services', 'core', 'domain'] },
  {
    name: 'gateway',
    paths: ['src/gateway'],
    mayImport: ['web', 'http', 'edge', 'services', 'store', 'core', 'domain', 'config'],
  },
  {
    name: 'cli',
    paths: ['src/cli/'],
    mayImport: ['gateway', 'web', 'http', 'edge', 'services', 'store', 'core', 'domain', 'config'],
  },
];

/** One layer importing one file of a layer it may not import, with the reason. None today. */
const LAYER_EXCEPTIONS = [];

/** Modules that do I/O: core computes only, its world (clock, files, keys) is passed in. */
const IO_MODULES = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'child_process',
  'worker_threads',
  'os',
  'dgram',
  'dns',
  'tls',
  'cluster',
  'readline',
].flatMap((name) => [name, `node:${name}`]);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'test-artifacts/', 'src/web/assets/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { layers },
    rules: {
      'layers/boundaries': ['error', { layers: LAYERS, exceptions: LAYER_EXCEPTIONS }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'src/config.ts is the only reader of the environment: take a Config.',
        },
      ],
    },
  },
  {
    // The CLI's process I/O hands process.env to loadConfig; config.ts reads it.
    files: ['src/config.ts', 'src/cli/cli-io.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...IO_MODULES.map((name) => ({ name, message: 'core does no I/O: take the data in.' })),
            ...['knex', 'pg', 'better-sqlite3', 'express', 'pino'].map((name) => ({
              name,
              message: 'core knows no database, server or logger.',
            })),
          ],
        },
      ],
    },
  },
  {
    // Progressive scripts of the console run in the browser.
    files: ['src/web/assets/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        crypto: 'readonly',
        atob: 'readonly',
        TextEncoder: 'readonly',
        fetch: 'readonly',
        EventSource: 'readonly',
        FormData: 'readonly',
        URLSearchParams: 'readonly',
        HTMLElement: 'readonly',
        XMLHttpRequest: 'readonly',
      },
    },
  },
  {
    // Mocha reads a configuration that builds on .mocharc.json as CommonJS.
    files: ['.mocharc.*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
