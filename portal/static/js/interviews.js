// Interview entry: the story textarea follows the chosen language's writing direction, and the
// texts are saved as a draft while typing (debounced, and when leaving a field).
// Progressive enhancement: the server sets lang/dir too, and without this file the
// "Bewaar als concept" button saves.

import { postDraft } from "./autosave.js";

// Right-to-left scripts; Tigrinya and Amharic (Ge'ez script) run left to right.
const RTL = new Set(["ar", "fa", "ps", "he", "ur"]);

for (const select of document.querySelectorAll("select[data-direction-source]")) {
  const target = document.getElementById(select.dataset.directionSource);
  if (!target) continue;
  select.addEventListener("change", () => {
    const lang = select.value || "nl";
    target.lang = lang;
    target.dir = RTL.has(lang.split("-")[0]) ? "rtl" : "ltr";
  });
}

// The fields the automatic save keeps (signifier answers are saved with the buttons).
const SAVED = new Set([
  "respondent_id",
  "title",
  "experienced_on",
  "language",
  "body_md",
  "translation_nl",
  "translated_by",
  "facilitator_note",
]);
const TEXTS = ["title", "body_md", "translation_nl", "translated_by", "facilitator_note"];
const DELAY = 1500;

const form = document.getElementById("interview-form");
const status = document.getElementById("autosave-status");

if (form?.dataset.autosaveUrl && status) {
  const csrf = form.querySelector("input[name=csrf_token]");
  let timer = null;
  let saving = false;
  let dirty = false;
  let deferredSubmit = null;

  const say = (text) => {
    status.textContent = text;
  };

  const hasText = () => TEXTS.some((name) => (form.elements[name]?.value || "").trim() !== "");

  const payload = () => {
    const data = new FormData();
    for (const [name, value] of new FormData(form)) {
      if (SAVED.has(name) || name === "csrf_token") data.append(name, value);
    }
    return data;
  };

  const save = async () => {
    clearTimeout(timer);
    timer = null;
    if (saving) {
      dirty = true;
      return;
    }
    // A new interview becomes a draft only once something was typed.
    if (!form.dataset.draftId && !hasText()) return;
    saving = true;
    dirty = false;
    say(status.dataset.saving);
    try {
      const { saved, json } = await postDraft(form.dataset.autosaveUrl, payload(), csrf.value);
      if (saved) {
        if (form.dataset.autosaveUrl !== json.autosave_url) {
          // From now on this page edits the draft: a later submit must not create a second one.
          form.dataset.autosaveUrl = json.autosave_url;
          form.dataset.draftId = String(json.id);
          form.action = json.edit_url;
          history.replaceState(null, "", json.edit_url);
        }
        say(json.message);
      } else if (json?.message) {
        say(json.message); // not saved: no consent, a text too long, …
      } else {
        say(status.dataset.expired);
      }
    } catch {
      say(status.dataset.offline);
      setTimeout(schedule, 15000);
    } finally {
      saving = false;
      if (deferredSubmit) {
        const submitter = deferredSubmit;
        deferredSubmit = null;
        form.requestSubmit(submitter);
      } else if (dirty) {
        schedule();
      }
    }
  };

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  const watched = (event) => SAVED.has(event.target.name);

  form.addEventListener("input", (event) => {
    if (watched(event)) schedule();
  });
  form.addEventListener("change", (event) => {
    if (watched(event)) schedule();
  });
  form.addEventListener("focusout", (event) => {
    if (watched(event) && timer !== null) save();
  });
  // Leaving the page with a save still waiting: send it anyway (the answer is not awaited).
  window.addEventListener("pagehide", () => {
    if (timer === null || saving || (!form.dataset.draftId && !hasText())) return;
    clearTimeout(timer);
    timer = null;
    fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: payload(),
      headers: { "X-CSRFToken": csrf.value, Accept: "application/json" },
      credentials: "same-origin",
      keepalive: true,
    }).catch(() => {});
  });
  form.addEventListener("submit", (event) => {
    clearTimeout(timer);
    timer = null;
    if (saving) {
      // Wait for the save under way (it may be creating the draft), then send the form to it.
      event.preventDefault();
      deferredSubmit = event.submitter || null;
    }
  });
}
