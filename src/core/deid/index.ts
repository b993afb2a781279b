// Public surface of the de-identification engine: policies, transforms, the pipeline and its gate.
export * from './errors.js';
export * from './policy.js';
export { parsePolicy } from './parse-policy.js';
export { TRANSFORM_NAMES } from './parse-transform.js';
