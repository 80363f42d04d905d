// The FHIR fixture Bundles give what `fhir-triage --json` prints; the
// screening Questionnaire is the shipped one; a QuestionnaireResponse the
// package writes maps back to the same facts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import * as pt from "../pkg/node.js";
import { root, run, workedCases } from "./native.mjs";

const fixtures = join(root, "fhir/tests/fixtures");
const asOf = "2026-11-26";

// The cases of fhir/ci.sh: file and fhir-triage options.
const bundles = [
  ["bundles/plantar-fasciitis-screened.json", []],
  ["bundles/plantar-fasciitis-screened.json", ["--medications-complete", "--allergies-complete"]],
  ["bundles/plantar-fasciitis-fever-f202.json", []],
  ["bundles/plantar-fasciitis-warfarin.json", []],
  ["bundles/plantar-fasciitis-no-observations.json", []],
  ["bundles/prefetch-warfarin.json", ["--prefetch"]],
  ["hl7/Bundle-101.json", []],
  ["hl7/Bundle-report.json", []],
];

for (const [file, flags] of bundles) {
  test(`${file} ${flags.join(" ")}: fhir-triage --json, byte for byte`, () => {
    const path = join(fixtures, file);
    const native = run("debug", "fhir-triage", ["--as-of", asOf, ...flags, "--json", path]);
    const text = readFileSync(path, "utf8");
    const options = {
      asOf,
      medicationsComplete: flags.includes("--medications-complete"),
      allergiesComplete: flags.includes("--allergies-complete"),
    };
    const prefetch = flags.includes("--prefetch");
    const mapped = pt.mapJson(text, options, prefetch);
    const presentation = JSON.stringify(JSON.parse(mapped).presentation);
    assert.equal(`{"mapped":${mapped},"assessment":${pt.assessJson(presentation)}}\n`, native);
    // The object forms agree.
    const object = (prefetch ? pt.mapPrefetch : pt.mapBundle)(JSON.parse(text), options);
    assert.deepEqual(object, JSON.parse(native).mapped);
    assert.deepEqual(pt.assess(object.presentation), JSON.parse(native).assessment);
  });
}

test("refused Bundles and options throw with the path", () => {
  assert.throws(() => pt.mapBundle({ resourceType: "Patient" }, { asOf }), {
    name: "ProloTriageError",
    path: "document",
    kind: "not_a_bundle",
  });
  assert.throws(() => pt.mapBundle("{", { asOf }), { path: "document", kind: "syntax" });
  assert.throws(() => pt.mapBundle({ resourceType: "Bundle", type: "searchset" }, { asOf: "2026-13-01" }), {
    path: "options.asOf",
    kind: "invalid_date",
  });
  assert.throws(() => pt.mapBundle({ resourceType: "Bundle", type: "searchset" }, {}), { path: "options" });
  assert.throws(() => pt.mapBundle({ resourceType: "Bundle", type: "searchset" }, { asOf, complete: true }), {
    path: "options.complete",
  });
});

test("the screening Questionnaire is fhir/questionnaire/screening.json", () => {
  const shipped = JSON.parse(readFileSync(join(root, "fhir/questionnaire/screening.json"), "utf8"));
  assert.deepEqual(pt.screeningQuestionnaire(), shipped);
});

test("a screening QuestionnaireResponse maps back to the findings and durations", () => {
  const authored = "2026-11-26T08:40:00.000Z";
  for (const c of workedCases()) {
    const p = JSON.parse(c.text);
    const response = pt.screeningResponse(p, authored);
    assert.equal(response.resourceType, "QuestionnaireResponse");
    assert.equal(response.status, "completed");
    const bundle = { resourceType: "Bundle", type: "collection", entry: [{ resource: response }] };
    const mapped = pt.mapBundle(bundle, { asOf: authored });
    const back = mapped.presentation;
    const noInjury = p.findings?.recent_injury === "absent";
    const examination = (f) => f.startsWith("bone_tenderness_") || f === "unable_to_bear_weight";
    for (const [f, v] of Object.entries(p.findings ?? {})) {
      if (v === "unknown" || (noInjury && examination(f))) continue;
      assert.equal(back.findings?.[f], v, `${c.name}: ${f}`);
    }
    for (const f of Object.keys(back.findings ?? {})) assert.equal(back.findings[f], p.findings[f], `${c.name}: ${f}`);
    assert.equal(back.symptom_weeks, p.symptom_weeks, c.name);
    assert.equal(back.conservative_care_weeks, p.conservative_care_weeks, c.name);
    assert.ok(mapped.unused.every((u) => u.reason === "answered_unknown"), JSON.stringify(mapped.unused));
  }
  assert.throws(() => pt.screeningResponse({}, "yesterday"), { path: "authored", kind: "invalid_date" });
});
