// Live following of a team session: poll the small JSON state (304 while nothing changed) and,
// when it changed, fetch the page again and swap the live region. A form someone is typing in is
// never replaced: a notice with a link to the new state is shown instead; nor is a form the server
// refused (its text came back with the error). The page is fetched from its own address, not from
// the window's, which after a refused form is the address the form was posted to. Without
// JavaScript a plain reload shows the same.
const live = document.getElementById("session-live");
const banner = document.getElementById("session-banner");
const announce = document.getElementById("session-announce");
const INTERVAL_MS = 2000;

if (live && live.dataset.stateUrl) {
  let etag = null;
  let dirty = live.querySelector("form[data-live-form] [aria-invalid='true']") !== null;
  const pageUrl = live.dataset.pageUrl || window.location.pathname;

  const watchForms = () => {
    for (const form of live.querySelectorAll("form[data-live-form]")) {
      form.addEventListener("input", () => { dirty = true; });
      form.addEventListener("change", () => { dirty = true; });
      form.addEventListener("submit", () => { dirty = false; });
    }
  };

  const refresh = async () => {
    const response = await fetch(pageUrl, { credentials: "same-origin" });
    if (!response.ok) return;
    const html = await response.text();
    const doc = new DOMParser().parseFromString(html, "text/html");
    const fresh = doc.getElementById("session-live");
    if (!fresh) return;
    if (dirty) {
      banner.textContent = banner.dataset.message || "";
      const link = document.createElement("a");
      link.href = pageUrl;
      link.textContent = banner.dataset.link || "";
      banner.append(" ", link);
      banner.hidden = false;
      return;
    }
    live.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)));
    banner.hidden = true;
    // tell screen reader users where the session is now (the first heading of the live region)
    const heading = live.querySelector("h2");
    if (announce && heading) announce.textContent = heading.textContent.trim();
    watchForms();
    live.dispatchEvent(new CustomEvent("session:updated", { bubbles: true }));
  };

  const poll = async () => {
    try {
      const headers = etag ? { "If-None-Match": etag } : {};
      const response = await fetch(live.dataset.stateUrl, { headers, credentials: "same-origin", cache: "no-store" });
      if (response.status === 200) {
        const next = response.headers.get("ETag");
        const state = await response.json();
        if (etag !== null && next !== etag) await refresh();
        etag = next;
        if (state.status === "closed") return; // a closed session no longer changes
      }
    } catch (error) {
      // offline for a moment: try again at the next tick
    }
    window.setTimeout(poll, INTERVAL_MS);
  };

  watchForms();
  poll();
}
