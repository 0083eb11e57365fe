// Writing a story: autosave while typing (debounced), live preview, character count.
// Progressive enhancement: the form works without this file.

import { postDraft } from "./autosave.js";

const form = document.getElementById("story-form");

if (form) {
  const status = document.getElementById("autosave-status");
  const preview = document.getElementById("preview");
  const body = form.querySelector("#body_md");
  const count = document.getElementById("body_md-count");
  const csrf = form.querySelector("input[name=csrf_token]");
  // Messages come from the page (translated on the server): data-msg-* with {placeholders}.
  const msg = (name, values = {}) =>
    (form.dataset[`msg${name[0].toUpperCase()}${name.slice(1)}`] || "").replace(
      /\{(\w+)\}/g,
      (_match, key) => values[key] ?? "",
    );
  const locale = document.documentElement.lang === "en" ? "en-GB" : "nl-NL";
  let timer = null;
  let previewTimer = null;
  let saving = false;
  let dirty = false;

  const say = (text) => {
    if (status) status.textContent = text;
  };

  const updateCount = () => {
    if (!count || !body) return;
    const max = Number(count.dataset.max || 20000);
    count.textContent = msg("count", {
      count: body.value.length.toLocaleString(locale),
      max: max.toLocaleString(locale),
    });
    count.classList.toggle("char-count--over", body.value.length > max);
  };

  const refreshPreview = async () => {
    if (!preview || !body) return;
    const data = new FormData();
    data.append("body_md", body.value);
    try {
      const response = await fetch(form.dataset.previewUrl, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrf.value, Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok && response.headers.get("content-type")?.includes("json")) {
        // The server renders and sanitises the Markdown (the same function as the story page).
        preview.innerHTML = (await response.json()).html;
      }
    } catch {
      /* the preview catches up after the next save */
    }
  };

  const save = async () => {
    if (saving) {
      dirty = true;
      return;
    }
    saving = true;
    dirty = false;
    say(msg("saving"));
    const data = new FormData(form);
    data.delete("go");
    try {
      const { saved, json } = await postDraft(form.dataset.autosaveUrl, data, csrf.value);
      if (saved) {
        if (form.dataset.autosaveUrl !== json.autosave_url) {
          form.dataset.autosaveUrl = json.autosave_url;
          form.action = json.write_url;
          history.replaceState(null, "", json.write_url);
        }
        const time = new Date(json.saved_at).toLocaleTimeString(locale, {
          hour: "2-digit",
          minute: "2-digit",
        });
        say(msg("saved", { time }));
      } else if (json?.status === "invalid") {
        say(`${msg("invalid")} ${json.errors.join(" ")}`);
      } else {
        // The text stays in the form; it is not copied to the browser's storage, which may be
        // a shared computer's.
        say(msg("expired"));
      }
    } catch {
      say(msg("offline"));
      setTimeout(schedule, 15000);
    } finally {
      saving = false;
      if (dirty) schedule();
    }
  };

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  }

  form.addEventListener("input", (event) => {
    if (event.target === body) {
      updateCount();
      clearTimeout(previewTimer);
      previewTimer = setTimeout(refreshPreview, 400);
    }
    schedule();
  });
  updateCount();
}
