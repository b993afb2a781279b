// Public surface of core/table: reading and writing tables, encodings, dictionary-encoded columns.
export * from './table-error.js';
export { readTable, sniffFormat, toColumnTable } from './read-table.js';
export { textTableHead } from './table-head.js';
export type { LoadedTable, ReadTableOptions, TableFormat } from './read-table.js';
export { TableByteReader } from './table-byte-reader.js';
export { CsvRowCounter } from './csv-row-counter.js';
export type { CellsRead, EncodedLoadedTable, TableByteReaderOptions } from './table-byte-reader.js';
export type { CsvCellSink, CsvCellsRead } from './csv-parser.js';
export { EncodedReadPasses, readEncodedTable } from './read-encoded-table.js';
export {
  COUNT_ROWS,
  encodeTable,
  isEncodedTable,
  sampleColumn,
  samplePositions,
} from './encoded-table.js';
export type { ColumnReadMode, EncodedTable, EncodePlan, SampledColumn } from './encoded-table.js';
export { encodeTableChunks, writeTable } from './write-table.js';
export type { WriteTableOptions } from './write-table.js';
export { parseCsv, sniffDelimiter, CSV_DELIMITERS } from './csv-reader.js';
export type { ParsedCsv } from './csv-reader.js';
export { toCsvText, toCsvCell, isFormulaLike } from './csv-writer.js';
export type { CsvWriteOptions } from './csv-writer.js';
export { JsonlParser, parseJsonl, toJsonlText } from './jsonl.js';
export {
  decodeText,
  decodeTextPieces,
  detectBom,
  detectEncoding,
  TextPieceDecoder,
  toTextEncodingName,
} from './text-encoding.js';
export type { TextEncodingName } from './text-encoding.js';
export { toHalfWidth } from './half-width.js';
export {
  encodeColumn,
  encodeTableColumns,
  decodeColumn,
  remapColumn,
  mapDictionary,
  countCodes,
  toRawString,
} from './dictionary-column.js';
export type { DictionaryColumn } from './dictionary-column.js';
export {
  CANONICAL_INTEGER,
  CANONICAL_DECIMAL,
  ISO_DATE,
  MAX_DECIMAL_PRECISION,
  typeOfScan,
} from './column-types.js';
export type { ColumnScan, TypedColumn } from './column-types.js';
