// Seeded cells for comparing two span scanners: labelled notes, hard-column values and random splices.
import { generateFreeText } from '../../../../fixtures/generators/adversarial/free-text.js';
import { generateHardColumns } from '../../../../fixtures/generators/adversarial/hard-columns.js';
import { createRng, type Rng } from '../../../../src/core/rng.js';

/** A cell and the header it sits under (the scanner's context). */
export interface CorpusCell {
  readonly text: string;
  readonly context: string;
}

/**
 * Pieces random cells are spliced from: everything a finder starts on (digits and their
 * look-alikes, separators, labels, cues and titles, `@` and its stand-ins, encodings, plates,
 * street units) and what sits around identifiers (Han text, punctuation, invisible characters).
 */
const PIECES = [
  '13812345678', '11010519491231002X', '110105194912310', '6228484979019071', '490154203237518', '022-4161 2321',
  '(022)', '+86 ', '0086-', '3c:22:fb:12:34:56', 'fe80::1', '192.168.1.1', '39.90421,116.40739', '-', '.', ' ',
  '/', ',', '，', '；', '、', '：', ':', '\n', '\u200b', '\u00b7', 'X', 'x', 'O', 'l', 'I', '一三八', '幺', '〇', '零壹贰',
  '患者', '姓名', '联系人', '先生', '女士', '主任', '张', '王伟', '欧阳', '龚 艳', 'Zhang Wei', 'ZHANG ', 'Mr. ', 'Patient ',
  'QQ', '微信', 'wxid_', 'vx', '住院号', '社保卡号', '回乡证', 'HKID ', 'D672410(9)', 'A123456789', 'E12345678',
  '护照', 'IMEI', 'MAC ', '定位', 'Tel', '电话', '座机', '@', '@qq.com', '闫红', ' at ', ' dot ', '[at]', '#', '艾特',
  '.com', '公司.中国', 'MTEwMTA1MTk0OTEyMzEwMDJY', '%E5%BC%A0', '\\u5f20', '{"qq":"12345678"}', '1.10105194912310E+17',
  '津A12345', '京A·D12345', '天津市', '和平区', '南京路', '100号', '小区', '3栋', '2单元', '501室', '1-5-1202', '住', '寄往',
  '华法林', '甘露醇', '，无发热。', '今日复诊', 'mg', 'SKU-88231-BLK', 'WO20240512-0087', '2024-03-05 14:30', '¥128.00',
  '9', '0', '1', '2024', '911156199003071239', '91110000600037341L', 'LSVAM4187C2184847', 'ａ１２', '😀', '\u202e',
]; // prettier-ignore

/** Every cell of the comparison corpus, the same on every run. */
export function spanCorpus(scale = 1): CorpusCell[] {
  const cells: CorpusCell[] = [];
  for (const variant of ['tune', 'heldout'] as const)
    for (const seed of [1, 2, 3]) {
      for (const share of [0.2, 1])
        for (const note of generateFreeText({
          seed,
          variant,
          rows: Math.round(1500 * scale),
          identifierShare: share,
        }))
          cells.push({ text: note.text, context: '' });
      for (const column of generateHardColumns({ seed, variant, rows: Math.round(60 * scale) }))
        for (const value of column.values) {
          cells.push({ text: value, context: '' });
          cells.push({ text: value, context: column.name });
        }
    }
  const rng = createRng(20261207);
  for (let i = 0; i < 20_000 * scale; i++) cells.push({ text: splice(rng), context: '' });
  const notes = cells.filter((cell) => cell.text.length > 40).map((cell) => cell.text);
  for (let i = 0; i < 5_000 * scale; i++) cells.push({ text: cut(rng, notes), context: '' });
  return cells;
}

/** 1–24 random pieces joined, sometimes with a piece's characters shuffled among them. */
function splice(rng: Rng): string {
  const count = 1 + rng.nextInt(24);
  let text = '';
  for (let k = 0; k < count; k++) {
    const piece = PIECES[rng.nextInt(PIECES.length)];
    text += rng.nextInt(8) === 0 ? piece.slice(rng.nextInt(piece.length + 1)) : piece;
  }
  return text;
}

/** Two random stretches of notes joined: identifiers cut at any character. */
function cut(rng: Rng, notes: readonly string[]): string {
  const stretch = () => {
    const note = notes[rng.nextInt(notes.length)];
    const start = rng.nextInt(note.length);
    return note.slice(start, start + 1 + rng.nextInt(80));
  };
  return stretch() + stretch();
}
