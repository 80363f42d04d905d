// The clinician app in a real browser (Debian's chromium, driven by
// playwright-core): every worked case opened from its fragment and answered
// until the verdict is determinate, each step's verdict checked against the
// library (the wasm package in Node and the native `triage`); the print
// view holds the handout; downloads round-trip; policies load and are
// refused with the field named; bad fragments show a message; no request
// leaves the page after load; axe-core finds no serious or critical
// violation; a CDS card's link (the service started on loopback with a
// non-default policy, a hook call posted) opens the same presentation and
// verdict; the "Why" view shows the wasm trace and follows each answer;
// screenshots at phone and desktop width go to web/screenshots/.
//
//   bash web/build.sh && cargo build -p prolo-triage-cds && node --test web/tests/
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { execFileSync, execSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import * as pt from "prolo-triage";

import { workedCases as sharedCases } from "../../wasm/tests/native.mjs";
import { serve } from "../serve.mjs";
import { encodePresentation } from "../src/fragment.js";

const web = resolve(fileURLToPath(import.meta.url), "../..");
const root = resolve(web, "..");
const target = resolve(root, process.env.CARGO_TARGET_DIR ?? "target");
const triage = join(target, "debug/examples/triage");
const shots = join(web, "screenshots");
const scratch = mkdtempSync(join(tmpdir(), "prolo-web-"));

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let context;
let server;
let base;
let policyServer;
let policyBase;
let badPolicyServer;
let badPolicyBase;

/** The worked cases, named for screenshots. */
const workedCases = () => sharedCases().map((c) => ({ ...c, name: c.name.replace("/", "-").replace(/\.json$/, "") }));

/** The native verdict of a presentation. */
function nativeVerdict(presentation, policyFile) {
  const file = join(scratch, "step.json");
  writeFileSync(file, JSON.stringify(presentation));
  const args = ["--json", ...(policyFile ? ["--policy", policyFile] : []), file];
  return JSON.parse(execFileSync(triage, args, { encoding: "utf8" })).verdict;
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  ({ server, url: base } = await serve({ dir: join(web, "dist") }));
  const strict = join(scratch, "policy-strict.json");
  writeFileSync(strict, JSON.stringify({ name: "served strict", version: "2", classification: { "medications.anticoagulant": "absolute" } }));
  ({ server: policyServer, url: policyBase } = await serve({ dir: join(web, "dist"), policy: strict }));
  const bad = join(scratch, "policy-bad.json");
  writeFileSync(bad, JSON.stringify({ name: "bad", version: "1", min_age_years: "eighteen" }));
  ({ server: badPolicyServer, url: badPolicyBase } = await serve({ dir: join(web, "dist"), policy: bad }));
  const executablePath = execSync("command -v chromium", { encoding: "utf8", shell: "/bin/bash" }).trim();
  context = await chromium.launchPersistentContext(join(scratch, "profile"), {
    executablePath,
    headless: true,
    acceptDownloads: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-sync",
      "--disable-component-update",
      "--disable-default-apps",
      "--disable-extensions",
      "--no-first-run",
      "--no-default-browser-check",
      "--metrics-recording-only",
      "--disable-domain-reliability",
    ],
  });
});

after(async () => {
  await context?.close();
  for (const s of [server, policyServer, badPolicyServer]) s?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * Opens the app at `url` in a new page at `viewport`; returns the page and
 * a check that nothing was requested after the page was ready, and that
 * everything before went to the app's own server.
 */
async function open(url, viewport = DESKTOP) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const origin = new URL(url).origin;
  const requests = { before: [], after: [] };
  let ready = false;
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => (ready ? requests.after : requests.before).push(r.url()));
  await page.goto(url);
  await page.waitForSelector("html[data-ready]", { timeout: 20000 });
  assert.equal(await page.getAttribute("html", "data-ready"), "true");
  ready = true;
  const finish = async () => {
    // Anything queued by the last action has had its chance to go out.
    await page.waitForTimeout(50);
    const local = (u) => u.startsWith("blob:") || u.startsWith("data:");
    assert.deepEqual(requests.after.filter((u) => !local(u)), [], "requests after the page was ready");
    for (const u of requests.before) assert.ok(local(u) || u.startsWith(origin + "/"), `a request left the app's server: ${u}`);
    assert.deepEqual(errors, [], "page errors");
    await page.close();
  };
  return { page, finish };
}

async function axe(page, label) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `axe at ${label}`,
  );
}

const verdictOf = (page) => page.getAttribute("#verdict", "data-verdict");

