// The clinician app: open a presentation from the URL fragment (or a new
// intake), show the verdict and why, answer the open questions with every
// answer re-assessed at once in WebAssembly, print the patient handout and
// download the completed presentation and a FHIR QuestionnaireResponse.
//
// Every decision is the library's (the `prolo-triage` package); this file
// only draws it. After the page is ready it makes no network request: the
// policy is loaded before (policy.json beside the page, when there is one),
// uploads are read locally, downloads are made in the page.
import init, * as pt from "prolo-triage";
import { decodeAnyFragment, FragmentError } from "./fragment.js";
import { download, h, servedText } from "./dom.js";

const state = {
  vocabulary: null,
  policy: null,
  policySource: "the built-in default policy",
  policyError: null, // { where, message } of the last refused policy
  linkError: null, // { field, message } of a fragment that could not be read
  record: {}, // the presentation as it came
  presentation: {}, // as completed here
  answered: new Map(), // subject -> label of the answer given here
  setAside: new Set(), // subjects answered "don't know"
  assessment: null,
  trace: null, // the full evaluation behind the assessment, for the "Why" view
  whyOpen: false, // the "Why" view stays open across answers
  history: [], // { what, from, to } for every change that moved the verdict
  lastChange: null, // { what, from, to } of the last answer or policy change
  fieldErrors: new Map(), // subject -> message
  focusAfterRender: null,
};

// ---- vocabulary lookups ---------------------------------------------------

const headline = (verdict) => state.vocabulary.verdicts.find((v) => v.name === verdict)?.headline ?? verdict;
const familyOf = (verdict) => state.vocabulary.verdicts.find((v) => v.name === verdict)?.family ?? "open";
const subjectInfo = (s) => state.vocabulary.subjects[s];
/** A subject's clinician label; a symptom (`symptoms.x`, not in the subjects) by its name. */
const subjectLabel = (s) => subjectInfo(s)?.label ?? s.replace(/^symptoms\./, "").replace(/_/g, " ");
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const labelOf = (list, name) => state.vocabulary[list].find((x) => x.name === name)?.label ?? name;
const findingLabel = (f) => state.vocabulary.findings.find((x) => x.name === f)?.label ?? f;
const describeError = (e) => (e && e.path ? e.message : String(e && e.message ? e.message : e));

// ---- state changes ------------------------------------------------------

// Every answer given in this app is the clinician's: the library records it
// in the presentation's `answered_by` (decision-model.md §10).
const BY_CLINICIAN = { by: "clinician" };

function assessNow() {
  state.assessment = state.policy.assess(state.presentation);
  state.trace = state.policy.trace(state.presentation);
}

function startFrom(presentationText) {
  state.record = JSON.parse(presentationText);
  state.presentation = state.record;
  state.answered = new Map();
  state.setAside = new Set();
  state.history = [];
  state.lastChange = null;
  state.fieldErrors = new Map();
  assessNow();
}

async function loadFragment() {
  state.linkError = null;
  let text = null;
  try {
    text = await decodeAnyFragment(location.hash);
  } catch (e) {
    if (!(e instanceof FragmentError)) throw e;
    state.linkError = { field: `#${e.field}`, message: e.message };
  }
  if (text !== null) {
    try {
      state.policy.assess(text); // the library names the field of an invalid presentation
      startFrom(text);
      return;
    } catch (e) {
      state.linkError = {
        field: e.path ?? "#p",
        message: `The link's presentation is not valid: ${describeError(e)}`,
      };
    }
  }
  startFrom("{}");
}

/** Records a change and what it did to the verdict. */
function changed(what, from) {
  const to = state.assessment.verdict;
  state.lastChange = { what, from, to };
  if (from !== to) state.history.push({ what, from, to });
}

