// Stage 2a, the search: levels (or a record-by-record recoding) for `level: auto` hierarchy steps.
import type { GeneralizationHierarchy } from '../../hierarchy/index.js';
import type { DictionaryColumn } from '../../table/dictionary-column.js';
import { DeidError } from '../errors.js';
import type { LevelSearch, LevelSearchResult } from '../pipeline-types.js';
import type { Policy } from '../policy.js';

/**
 * Runs `search` over the columns whose hierarchy step says `level: auto`, with the first sensitive
 * attribute the policy constrains (l or t). Undefined when no step asks for a search. Throws
 * `deid_missing_hierarchy` when a named hierarchy was not supplied.
 */
export function chooseLevels(
  policy: Policy,
  inputColumns: ReadonlyMap<string, DictionaryColumn>,
  hierarchies: ReadonlyMap<string, GeneralizationHierarchy>,
  search: LevelSearch,
): LevelSearchResult | undefined {
  const auto = policy.columns.flatMap((c) =>
    c.transforms.flatMap((step) =>
      step.kind === 'hierarchy' && step.level === 'auto' ? [{ name: c.name, file: step.file }] : [],
    ),
  );
  if (auto.length === 0) return undefined;
  const quasiIdentifiers = auto.map(({ name, file }) => {
    const hierarchy = hierarchies.get(file);
    if (!hierarchy)
      throw new DeidError(
        'deid_missing_hierarchy',
        `column ${name}: hierarchy ${file} was not supplied`,
        { details: { column: name, file } },
      );
    return { column: inputColumns.get(name)!, hierarchy };
  });
  const sensitiveName =
    Object.keys(policy.privacy?.l ?? {})[0] ?? Object.keys(policy.privacy?.t ?? {})[0];
  return search({
    quasiIdentifiers,
    ...(sensitiveName ? { sensitive: inputColumns.get(sensitiveName)! } : {}),
    policy,
  });
}
