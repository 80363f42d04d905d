// The patient's intake through the package (docs/decision-model.md §10):
// the core's Interview with an audience, replayed answers, the map of the
// foot, a red flag stopping it, answered_by.
import assert from "node:assert/strict";
import { test } from "node:test";

import * as pt from "../pkg/node.js";

/** A patient with classic plantar fasciitis answering every step. */
function classicHeel(step) {
  if (step.kind === "places") return ["pain_under_heel"];
  if (step.kind === "number") return { age_years: 52, symptom_weeks: 30 }[step.subject] ?? 20;
  if (step.kind === "list") return [];
  return step.subject === "symptoms.first_step_pain" ? "yes" : "no";
}

function run(interview, answer) {
  const steps = [];
  for (let s = interview.nextStep(); s; s = interview.nextStep()) {
    steps.push(s);
    interview.answer(s.subject, answer(s));
    assert.ok(steps.length < 100, "no end");
  }
  return steps;
}

test("a patient's intake: red flags, the map, symptoms, details; plantar fasciitis likely for the clinician", () => {
  const interview = new pt.Interview(undefined, { audience: "patient" });
  const steps = run(interview, classicHeel);
  const stages = steps.map((s) => s.stage);
  const order = ["red_flags", "where_it_hurts", "symptoms", "details"];
  assert.deepEqual([...new Set(stages)], order);
  assert.ok(steps.every((s) => s.who !== "clinician"));
  const map = steps.find((s) => s.subject === "where_it_hurts");
  assert.equal(map.kind, "places");
  assert.equal(map.places.length, 12);
  assert.deepEqual([...new Set(map.places.map((p) => p.view))].sort(), ["back", "inner", "outer", "sole", "top"]);
  const candidates = interview.assessment().candidates;
  assert.ok(candidates.some((c) => c.condition === "plantar_fasciitis" && c.band === "likely"));
  const p = interview.presentation();
  assert.equal(p.answered_by["symptoms.first_step_pain"], "patient");
  assert.equal(p.symptoms.pain_bunion, "absent");
  // A patient's no to a `both` fact leaves it unknown, reported by the patient.
  assert.equal(p.findings.ischaemia_signs, undefined);
  assert.equal(p.answered_by.ischaemia_signs, "patient");
  assert.ok(interview.closing()[0].startsWith("Your clinician will"));
  assert.equal(interview.answers().length, steps.length);
  assert.deepEqual(interview.safetyNet(), []);
});

test("a red flag stops the intake with its safety-netting", () => {
  const interview = new pt.Interview(undefined, { audience: "patient" });
  interview.answer("fever", "no");
  interview.answer("hot_swollen_foot", "yes");
  assert.equal(interview.nextStep(), null);
  assert.ok(interview.safetyNet().length > 0);
});

test("replayed answers: a changed answer recomputes what follows", () => {
  // The web app's Back: a fresh interview, the kept answers replayed.
  const kept = [];
  const first = new pt.Interview(undefined, { audience: "patient" });
  for (let s = first.nextStep(); s && s.stage === "red_flags"; s = first.nextStep()) {
    first.answer(s.subject, "no");
    kept.push([s.subject, "no"]);
  }
  first.answer("where_it_hurts", ["pain_between_toes"]);
  const forefoot = first.nextStep();
  const again = new pt.Interview(undefined, { audience: "patient" });
  for (const [subject, value] of kept) again.answer(subject, value);
  again.answer("where_it_hurts", ["pain_under_heel"]);
  const heel = again.nextStep();
  assert.equal(heel.stage, "symptoms");
  assert.notEqual(heel.subject, forefoot.subject);
  assert.equal(heel.subject, "symptoms.first_step_pain");
});

test("nextQuestion with an audience asks only what a patient can answer; applyAnswer records who answered", () => {
  const q = pt.nextQuestion({}, [], { audience: "patient" });
  assert.equal(q.who, "patient");
  const p = pt.applyAnswer({}, "symptoms.windlass_test_positive", "yes");
  assert.equal(p.symptoms.windlass_test_positive, "present");
  assert.equal(p.answered_by["symptoms.windlass_test_positive"], "clinician");
  const back = pt.applyAnswer(p, "symptoms.windlass_test_positive", "unknown");
  assert.equal(back.answered_by, undefined);
  const byPatient = pt.applyAnswer({}, "ischaemia_signs", "no", { by: "patient" });
  assert.equal(byPatient.findings, undefined);
  assert.equal(byPatient.answered_by.ischaemia_signs, "patient");
  assert.throws(() => new pt.Interview(undefined, { audience: "nurse" }), { path: "audience" });
  assert.throws(() => pt.applyAnswer({}, "where_it_hurts", ["first_step_pain"]), { path: "where_it_hurts" });
});

test("the intake's QuestionnaireResponse reads back to the same answers", () => {
  const interview = new pt.Interview(undefined, { audience: "patient" });
  run(interview, classicHeel);
  const p = interview.presentation();
  const response = pt.intakeResponse(p, "2026-12-07T10:00:00Z");
  assert.equal(response.resourceType, "QuestionnaireResponse");
  assert.equal(response.authored, "2026-12-07T10:00:00Z");
  assert.equal(response.questionnaire.split("|")[0], pt.intakeQuestionnaire().url);
  const back = pt.intakePresentation(response);
  assert.deepEqual(back.symptoms, p.symptoms);
  assert.equal(back.age_years, p.age_years);
  assert.equal(back.findings.fever, "absent");
  assert.equal(back.findings.ischaemia_signs, undefined, "a both fact's no stays unknown");
  assert.equal(back.answered_by.ischaemia_signs, "patient");
  assert.throws(() => pt.intakeResponse(p, "yesterday"), { path: "authored" });
  assert.throws(() => pt.intakePresentation({ resourceType: "Patient" }), { name: "ProloTriageError" });
});