/** The answer the test gives to a question, in the page and for the library. */
function chosen(subject, kind) {
  if (kind === "finding") return { value: "no", button: "No" };
  if (kind === "number") return { value: { age_years: 50, symptom_weeks: 26, conservative_care_weeks: 12 }[subject] };
  return { value: subject === "conditions" ? ["plantar_fasciitis"] : [] };
}

async function answerInPage(page, subject, kind, answer) {
  const q = page.locator(`li.question[data-subject="${subject}"]`);
  if (kind === "finding") await q.getByRole("button", { name: answer.button, exact: true }).click();
  else if (kind === "number") {
    await q.getByRole("spinbutton").fill(String(answer.value));
    await q.getByRole("button", { name: "Set" }).click();
  } else {
    for (const name of answer.value) await q.locator(`input[value="${name}"]`).check();
    await q.getByRole("button", { name: "Save" }).click();
  }
}

async function printView(page, presentation) {
  const doc = pt.handout(pt.assess(presentation));
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible("#main"), false, "the clinician view is hidden in print");
  assert.ok(await page.isVisible("#handout"));
  const text = await page.innerText("#handout");
  assert.ok(text.includes(doc.title), doc.title);
  for (const s of doc.sections) {
    assert.ok(text.includes(s.heading), `print view lacks “${s.heading}”`);
    for (const l of s.lines) assert.ok(text.includes(l.text), l.text);
  }
  assert.ok(text.includes(doc.footer));
  assert.ok(!text.includes("This is what"), "screen-only hint hidden in print");
  // The patient reads plain labels; no citation is printed (review M1).
  for (const n of doc.notes) {
    assert.ok(text.includes(n.label), n.label);
    for (const src of n.sources) assert.ok(!text.includes(src.citation), `citation printed: ${src.citation}`);
  }
  for (const d of doc.details) assert.ok(text.includes(`${d.label}:`), d.label);
  return async () => page.emulateMedia({ media: "screen" });
}

const vocabulary = pt.vocabulary();

for (const c of workedCases()) {
  test(`${c.name}: opened from its fragment and answered until determinate`, async () => {
    const url = base + encodePresentation(JSON.parse(c.text));
    const { page, finish } = await open(url);
    let presentation = JSON.parse(c.text);
    const snap = c.name === "data-03-unscreened";
    if (snap) {
      await page.screenshot({ path: join(shots, "03-start-desktop.png"), fullPage: true });
      await axe(page, `${c.name} start`);
    }
    // Reasons with their sources, as the library gives them.
    const reasons = await page.innerText("section[aria-labelledby=reasons-title]");
    for (const r of pt.assess(presentation).reasons.filter((r) => r.role !== "unknown")) {
      assert.ok(reasons.includes(r.text), r.text);
      assert.ok(reasons.includes(r.source.citation), r.source.citation);
    }
    let steps = 0;
    for (;;) {
      const verdict = await verdictOf(page);
      assert.equal(verdict, pt.decide(presentation), `${c.name} step ${steps}: the wasm library`);
      assert.equal(verdict, nativeVerdict(presentation), `${c.name} step ${steps}: native triage`);
      if (verdict !== "needs_information") break;
      const first = page.locator('li.question[data-blocking="true"]').first();
      const subject = await first.getAttribute("data-subject");
      const kind = vocabulary.subjects[subject].kind;
      const answer = chosen(subject, kind);
      await answerInPage(page, subject, kind, answer);
      // What the app records: the clinician's answer (answered_by).
      const next = pt.applyAnswer(presentation, subject, answer.value, { by: "clinician" });
      const moved = pt.decide(next) !== pt.decide(presentation);
      presentation = next;
      const status = await page.innerText("#moved");
      if (moved) assert.match(status, /moved the verdict from/, `${c.name}: which answer moved the verdict`);
      else assert.match(status, /the verdict stays/);
      steps += 1;
      assert.ok(steps <= 40, "too many questions");
    }
    // The completed presentation downloads as it is here.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-presentation")]);
    const saved = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.deepEqual(saved, presentation);
    // The QuestionnaireResponse maps back to the findings answered.
    const [qr] = await Promise.all([page.waitForEvent("download"), page.click("#download-response")]);
    const response = JSON.parse(readFileSync(await qr.path(), "utf8"));
    const mapped = pt.mapBundle(
      { resourceType: "Bundle", type: "collection", entry: [{ resource: response }] },
      { asOf: response.authored },
    );
    for (const [f, v] of Object.entries(mapped.presentation.findings ?? {})) assert.equal(v, presentation.findings[f], f);
    assert.equal(mapped.presentation.symptom_weeks, presentation.symptom_weeks);
    // The print view holds the handout's sections.
    const back = await printView(page, presentation);
    if (snap) await page.screenshot({ path: join(shots, "03-print.png"), fullPage: true });
    await back();
    if (snap) {
      await page.screenshot({ path: join(shots, "03-done-desktop.png"), fullPage: true });
      await axe(page, `${c.name} done`);
    }
    await finish();
  });
}

