// The Arrow IPC check: valid files of every supported type pass and read as the decoder reads
// them; each damage that made the decoder exhaust the heap, loop forever or throw its own error
// later is refused up front with a TableError that names the defect.
import { expect } from 'chai';
import { fromArrow, table } from 'arquero';
import {
  bool,
  dateDay,
  dictionary,
  float32,
  int16,
  int64,
  int8,
  list,
  nullType,
  struct,
  tableFromArrays,
  tableToIPC,
  timestamp,
  uint64,
  utf8,
  type DataType,
} from '@uwdata/flechette';
import { readBatchMetadata } from '../../../src/core/table/arrow-batch-check.js';
import { FlatReader } from '../../../src/core/table/arrow-flatbuffer.js';
import { checkArrowIpc } from '../../../src/core/table/arrow-ipc-check.js';
import { readTable, TableError, writeTable } from '../../../src/core/table/index.js';

/** Reads the bytes; returns the TableError's reason, or fails when they are accepted. */
function refusalReason(bytes: Uint8Array): string {
  try {
    readTable(bytes);
  } catch (error) {
    expect(error).to.be.instanceOf(TableError);
    expect((error as TableError).code).to.equal('table_malformed_arrow');
    return String((error as TableError).details.reason);
  }
  throw new Error('the damaged input was accepted');
}

interface MessageAt {
  /** Where the metadata starts in the stream. */
  readonly start: number;
  readonly reader: FlatReader;
  readonly type: number;
  /** The header's forward offset, in `reader`. */
  readonly header: number;
  readonly bodyStart: number;
}

/** The messages of a valid Arrow stream, to find the bytes a test damages. */
function messagesOf(stream: Uint8Array): MessageAt[] {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const messages: MessageAt[] = [];
  for (let at = 0; at + 8 <= stream.length;) {
    const length = view.getInt32(at + 4, true);
    if (length === 0) break;
    const start = at + 8;
    const reader = new FlatReader(stream.subarray(start, start + length));
    const message = reader.table(0);
    const bodyLengthAt = reader.field(message, 10);
    const bodyLength = bodyLengthAt === undefined ? 0 : reader.int64(bodyLengthAt);
    messages.push({
      start,
      reader,
      type: reader.uint8(reader.field(message, 6) as number),
      header: reader.field(message, 8) as number,
      bodyStart: start + length,
    });
    at = start + length + bodyLength;
  }
  return messages;
}

const RECORD_BATCH = 3;
const DICTIONARY_BATCH = 2;

function streamOf(columns: Record<string, unknown[]>, types: Record<string, DataType> = {}) {
  return tableToIPC(tableFromArrays(columns, { types }), { format: 'stream' }) as Uint8Array;
}

