// Writing a story: autosave while typing (debounced), live preview, character count.
// Progressive enhancement: the form works without this file.

import { autosave } from "./autosave.js";

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
  let previewTimer = null;

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

  autosave(form, {
    // A new story becomes a draft once it has a title or a beginning (as the server asks).
    hasContent: () => ["title", "body_md"].some((name) => form.elements[name]?.value.trim()),
    payload: () => {
      const data = new FormData(form);
      data.delete("go");
      return data;
    },
    draftUrl: (json) => json.write_url,
    saving: () => say(msg("saving")),
    answered: ({ saved, json }) => {
      if (saved) {
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
    },
    offline: () => say(msg("offline")),
  });

  form.addEventListener("input", (event) => {
    if (event.target === body) {
      updateCount();
      clearTimeout(previewTimer);
      previewTimer = setTimeout(refreshPreview, 400);
    }
  });
  updateCount();
}