function answer(subject, value, label) {
  const from = state.assessment.verdict;
  let next;
  try {
    next = pt.applyAnswer(state.presentation, subject, value, BY_CLINICIAN);
  } catch (e) {
    state.fieldErrors.set(subject, describeError(e));
    state.focusAfterRender = `q-${subject}`;
    render();
    return;
  }
  state.fieldErrors.delete(subject);
  state.presentation = next;
  if (value === "unknown") {
    state.answered.delete(subject);
    state.setAside.add(subject);
  } else {
    state.setAside.delete(subject);
    state.answered.set(subject, label);
  }
  assessNow();
  changed(`${capital(subjectLabel(subject))}: ${label}`, from);
  const nextQuestion = orderedQuestions().find((q) => !state.setAside.has(q.finding));
  state.focusAfterRender = nextQuestion ? `q-${nextQuestion.finding}` : "verdict";
  render();
}

function undo(subject) {
  const from = state.assessment.verdict;
  state.presentation = pt.applyAnswer(state.presentation, subject, "unknown", BY_CLINICIAN);
  state.answered.delete(subject);
  state.setAside.delete(subject);
  assessNow();
  changed(`${capital(subjectLabel(subject))}: answer taken back`, from);
  state.focusAfterRender = `q-${subject}`;
  render();
}

async function uploadPolicy(file) {
  const from = state.assessment.verdict;
  let policy;
  try {
    policy = new pt.Policy(await file.text());
  } catch (e) {
    state.policyError = { where: file.name, message: describeError(e) };
    state.focusAfterRender = "policy-error";
    render();
    return;
  }
  state.policy = policy;
  state.policySource = `${file.name} (uploaded)`;
  state.policyError = null;
  assessNow();
  changed(`Policy: ${policy.name} ${policy.version}`, from);
  state.focusAfterRender = "verdict";
  render();
}

// ---- questions ------------------------------------------------------------

function orderedQuestions() {
  const qs = state.assessment.questions;
  return [...qs.filter((q) => q.blocking), ...qs.filter((q) => !q.blocking)];
}

function findingControls(q) {
  const current = state.setAside.has(q.finding) ? "unknown" : null;
  const choice = (value, text) =>
    h("button", {
      type: "button",
      "aria-pressed": String(current === value),
      onclick: () => answer(q.finding, value, text),
      text,
    });
  return h("div", { class: "choices" }, choice("yes", "Yes"), choice("no", "No"), choice("unknown", "Don't know"));
}

/** "Don't know": sets the question aside (pressed while it is). */
function dontKnow(q) {
  return h("button", {
    type: "button",
    "aria-pressed": String(state.setAside.has(q.finding)),
    onclick: () => answer(q.finding, "unknown", "Don't know"),
    text: "Don't know",
  });
}

function numberControls(q, inputId) {
  const info = subjectInfo(q.finding);
  const max = q.finding === "age_years" ? 130 : 520;
  const input = h("input", {
    id: inputId,
    type: "number",
    inputmode: "numeric",
    min: "0",
    max: String(max),
    step: "1",
    required: true,
    "aria-describedby": `${inputId}-hint`,
  });
  return h(
    "form",
    {
      class: "inline",
      onsubmit: (ev) => {
        ev.preventDefault();
        if (input.value.trim() === "") return;
        const n = Number(input.value);
        const unit = q.finding === "age_years" ? "years" : "weeks";
        answer(q.finding, Number.isInteger(n) ? n : input.value, `${input.value} ${unit}`);
      },
    },
    h("label", { for: inputId, text: info.label }),
    input,
    h("button", { type: "submit", class: "primary", text: "Set" }),
    dontKnow(q),
  );
}

function listControls(q, inputId) {
  const list = { conditions: "conditions", medications: "medications", allergies: "allergies" }[q.finding];
  const boxes = state.vocabulary[list].map((item, i) =>
    h("label", {}, h("input", { type: "checkbox", value: item.name, id: `${inputId}-${i}` }), item.label),
  );
  const none = q.finding === "conditions" ? "" : " Leave all unchecked to record none.";
  return h(
    "form",
    {
      onsubmit: (ev) => {
        ev.preventDefault();
        const names = [...ev.currentTarget.querySelectorAll("input:checked")].map((i) => i.value);
        const label = names.length ? names.map((n) => labelOf(list, n)).join(", ") : "none";
        answer(q.finding, names, label);
      },
    },
    h("p", { class: "hint", text: `Check all that apply.${none}` }),
    h("div", { class: "checks" }, boxes),
    h(
      "div",
      { class: "inline" },
      h("button", { type: "submit", class: "primary", text: "Save" }),
      dontKnow(q),
    ),
  );
}

