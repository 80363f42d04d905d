// Type-checked by wasm/ci.sh (tsc --noEmit): the package's declarations
// compile and describe its API. Not run.
import init, {
  assess,
  assessJson,
  decide,
  handout,
  handoutHtml,
  handoutMarkdown,
  Interview,
  mapBundle,
  nextQuestion,
  Policy,
  screeningQuestionnaire,
  screeningResponse,
  applyAnswer,
  trace,
  type Kleene,
  type PatternTrace,
  type RuleTrace,
  type Trace,
  type Assessment,
  type HandoutOptions,
  type MappedRecord,
  type Presentation,
  type ProloTriageError,
  type Question,
  type Verdict,
  type Step,
  type PlanItem,
  type AnswerRecord,
  type InterviewOptions,
} from "../pkg/prolo_triage.js";

export async function example(bytes: Uint8Array): Promise<void> {
  await init({ module_or_path: bytes });
  const a: Assessment = assess({ age_years: 50 } as Presentation);
  const v: Verdict = decide("{}");
  const text: string = assessJson("{}");
  const policy = new Policy({ name: "x", version: "1" });
  const b: Assessment = policy.assess("{}");
  const m: MappedRecord = mapBundle({ resourceType: "Bundle", type: "searchset" }, { asOf: "2026-11-26" });
  const q: Question | null = nextQuestion("{}", undefined);
  const i = new Interview(undefined);
  i.answer("fever", "no");
  const p: Presentation = applyAnswer("{}", "age_years", 50);
  const options: HandoutOptions = { clinic: { name: "Riverside Podiatry", emergency_number: "999" }, date: "2026-12-07" };
  const h: string = handout(a).sections[0].heading + handoutHtml(b) + handoutMarkdown(a, options);
  const r: object = screeningResponse(p, "2026-11-26") ?? screeningQuestionnaire();
  const t: Trace = trace(p);
  const first: RuleTrace = policy.trace("{}").rules[0];
  const k: Kleene = t.groups[0].value === "unknown" ? first.facts[0].value : t.rules[0].value;
  const pattern: PatternTrace = t.candidates[0];
  const heel: Kleene = pattern.key[0].features[0].value;
  console.log(t.best_case, t.worst_case, first.group, first.rule, first.facts[0].fact, k);
  console.log(pattern.condition, pattern.band, pattern.open, pattern.listed, heel, pattern.rules_in[0]?.symptom);
  const intakeOptions: InterviewOptions = { audience: "patient" };
  const intake = new Interview(undefined, intakeOptions);
  const step: Step | null = intake.nextStep();
  if (step && step.kind === "places") intake.answer(step.subject, step.places?.map((place) => place.symptom) ?? []);
  const now: PlanItem[] = intake.safetyNet();
  const closing: string[] = intake.closing();
  const said: AnswerRecord[] = intake.answers();
  const clinicianSaid: Presentation = applyAnswer("{}", "symptoms.windlass_test_positive", "yes", { by: "clinician" });
  const patientQuestion: Question | null = nextQuestion("{}", [], { audience: "patient" });
  console.log(now[0]?.text, closing, said[0]?.answer, clinicianSaid.answered_by, patientQuestion?.who);
  try {
    assess("{");
  } catch (e) {
    const err = e as ProloTriageError;
    console.log(err.path, err.kind, v, text, m, q, h, r);
  }
}
