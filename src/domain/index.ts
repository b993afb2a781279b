// Shared words with no logic, below every layer: workflow states, roles, organization kinds,
// the storage layer's and backup's error codes.
export * from './states.js';
export * from './roles.js';
export * from './organization-kinds.js';
export * from './deadline-bases.js';
export * from './store-error-codes.js';
export * from './backup-error-codes.js';
