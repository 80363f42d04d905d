// The patient's own intake: one question per screen, in the core's words
// for a patient, on their phone or a clinic tablet.
//
// Every question, its order and its words come from the library's patient
// `Interview` (decision-model.md §10): this file draws the step it is
// given and hands the answer back. No question logic lives here. Going back
// rebuilds the interview from the start and replays the answers kept, so
// the questions after a changed answer are the library's again.
//
// Nothing leaves the page: the hand-off is a QR code and a link holding the
// answers in their fragment (never sent to a server), a file the patient
// downloads and a printed summary. Nothing is stored on the device.
import init, * as pt from "prolo-triage";
import { footMap } from "./footmap.js";
import { download, h, servedText } from "./dom.js";
import { clinicianLink, qrDataUrl } from "./qr.js";

const state = {
  policy: null,
  interview: null,
  kept: [], // [{ subject, value }]: the answers given, in order, replayed on Back
  started: false,
  error: null, // the library's message for the last answer, shown by the question
  handoff: null, // { link, qr } once the intake is over
};

/** The stages of the intake, in order, and their words for the progress bar. */
const STAGES = [
  ["red_flags", "Warning signs"],
  ["where_it_hurts", "Where it hurts"],
  ["symptoms", "Your pain"],
  ["details", "About you"],
];

const describeError = (e) => String(e && e.message ? e.message : e);

/**
 * A refused answer, in the patient's words (the library's message is for
 * developers): the weeks of treatment longer than the pain, a number out
 * of range, anything else.
 */
function answerError(e) {
  switch (e && e.kind) {
    case "inconsistent":
      return "That is more weeks of treatment than your foot has hurt. Please check the number, or tap Not sure.";
    case "out_of_range":
      return "That number is too large. Please check it, or tap Not sure.";
    default:
      return "That answer could not be used. Please check it, or tap Not sure.";
  }
}


// ---- the interview ----------------------------------------------------------

function fresh() {
  return state.policy.interview(undefined, { audience: "patient" });
}

function answer(subject, value) {
  try {
    state.interview.answer(subject, value);
  } catch (e) {
    state.error = answerError(e);
    render();
    return;
  }
  state.error = null;
  state.kept.push({ subject, value });
  render();
}

function back() {
  if (state.kept.length === 0) {
    state.started = false;
    render();
    return;
  }
  state.kept.pop();
  state.interview = fresh();
  for (const { subject, value } of state.kept) state.interview.answer(subject, value);
  state.error = null;
  state.handoff = null;
  render();
}

function startAgain() {
  state.kept = [];
  state.interview = fresh();
  state.started = false;
  state.error = null;
  state.handoff = null;
  render();
}

// ---- screens ------------------------------------------------------------------

function progress(stage) {
  const at = STAGES.findIndex(([s]) => s === stage);
  return h(
    "nav",
    { class: "progress", "aria-label": "Progress" },
    h(
      "ol",
      {},
      STAGES.map(([s, label], i) =>
        h(
          "li",
          { class: i < at ? "done" : i === at ? "current" : "todo", "aria-current": i === at ? "step" : undefined },
          h("span", { class: "dot", "aria-hidden": "true", text: i < at ? "✓" : String(i + 1) }),
          h("span", { class: "label" }, label, i < at ? h("span", { class: "visually-hidden", text: " (done)" }) : null),
        ),
      ),
    ),
    h("p", { class: "count", text: `Question ${state.kept.length + 1}` }),
  );
}

const backButton = () => h("button", { type: "button", class: "back", onclick: back, text: "Back" });
const notSure = (subject) =>
  h("button", { type: "button", class: "choice unsure", onclick: () => answer(subject, "unknown"), text: "Not sure" });

function errorNote() {
  return state.error ? h("p", { class: "field-error", role: "alert", id: "answer-error", text: state.error }) : null;
}

function yesNo(step) {
  return h(
    "div",
    { class: "choices" },
    h("button", { type: "button", class: "choice", onclick: () => answer(step.subject, "yes"), text: "Yes" }),
    h("button", { type: "button", class: "choice", onclick: () => answer(step.subject, "no"), text: "No" }),
    notSure(step.subject),
  );
}

function number(step) {
  const input = h("input", {
    id: "answer-number",
    type: "number",
    inputmode: "numeric",
    min: "0",
    step: "1",
    required: true,
    "aria-labelledby": "question",
    "aria-describedby": [step.kind === "number" && step.hint ? "hint" : null, state.error ? "answer-error" : null].filter(Boolean).join(" ") || undefined,
  });
  return h(
    "form",
    {
      class: "number",
      onsubmit: (ev) => {
        ev.preventDefault();
        if (input.value.trim() === "") return;
        const n = Number(input.value);
        answer(step.subject, Number.isFinite(n) ? n : input.value);
      },
    },
    input,
    h("div", { class: "choices" }, h("button", { type: "submit", class: "choice primary", text: "Next" }), notSure(step.subject)),
  );
}

