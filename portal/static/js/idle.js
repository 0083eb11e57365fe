// Idle warning (portal/views/idle.py): a few minutes before the session ends for lack of
// activity, show the warning from base.html; "stay logged in" pings the server. Typing or
// clicking on the page does not count by itself: only requests do (autosave sends them).
const box = document.getElementById("idle-warning");
if (box) {
  const minutes = Number(box.dataset.idleMinutes || "30");
  const warnBefore = Math.min(3, Math.max(1, Math.floor(minutes / 5)));
  const stay = document.getElementById("idle-stay");
  let timer = null;

  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      box.hidden = false;
      stay.focus();
    }, (minutes - warnBefore) * 60 * 1000);
  };

  stay.addEventListener("click", async () => {
    const response = await fetch(box.dataset.ping, { credentials: "same-origin" });
    if (response.ok) {
      box.hidden = true;
      schedule();
    } else {
      window.location.reload();
    }
  });

  // Any request the page makes (autosave, polling) keeps the session alive: restart the clock.
  const originalFetch = window.fetch.bind(window);
  window.fetch = (...args) => {
    schedule();
    return originalFetch(...args);
  };
  schedule();
}
