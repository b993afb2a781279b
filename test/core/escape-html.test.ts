// The one HTML escaper (report and console): every character that can end text or an attribute.
import { expect } from 'chai';
import { escapeHtml } from '../../src/core/escape-html.js';

describe('core/escape-html', () => {
  const cases = [
    { desc: 'markup', input: '<script>x</script>', want: '&lt;script&gt;x&lt;/script&gt;' },
    { desc: 'ampersand first', input: '&lt;', want: '&amp;lt;' },
    { desc: 'both quotes', input: `"a" 'b'`, want: '&quot;a&quot; &#39;b&#39;' },
    { desc: 'the backtick', input: '`x`', want: '&#96;x&#96;' },
    { desc: 'plain and CJK text unchanged', input: '张三 k=5', want: '张三 k=5' },
  ];
  for (const { desc, input, want } of cases) {
    it(desc, () => expect(escapeHtml(input)).to.equal(want));
  }
});
