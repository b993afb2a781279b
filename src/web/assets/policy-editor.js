// Loads a chosen .yaml file into the policy editor's text box (the form posts the text itself).
for (const form of document.querySelectorAll('[data-policy-form]')) {
  const file = form.querySelector('[data-policy-file]');
  const text = form.querySelector('textarea[name=yaml]');
  file?.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (chosen && text) text.value = await chosen.text();
  });
}
