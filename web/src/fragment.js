// The URL fragment that opens the app on a presentation, in two forms:
//
//   index.html#p=<base64url of the presentation's JSON text (UTF-8)>
//   index.html#z=<base64url of that text compressed with raw DEFLATE>
//
// base64url is RFC 4648 §5 (`-` and `_` for `+` and `/`), padding optional.
// `#z=` (RFC 1951, the browser's CompressionStream("deflate-raw")) is what
// the patient intake's QR code carries: about a third of the characters, so
// a smaller code that a phone's camera reads at arm's length.
// A fragment never reaches a server: the presentation stays in the browser.
// It holds the presentation only (the wire format of docs/wire-format.md),
// never a name or an identifier.

/** The fragment for a presentation (object or JSON text). */
export function encodePresentation(presentation) {
  return "#p=" + base64url(new TextEncoder().encode(jsonText(presentation)));
}

/** The compressed fragment (`#z=`) for a presentation (object or JSON text). */
export async function encodeCompressed(presentation) {
  const bytes = new TextEncoder().encode(jsonText(presentation));
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return "#z=" + base64url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

const jsonText = (presentation) => (typeof presentation === "string" ? presentation : JSON.stringify(presentation));

function base64url(bytes) {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A presentation is a few kilobytes: more than this is not one (and a small `#z=` could inflate to gigabytes). */
export const MAX_INFLATED_BYTES = 256 * 1024;

/** Why a fragment could not be read: `field` names what was wrong. */
export class FragmentError extends Error {
  constructor(field, message) {
    super(message);
    this.name = "FragmentError";
    this.field = field;
  }
}

/** The `p=` or `z=` value of a location hash, or null when it holds neither. */
function fragmentValue(hash) {
  const fragment = hash.startsWith("#") ? hash.slice(1) : hash;
  if (fragment === "") return null;
  const params = new URLSearchParams(fragment.replace(/\+/g, "%2B"));
  for (const key of ["p", "z"]) {
    if (params.has(key)) return { key, value: params.get(key) };
  }
  return null;
}

function bytesOf({ key, value }) {
  const what = `The link's presentation (#${key}=…)`;
  if (value === "") throw new FragmentError(key, `The link's presentation (#${key}=) is empty.`);
  const bad = value.search(/[^A-Za-z0-9_=-]/);
  if (bad >= 0) {
    throw new FragmentError(key, `${what} is not base64url: character ${JSON.stringify(value[bad])} at position ${bad + 1}.`);
  }
  const unpadded = value.replace(/=+$/, "");
  if (unpadded.length % 4 === 1 || /=/.test(unpadded)) {
    throw new FragmentError(key, `${what} is not base64url: its length or padding is wrong.`);
  }
  let binary;
  try {
    binary = atob(unpadded.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    throw new FragmentError(key, `${what} is not base64url.`);
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function jsonOf(key, bytes) {
  const what = `The link's presentation (#${key}=…)`;
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new FragmentError(key, `${what} decodes to bytes that are not UTF-8 text.`);
  }
  try {
    JSON.parse(text);
  } catch (e) {
    throw new FragmentError(key, `${what} is not JSON: ${e.message}.`);
  }
  return text;
}

/**
 * The presentation's JSON text in a location hash's `p=`, or null when the
 * hash holds no `p=`. Throws a FragmentError when it is not base64url, not
 * UTF-8 or not JSON (the library then checks the presentation itself).
 * Synchronous: `#z=` needs `decodeAnyFragment`.
 */
export function decodeFragment(hash) {
  const found = fragmentValue(hash);
  if (found === null || found.key !== "p") return null;
  return jsonOf("p", bytesOf(found));
}

/**
 * The presentation's JSON text in either form (`p=` or `z=`), or null when
 * the hash holds neither. Throws a FragmentError naming the key as
 * `decodeFragment` does, and for a `z=` that is not raw DEFLATE or inflates
 * past MAX_INFLATED_BYTES.
 */
export async function decodeAnyFragment(hash) {
  const found = fragmentValue(hash);
  if (found === null) return null;
  if (found.key === "p") return jsonOf("p", bytesOf(found));
  const bytes = bytesOf(found);
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_INFLATED_BYTES) {
        await reader.cancel();
        throw new FragmentError("z", `The link's presentation (#z=…) inflates to more than ${MAX_INFLATED_BYTES} bytes: not a presentation.`);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof FragmentError) throw e;
    throw new FragmentError("z", "The link's presentation (#z=…) is not compressed data (raw DEFLATE).");
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return jsonOf("z", out);
}
