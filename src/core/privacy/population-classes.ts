// Sizes in a population table of the sample's equivalence classes, for the journalist and
// marketer models: codes are matched through the dictionaries, never through per-row strings.
import type { DictionaryColumn } from '../table/dictionary-column.js';
import type { EquivalenceClasses } from './equivalence-classes.js';
import { computeEquivalenceClasses } from './equivalence-classes.js';
import { PrivacyError } from './privacy-error.js';

/**
 * F per sample class: how many population records share the class's quasi-identifier values
 * (raw string equality). `sampleColumns` and `populationColumns` are the same quasi-identifiers
 * in the same order. A sample class absent from the population gets F = 0.
 *
 * Method: translate the population's codes into the sample's dictionaries (values the sample
 * lacks get fresh codes), append one representative row per sample class, classify the union,
 * and read F as (size of the representative's class − 1).
 */
export function countPopulationClassSizes(
  sampleClasses: EquivalenceClasses,
  sampleColumns: readonly DictionaryColumn[],
  populationColumns: readonly DictionaryColumn[],
): Int32Array {
  if (sampleColumns.length !== populationColumns.length) {
    throw new PrivacyError(
      'privacy_length_mismatch',
      `population has ${populationColumns.length} quasi-identifiers, want ${sampleColumns.length}`,
      { details: { got: populationColumns.length, want: sampleColumns.length } },
    );
  }
  const populationRows = populationColumns[0]?.codes.length ?? 0;
  const representatives = sampleClasses.firstRecordOfClass;
  const unionRows = populationRows + representatives.length;
  const union: DictionaryColumn[] = sampleColumns.map((sample, index) => {
    const population = populationColumns[index];
    const sampleCode = new Map<string, number>();
    sample.dictionary.forEach((value, code) => sampleCode.set(value, code));
    const dictionary = [...sample.dictionary];
    const translate = new Int32Array(population.dictionary.length);
    for (let code = 0; code < population.dictionary.length; code++) {
      const value = population.dictionary[code];
      let target = sampleCode.get(value);
      if (target === undefined) {
        target = dictionary.length;
        dictionary.push(value);
      }
      translate[code] = target;
    }
    const codes = new Int32Array(unionRows);
    const populationCodes = population.codes;
    for (let row = 0; row < populationRows; row++) codes[row] = translate[populationCodes[row]];
    for (let cls = 0; cls < representatives.length; cls++)
      codes[populationRows + cls] = sample.codes[representatives[cls]];
    return { name: sample.name, dictionary, codes };
  });
  const classes = computeEquivalenceClasses(union);
  const sizes = new Int32Array(representatives.length);
  for (let cls = 0; cls < representatives.length; cls++) {
    sizes[cls] = classes.classSizes[classes.classOfRecord[populationRows + cls]] - 1;
  }
  return sizes;
}