test("phone width: no sideways scrolling, axe clean, screenshots", async () => {
  const c = workedCases().find((c) => c.name === "data-03-unscreened");
  const { page, finish } = await open(base + encodePresentation(JSON.parse(c.text)), PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow}px wider than the phone`);
  await page.screenshot({ path: join(shots, "03-start-phone.png"), fullPage: true });
  // Screen-sized views of the parts, to look at.
  await page.screenshot({ path: join(shots, "03-phone-1-top.png") });
  for (const [i, sel] of [["2-lists", 'li.question[data-subject="medications"]'], ["3-facts", "#facts-title"], ["4-reasons", "#reasons-title"], ["5-actions", "#actions-title"], ["6-handout", "#handout-title"]]) {
    await page.locator(sel).scrollIntoViewIfNeeded();
    await page.evaluate((sel) => document.querySelector(sel).scrollIntoView({ block: "start" }), sel);
    await page.screenshot({ path: join(shots, `03-phone-${i}.png`) });
  }
  await axe(page, "phone");
  // Two answers, then the state after them.
  await page.locator('li.question[data-subject="fever"]').getByRole("button", { name: "Yes", exact: true }).click();
  assert.equal(await verdictOf(page), "refer_urgently");
  await page.screenshot({ path: join(shots, "03-urgent-phone.png"), fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, "03-phone-7-urgent-top.png") });
  await finish();
  const d = workedCases().find((c) => c.name === "data-01-runner-heel-pain-discuss");
  const desk = await open(base + encodePresentation(JSON.parse(d.text)), PHONE);
  await desk.page.screenshot({ path: join(shots, "01-discuss-phone.png"), fullPage: true });
  await desk.page.setViewportSize(DESKTOP);
  await desk.page.screenshot({ path: join(shots, "01-discuss-desktop.png"), fullPage: true });
  await desk.finish();
});

// ---- the "Why" view ---------------------------------------------------------

/**
 * The "Why" view against the wasm trace of `presentation`: the verdict, the
 * best and worst completions, every group's and every rule's value (in
 * words), and each decisive rule of the assessment true.
 */
async function checkWhy(page, presentation, policy = pt.Policy.default()) {
  const t = policy.trace(presentation);
  const a = policy.assess(presentation);
  assert.ok(await page.isVisible("#why-rules"), "the Why view is open");
  assert.equal(await page.getAttribute("#why-verdict", "data-verdict"), t.verdict);
  assert.equal(t.verdict, a.verdict);
  assert.equal(await page.getAttribute("#why-best", "data-verdict"), t.best_case);
  assert.equal(await page.getAttribute("#why-worst", "data-verdict"), t.worst_case);
  for (const [id, v] of [["#why-verdict", t.verdict], ["#why-best", t.best_case], ["#why-worst", t.worst_case]]) {
    assert.match(await page.innerText(id), new RegExp(`\\b${v}\\b`), `${id} names ${v}`);
  }
  const groups = await page.$$eval("#why-groups tbody tr", (rows) =>
    rows.map((r) => [r.dataset.group, r.querySelector(".kleene").textContent]),
  );
  assert.deepEqual(groups, t.groups.map((g) => [g.group, g.value]));
  const rules = await page.$$eval("#why-rules tbody tr", (rows) =>
    rows.map((r) => ({
      rule: r.dataset.rule,
      group: r.querySelector(".rule-group code").textContent,
      value: r.cells[1].textContent,
      facts: [...r.querySelectorAll(".trace-facts li")].map((li) => [li.dataset.fact, li.querySelector(".kleene").textContent]),
      ruleCell: r.querySelector(".rule-name").textContent,
    })),
  );
  assert.deepEqual(
    rules.map(({ ruleCell, ...r }) => r),
    t.rules.map((r) => ({ rule: r.rule, group: r.group, value: r.value, facts: r.facts.map((f) => [f.fact, f.value]) })),
  );
  // The rule id as the wire gives it, after the clinician label.
  for (const r of rules) assert.ok(r.ruleCell.endsWith(r.rule), r.ruleCell);
  const decisive = a.reasons.filter((r) => r.role === "decisive" && t.rules.some((x) => x.rule === r.rule));
  for (const r of decisive) {
    assert.equal(t.rules.find((x) => x.rule === r.rule).value, "true", r.rule);
    assert.equal(await page.getAttribute(`#why-rules tr[data-rule="${r.rule}"]`, "data-value"), "true", r.rule);
  }
  return { trace: t, decisive: decisive.map((r) => r.rule) };
}

