// The shipped policies a provider may pick in the console (names of policies/*.yaml).
import { readdir } from 'node:fs/promises';
import { defaultPoliciesDirectory } from '../jobs/policy-source.js';

export async function listPolicyNames(
  policiesDirectory = defaultPoliciesDirectory(),
): Promise<string[]> {
  const entries = await readdir(policiesDirectory, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => entry.name.slice(0, -'.yaml'.length))
    .sort();
}