function questionItem(q, i) {
  const info = subjectInfo(q.finding);
  const id = `q-${q.finding}`;
  const legendId = `${id}-legend`;
  const tag = q.blocking
    ? h("span", { class: "tag blocking", text: "blocking" })
    : h("span", { class: "tag settle", text: "to settle" });
  const error = state.fieldErrors.get(q.finding);
  const errorId = `${id}-error`;
  let controls;
  if (info.kind === "finding") controls = findingControls(q);
  else if (info.kind === "number") controls = numberControls(q, `${id}-input`);
  else controls = listControls(q, `${id}-input`);
  const hint =
    info.kind === "number" ? h("p", { class: "hint", id: `${id}-input-hint`, text: `Answer: ${info.hint}.` }) : null;
  return h(
    "li",
    { class: "question", "data-subject": q.finding, "data-blocking": String(q.blocking) },
    h(
      "fieldset",
      {
        id,
        tabindex: "-1",
        "aria-labelledby": legendId,
        "aria-describedby": error ? errorId : undefined,
      },
      h("legend", { id: legendId }, `${i + 1}. ${q.text}`, tag),
      hint,
      controls,
      error ? h("p", { class: "field-error", id: errorId, role: "alert" }, h("code", { text: error })) : null,
    ),
  );
}

// ---- facts ----------------------------------------------------------------

function factValue(key, value) {
  if (Array.isArray(value)) {
    const list = { conditions: "conditions", medications: "medications", allergies: "allergies" }[key];
    if (value.length === 0) return "none";
    return list ? value.map((v) => labelOf(list, v)).join(", ") : value.map((v) => v.replace(/_/g, " ")).join(", ");
  }
  return String(value).replace(/_/g, " ");
}

const FIELD_LABELS = {
  age_years: "Age (years)",
  sex: "Sex",
  conditions: "Diagnosis",
  side: "Side",
  symptom_weeks: "Symptoms (weeks)",
  conservative_care_weeks: "Conservative care (weeks)",
  conservative_care: "Conservative care tried",
  pain_score: "Pain score (0–10)",
  medications: "Medications",
  allergies: "Allergies",
};

/** A fact's value with who reported it, when the record says (`answered_by`). */
function withReporter(path, value) {
  const by = state.record.answered_by?.[path];
  return WHO_REPORTED[by] ? `${value} (${WHO_REPORTED[by]})` : value;
}

function recordFacts() {
  const items = [];
  for (const [key, value] of Object.entries(state.record)) {
    if (key === "answered_by") continue; // shown beside each fact
    if (key === "findings" || key === "symptoms") {
      for (const [f, t] of Object.entries(value)) {
        const path = key === "symptoms" ? `symptoms.${f}` : f;
        const label = key === "symptoms" ? f.replace(/_/g, " ") : findingLabel(f);
        if (t !== "unknown") items.push([capital(label), withReporter(path, t)]);
      }
    } else {
      items.push([FIELD_LABELS[key] ?? key, withReporter(key, factValue(key, value))]);
    }
  }
  return items;
}

function factList(items, empty, undoable = false) {
  if (items.length === 0) return h("p", { class: "empty", text: empty });
  return h(
    "ul",
    { class: "facts" },
    items.map(([label, value, subject]) =>
      h(
        "li",
        {},
        h("span", { text: label }),
        h(
          "span",
          { class: "inline" },
          h("span", { class: "value", text: value }),
          undoable
            ? h("button", {
                type: "button",
                "aria-label": `Take back the answer to ${label}`,
                onclick: () => undo(subject),
                text: "Undo",
              })
            : null,
        ),
      ),
    ),
  );
}

// ---- reasons --------------------------------------------------------------

const ROLES = [
  ["decisive", "Why"],
  ["also_present", "Also present"],
  ["supporting", "In favour"],
  ["caveat", "Caveats"],
  ["unknown", "Not yet known"],
];

