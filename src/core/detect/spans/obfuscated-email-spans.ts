// E-mail addresses written so that no `@` pattern matches: zhangwei at qq dot com, zhangwei[at]qq.com,
// zhangwei#qq.com, zhangwei艾特163.com, zhangwei@qq点com.
import type { ScanInput } from './span.js';

const LOCAL = String.raw`[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}`;
const OPEN = String.raw`[\[(（【{<]`;
const CLOSE = String.raw`[\])）】}>]`;
/**
 * What stands for the `@`: a bracketed at, a spaced " at ", # written tight (issue #12.com is not
 * an address), 艾特 / 圈a, an @ with spaces, or @.
 */
const AT = String.raw`(?:\s*${OPEN}\s*(?:at|@)\s*${CLOSE}\s*|\s+at\s+|#|\s*(?:艾特|圈a)\s*|\s+@\s*|\s*@\s+|@)`;
const LABEL = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?`;
/** What stands for a dot: a bracketed dot, a spaced " dot ", 点, or a dot with spaces. */
const DOT = String.raw`(?:\s*${OPEN}\s*(?:dot|\.|点)\s*${CLOSE}\s*|\s+dot\s+|\s*点\s*|\s*\.\s*)`;
/** Top-level domains an obfuscated address must end in (the cue that it is one). */
const TLD =
  'com|cn|net|org|edu|gov|io|me|info|biz|cc|hk|tw|mo|co|top|xyz|vip|club|site|online|tech';

const PATTERN = new RegExp(
  String.raw`(?<![A-Za-z0-9._%+-])${LOCAL}(${AT})(?:${LABEL}${DOT})+(?:${TLD})(?![A-Za-z0-9])`,
  'gi',
);
/** A cheap test before the pattern: some stand-in for the `@` occurs. */
const CUE = /at|#|艾特|圈a|@/i;

/**
 * Finds addresses whose `@` or dots are written out: the match must use a stand-in somewhere
 * (plain addresses are findEmailSpans's), end in a known top-level domain, and have an ASCII local
 * part.
 */
export function findObfuscatedEmailSpans(input: ScanInput): void {
  const { text, out } = input;
  if (!input.scan.emailStandIns || !CUE.test(text)) return;
  PATTERN.lastIndex = 0;
  for (let match = PATTERN.exec(text); match !== null; match = PATTERN.exec(text)) {
    const written = match[0];
    const plain = match[1] === '@' && /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$/.test(written);
    if (!plain) out.push({ kind: 'email', start: match.index, end: match.index + written.length });
  }
}
