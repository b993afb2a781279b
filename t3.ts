import { scanText } from './src/core/detect/spans/find-spans.ts';
const values = Array.from({length: 200000}, (_, i) => `MZ20240211${String(i).padStart(5,'0')}`); for (const v of values) v.charCodeAt(3);
for (let r = 0; r < 10; r++) for (const v of values) scanText(v, {}, 0);
