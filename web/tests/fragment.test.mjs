// The fragment formats (#p=<base64url of the presentation JSON>, and #z=
// the same text raw-DEFLATEd, what the patient intake's QR code carries):
// encoding round-trips through decoding and the library for every shipped
// presentation, bad fragments are refused with a reason, and the lengths
// are reported (typical and largest) for the worked cases and for the
// presentations the FHIR fixtures map to (what a CDS card link carries).
import assert from "node:assert/strict";
import { test } from "node:test";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import * as pt from "prolo-triage";
import { deflateRawSync } from "node:zlib";
import {
  decodeAnyFragment,
  decodeFragment,
  encodeCompressed,
  encodePresentation,
  FragmentError,
  MAX_INFLATED_BYTES,
} from "../src/fragment.js";

const root = resolve(fileURLToPath(import.meta.url), "../../..");

function shipped() {
  const out = [];
  for (const d of [join(root, "examples/data"), resolve(root, "../shared/examples")]) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).filter((f) => /^0\d.*\.json$/.test(f)).sort()) {
      out.push({ name: f, presentation: JSON.parse(readFileSync(join(d, f), "utf8")) });
    }
  }
  const bundles = join(root, "fhir/tests/fixtures/bundles");
  for (const f of readdirSync(bundles).sort()) {
    const text = readFileSync(join(bundles, f), "utf8");
    const mapped = (f.startsWith("prefetch") ? pt.mapPrefetch : pt.mapBundle)(text, { asOf: "2026-11-26" });
    out.push({ name: `fhir ${f}`, presentation: mapped.presentation });
  }
  return out;
}

test("every shipped presentation round-trips through its fragment; lengths reported", (t) => {
  const lengths = [];
  for (const { name, presentation } of shipped()) {
    // What the CDS service would put in a link: the library's compact JSON.
    const compact = JSON.stringify(presentation);
    const fragment = encodePresentation(compact);
    assert.match(fragment, /^#p=[A-Za-z0-9_-]+$/);
    const text = decodeFragment(fragment);
    assert.equal(text, compact);
    assert.deepEqual(pt.assess(text), pt.assess(presentation), name);
    lengths.push([fragment.length, name]);
  }
  // Everything known: every finding, every list entry.
  const v = pt.vocabulary();
  const full = {
    age_years: 130, sex: "female", conditions: v.conditions.map((c) => c.name), side: "both",
    symptom_weeks: 520, conservative_care_weeks: 520, conservative_care: v.conservative_care, pain_score: 10,
    findings: Object.fromEntries(v.findings.map((f) => [f.name, "absent"])),
    medications: v.medications.map((m) => m.name), allergies: v.allergies.map((a) => a.name),
  };
  const largestPossible = encodePresentation(pt.applyAnswer(full, "fever", "no")).length;
  lengths.sort((a, b) => a[0] - b[0]);
  const median = lengths[lengths.length >> 1][0];
  t.diagnostic(`fragment length (characters of "#p=…"): median ${median}, largest shipped ${lengths.at(-1)[0]} (${lengths.at(-1)[1]}), smallest ${lengths[0][0]} (${lengths[0][1]}), every field known ${largestPossible}`);
  // Browsers and EHR link fields take far more; 4 KB keeps clear of the
  // smallest common limits (proxies, log lines).
  assert.ok(largestPossible < 4096, `${largestPossible} characters`);
});

test("bad fragments are refused with a reason; no p= is a new intake", () => {
  assert.equal(decodeFragment(""), null);
  assert.equal(decodeFragment("#"), null);
  assert.equal(decodeFragment("#other=1"), null);
  for (const [hash, reason] of [
    ["#p=", /empty/],
    ["#p=ab+c", /not base64url/],
    ["#p=abcde", /length or padding/],
    ["#p=" + Buffer.from("nope").toString("base64url"), /not JSON/],
    ["#p=" + Buffer.from([0xc3, 0x28]).toString("base64url"), /not UTF-8/],
  ]) {
    assert.throws(() => decodeFragment(hash), (e) => e instanceof FragmentError && e.field === "p" && reason.test(e.message), hash);
  }
  // Padding is optional.
  assert.equal(decodeFragment("#p=" + Buffer.from("{}").toString("base64")), "{}");
});

test("every shipped presentation round-trips through the compressed fragment (#z=), shorter than #p=", async (t) => {
  const ratios = [];
  for (const { name, presentation } of shipped()) {
    const compact = JSON.stringify(presentation);
    const z = await encodeCompressed(compact);
    assert.match(z, /^#z=[A-Za-z0-9_-]+$/);
    assert.equal(await decodeAnyFragment(z), compact, name);
    // The plain form reads the same through the asynchronous reader.
    assert.equal(await decodeAnyFragment(encodePresentation(compact)), compact, name);
    // Node's zlib reads what the browser's CompressionStream wrote: RFC 1951.
    assert.equal(
      (await decodeAnyFragment("#z=" + deflateRawSync(Buffer.from(compact)).toString("base64url"))),
      compact,
      name,
    );
    const p = encodePresentation(compact).length;
    if (compact.length > 200) assert.ok(z.length < p, `${name}: #z= ${z.length} not shorter than #p= ${p}`);
    ratios.push(z.length / p);
  }
  ratios.sort((a, b) => a - b);
  t.diagnostic(`#z= length as a share of #p=: median ${ratios[ratios.length >> 1].toFixed(2)}, worst ${ratios.at(-1).toFixed(2)}`);
  // The synchronous reader leaves #z= to the asynchronous one.
  assert.equal(decodeFragment(await encodeCompressed("{}")), null);
});

test("bad compressed fragments are refused with a reason naming z", async () => {
  const refused = async (hash, reason) =>
    assert.rejects(decodeAnyFragment(hash), (e) => e instanceof FragmentError && e.field === "z" && reason.test(e.message), hash);
  await refused("#z=", /empty/);
  await refused("#z=ab+c", /not base64url/);
  await refused("#z=" + Buffer.from("not deflate at all").toString("base64url"), /not compressed data/);
  await refused("#z=" + deflateRawSync(Buffer.from("nope")).toString("base64url"), /not JSON/);
  // A few hundred bytes that inflate past the limit are stopped, not inflated.
  const bomb = deflateRawSync(Buffer.alloc(MAX_INFLATED_BYTES * 4, 0x20));
  assert.ok(bomb.length < 2048, `${bomb.length}`);
  await refused("#z=" + bomb.toString("base64url"), /inflates to more than/);
});
