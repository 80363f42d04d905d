// The worked cases give byte for byte what the native `triage --json`,
// `handout` and `handout --markdown` print; bad input throws with the path.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import * as pt from "../pkg/node.js";
import { badInputs, root, run, runStatus, workedCases } from "./native.mjs";

const cases = workedCases();

test("there are worked cases to compare", () => {
  assert.ok(cases.length >= 8, `${cases.length} cases`);
});

for (const c of cases) {
  test(`${c.name}: assessJson is triage --json, byte for byte`, () => {
    const native = run("debug", "triage", ["--json", c.path]);
    assert.equal(pt.assessJson(c.text) + "\n", native);
    // The object form is the same document.
    assert.deepEqual(pt.assess(c.text), JSON.parse(native));
    assert.deepEqual(pt.assess(JSON.parse(c.text)), JSON.parse(native));
    assert.equal(pt.decide(c.text), JSON.parse(native).verdict);
  });

  test(`${c.name}: the handout is the native handout's`, () => {
    const a = pt.assess(c.text);
    assert.equal(pt.handoutHtml(a), run("debug", "handout", [c.path]));
    assert.equal(pt.handoutMarkdown(a), run("debug", "handout", ["--markdown", c.path]));
    const h = pt.handout(a);
    for (const s of h.sections) assert.ok(pt.handoutHtml(a).includes(`<h2>${s.heading}</h2>`), s.heading);
    assert.ok(h.footer.length > 0);
  });
}

test("handout options: the clinic and the date of issue, as the native --policy and --date", () => {
  const c = cases[0];
  const policy = "examples/policies/riverside-podiatry.json";
  const { clinic } = JSON.parse(readFileSync(join(root, policy), "utf8"));
  const a = pt.assess(c.text);
  const options = { clinic, date: "2026-12-07" };
  const args = ["--policy", policy, "--date", "2026-12-07", c.path];
  assert.equal(pt.handoutHtml(a, options), run("debug", "handout", args));
  assert.equal(pt.handoutMarkdown(a, JSON.stringify(options)), run("debug", "handout", ["--markdown", ...args]));
  assert.deepEqual(pt.handout(a, {}), pt.handout(a));
  assert.deepEqual(pt.handout(a, null), pt.handout(a));
});

test("bad handout options throw a ProloTriageError naming the option", () => {
  const a = pt.assess(cases[0].text);
  for (const [options, path] of [
    [{ date: "2026-02-29" }, "options.date"],
    [{ date: "7 December 2026" }, "options.date"],
    [{ clinic: { phone: "" } }, "options.clinic.phone"],
    [{ clinic: { fax: "01632 960 000" } }, "options.clinic.fax"],
    [{ clinic: { name: "a\nb" } }, "options.clinic.name"],
    [{ colour: "blue" }, "options.colour"],
    [[], "options"],
  ]) {
    assert.throws(() => pt.handoutHtml(a, options), { name: "ProloTriageError", path }, JSON.stringify(options));
  }
});

