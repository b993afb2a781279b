// Evaluates a query's conditions over column arrays with functions we build: user text is never compiled.
import type { ColumnTable } from 'arquero';
import type { Condition, ScalarValue } from './query-model.js';

/**
 * Row indices (ascending) of `table` that satisfy every condition (AND). Values are compared with
 * the JavaScript operators on the already-typed values; a null or missing value matches nothing,
 * as in SQL. Requires every condition's column to exist in `table`.
 */
export function matchingRowIndices(table: ColumnTable, where: readonly Condition[]): number[] {
  const rowCount = table.numRows();
  const keep = new Uint8Array(rowCount).fill(1);
  for (const condition of where) {
    const values = table.array(condition.column) as ArrayLike<unknown>;
    const test = predicateFor(condition);
    // One pass per condition over the column: no per-row objects, only the value read.
    for (let row = 0; row < rowCount; row++) {
      if (keep[row] === 1) {
        const value = values[row];
        if (value === null || value === undefined || !test(value as ScalarValue)) keep[row] = 0;
      }
    }
  }
  const indices: number[] = [];
  for (let row = 0; row < rowCount; row++) if (keep[row] === 1) indices.push(row);
  return indices;
}

function predicateFor(condition: Condition): (value: ScalarValue) => boolean {
  switch (condition.kind) {
    case 'comparison': {
      const operand = condition.value;
      switch (condition.op) {
        case '=':
          return (value) => value === operand;
        case '!=':
          return (value) => value !== operand;
        case '<':
          return (value) => value < operand;
        case '<=':
          return (value) => value <= operand;
        case '>':
          return (value) => value > operand;
        case '>=':
          return (value) => value >= operand;
      }
      break;
    }
    case 'in': {
      const set = new Set<ScalarValue>(condition.values);
      return (value) => set.has(value);
    }
    case 'between': {
      const { low, high } = condition;
      return (value) => value >= low && value <= high;
    }
    case 'prefix': {
      const prefix = condition.prefix;
      return (value) => typeof value === 'string' && value.startsWith(prefix);
    }
  }
  throw new Error('unreachable: condition kinds are exhaustive');
}
