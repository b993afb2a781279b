// Follows a running job: polls its progress once a second and reloads the page when it ends.
for (const section of document.querySelectorAll('[data-job-progress]')) {
  const bar = section.querySelector('progress');
  const phase = section.querySelector('[data-phase]');
  const pct = section.querySelector('[data-pct]');
  const poll = async () => {
    try {
      const response = await fetch(`/console/jobs/${section.dataset.jobId}/progress.json`, {
        credentials: 'same-origin',
      });
      if (response.ok) {
        const progress = await response.json();
        bar.value = progress.pct;
        // The status follows the progress: a job loading at 5 % reads 运行中, not 排队中.
        const state = document.querySelector('[data-job-state]');
        if (state && progress.stateText && !progress.done) {
          state.textContent = progress.stateText;
          state.dataset.jobState = progress.state;
        }
        phase.textContent = progress.phaseText ?? '';
        pct.textContent = String(progress.pct);
        if (progress.done) {
          window.location.reload();
          return;
        }
      }
    } catch {
      // A missed poll is retried on the next tick.
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 500);
}
