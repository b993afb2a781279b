// The Adult data set with ARX's hierarchies (../shared/data/adult: a semicolon CSV and one
// `adult_hierarchy_<attribute>.csv` per attribute), located and loaded once for the search tests,
// the search CLI test, the privacy peers test and scripts/bench/search.ts, whose `--verify` run
// recomputes the optima the tests pin, so both must read the same input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHierarchy } from '../../src/core/hierarchy/index.js';
import type { SearchInput } from '../../src/core/search/index.js';
import { encodeColumn, readTable } from '../../src/core/table/index.js';
import { requireSharedData, sharedDataPath } from './shared-data.js';

export const ADULT_DIRECTORY = sharedDataPath('adult');

/** The nine attributes of ARX's Adult example, in its order (the lattice's column order). */
export const ADULT_QUASI_IDENTIFIERS: readonly string[] = [
  'sex',
  'age',
  'race',
  'marital-status',
  'education',
  'native-country',
  'workclass',
  'occupation',
  'salary-class',
];

export function adultCsvPath(directory: string = ADULT_DIRECTORY): string {
  return join(directory, 'adult.csv');
}

const adultHierarchyFile = (attribute: string) => `adult_hierarchy_${attribute}.csv`;

export function adultHierarchyPath(attribute: string, directory: string = ADULT_DIRECTORY): string {
  return join(directory, adultHierarchyFile(attribute));
}

/** The path of one ARX Adult hierarchy; fails saying the data is missing when it is. */
export function requireAdultHierarchy(attribute: string): string {
  requireSharedData('adult', adultHierarchyFile(attribute));
  return adultHierarchyPath(attribute);
}

/** The data lives outside the repository; a test that needs it fails saying it is missing. */
export function requireAdult(): void {
  requireSharedData('adult', 'adult.csv');
}

/**
 * A search input over a semicolon CSV: each quasi-identifier encoded with the hierarchy at
 * `hierarchyPathOf(name)`, and the sensitive attribute (if named) encoded as is.
 */
export function loadSearchInput(
  csvPath: string,
  hierarchyPathOf: (attribute: string) => string,
  quasiIdentifiers: readonly string[],
  sensitive?: string,
): SearchInput {
  const { table } = readTable(readFileSync(csvPath), { delimiter: ';' });
  return {
    quasiIdentifiers: quasiIdentifiers.map((name) => ({
      column: encodeColumn(name, table.array(name) as ArrayLike<unknown>),
      hierarchy: parseHierarchy(readFileSync(hierarchyPathOf(name), 'utf8')),
    })),
    sensitive:
      sensitive === undefined
        ? undefined
        : encodeColumn(sensitive, table.array(sensitive) as ArrayLike<unknown>),
  };
}

/** Adult as a search input; requires isAdultAvailable(directory). */
export function loadAdultSearchInput(
  quasiIdentifiers: readonly string[] = ADULT_QUASI_IDENTIFIERS,
  sensitive?: string,
  directory: string = ADULT_DIRECTORY,
): SearchInput {
  return loadSearchInput(
    adultCsvPath(directory),
    (name) => adultHierarchyPath(name, directory),
    quasiIdentifiers,
    sensitive,
  );
}
