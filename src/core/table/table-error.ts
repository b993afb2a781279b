// Typed errors for reading and writing tables: every one says where (row, column, line, byte) and why.
import { AnonexError } from '../errors.js';

export const TABLE_ERROR_CODES = [
  'table_empty_input',
  'table_unknown_encoding',
  'table_undecodable',
  'table_nul_character',
  'table_malformed_csv',
  'table_ragged_row',
  'table_duplicate_column',
  'table_malformed_jsonl',
  'table_malformed_arrow',
  'table_unknown_format',
  'table_input_unreadable',
] as const;
export type TableErrorCode = (typeof TABLE_ERROR_CODES)[number];

export class TableError extends AnonexError<TableErrorCode> {
  readonly area = 'table';
}
