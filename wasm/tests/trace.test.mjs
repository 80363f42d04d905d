// The trace from WebAssembly is the native `triage --trace --json`'s
// `trace` member for every worked case, under the default policy and a
// clinic's; every rule and fact it names has its words in the vocabulary.
import assert from "node:assert/strict";
import { test } from "node:test";
import { unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import * as pt from "../pkg/node.js";
import { run, workedCases } from "./native.mjs";

const cases = workedCases();

for (const c of cases) {
  test(`${c.name}: trace is triage --trace --json's trace`, () => {
    const native = JSON.parse(run("debug", "triage", ["--json", "--trace", c.path]));
    const trace = pt.trace(c.text);
    assert.deepEqual(trace, native.trace);
    assert.deepEqual(pt.trace(JSON.parse(c.text)), native.trace, "the object form");
    assert.deepEqual(pt.Policy.default().trace(c.text), native.trace);
    // The trace is the assessment's evaluation: the same verdict and completions.
    const a = pt.assess(c.text);
    assert.deepEqual([trace.verdict, trace.best_case, trace.worst_case], [a.verdict, a.best_case, a.worst_case]);
    const v = pt.vocabulary();
    for (const r of trace.rules) {
      assert.ok(v.rules.some((x) => x.name === r.rule), r.rule);
      for (const f of r.facts) assert.equal(typeof v.facts[f.fact], "string", f.fact);
    }
    assert.deepEqual(trace.groups.map((g) => g.group), v.groups.map((g) => g.name));
  });
}

test("a clinic's policy: policy.trace is triage --trace --json --policy", () => {
  const c = cases.find((c) => c.name === "data/02-ankle-instability-apixaban.json");
  const policyText = JSON.stringify({ name: "trace strict", version: "1", classification: { "medications.anticoagulant": "absolute" } });
  const file = join(tmpdir(), `prolo-wasm-trace-policy-${process.pid}.json`);
  writeFileSync(file, policyText);
  try {
    const native = JSON.parse(run("debug", "triage", ["--json", "--trace", "--policy", file, c.path]));
    const trace = new pt.Policy(policyText).trace(c.text);
    assert.deepEqual(trace, native.trace);
    assert.equal(trace.verdict, "contraindicated");
    const anticoagulant = trace.rules.find((r) => r.facts.some((f) => f.fact === "medications.anticoagulant"));
    assert.equal(anticoagulant.group, "absolute", "the policy's group, not the table's");
    assert.notDeepEqual(pt.trace(c.text), trace);
  } finally {
    unlinkSync(file);
  }
});

test("a bad presentation throws a ProloTriageError naming the field", () => {
  assert.throws(() => pt.trace({ findings: { fevr: "present" } }), {
    name: "ProloTriageError",
    path: "findings.fevr",
    kind: "unknown_name",
  });
  assert.throws(() => pt.trace(undefined), { path: "document", kind: "wrong_type" });
});
