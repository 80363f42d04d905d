// The hand-off link and its QR code, made in the page: nothing is sent.
import QRCode from "qrcode";
import { encodeCompressed } from "./fragment.js";

/**
 * The clinician app's address opened on `presentation`: index.html beside
 * this page, with the compressed fragment (`#z=`), so the link works from
 * wherever the intake was served (a laptop on the clinic's network).
 */
export async function clinicianLink(presentation, base = location.href) {
  const url = new URL("index.html", base);
  url.hash = (await encodeCompressed(presentation)).slice(1);
  return url.href;
}

/**
 * The QR code of `text` as a PNG data: URL. Error correction L: the code is
 * read off a screen or a fresh printout, not a worn label, and a full
 * intake's link (about 950 characters) then fits version 22 (105 modules)
 * rather than 25 at M; the margin is the 4 modules the standard asks for.
 */
export function qrDataUrl(text) {
  return QRCode.toDataURL(text, { errorCorrectionLevel: "L", margin: 4, scale: 6, color: { dark: "#000000", light: "#ffffff" } });
}
