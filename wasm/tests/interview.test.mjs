// The interview's next question, answers through the core's Interview, and
// the vocabulary a form needs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import * as pt from "../pkg/node.js";
import { root } from "./native.mjs";

const read = (f) => readFileSync(join(root, "examples/data", f), "utf8");

test("06: one question, answered no, gives discuss (as the interview example)", () => {
  const p = read("06-ready-but-infection-unknown.json");
  const q = pt.nextQuestion(p);
  assert.equal(q.finding, "skin_infection_at_site");
  assert.equal(q.blocking, true);
  const done = pt.applyAnswer(p, q.finding, "no");
  assert.equal(done.findings.skin_infection_at_site, "absent");
  assert.equal(pt.nextQuestion(done), null);
  assert.equal(pt.decide(done), "discuss");
  assert.equal(pt.nextQuestion(p, ["skin_infection_at_site"]), null, "set aside");
});

test("the Interview class asks 03 the interview example's 16 questions, never an Ottawa examination item", () => {
  const interview = new pt.Interview(read("03-unscreened.json"));
  const asked = [];
  for (let q = interview.nextQuestion(); q; q = interview.nextQuestion()) {
    asked.push(q.finding);
    interview.answer(q.finding, "no");
    assert.ok(asked.length <= 40);
  }
  // Ten red flags (contract v3's sudden_achilles_snap among them), then
  // what the verdict needs.
  assert.equal(asked.length, 16);
  assert.ok(asked.includes("sudden_achilles_snap"));
  assert.ok(!asked.some((s) => s.startsWith("bone_tenderness")));
  assert.equal(interview.assessment().verdict, "discuss_with_precautions");
  assert.equal(pt.decide(interview.presentation()), "discuss_with_precautions");
});

test("answers of every form; unknown takes a fact back; bad answers name the subject", () => {
  let p = pt.applyAnswer({}, "age_years", 47);
  assert.equal(p.age_years, 47);
  p = pt.applyAnswer(p, "conditions", ["plantar_fasciitis", "heel_pain"]);
  assert.deepEqual([...p.conditions].sort(), ["heel_pain", "plantar_fasciitis"]);
  p = pt.applyAnswer(p, "medications", []);
  assert.deepEqual(p.medications, []);
  p = pt.applyAnswer(p, "fever", true);
  assert.equal(p.findings.fever, "present");
  p = pt.applyAnswer(p, "fever", "unknown");
  assert.equal(p.findings?.fever, undefined);
  p = pt.applyAnswer(p, "age_years", "unknown");
  assert.equal(p.age_years, undefined);
  assert.throws(() => pt.applyAnswer(p, "age_years", "old"), { name: "ProloTriageError", path: "age_years" });
  assert.throws(() => pt.applyAnswer(p, "age_years", 200), { path: "age_years", kind: "out_of_range" });
  assert.throws(() => pt.applyAnswer(p, "medications", ["aspirin_like"]), { path: "medications[0]", kind: "unknown_name" });
  assert.throws(() => pt.applyAnswer(p, "fevr", "no"), { path: "subject", kind: "unknown_name" });
  const q = new pt.Interview();
  assert.throws(() => q.answer("fever", 3), { path: "fever" });
});

test("a policy's interview decides under the policy", () => {
  const policy = new pt.Policy({ name: "adults 21+", version: "1", min_age_years: 21 });
  const p = { ...JSON.parse(read("01-runner-heel-pain-discuss.json")), age_years: 19 };
  assert.equal(pt.decide(p), "discuss");
  assert.equal(policy.interview(p).assessment().verdict, "not_suitable");
  assert.equal(policy.nextQuestion(p), null);
});

test("the vocabulary lists every subject a question can ask about", () => {
  const v = pt.vocabulary();
  const a = pt.assess({});
  for (const q of a.questions) assert.ok(v.subjects[q.finding], q.finding);
  assert.ok(v.conditions.some((c) => c.name === "plantar_fasciitis" && c.label));
  assert.equal(v.subjects.symptom_weeks.kind, "number");
});