test("the Why view shows the trace of the current presentation and follows each answer", async () => {
  // A worked case with a decisive rule.
  const two = JSON.parse(readFileSync(join(root, "examples/data/02-ankle-instability-apixaban.json"), "utf8"));
  {
    const { page, finish } = await open(base + encodePresentation(two));
    assert.equal(await page.isVisible("#why-rules"), false, "folded until opened");
    await page.click("#why > summary");
    const { decisive } = await checkWhy(page, two);
    assert.ok(decisive.length >= 1, "02 has a decisive rule");
    await finish();
  }
  // Infection unknown: open the view, answer, and it follows.
  const six = JSON.parse(readFileSync(join(root, "examples/data/06-ready-but-infection-unknown.json"), "utf8"));
  const { page, finish } = await open(base + encodePresentation(six), PHONE);
  await page.click("#why > summary");
  const before = await checkWhy(page, six);
  assert.equal(before.trace.verdict, "needs_information");
  const skin = before.trace.rules.find((r) => r.facts.some((f) => f.fact === "skin_infection_at_site"));
  assert.equal(await page.getAttribute(`#why-rules tr[data-rule="${skin.rule}"]`, "data-value"), "unknown");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow}px wider than the phone with the Why view open`);
  await axe(page, "Why view open (phone)");
  await page.locator("#why-title").scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector("#why-title").scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(shots, "06-phone-why.png") });
  await page.evaluate(() => document.querySelector("#why-rules").scrollIntoView({ block: "start" }));
  await page.screenshot({ path: join(shots, "06-phone-why-rules.png") });
  await page.screenshot({ path: join(shots, "06-why-phone.png"), fullPage: true });
  // Yes to the infection: contraindicated, and the view (still open) says why.
  await page.locator('li.question[data-subject="skin_infection_at_site"]').getByRole("button", { name: "Yes", exact: true }).click();
  const yes = pt.applyAnswer(six, "skin_infection_at_site", "yes", { by: "clinician" });
  assert.equal(await verdictOf(page), "contraindicated");
  assert.equal(await page.getAttribute("#why", "open"), "", "the view stays open across answers");
  const after = await checkWhy(page, yes);
  assert.ok(after.decisive.includes(skin.rule), `${skin.rule} decides`);
  assert.equal(await page.innerText(`#why-rules tr[data-rule="${skin.rule}"] td.value`), "true");
  await axe(page, "Why view after an answer");
  await finish();
});

test("a new intake (no fragment) asks from the start", async () => {
  const { page, finish } = await open(base);
  assert.equal(await verdictOf(page), "needs_information");
  assert.match(await page.innerText("main"), /Nothing: a new intake/);
  assert.equal(await page.locator("li.question").first().getAttribute("data-subject"), pt.nextQuestion({}).finding);
  await axe(page, "new intake");
  await finish();
});

test("keyboard only: Tab to the answer, Enter, focus moves on", async () => {
  const text = readFileSync(join(root, "examples/data/06-ready-but-infection-unknown.json"), "utf8");
  const { page, finish } = await open(base + encodePresentation(text));
  // From the top of the page, Tab until a question's control has focus.
  let tabs = 0;
  while (!(await page.evaluate(() => !!document.activeElement.closest("li.question")))) {
    await page.keyboard.press("Tab");
    tabs += 1;
    assert.ok(tabs < 20, "the first question is reachable by Tab");
  }
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Yes");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "No");
  await page.keyboard.press("Enter");
  assert.equal(await verdictOf(page), "discuss");
  assert.equal(await page.evaluate(() => document.activeElement.id), "verdict", "focus goes to the new verdict");
  // Undo by keyboard takes the answer back.
  await page.focus('button[aria-label^="Take back"]');
  await page.keyboard.press("Enter");
  assert.equal(await verdictOf(page), "needs_information");
  // Every control has an accessible name.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("button, input")].filter((el) => {
      if (el.type === "checkbox" || el.type === "number" || el.type === "file") return !el.labels?.length;
      return !(el.getAttribute("aria-label") || el.textContent.trim());
    }).length,
  );
  assert.equal(unnamed, 0);
  await finish();
});

