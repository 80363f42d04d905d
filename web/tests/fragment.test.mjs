// The fragment format (#p=<base64url of the presentation JSON>): encoding
// round-trips through decoding and the library for every shipped
// presentation, bad fragments are refused with a reason, and the lengths
// are reported (typical and largest) for the worked cases and for the
// presentations the FHIR fixtures map to (what a CDS card link carries).
import assert from "node:assert/strict";
import { test } from "node:test";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import * as pt from "prolo-triage";
import { decodeFragment, encodePresentation, FragmentError } from "../src/fragment.js";

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
