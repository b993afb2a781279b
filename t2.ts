import { decodePercentEncoding, decodeUnicodeEscapes, decodeBase64Token, decodeHexToken } from './src/core/detect/normalize/decode-tokens.ts';
const values = Array.from({length: 200000}, (_, i) => `MZ20240211${String(i).padStart(5,'0')}`); for (const v of values) v.charCodeAt(3);
function bench(name: string, f: (v: string) => void) {
  for (let r = 0; r < 2; r++) { const t = process.cpuUsage(); for (const v of values) f(v); const u = process.cpuUsage(t); if (r) console.log(name, ((u.user+u.system)/values.length*1000).toFixed(0), 'ns'); }
}
bench('pct', (v) => decodePercentEncoding(v));
bench('esc', (v) => decodeUnicodeEscapes(v));
bench('b64', (v) => decodeBase64Token(v, 0, v.length));
bench('hex', (v) => decodeHexToken(v, 0, v.length));
bench('trim', (v) => v.trimStart().charCodeAt(0));
