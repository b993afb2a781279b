// Wires every receipt panel's "verify" button to the in-browser check (ledger-verify.js).
import { verifyReceipt } from './ledger-verify.js';

async function exchangeCertificate() {
  const response = await fetch('/api/v1/ledger/certificate', { credentials: 'omit' });
  if (!response.ok) throw new Error(`certificate: HTTP ${response.status}`);
  return response.text();
}

function show(target, ok, lines) {
  target.replaceChildren();
  const box = document.createElement('div');
  box.className = ok ? 'notice notice-ok' : 'notice notice-error';
  for (const line of lines) {
    const paragraph = document.createElement('p');
    paragraph.textContent = line;
    box.append(paragraph);
  }
  target.append(box);
}

for (const panel of document.querySelectorAll('[data-receipt-panel]')) {
  const button = panel.querySelector('[data-verify-receipt]');
  const result = panel.querySelector('[data-verify-result]');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const source = panel.querySelector('[data-receipt-json]');
      const receipt = JSON.parse(source.tagName === 'TEXTAREA' ? source.value : source.textContent);
      const check = await verifyReceipt(receipt, await exchangeCertificate());
      show(result, true, [
        button.dataset.ok,
        `leaf ${check.leafIndex} / tree ${check.treeSize} · ${check.origin}`,
        `root ${check.rootHashHex}`,
        `signed by ${check.signer}`,
      ]);
      result.dataset.state = 'verified';
    } catch (error) {
      show(result, false, [button.dataset.failed, `${error.step ?? 'error'}: ${error.message}`]);
      result.dataset.state = 'failed';
    } finally {
      button.disabled = false;
    }
  });
}
