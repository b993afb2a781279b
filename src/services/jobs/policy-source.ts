// Where a job's policy comes from: a shipped file under policies/ or YAML uploaded with the job.
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePolicy, PolicyError, type Policy } from '../../core/deid/index.js';
import { notFound, validationFailed } from '../errors.js';

export type PolicyChoice = { readonly name: string } | { readonly yaml: string };

export interface ResolvedPolicy {
  readonly policy: Policy;
  readonly yaml: string;
  /** `policies/<name>.yaml` or `uploaded.yaml`: how reports and errors name it. */
  readonly source: string;
}

/** The repository's policies/ folder, from src/ under tsx and from dist/src/ when built. */
export function defaultPoliciesDirectory(): string {
  let root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  if (basename(root) === 'dist') root = dirname(root);
  return join(root, 'policies');
}

const POLICY_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** Reads and validates the chosen policy; a bad one is `validation_failed` listing every problem. */
export async function resolvePolicy(
  choice: PolicyChoice,
  policiesDirectory: string,
): Promise<ResolvedPolicy> {
  let yaml: string;
  let source: string;
  if ('name' in choice) {
    // Names only, never paths: an uploaded name must not reach outside policies/.
    if (!POLICY_NAME.test(choice.name) || choice.name.includes('..')) {
      throw validationFailed('invalid policy name', [
        { field: 'policy.name', reason: 'not a policy name' },
      ]);
    }
    source = `${choice.name}.yaml`;
    try {
      yaml = await readFile(join(policiesDirectory, source), 'utf8');
    } catch {
      throw notFound('policy', choice.name);
    }
  } else {
    yaml = choice.yaml;
    source = 'uploaded.yaml';
  }
  try {
    return { policy: parsePolicy(yaml, source), yaml, source };
  } catch (error) {
    if (error instanceof PolicyError) {
      const issues =
        error.issues.length > 0 ? error.issues : [{ field: 'policy', reason: error.message }];
      throw validationFailed(`policy refused: ${error.message}`, issues);
    }
    throw error;
  }
}
