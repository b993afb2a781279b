// Streams a chosen file to the console's upload route with a progress bar (XHR reports upload
// progress; fetch does not), carrying the session's CSRF token in a header.
for (const panel of document.querySelectorAll('[data-upload-panel]')) {
  const form = panel.querySelector('[data-upload-form]');
  const progress = panel.querySelector('[data-upload-progress]');
  const status = panel.querySelector('[data-upload-status]');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = form.querySelector('input[type=file]').files[0];
    if (!file) return;
    const request = new window.XMLHttpRequest();
    request.open('POST', `/console/datasets/${panel.dataset.datasetId}/upload`);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.setRequestHeader('X-CSRF-Token', panel.dataset.csrf);
    request.setRequestHeader('X-Filename', encodeURIComponent(file.name));
    progress.hidden = false;
    request.upload.addEventListener('progress', (update) => {
      if (update.lengthComputable)
        progress.value = Math.round((100 * update.loaded) / update.total);
    });
    request.addEventListener('load', () => {
      if (request.status === 201) {
        window.location.reload();
        return;
      }
      status.textContent = `HTTP ${request.status}: ${request.responseText.slice(0, 500)}`;
      status.dataset.state = 'failed';
    });
    request.send(file);
  });
}