test("bad fragments show a message naming the field, never a blank page", async () => {
  const b64 = (s) => Buffer.from(s).toString("base64url");
  const cases = [
    ["#p=%%%not-base64", /not base64url/, "#p"],
    ["#p=" + b64("this is not json"), /not JSON/, "#p"],
    ["#p=" + Buffer.from([0xff, 0xfe, 0x7b]).toString("base64url"), /not UTF-8/, "#p"],
    ["#p=" + b64('{"findings": {"fevr": "present"}}'), /findings\.fevr/, "findings.fevr"],
    ["#p=" + b64('{"age_years": 400}'), /age_years/, "age_years"],
    ["#p=", /empty/, "#p"],
  ];
  for (const [i, [fragment, message, field]] of cases.entries()) {
    const { page, finish } = await open(base + fragment, i === 3 ? PHONE : DESKTOP);
    const error = page.locator("#link-error");
    assert.ok(await error.isVisible(), fragment);
    assert.match(await error.innerText(), message);
    assert.equal(await error.getAttribute("data-field"), field);
    // Still a working page: a new intake.
    assert.equal(await verdictOf(page), "needs_information");
    if (i === 3) {
      await page.screenshot({ path: join(shots, "bad-fragment-phone.png") });
      await axe(page, "bad fragment");
    }
    await finish();
  }
});

test("a policy served beside the app is loaded before the page is ready", async () => {
  const text = readFileSync(join(root, "examples/data/02-ankle-instability-apixaban.json"), "utf8");
  const { page, finish } = await open(policyBase + encodePresentation(text));
  assert.equal(await verdictOf(page), "contraindicated");
  assert.match(await page.innerText("#policy-line"), /served strict 2, from policy\.json/);
  await finish();
  const refused = await open(badPolicyBase + encodePresentation(text));
  assert.match(await refused.page.innerText("#served-policy-error"), /min_age_years/);
  assert.equal(await verdictOf(refused.page), "discuss_with_precautions", "the default policy in use");
  await refused.finish();
});