test("the worked cases give the verdicts of shared/examples/EXPECTED.md", (t) => {
  const expected = join(root, "../shared/examples/EXPECTED.md");
  let text;
  try {
    text = readFileSync(expected, "utf8");
  } catch {
    t.skip("no ../shared/examples");
    return;
  }
  for (const m of text.matchAll(/^\| `([^`]+\.json)` \| `([a-z_]+)`/gm)) {
    const c = cases.find((c) => c.name === `examples/${m[1]}`);
    assert.ok(c, m[1]);
    const shared = JSON.parse(c.text);
    if (!("sudden_achilles_snap" in (shared.findings ?? {})) && m[2] !== "refer_urgently") {
      // The shared cases predate contract v3's red flag: silent on it, a
      // case is asked it, blocking (a missing finding is unknown)…
      const asked = pt.assess(shared).questions;
      assert.ok(asked.some((q) => q.finding === "sudden_achilles_snap" && q.blocking), m[1]);
      // …and screened for it, it gets the table's verdict.
      shared.findings = { ...(shared.findings ?? {}), sudden_achilles_snap: "absent" };
    }
    assert.equal(pt.decide(shared), m[2], m[1]);
  }
});

for (const b of badInputs()) {
  test(`${b.name}: throws a ProloTriageError naming the field, as triage does`, () => {
    const native = runStatus("debug", "triage", ["--json", b.path]);
    assert.equal(native.status, 2);
    let thrown;
    assert.throws(
      () => pt.assessJson(b.text),
      (e) => {
        thrown = e;
        return e instanceof Error && e.name === "ProloTriageError";
      },
    );
    assert.equal(typeof thrown.path, "string");
    assert.equal(typeof thrown.kind, "string");
    assert.ok(thrown.message.startsWith(`${thrown.path}: `), thrown.message);
    // triage: FILE: invalid presentation: <the same message>
    assert.equal(native.stderr.trim(), `triage: ${b.path}: invalid presentation: ${thrown.message}`);
    assert.throws(() => pt.assess(b.text), { name: "ProloTriageError", path: thrown.path, kind: thrown.kind });
  });
}

test("bad input as objects: the field path and kind", () => {
  assert.throws(() => pt.assess({ findings: { fevr: "present" } }), {
    name: "ProloTriageError",
    path: "findings.fevr",
    kind: "unknown_name",
  });
  assert.throws(() => pt.assess({ age_years: 200 }), { path: "age_years", kind: "out_of_range" });
  assert.throws(() => pt.assess({ conditions: "heel_pain" }), { path: "conditions", kind: "wrong_type" });
  assert.throws(() => pt.assess("{"), { path: "document", kind: "syntax" });
  assert.throws(() => pt.assess(undefined), { path: "document", kind: "wrong_type" });
  assert.throws(() => pt.decide({ symptom_weeks: 4, conservative_care_weeks: 9 }), { kind: "inconsistent" });
});

test("a policy changes the verdict, and is reused across calls", () => {
  const c = cases.find((c) => c.name === "data/02-ankle-instability-apixaban.json");
  const policyText = JSON.stringify({
    name: "node strict",
    version: "1",
    classification: { "medications.anticoagulant": "absolute" },
  });
  const policy = new pt.Policy(policyText);
  assert.equal(pt.decide(c.text), "discuss_with_precautions");
  assert.equal(policy.decide(c.text), "contraindicated");
  assert.equal(policy.decide(c.text), "contraindicated", "the policy is not consumed by a call");
  assert.equal(policy.name, "node strict");
  assert.equal(policy.assess(c.text).policy.fingerprint, policy.fingerprint);
  // Byte for byte triage --policy.
  const file = join(tmpdir(), `prolo-wasm-policy-${process.pid}.json`);
  writeFileSync(file, policyText);
  try {
    assert.equal(policy.assessJson(c.text) + "\n", run("debug", "triage", ["--json", "--policy", file, c.path]));
  } finally {
    unlinkSync(file);
  }
  // An object works as well as text; JSON.stringify gives the policy file back.
  assert.equal(new pt.Policy(JSON.parse(policyText)).fingerprint, policy.fingerprint);
  assert.equal(new pt.Policy(JSON.parse(JSON.stringify(policy))).fingerprint, policy.fingerprint);
  assert.equal(pt.Policy.default().fingerprint, pt.assess(c.text).policy.fingerprint);
});

test("a bad policy throws with the field path", () => {
  assert.throws(() => new pt.Policy({ name: "x", version: "1", min_age_years: "x" }), {
    name: "ProloTriageError",
    path: "min_age_years",
  });
  assert.throws(() => new pt.Policy({ name: "x", version: "1", classification: { "findings.fevr": "absolute" } }), (e) =>
    e.path.startsWith("classification"),
  );
});
