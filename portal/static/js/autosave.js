// Autosave for the writing forms (stories and interviews), one module for both. It posts the
// form while the person types and, above all, holds a submit back while a save is under way:
// the first save creates the draft, and a submit sent before its answer would create a second.
// Once a save created the draft, the page edits that draft (the form's action and the address
// follow), so the held submit goes to it. Progressive enhancement: the forms work without it.

const RETRY_AFTER = 15000;

// POST the fields with the page's CSRF token and read the JSON answer. A login page or an
// expired token comes back as something other than JSON; then `json` is null.
export async function postDraft(url, body, csrfToken) {
  const response = await fetch(url, {
    method: "POST",
    body,
    headers: { "X-CSRFToken": csrfToken, Accept: "application/json" },
    credentials: "same-origin",
    redirect: "manual",
  });
  const json = response.headers.get("content-type")?.includes("json")
    ? await response.json()
    : null;
  return { saved: response.ok && json?.status === "saved", json };
}

// Save `form` (its data-autosave-url) while the person types. Options:
//   payload()       the FormData to send;
//   hasContent()    whether a form that is not a draft yet has anything worth keeping;
//   watched(event)  whether an input or change event should lead to a save (default: all);
//   draftUrl(json)  the address of the new draft, from the answer that created it;
//   saving()        called when a save starts; answered({saved, json}) when it ends;
//   offline()       called when the server could not be reached (tried again later);
//   delay           milliseconds of quiet before saving;
//   saveOnLeave     also save at once when the person leaves a watched field.
export function autosave(form, options) {
  const { payload, hasContent, draftUrl, saving: onSaving, answered, offline } = options;
  const watched = options.watched || (() => true);
  const delay = options.delay || 1500;
  const csrf = form.querySelector("input[name=csrf_token]");
  let timer = null;
  let busy = false;
  let dirty = false;
  let heldSubmit = null; // { submitter } while a submit waits for the save under way

  const worthSaving = () => Boolean(form.dataset.draftId) || hasContent();

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  };

  const followDraft = (json) => {
    if (form.dataset.autosaveUrl === json.autosave_url) return;
    form.dataset.autosaveUrl = json.autosave_url;
    form.dataset.draftId = String(json.id);
    form.action = draftUrl(json);
    history.replaceState(null, "", form.action);
  };

  async function save() {
    clearTimeout(timer);
    timer = null;
    if (busy) {
      dirty = true;
      return;
    }
    if (!worthSaving()) return;
    busy = true;
    dirty = false;
    onSaving?.();
    try {
      const answer = await postDraft(form.dataset.autosaveUrl, payload(), csrf.value);
      if (answer.saved) followDraft(answer.json);
      answered(answer);
    } catch {
      offline?.();
      setTimeout(schedule, RETRY_AFTER);
    } finally {
      busy = false;
      if (heldSubmit) {
        const { submitter } = heldSubmit;
        heldSubmit = null;
        form.requestSubmit(submitter);
      } else if (dirty) {
        schedule();
      }
    }
  }

  const onEdit = (event) => {
    if (watched(event)) schedule();
  };
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  if (options.saveOnLeave) {
    form.addEventListener("focusout", (event) => {
      if (watched(event) && timer !== null) save();
    });
  }
  form.addEventListener("submit", (event) => {
    clearTimeout(timer);
    timer = null;
    if (busy) {
      event.preventDefault();
      heldSubmit = { submitter: event.submitter || null };
    }
  });
  // Leaving the page with a save still waiting: send it anyway (the answer is not awaited).
  window.addEventListener("pagehide", () => {
    if (timer === null || busy || !worthSaving()) return;
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
  return { save, schedule };
}