function reasonsCard() {
  const sections = ROLES.map(([role, title]) => {
    const rs = state.assessment.reasons.filter((r) => r.role === role);
    if (rs.length === 0) return null;
    const list = h(
        "ul",
        { class: "reasons" },
        rs.map((r) =>
          h(
            "li",
            { "data-rule": r.rule },
            r.text,
            h("span", {
              class: "source",
              text: `Source: ${r.source.citation} (${r.source.strength.replace(/_/g, " ")})`,
            }),
          ),
        ),
      );
    // The unknowns are the questions again: folded, one click away.
    if (role === "unknown") return h("details", {}, h("summary", { text: `${title} (${rs.length})` }), list);
    return [h("h3", { text: `${title} (${rs.length})` }), list];
  });
  return h("section", { class: "card", "aria-labelledby": "reasons-title" }, h("h2", { id: "reasons-title", text: "Reasons and sources" }), sections);
}

// ---- why: the full trace ----------------------------------------------------

// The trace's own words for a Kleene value (docs/wire-format.md, "The
// trace"); the value is always written, never shown by colour alone.
const KLEENE = {
  true: "holds whatever the unknowns turn out to be",
  false: "holds for no completion of the unknowns",
  unknown: "depends on what is not yet known",
};

const ruleLabel = (id) => state.vocabulary.rules.find((r) => r.name === id)?.label ?? null;
const groupVerdict = (g) => state.vocabulary.groups.find((x) => x.name === g)?.verdict;

/** A Kleene value in words, marked for the eye as well (bold, a border). */
const kleene = (value) => h("span", { class: `kleene kleene-${value}`, "data-value": value, text: value });

/** A rule or fact: the clinician label when the vocabulary has one, and the wire name. */
function named(label, wire) {
  return label ? [`${capital(label)} `, h("code", { text: wire })] : [h("code", { text: wire })];
}

function whyCard() {
  const t = state.trace;
  const groups = h(
    "table",
    { class: "trace", id: "why-groups" },
    h("caption", { text: "The ladder, in order (with every fact known, the first true group decides)" }),
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Group" }), h("th", { scope: "col", text: "Verdict when true" }), h("th", { scope: "col", text: "Value" }))),
    h(
      "tbody",
      {},
      t.groups.map((g) =>
        h(
          "tr",
          { "data-group": g.group },
          h("th", { scope: "row" }, h("code", { text: g.group })),
          h("td", { text: headline(groupVerdict(g.group)) }),
          h("td", {}, kleene(g.value)),
        ),
      ),
    ),
  );
  const rules = h(
    "table",
    { class: "trace", id: "why-rules" },
    h("caption", { text: `Every rule of the table (${t.rules.length}), in table order` }),
    h(
      "thead",
      {},
      h("tr", {}, h("th", { scope: "col", text: "Rule and its group" }), h("th", { scope: "col", text: "Value" }), h("th", { scope: "col", text: "Facts it read" })),
    ),
    h(
      "tbody",
      {},
      t.rules.map((r) =>
        h(
          "tr",
          { "data-rule": r.rule, "data-value": r.value },
          // The group under the rule, not in a column of its own: three
          // columns fit a phone.
          h(
            "th",
            { scope: "row" },
            h("span", { class: "rule-name" }, named(ruleLabel(r.rule), r.rule)),
            h("span", { class: "rule-group" }, "group ", h("code", { text: r.group })),
          ),
          h("td", { class: "value" }, kleene(r.value)),
          h(
            "td",
            {},
            h(
              "ul",
              { class: "trace-facts" },
              r.facts.map((f) => h("li", { "data-fact": f.fact }, named(state.vocabulary.facts[f.fact], f.fact), ": ", kleene(f.value))),
            ),
          ),
        ),
      ),
    ),
  );
  return h(
    "section",
    { class: "card", "aria-labelledby": "why-title" },
    h("h2", { id: "why-title", text: "Why: the full trace" }),
    h(
      "details",
      {
        id: "why",
        open: state.whyOpen,
        ontoggle: (ev) => (state.whyOpen = ev.currentTarget.open),
      },
      h("summary", { text: `Every rule as evaluated for this presentation (${t.rules.length} rules)` }),
      h(
        "dl",
        { class: "trace-verdicts" },
        [
          ["Verdict", t.verdict, "why-verdict"],
          ["Best case (every unknown group false)", t.best_case, "why-best"],
          ["Worst case (every unknown group true)", t.worst_case, "why-worst"],
        ].map(([label, v, id]) => h("div", {}, h("dt", { text: label }), h("dd", { id, "data-verdict": v }, `${headline(v)} `, h("code", { text: v })))),
      ),
      h(
        "ul",
        { class: "hint trace-legend" },
        Object.entries(KLEENE).map(([v, meaning]) => h("li", {}, kleene(v), `: ${meaning}.`)),
      ),
      groups,
      rules,
    ),
  );
}

