// Writing a story: autosave while typing (debounced), live preview, character count.
// Progressive enhancement: the form works without this file.

const form = document.getElementById("story-form");

if (form) {
  const status = document.getElementById("autosave-status");
  const preview = document.getElementById("preview");
  const body = form.querySelector("#body_md");
  const count = document.getElementById("body_md-count");
  const csrf = form.querySelector("input[name=csrf_token]");
  const messages = {
    nl: {
      saving: "Bezig met bewaren…",
      saved: (t) => `Concept bewaard om ${t}.`,
      expired:
        "Niet bewaard: je sessie is verlopen. Je tekst staat nog hier. Log in een ander tabblad opnieuw in en klik dan op ‘Bewaar als concept’.",
      invalid: "Niet bewaard: ",
      offline: "Niet bewaard: geen verbinding. We proberen het zo opnieuw.",
      count: (n, max) => `${n.toLocaleString("nl-NL")} van ${max.toLocaleString("nl-NL")} tekens`,
    },
    en: {
      saving: "Saving…",
      saved: (t) => `Draft saved at ${t}.`,
      expired:
        "Not saved: your session has expired. Your text is still here. Log in again in another tab, then press ‘Save as draft’.",
      invalid: "Not saved: ",
      offline: "Not saved: no connection. We will try again shortly.",
      count: (n, max) => `${n.toLocaleString("en-GB")} of ${max.toLocaleString("en-GB")} characters`,
    },
  };
  const lang = document.documentElement.lang === "en" ? "en" : "nl";
  const t = messages[lang];
  const backupKey = `story-backup:${location.pathname}`;
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
    count.textContent = t.count(body.value.length, max);
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
    say(t.saving);
    const data = new FormData(form);
    data.delete("go");
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrf.value, Accept: "application/json" },
        credentials: "same-origin",
        redirect: "manual",
      });
      const json = response.headers.get("content-type")?.includes("json")
        ? await response.json()
        : null;
      if (response.ok && json?.status === "saved") {
        if (form.dataset.autosaveUrl !== json.autosave_url) {
          form.dataset.autosaveUrl = json.autosave_url;
          form.action = json.write_url;
          history.replaceState(null, "", json.write_url);
        }
        localStorage.removeItem(backupKey);
        const time = new Date(json.saved_at).toLocaleTimeString(lang === "en" ? "en-GB" : "nl-NL", {
          hour: "2-digit",
          minute: "2-digit",
        });
        say(t.saved(time));
      } else if (json?.status === "invalid") {
        say(t.invalid + json.errors.join(" "));
      } else {
        localStorage.setItem(backupKey, JSON.stringify(Object.fromEntries(data)));
        say(t.expired);
      }
    } catch {
      localStorage.setItem(backupKey, JSON.stringify(Object.fromEntries(data)));
      say(t.offline);
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
