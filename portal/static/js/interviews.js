// Interview entry: the story textarea follows the chosen language's writing direction.
// Progressive enhancement: the server sets lang/dir too.

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