// ---- candidates: what the symptoms fit (contract v3) ------------------------

/** A feature's fact path in `answered_by`: `symptoms.<name>` or the field. */
const factPath = (f) => (f.symptom ? `symptoms.${f.symptom}` : f.field ?? null);
const answeredBy = () => state.presentation.answered_by ?? {};
const WHO_REPORTED = { patient: "reported by the patient", clinician: "from the clinician" };

/** Who reported a feature, in words: the library's `answered_by` on it, else the record. */
function reportedBy(f) {
  const path = factPath(f);
  const by = f.answered_by ?? (path ? answeredBy()[path] : undefined);
  return WHO_REPORTED[by] ?? "from the record";
}

/**
 * The value of a fact path in the presentation: `symptoms.x` and a list's
 * class (`medications.nsaid`, an array of names or a map of truths), a
 * finding, or a field; "unknown" when the presentation does not say.
 */
function factValueAt(path) {
  const p = state.presentation;
  const dot = path.indexOf(".");
  if (dot > 0) {
    const container = p[path.slice(0, dot)];
    const name = path.slice(dot + 1);
    if (Array.isArray(container)) return container.includes(name) ? "present" : "absent";
    return container?.[name] ?? "unknown";
  }
  if (p.findings && path in p.findings) return p.findings[path];
  return p[path] ?? "unknown";
}

const conditionLabel = (c) => labelOf("conditions", c);

function featureList(features, kind) {
  if (features.length === 0) return null;
  return h(
    "ul",
    { class: `features ${kind}` },
    features.map((f) =>
      h(
        "li",
        { "data-fact": factPath(f) ?? f.rule ?? "" },
        f.text,
        " ",
        h("span", { class: "who", text: `(${reportedBy(f)}; ${f.strength.replace(/_/g, " ")})` }),
      ),
    ),
  );
}

/**
 * The examination questions that could move a band: every candidate's
 * clinician-only questions, once each, in the candidates' order.
 */
function examQuestions() {
  const seen = new Map();
  for (const c of state.assessment.candidates ?? []) {
    for (const q of c.questions) {
      const path = factPath(q);
      if (q.who !== "clinician" || !path || seen.has(path)) continue;
      seen.set(path, { ...q, path, conditions: [] });
    }
    for (const q of c.questions) {
      const e = seen.get(factPath(q));
      if (e && q.who === "clinician" && !e.conditions.includes(c.condition)) e.conditions.push(c.condition);
    }
  }
  return [...seen.values()];
}

function examAnswer(q, value, label) {
  const from = state.assessment.verdict;
  const bands = bandsNow();
  try {
    state.presentation = pt.applyAnswer(state.presentation, q.path, value, BY_CLINICIAN);
  } catch (e) {
    state.fieldErrors.set(q.path, describeError(e));
    state.focusAfterRender = `exam-${q.path}`;
    render();
    return;
  }
  state.fieldErrors.delete(q.path);
  state.answered.set(q.path, label);
  assessNow();
  const moved = Object.entries(bandsNow())
    .filter(([c, b]) => bands[c] !== b)
    .map(([c, b]) => `${conditionLabel(c)} ${bands[c] ?? "not a candidate"} → ${b}`);
  changed(`${capital(q.text)}: ${label}${moved.length ? ` (${moved.join("; ")})` : ""}`, from);
  state.focusAfterRender = "candidates-title";
  render();
}

