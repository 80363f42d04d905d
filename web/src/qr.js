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
 * The QR code of `text` as a PNG data: URL (error correction M: a phone
 * reads it off a cracked or glaring screen; the margin is the 4 modules the
 * standard asks for).
 */
export function qrDataUrl(text) {
  return QRCode.toDataURL(text, { errorCorrectionLevel: "M", margin: 4, scale: 6, color: { dark: "#000000", light: "#ffffff" } });
}
