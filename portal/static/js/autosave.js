// The request both autosaving forms make (stories and interviews): POST the fields with the
// page's CSRF token and read the JSON answer. A login page or an expired token comes back as
// something other than JSON; then `json` is null and the caller says the text was not saved.

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
