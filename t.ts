import { normalizeText } from './src/core/detect/normalize/normalize-text.ts';
import { scanText } from './src/core/detect/spans/find-spans.ts';
import { findDigitSpans } from './src/core/detect/spans/digit-spans.ts';
import { findTokenSpans } from './src/core/detect/spans/token-spans.ts';
import { findLabelledSpans } from './src/core/detect/spans/labelled-spans.ts';
import { findNameSpans } from './src/core/detect/spans/name-spans.ts';
import { findAddressSpans } from './src/core/detect/spans/address-spans.ts';
import { findEncodedSpans } from './src/core/detect/spans/encoded-spans.ts';
const values = Array.from({length: 200000}, (_, i) => `MZ20240211${String(i).padStart(5,'0')}`); for (const v of values) v.charCodeAt(3);
function bench(name: string, f: (v: string) => void) {
  for (let r = 0; r < 2; r++) { const t = process.cpuUsage(); for (const v of values) f(v); const u = process.cpuUsage(t); if (r) console.log(name, ((u.user+u.system)/values.length*1000).toFixed(0), 'ns'); }
}
const mk = (text: string) => ({ text, todayYmd: 99991231, context: '', out: [] as any[] });
bench('normalize', (v) => normalizeText(v));
bench('scanText', (v) => scanText(v, {}, 0));
bench('digits', (v) => findDigitSpans(mk(v)));
bench('tokens', (v) => findTokenSpans(mk(v)));
bench('labelled', (v) => findLabelledSpans(mk(v)));
bench('names', (v) => findNameSpans(mk(v)));
bench('encoded', (v) => findEncodedSpans(mk(v), () => []));
