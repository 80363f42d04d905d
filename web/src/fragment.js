// The URL fragment that opens the app on a presentation:
//
//   index.html#p=<base64url of the presentation's JSON text (UTF-8)>
//
// base64url is RFC 4648 §5 (`-` and `_` for `+` and `/`), padding optional.
// A fragment never reaches a server: the presentation stays in the browser.
// It holds the presentation only (the wire format of docs/wire-format.md),
// never a name or an identifier.

/** The fragment for a presentation (object or JSON text). */
export function encodePresentation(presentation) {
  const text = typeof presentation === "string" ? presentation : JSON.stringify(presentation);
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return "#p=" + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Why a fragment could not be read: `field` names what was wrong. */
export class FragmentError extends Error {
  constructor(field, message) {
    super(message);
    this.name = "FragmentError";
    this.field = field;
  }
}

/**
 * The presentation's JSON text in a location hash, or null when the hash
 * holds no `p=`. Throws a FragmentError when it is not base64url, not
 * UTF-8 or not JSON (the library then checks the presentation itself).
 */
export function decodeFragment(hash) {
  const fragment = hash.startsWith("#") ? hash.slice(1) : hash;
  if (fragment === "") return null;
  const params = new URLSearchParams(fragment.replace(/\+/g, "%2B"));
  if (!params.has("p")) return null;
  const value = params.get("p");
  if (value === "") throw new FragmentError("p", "The link's presentation (#p=) is empty.");
  const bad = value.search(/[^A-Za-z0-9_=-]/);
  if (bad >= 0) {
    throw new FragmentError(
      "p",
      `The link's presentation (#p=…) is not base64url: character ${JSON.stringify(value[bad])} at position ${bad + 1}.`,
    );
  }
  const unpadded = value.replace(/=+$/, "");
  if (unpadded.length % 4 === 1 || /=/.test(unpadded)) {
    throw new FragmentError("p", "The link's presentation (#p=…) is not base64url: its length or padding is wrong.");
  }
  let binary;
  try {
    binary = atob(unpadded.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    throw new FragmentError("p", "The link's presentation (#p=…) is not base64url.");
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new FragmentError("p", "The link's presentation (#p=…) decodes to bytes that are not UTF-8 text.");
  }
  try {
    JSON.parse(text);
  } catch (e) {
    throw new FragmentError("p", `The link's presentation (#p=…) is not JSON: ${e.message}.`);
  }
  return text;
}