const bandsNow = () => Object.fromEntries((state.assessment.candidates ?? []).map((c) => [c.condition, c.band]));

/**
 * The facts the patient answered that are still unknown. A "not sure" is
 * never recorded in `answered_by`, so these are a patient's no to a `both`
 * fact (decision-model.md §10): only an examination rules them out.
 */
function notRuledOut() {
  return Object.entries(answeredBy())
    .filter(([path, by]) => by === "patient" && factValueAt(path) === "unknown")
    .map(([path]) => path);
}

const factLabel = (path) => {
  const name = path.startsWith("symptoms.") ? path.slice(9) : path;
  return findingLabel(name).replace(/_/g, " ");
};

function candidatesCard() {
  const candidates = state.assessment.candidates ?? [];
  const mimics = state.assessment.mimics ?? [];
  const pending = notRuledOut();
  const exams = examQuestions();
  if (candidates.length === 0 && mimics.length === 0 && pending.length === 0) return null;
  return h(
    "section",
    { class: "card", "aria-labelledby": "candidates-title" },
    h("h2", { id: "candidates-title", tabindex: "-1", text: "What the symptoms fit" }),
    h("p", { class: "hint", text: "Candidates for you to confirm at the examination: never a diagnosis, never a probability." }),
    candidates.length
      ? h(
          "ol",
          { class: "candidates" },
          candidates.map((c) =>
            h(
              "li",
              { class: "candidate", "data-condition": c.condition, "data-band": c.band },
              h(
                "h3",
                {},
                capital(conditionLabel(c.condition)),
                " ",
                h("span", { class: `band band-${c.band}`, text: c.band }),
                c.open ? h("span", { class: "tag settle", text: "could change" }) : null,
              ),
              c.for.length ? [h("h4", { text: "For" }), featureList(c.for, "for")] : null,
              c.against.length ? [h("h4", { text: "Against" }), featureList(c.against, "against")] : null,
            ),
          ),
        )
      : h("p", { class: "empty", text: "No candidate: the symptoms fit none of the patterns yet." }),
    pending.length
      ? [
          h("h3", { text: "Not ruled out yet" }),
          h("p", { class: "hint", text: "The patient answered no, but only an examination rules these out." }),
          h("ul", { class: "not-ruled-out" }, pending.map((p) => h("li", { "data-fact": p, text: capital(factLabel(p)) }))),
        ]
      : null,
    mimics.length
      ? [
          h("h3", { text: "Look-alikes to exclude" }),
          h(
            "ul",
            { class: "mimics" },
            mimics.map((m) =>
              h("li", { "data-mimic": m.mimic }, m.text, h("span", { class: "source", text: `Source: ${m.source.citation}` })),
            ),
          ),
        ]
      : null,
    exams.length
      ? [
          h("h3", { text: `At the examination (${exams.length})` }),
          h("p", { class: "hint", text: "Each finding could move a band; the assessment follows every answer at once." }),
          h(
            "ol",
            { class: "questions exam" },
            exams.map((q) => {
              const id = `exam-${q.path}`;
              const error = state.fieldErrors.get(q.path);
              const choice = (value, text) =>
                h("button", { type: "button", onclick: () => examAnswer(q, value, text), text });
              return h(
                "li",
                { class: "question", "data-subject": q.path },
                h(
                  "fieldset",
                  { id, tabindex: "-1", "aria-labelledby": `${id}-legend` },
                  h("legend", { id: `${id}-legend` }, capital(q.text), " ", h("span", { class: "hint", text: `(${q.conditions.map(conditionLabel).join(", ")})` })),
                  h("div", { class: "choices" }, choice("yes", "Yes"), choice("no", "No")),
                  error ? h("p", { class: "field-error", role: "alert" }, h("code", { text: error })) : null,
                ),
              );
            }),
          ),
        ]
      : null,
  );
}

// ---- page -----------------------------------------------------------------