describe('core/table/arrow-ipc-check', () => {
  describe('valid input', () => {
    const columns = {
      i8: [1, -2, null, 4],
      i16: [300, null, -300, 0],
      i64: [1, -(2 ** 53) + 1, 2 ** 53 - 1, null],
      u64: [0, 1, null, 2 ** 53 - 1],
      f32: [1.5, null, -2.25, 0],
      s: ['a', '', null, '张伟'],
      b: [true, false, null, true],
      d: [0, 18_000, null, -1].map((days) => (days === null ? null : new Date(days * 864e5))),
      t: [new Date(0), null, new Date(1e12), new Date(-1e12)],
      l: [[1, 2], [], null, [3]],
      st: [{ x: 1, y: 'a' }, null, { x: 2, y: null }, { x: 3, y: 'c' }],
      dict: ['x', 'y', 'x', null],
      n: [null, null, null, null],
    };
    const types: Record<string, DataType> = {
      i8: int8(),
      i16: int16(),
      i64: int64(),
      u64: uint64(),
      f32: float32(),
      s: utf8(),
      b: bool(),
      d: dateDay(),
      t: timestamp(),
      l: list(int8()),
      st: struct({ x: int8(), y: utf8() }),
      dict: dictionary(utf8()),
      n: nullType(),
    };

    for (const format of ['file', 'stream'] as const) {
      it(`passes every supported type (${format}) and reads what the decoder reads`, () => {
        const built = tableFromArrays(columns, { types, maxBatchRows: 3 });
        const bytes = tableToIPC(built, { format }) as Uint8Array;
        checkArrowIpc(bytes);
        const loaded = readTable(bytes).table;
        // The oracle: arquero's own decoding of the same bytes, unchecked.
        expect(loaded.objects()).to.deep.equal(fromArrow(bytes).objects());
        expect(loaded.numRows()).to.equal(4);
      });
    }

    it('passes what writeTable writes, in both formats', () => {
      const written = table({ a: [1, 2, 3], b: ['x', 'y', '张'], c: [true, null, false] });
      for (const arrowFormat of ['file', 'stream'] as const)
        checkArrowIpc(writeTable(written, 'arrow', { arrowFormat }));
    });
  });

  describe('damaged input', () => {
    const valid = writeTable(table({ a: [1, 2, 3], b: ['x', 'y', '张'] }), 'arrow', {
      arrowFormat: 'stream',
    });

    it('refuses a dictionary of 721,420,291 rows backed by 16 bytes (the heap exhaustion)', () => {
      const damaged = valid.slice();
      const message = messagesOf(damaged).find((m) => m.type === DICTIONARY_BATCH) as MessageAt;
      const { reader } = message;
      const data = reader.field(reader.table(message.header), 6) as number;
      const nodes = reader.vector(reader.field(reader.table(data), 6) as number, 16);
      new DataView(damaged.buffer).setBigInt64(message.start + nodes.first, 721_420_291n, true);
      expect(refusalReason(damaged)).to.match(/721420291 rows, more than an input of \d+ bytes/);
    });

    it('refuses a field-node vector that declares 2^31 - 1 entries in a few bytes', () => {
      const damaged = valid.slice();
      const message = messagesOf(damaged).find((m) => m.type === RECORD_BATCH) as MessageAt;
      const { reader } = message;
      const nodesAt = reader.field(reader.table(message.header), 6) as number;
      const vector = reader.vector(nodesAt, 16);
      new DataView(damaged.buffer).setInt32(message.start + vector.first - 4, 0x7fffffff, true);
      expect(refusalReason(damaged)).to.match(/declares 2147483647 entries/);
    });

    it('refuses a negative message length (the decoder would step back and loop forever)', () => {
      const damaged = valid.slice();
      const second = messagesOf(damaged)[1];
      new DataView(damaged.buffer).setInt32(second.start - 4, -8, true);
      expect(refusalReason(damaged)).to.match(/declares -8 bytes of metadata/);
    });

    it('refuses a record batch of 2^40 rows backed by 24 bytes', () => {
      const damaged = valid.slice();
      const message = messagesOf(damaged).find((m) => m.type === RECORD_BATCH) as MessageAt;
      const { reader } = message;
      const batch = reader.table(message.header);
      const view = new DataView(damaged.buffer);
      view.setBigInt64(message.start + (reader.field(batch, 4) as number), 1n << 40n, true);
      const nodes = reader.vector(reader.field(batch, 6) as number, 16);
      view.setBigInt64(message.start + nodes.first, 1n << 40n, true);
      expect(refusalReason(damaged)).to.match(/1099511627776 rows/);
    });

    /** The record batch's buffers of a one-column stream, as offsets into the stream. */
    function buffersOf(stream: Uint8Array) {
      const message = messagesOf(stream).find((m) => m.type === RECORD_BATCH) as MessageAt;
      const metadata = readBatchMetadata(message.reader, message.header, 4);
      return metadata.buffers.map((b) => ({ at: message.bodyStart + b.offset, length: b.length }));
    }

    it('refuses string offsets that go back (each row would decode the whole body again)', () => {
      const rows = 1_000;
      const strings = Array.from({ length: rows }, (_, i) => (i === 0 ? 'x'.repeat(10_000) : ''));
      const damaged = streamOf({ s: strings }, { s: utf8() });
      const [, offsets] = buffersOf(damaged);
      const view = new DataView(damaged.buffer);
      for (let i = 0; i <= rows; i++)
        view.setInt32(offsets.at + i * 4, i % 2 === 0 ? 0 : 10_000, true);
      expect(refusalReason(damaged)).to.match(/offset 2 \(0\) is out of order/);
    });

    it('refuses a string offset beyond the bytes it indexes', () => {
      const damaged = streamOf({ s: ['ab', 'cd'] }, { s: utf8() });
      const [, offsets] = buffersOf(damaged);
      new DataView(damaged.buffer).setInt32(offsets.at + 8, 1_000, true);
      expect(refusalReason(damaged)).to.match(
        /offset 2 \(1000\) is out of order or beyond the 8 it indexes/,
      );
    });

    it('refuses a 64-bit integer beyond 2^53, which the decoder throws at on first read', () => {
      const damaged = streamOf({ i: [1, 2] }, { i: int64() });
      const [, values] = buffersOf(damaged);
      new DataView(damaged.buffer).setBigInt64(values.at + 8, 1n << 60n, true);
      expect(() => fromArrow(damaged).objects()).to.throw(/BigInt exceeds/);
      expect(refusalReason(damaged)).to.match(/row 1 holds the 64-bit integer 1152921504606846976/);
    });

    it('refuses buffers that overlap', () => {
      const damaged = streamOf({ a: [1, 2, 3, 4], b: [5, 6, 7, 8] }, { a: int8(), b: int8() });
      const message = messagesOf(damaged).find((m) => m.type === RECORD_BATCH) as MessageAt;
      const { reader } = message;
      const buffers = reader.vector(reader.field(reader.table(message.header), 8) as number, 16);
      // Column b's values (the 4th buffer) are pointed at column a's (the 2nd).
      const secondOffset = reader.int64(buffers.first + 16);
      new DataView(damaged.buffer).setBigInt64(
        message.start + buffers.first + 3 * 16,
        BigInt(secondOffset),
        true,
      );
      expect(refusalReason(damaged)).to.match(/two buffers of a batch overlap/);
    });

    it('refuses a file whose footer lists one record batch twice', () => {
      const built = tableFromArrays({ a: [1, 2, 3, 4] }, { types: { a: int8() }, maxBatchRows: 2 });
      const damaged = (tableToIPC(built, { format: 'file' }) as Uint8Array).slice();
      const reader = new FlatReader(damaged);
      const footerStart = damaged.length - 10 - reader.int32(damaged.length - 10);
      const footer = reader.table(footerStart);
      const blocks = reader.vector(reader.field(footer, 10) as number, 24);
      expect(blocks.count).to.equal(2);
      const view = new DataView(damaged.buffer);
      view.setBigInt64(blocks.first + 24, view.getBigInt64(blocks.first, true), true);
      expect(refusalReason(damaged)).to.match(/two blocks overlap/);
    });

    it('refuses an unsupported type by its name', () => {
      const views = tableFromArrays({ a: [1, 2] }, { types: { a: int8() } });
      const bytes = tableToIPC(views, { format: 'stream' }) as Uint8Array;
      // Retype the one field as RunEndEncoded (type id 22), which no buffer backs the rows of.
      const damaged = bytes.slice();
      const schema = messagesOf(damaged)[0];
      const { reader } = schema;
      const fields = reader.vector(reader.field(reader.table(schema.header), 6) as number, 4);
      const typeIdAt = reader.field(reader.table(fields.first), 8) as number;
      damaged[schema.start + typeIdAt] = 22;
      expect(refusalReason(damaged)).to.match(/the Arrow type RunEndEncoded is not supported/);
    });
  });
});
