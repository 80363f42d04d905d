// The two pages' small DOM helpers (the clinician app and the patient's
// intake): building elements, downloading a file made in the page, and
// reading a file served beside it.

/**
 * An element: `props` are attributes (`class`, `text` for the text,
 * `on<event>` for listeners, a non-string value of a DOM property set as
 * the property), then the children (strings become text; null, undefined
 * and false are skipped; arrays are flattened).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

/** Saves `text` as a file named `name` of MIME type `type` (nothing is sent). */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The text of a file served beside the page (the clinic's `policy.json`),
 * or null when there is none or it cannot be fetched.
 */
export async function servedText(name) {
  try {
    const response = await fetch(new URL(name, document.baseURI), { cache: "no-store" });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}
