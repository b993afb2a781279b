// Files a leak incident: streams the chosen copy to the console's file route (the listing and the
// description in headers, the CSRF token too), then opens the incident; a refusal is shown under
// each field it concerns, in the page's language (the server words it).
for (const panel of document.querySelectorAll('[data-incident-file-panel]')) {
  const form = panel.querySelector('[data-incident-file-form]');
  const status = panel.querySelector('[data-incident-file-status]');
  const clearErrors = () => {
    for (const old of form.querySelectorAll('[data-field-error]')) old.remove();
    for (const control of form.querySelectorAll('[aria-invalid]')) {
      control.removeAttribute('aria-invalid');
      const ids = (control.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((id) => id && !id.endsWith('-error'));
      if (ids.length > 0) control.setAttribute('aria-describedby', ids.join(' '));
      else control.removeAttribute('aria-describedby');
    }
  };
  const showError = (name, messages) => {
    const control = form.querySelector(`[name="${name}"]`);
    if (!control) return;
    const note = document.createElement('p');
    note.id = `${control.id}-error`;
    note.className = 'field-error';
    note.dataset.fieldError = name;
    note.textContent = messages.join(' ');
    const hint = form.querySelector(`#${control.id}-hint`);
    (hint ?? control).after(note);
    control.setAttribute('aria-invalid', 'true');
    const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    control.setAttribute('aria-describedby', [...ids, note.id].join(' '));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors();
    const file = form.querySelector('input[type=file]').files[0];
    const request = new window.XMLHttpRequest();
    request.open('POST', '/console/incidents/file');
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.setRequestHeader('X-CSRF-Token', panel.dataset.csrf);
    request.setRequestHeader('X-Listing-Id', encodeURIComponent(form.elements.listingId.value));
    request.setRequestHeader('X-Description', encodeURIComponent(form.elements.description.value));
    request.setRequestHeader('X-Filename', encodeURIComponent(file ? file.name : ''));
    status.textContent = panel.querySelector('[data-uploading]')?.dataset.uploading ?? '';
    status.dataset.state = 'sending';
    request.addEventListener('load', () => {
      let answer = {};
      try {
        answer = JSON.parse(request.responseText);
      } catch {
        answer = { summary: `HTTP ${request.status}` };
      }
      if (request.status === 201 && answer.location) {
        window.location.assign(answer.location);
        return;
      }
      for (const [name, messages] of Object.entries(answer.fields ?? {})) showError(name, messages);
      status.textContent = answer.summary ?? `HTTP ${request.status}`;
      status.dataset.state = 'failed';
    });
    request.send(file ?? new window.Blob([]));
  });
}