test("an uploaded clinic policy re-assesses; a bad one is refused naming the field", async () => {
  const text = readFileSync(join(root, "examples/data/02-ankle-instability-apixaban.json"), "utf8");
  const { page, finish } = await open(base + encodePresentation(text));
  assert.equal(await verdictOf(page), "discuss_with_precautions");
  const bad = { name: "clinic.json", mimeType: "application/json", buffer: Buffer.from('{"name": "c", "version": "1", "classification": {"findings.fevr": "absolute"}}') };
  await page.setInputFiles("#policy-file", bad);
  await page.waitForSelector("#policy-error");
  assert.match(await page.innerText("#policy-error"), /classification/);
  assert.equal(await verdictOf(page), "discuss_with_precautions");
  const policy = { name: "clinic strict", version: "3", classification: { "medications.anticoagulant": "absolute" } };
  await page.setInputFiles("#policy-file", { name: "strict.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(policy)) });
  await page.waitForFunction(() => document.querySelector("#verdict").dataset.verdict === "contraindicated");
  assert.equal(new pt.Policy(policy).decide(text), "contraindicated");
  assert.match(await page.innerText("#moved"), /Policy: clinic strict 3 moved the verdict/);
  assert.equal(await page.locator("#policy-error").count(), 0);
  await finish();
});

// ---- linked from the EHR ----------------------------------------------------

/** A free loopback port (the service's public URL must name its port). */
async function freePort() {
  const { createServer } = await import("node:net");
  const probe = createServer();
  await new Promise((ok) => probe.listen(0, "127.0.0.1", ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

/** A FHIR fixture Bundle split into the service's prefetch keys (as cds-service/tests/common does). */
function prefetchOf(bundle) {
  const keys = ["conditions", "temperature", "platelets", "medication_statements", "medication_requests", "allergies", "screening"];
  const groups = Object.fromEntries(keys.map((k) => [k, []]));
  const out = { patient: null };
  for (const { resource: r } of bundle.entry) {
    const key = {
      Patient: "patient",
      Condition: "conditions",
      Observation: r.code?.coding?.[0]?.code === "8310-5" ? "temperature" : "platelets",
      MedicationStatement: "medication_statements",
      MedicationRequest: "medication_requests",
      AllergyIntolerance: "allergies",
      QuestionnaireResponse: "screening",
    }[r.resourceType];
    if (key === "patient") out.patient = r;
    else groups[key].push({ resource: r });
  }
  for (const k of keys) out[k] = groups[k].length ? { resourceType: "Bundle", type: "searchset", entry: groups[k] } : null;
  return out;
}

test("the CDS service's card link opens the same presentation and verdict", { timeout: 120000 }, async () => {
  const bin = join(target, "debug/prolo-triage-cds");
  const strict = { name: "clinic strict", version: "2", classification: { "medications.anticoagulant": "absolute" } };
  const policyFile = join(scratch, "cds-policy.json");
  writeFileSync(policyFile, JSON.stringify(strict));
  const port = await freePort();
  const cds = `http://127.0.0.1:${port}`;
  const log = [];
  const service = spawn(
    bin,
    ["--listen", `127.0.0.1:${port}`, "--as-of", "2026-11-26", "--dangerously-disable-auth", "--app-dir", join(web, "dist"), "--policy", policyFile],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  service.stderr.on("data", (d) => log.push(String(d)));
  const exited = new Promise((ok) => service.on("exit", ok));
  const killAtExit = () => service.kill("SIGKILL");
  process.on("exit", killAtExit);
  try {
    // Up within 20 s, or the test fails with the service's log.
    const until = Date.now() + 20000;
    for (;;) {
      const up = await fetch(`${cds}/health`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
      if (up) break;
      assert.ok(Date.now() < until && service.exitCode === null, `the CDS service did not start:\n${log.join("")}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
    // Screened, no medication list: under the strict policy the medications
    // are a blocking question (by default: discuss with precautions).
    const bundle = JSON.parse(readFileSync(join(root, "fhir/tests/fixtures/bundles/plantar-fasciitis-screened.json"), "utf8"));
    const prefetch = prefetchOf(bundle);
    const hook = {
      hook: "patient-view",
      hookInstance: "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
      context: { patientId: prefetch.patient.id, userId: "Practitioner/example" },
      prefetch,
    };
    const answer = await fetch(`${cds}/cds-services/prolo-triage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(hook),
      signal: AbortSignal.timeout(10000),
    });
    assert.equal(answer.status, 200);
    const [card] = (await answer.json()).cards;
    assert.equal(card.links.length, 1);
    const [link] = card.links;
    assert.equal(link.type, "absolute");
    assert.equal(link.label, "Answer the open questions");
    assert.ok(link.url.startsWith(`${cds}/app/#p=`), link.url);
    const presentation = pt.mapPrefetch(prefetch, { asOf: "2026-11-26" }).presentation;
    const want = new pt.Policy(strict).assess(presentation);
    assert.equal(want.verdict, "needs_information");
    assert.notEqual(pt.decide(presentation), want.verdict, "the policy changes the verdict");
    assert.equal(card.summary, want.summary);
    const fragment = link.url.slice(link.url.indexOf("#"));
    assert.ok(!/Chalmers|Peter|example/.test(Buffer.from(fragment.slice(3), "base64url").toString()), "no name or id in the fragment");
    // The link as the EHR opens it, and /app (redirected to /app/, the
    // fragment kept), at desktop and phone width.
    for (const [url, viewport, shot] of [
      [link.url, DESKTOP, "cds-link-desktop.png"],
      [`${cds}/app${fragment}`, PHONE, "cds-link-phone.png"],
    ]) {
      const { page, finish } = await open(url, viewport);
      assert.equal(new URL(page.url()).pathname, "/app/");
      assert.equal(await verdictOf(page), want.verdict, `${url}: the card's verdict`);
      assert.equal(await page.innerText("#summary"), card.summary);
      assert.match(await page.innerText("#policy-line"), /clinic strict 2, from policy\.json served with this page/);
      assert.equal(await page.locator("#link-error").count(), 0);
      assert.equal(await page.getAttribute('li.question[data-blocking="true"]', "data-subject"), want.questions[0].finding);
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-presentation")]);
      assert.deepEqual(JSON.parse(readFileSync(await download.path(), "utf8")), presentation, "the same presentation");
      await page.screenshot({ path: join(shots, shot), fullPage: true });
      if (viewport === PHONE) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${overflow}px wider than the phone`);
      }
      await axe(page, `card link ${shot}`);
      await finish();
    }
  } finally {
    service.kill("SIGTERM");
    const timer = setTimeout(() => service.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    process.off("exit", killAtExit);
  }
});