function verdictCard() {
  const a = state.assessment;
  const family = familyOf(a.verdict);
  const change = state.lastChange;
  let moved = null;
  if (change) {
    moved =
      change.from !== change.to
        ? `${change.what} moved the verdict from “${headline(change.from)}” to “${headline(change.to)}”.`
        : `${change.what}: the verdict stays “${headline(change.to)}”.`;
  }
  return h(
    "section",
    { class: "card verdict", "data-family": family ?? "open", "aria-labelledby": "verdict" },
    h("h2", { class: "headline", id: "verdict", tabindex: "-1", "data-verdict": a.verdict, text: headline(a.verdict) }),
    h("p", { class: "summary", id: "summary", text: a.summary }),
    a.verdict === "needs_information"
      ? h("p", { class: "meta", text: `Best case: ${headline(a.best_case)} · worst case: ${headline(a.worst_case)}` })
      : null,
    h("p", { class: "meta", id: "policy-line", text: `Policy: ${a.policy.name} ${a.policy.version}, from ${state.policySource}` }),
    h("div", { role: "status", "aria-live": "polite", id: "moved" }, moved ? h("p", { class: "moved", text: moved }) : null),
  );
}

function questionsCard() {
  const qs = orderedQuestions();
  const blocking = qs.filter((q) => q.blocking).length;
  return h(
    "section",
    { class: "card", "aria-labelledby": "questions-title" },
    h("h2", { id: "questions-title", text: `Open questions (${qs.length})` }),
    qs.length
      ? h("p", {
          class: "hint",
          text: blocking
            ? `${blocking} blocking: each answer could change the verdict. Answer them first.`
            : "None is blocking: the verdict stands; these are to settle before any injection.",
        })
      : null,
    qs.length ? h("ol", { class: "questions" }, qs.map(questionItem)) : h("p", { class: "empty", text: "No open question." }),
  );
}

function factsCard() {
  const answered = [...state.answered.entries()].map(([s, label]) => [capital(subjectLabel(s)), label, s]);
  return h(
    "section",
    { class: "card", "aria-labelledby": "facts-title" },
    h("h2", { id: "facts-title", text: "Facts" }),
    h("h3", { text: "From the record" }),
    factList(recordFacts(), "Nothing: a new intake."),
    h("h3", { text: "Answered here" }),
    factList(answered, "Nothing yet.", true),
  );
}

function historyCard() {
  if (state.history.length === 0) return null;
  return h(
    "section",
    { class: "card", "aria-labelledby": "history-title" },
    h("h2", { id: "history-title", text: "What moved the verdict" }),
    h(
      "ol",
      { class: "history" },
      state.history.map((c) => h("li", { text: `${c.what}: ${headline(c.from)} → ${headline(c.to)}` })),
    ),
  );
}

function actionsCard() {
  const policyInputId = "policy-file";
  return h(
    "section",
    { class: "card", "aria-labelledby": "actions-title" },
    h("h2", { id: "actions-title", text: "Handout, downloads and policy" }),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", onclick: () => window.print(), text: "Print the patient handout" }),
      h("button", {
        type: "button",
        id: "download-presentation",
        onclick: () => download("presentation.json", "application/json", JSON.stringify(state.presentation, null, 2) + "\n"),
        text: "Download presentation (JSON)",
      }),
      h("button", {
        type: "button",
        id: "download-response",
        onclick: () =>
          download(
            "questionnaire-response.json",
            "application/fhir+json",
            JSON.stringify(pt.screeningResponse(state.presentation, new Date().toISOString()), null, 2) + "\n",
          ),
        text: "Download FHIR QuestionnaireResponse",
      }),
    ),
    h(
      "div",
      { class: "file" },
      h("label", { for: policyInputId, text: "Load the clinic's policy (JSON file)" }),
      h("input", {
        id: policyInputId,
        type: "file",
        accept: ".json,application/json",
        "aria-describedby": state.policyError ? "policy-error" : undefined,
        onchange: (ev) => {
          const file = ev.currentTarget.files[0];
          if (file) uploadPolicy(file);
        },
      }),
    ),
    state.policyError
      ? h(
          "div",
          { class: "error", id: "policy-error", role: "alert", tabindex: "-1" },
          h("strong", { text: `Policy ${state.policyError.where} refused; the policy in use is unchanged. ` }),
          h("code", { text: state.policyError.message }),
        )
      : null,
  );
}