function checklist(items, chosen, onChange, legend) {
  return h(
    "fieldset",
    { class: "checklist" },
    h("legend", { text: legend }),
    items.map(({ name, label }) =>
      h(
        "label",
        {},
        h("input", {
          type: "checkbox",
          value: name,
          checked: chosen.has(name) ? true : undefined,
          onchange: (ev) => {
            if (ev.currentTarget.checked) chosen.add(name);
            else chosen.delete(name);
            onChange();
          },
        }),
        h("span", { text: label }),
      ),
    ),
  );
}

function places(step) {
  const chosen = new Set();
  const holder = h("div", {});
  const list = h("div", {});
  const summary = h("p", { class: "chosen", "aria-live": "polite" });
  const sync = () => {
    map.sync();
    for (const box of list.querySelectorAll("input")) box.checked = chosen.has(box.value);
    const labels = step.places.filter((p) => chosen.has(p.symptom)).map((p) => p.label);
    summary.textContent = labels.length ? `You chose ${labels.length}: ${labels.join("; ")}.` : "Nothing chosen yet.";
  };
  const map = footMap(holder, step.places, chosen, sync);
  list.append(
    h(
      "details",
      { class: "as-list" },
      h("summary", { text: "Or choose from a list" }),
      checklist(
        step.places.map((p) => ({ name: p.symptom, label: p.label })),
        chosen,
        sync,
        "The places that hurt",
      ),
    ),
  );
  sync();
  return h(
    "div",
    { class: "places" },
    h("p", { class: "hint", text: "Tap every place that hurts, then Done. Tap again to undo." }),
    holder,
    summary,
    list,
    h(
      "div",
      { class: "choices" },
      h("button", { type: "button", class: "choice primary", onclick: () => answer(step.subject, [...chosen]), text: "Done" }),
      notSure(step.subject),
    ),
  );
}

function list(step) {
  const chosen = new Set();
  return h(
    "div",
    { class: "list" },
    checklist(step.choices ?? [], chosen, () => {}, "Tick all that apply. Leave all empty for none."),
    h(
      "div",
      { class: "choices" },
      h("button", { type: "button", class: "choice primary", onclick: () => answer(step.subject, [...chosen]), text: "Done" }),
      notSure(step.subject),
    ),
  );
}

function questionScreen(step) {
  const controls = { yes_no: yesNo, number, places, list }[step.kind]?.(step) ?? yesNo(step);
  return h(
    "section",
    { class: "screen question", "data-subject": step.subject, "data-kind": step.kind, "data-stage": step.stage },
    progress(step.stage),
    h("h1", { id: "question", class: step.text.length > 120 ? "long" : undefined, tabindex: "-1", text: step.text }),
    // The core's hint says what an answer looks like: for a number it helps
    // (the unit); elsewhere the buttons and boxes already say it.
    step.kind === "number" && step.hint ? h("p", { class: "hint", id: "hint", text: step.hint }) : null,
    controls,
    errorNote(),
    h("div", { class: "nav" }, backButton()),
  );
}

function startScreen() {
  return h(
    "section",
    { class: "screen start" },
    h("h1", { id: "question", tabindex: "-1", text: "Questions about your foot" }),
    h("p", { text: "Answer one question at a time. Your clinician will read your answers before they see you." }),
    h(
      "ul",
      {},
      h("li", { text: "Every question has “Not sure”. That is a fine answer." }),
      h("li", { text: "You can go back and change an answer." }),
      h("li", { text: "Your answers are not sent anywhere and not saved. You hand them over at the end." }),
    ),
    h("p", { class: "emergency-note", text: "This is not for emergencies. If you feel very unwell now, call your local emergency number." }),
    h("button", {
      type: "button",
      class: "choice primary",
      onclick: () => {
        state.started = true;
        render();
      },
      text: "Start",
    }),
  );
}

async function makeHandoff() {
  const presentation = state.interview.presentation();
  const link = await clinicianLink(presentation);
  state.handoff = { link, qr: await qrDataUrl(link) };
}

