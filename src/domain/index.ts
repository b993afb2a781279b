// Shared words with no logic, below every layer: workflow states, roles, organization kinds.
export * from './states.js';
export * from './roles.js';
export * from './organization-kinds.js';
export * from './deadline-bases.js';