function renderHandout() {
  const root = document.getElementById("handout");
  const doc = pt.handout(state.assessment);
  // What the patient reads: plain lines with a note number, the notes as
  // plain labels; the full citation only as data for the clinician.
  root.replaceChildren(
    h(
      "div",
      { class: "sheet" },
      h("p", { class: "hint screen-only", text: "This is what “Print the patient handout” prints." }),
      h("h2", { id: "handout-title", text: doc.title }),
      h(
        "dl",
        { class: "details" },
        doc.details.map((d) =>
          h("div", { class: d.value === null ? "print-only" : "" }, h("dt", { text: `${d.label}:` }), h("dd", { text: d.value ?? "____________________" })),
        ),
      ),
      doc.sections.map((s) =>
        h(
          "section",
          { class: s.boxed ? "handout-section action" : "handout-section" },
          h("h3", { text: s.heading }),
          h(
            "ul",
            {},
            s.lines.map((l) =>
              h("li", { "data-source": l.source.citation, title: l.source.citation }, l.text, " ", h("sup", { class: "note", text: String(l.note) })),
            ),
          ),
        ),
      ),
      h(
        "section",
        { class: "handout-section notes" },
        h("h3", { text: "Where this comes from" }),
        h(
          "ol",
          {},
          doc.notes.map((n) => h("li", { text: n.label })),
        ),
      ),
      h("p", { class: "footer", text: doc.footer }),
    ),
  );
  root.hidden = false;
}

function render() {
  const main = document.getElementById("main");
  const banners = [];
  if (state.linkError) {
    banners.push(
      h(
        "div",
        { class: "error", role: "alert", id: "link-error", "data-field": state.linkError.field },
        h("strong", { text: "This link could not be opened. " }),
        h("p", {}, "Field ", h("code", { text: state.linkError.field }), ": ", state.linkError.message),
        h("p", { text: "Nothing from the link was used: this is a new, empty intake." }),
      ),
    );
  }
  if (state.startupPolicyError) {
    banners.push(
      h(
        "div",
        { class: "error", role: "alert", id: "served-policy-error" },
        h("strong", { text: "The clinic policy served with this page (policy.json) was refused; the built-in default policy is in use. " }),
        h("code", { text: state.startupPolicyError }),
      ),
    );
  }
  main.replaceChildren(
    ...banners,
    h(
      "div",
      { class: "layout" },
      h("div", { class: "col" }, verdictCard(), candidatesCard(), questionsCard(), reasonsCard(), whyCard()),
      h("div", { class: "col" }, actionsCard(), historyCard(), factsCard()),
    ),
  );
  renderHandout();
  const target = state.focusAfterRender && document.getElementById(state.focusAfterRender);
  state.focusAfterRender = null;
  if (target) {
    const first = target.querySelector("button, input") ?? target;
    first.focus();
  }
}

// ---- start ------------------------------------------------------------------

async function servedPolicy() {
  // The clinic's policy, when the page is served with one (the CDS service
  // serves its active policy here), is loaded before the page is ready.
  const text = await servedText("policy.json");
  if (text === null) return null;
  try {
    const policy = new pt.Policy(text);
    state.policySource = "policy.json served with this page";
    return policy;
  } catch (e) {
    state.startupPolicyError = describeError(e);
    return null;
  }
}

async function main() {
  try {
    await init({ module_or_path: new URL("prolo_triage_bg.wasm", import.meta.url) });
    state.vocabulary = pt.vocabulary();
    state.policy = (await servedPolicy()) ?? pt.Policy.default();
    await loadFragment();
    render();
    window.addEventListener("hashchange", async () => {
      await loadFragment();
      state.focusAfterRender = "verdict";
      render();
    });
    document.documentElement.dataset.ready = "true";
  } catch (e) {
    document.getElementById("main").replaceChildren(
      h("div", { class: "error", role: "alert" }, h("strong", { text: "The assessment could not start. " }), h("code", { text: describeError(e) })),
    );
    document.documentElement.dataset.ready = "error";
  }
}

main();