function endScreen() {
  const safety = state.interview.safetyNet();
  const closing = state.interview.closing();
  const answers = state.interview.answers();
  return h(
    "section",
    { class: "screen end", "data-stopped": String(safety.length > 0) },
    safety.length
      ? h(
          "div",
          { class: "safety", role: "alert", id: "safety" },
          h("h1", { id: "question", tabindex: "-1", text: "What to do now" }),
          h("ul", {}, safety.map((item) => h("li", { text: item.text }))),
          h("p", { text: "Then show your answers to the clinic: see below." }),
        )
      : h("h1", { id: "question", class: "screen-only", tabindex: "-1", text: "Thank you. That is all the questions." }),
    h("p", { class: "print-only print-title", text: `Your answers about your foot, ${new Date().toLocaleDateString(undefined, { dateStyle: "long" })}` }),
    h(
      "section",
      { class: "next", "aria-labelledby": "next-title" },
      h("h2", { id: "next-title", text: "What happens next" }),
      closing.length ? h("ul", { id: "closing" }, closing.map((c) => h("li", { text: c }))) : null,
    ),
    h(
      "section",
      { class: "handoff", "aria-labelledby": "handoff-title" },
      h("h2", { id: "handoff-title", text: "Give your answers to the clinic" }),
      h("p", { text: "Nothing has been sent. Choose one way to hand over your answers:" }),
      state.handoff?.error
        ? h("p", { class: "field-error", role: "alert", text: `The code could not be made: ${state.handoff.error}. Use the file or the printout.` })
        : state.handoff
        ? [
            h(
              "figure",
              { class: "qr" },
              h("img", { id: "qr", src: state.handoff.qr, alt: "QR code with your answers for the clinic" }),
              h("figcaption", { text: "Show this code to the clinic. They scan it to open your answers." }),
            ),
            h("p", {}, h("a", { id: "clinician-link", href: state.handoff.link, text: "Link to your answers for the clinic" })),
          ]
        : h("p", { role: "status", text: "Making the code…" }),
      h(
        "div",
        { class: "actions" },
        h("button", {
          type: "button",
          id: "download-response",
          class: "choice",
          onclick: () =>
            download(
              "foot-intake-answers.json",
              "application/fhir+json",
              JSON.stringify(pt.intakeResponse(state.interview.presentation(), new Date().toISOString()), null, 2) + "\n",
            ),
          text: "Save your answers as a file",
        }),
        h("button", { type: "button", id: "print", class: "choice", onclick: () => window.print(), text: "Print your answers" }),
      ),
    ),
    h(
      "section",
      { class: "summary", id: "summary", "aria-labelledby": "summary-title" },
      h("h2", { id: "summary-title", text: "Your answers" }),
      h(
        "dl",
        {},
        answers.map((a) => h("div", { "data-subject": a.subject }, h("dt", { text: a.question }), h("dd", { text: a.answer }))),
      ),
    ),
    h(
      "div",
      { class: "nav" },
      backButton(),
      h("button", { type: "button", class: "back", onclick: startAgain, text: "Start again (clears your answers)" }),
    ),
  );
}

// ---- render ---------------------------------------------------------------------

/** Draws the current screen; `announce` moves the focus to its heading (not on first load). */
function render(announce = true) {
  const main = document.getElementById("main");
  let screen;
  if (!state.started) screen = startScreen();
  else {
    const step = state.interview.nextStep();
    if (step) screen = questionScreen(step);
    else {
      screen = endScreen();
      if (!state.handoff) {
        makeHandoff()
          .then(render)
          .catch((e) => {
            state.handoff = { link: "", qr: "", error: describeError(e) };
            render();
          });
      }
    }
  }
  const focused = document.activeElement?.id;
  main.replaceChildren(screen);
  // The new question is announced and the next Tab starts from it; a
  // redraw of the same screen (the QR code arriving) keeps the focus.
  const heading = document.getElementById("question");
  const keep = focused && focused !== "question" && document.getElementById(focused);
  if (keep) keep.focus();
  else if (state.error && document.getElementById("answer-number")) document.getElementById("answer-number").focus();
  else if (announce) heading?.focus();
  document.documentElement.dataset.screen = screen.classList.contains("question") ? "question" : screen.classList[1];
}

// ---- start ----------------------------------------------------------------------

async function servedPolicy() {
  // The clinic's policy (its name and contact details for the safety-net),
  // when the page is served with one, is loaded before the page is ready.
  const text = await servedText("policy.json");
  if (text === null) return null;
  try {
    return new pt.Policy(text);
  } catch {
    return null; // a broken clinic policy: the default's generic words
  }
}

async function main() {
  try {
    await init({ module_or_path: new URL("prolo_triage_bg.wasm", import.meta.url) });
    state.policy = (await servedPolicy()) ?? pt.Policy.default();
    state.interview = fresh();
    render(false);
    document.documentElement.dataset.ready = "true";
  } catch (e) {
    document
      .getElementById("main")
      .replaceChildren(h("div", { class: "error", role: "alert" }, h("strong", { text: "The questions could not start. " }), describeError(e)));
    document.documentElement.dataset.ready = "error";
  }
}

main();
