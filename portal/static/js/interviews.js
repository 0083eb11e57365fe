// Interview entry: the story textarea follows the chosen language's writing direction, and the
// texts are saved as a draft while typing (debounced, and when leaving a field).
// Progressive enhancement: the server sets lang/dir too, and without this file the
// "Bewaar als concept" button saves.

import { autosave } from "./autosave.js";

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
  const say = (text) => {
    status.textContent = text;
  };
  autosave(form, {
    delay: DELAY,
    saveOnLeave: true,
    // A new interview becomes a draft only once something was typed.
    hasContent: () => TEXTS.some((name) => (form.elements[name]?.value || "").trim() !== ""),
    payload: () => {
      const data = new FormData();
      for (const [name, value] of new FormData(form)) {
        if (SAVED.has(name) || name === "csrf_token") data.append(name, value);
      }
      return data;
    },
    watched: (event) => SAVED.has(event.target.name),
    draftUrl: (json) => json.edit_url,
    saving: () => say(status.dataset.saving),
    answered: ({ saved, json }) => {
      if (saved || json?.message) {
        say(json.message); // saved at …, or not saved: no consent, a text too long, …
      } else {
        say(status.dataset.expired);
      }
    },
    offline: () => say(status.dataset.offline),
  });
}
