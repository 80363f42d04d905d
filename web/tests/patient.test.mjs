// The patient's intake in a real browser (Debian's chromium, driven by
// playwright-core), at phone and desktop widths:
//
// - a patient with a classic plantar fasciitis answers through the foot map
//   (by touch at the phone width, by keyboard at the desktop width) and the
//   questions; every screen shows the step the library's patient Interview
//   (run beside it in Node on the same answers) gives next; the QR code,
//   decoded from the page's pixels with jsQR, is the link, and that link
//   opens the clinician app with plantar fasciitis `likely`, each feature
//   marked as reported by the patient;
// - a yes to a red flag stops the questions with that red flag's
//   safety-netting, boxed, before the hand-off;
// - Back and a changed answer: the questions after it are the library's
//   again;
// - the clinician app's examination answer is recorded as the clinician's;
// - nothing is requested after load; axe finds no violation on any screen;
// - screenshots of each screen at 390 px go to web/screenshots/patient-*.
//
//   bash web/build.sh && node --test web/tests/patient.test.mjs
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { execSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import jsQR from "jsqr";
import * as pt from "prolo-triage";

import { serve } from "../serve.mjs";
import { decodeAnyFragment } from "../src/fragment.js";

const web = resolve(fileURLToPath(import.meta.url), "../..");
const shots = join(web, "screenshots");
const scratch = mkdtempSync(join(tmpdir(), "prolo-patient-"));

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let browser;
let server;
let base;

before(async () => {
  mkdirSync(shots, { recursive: true });
  ({ server, url: base } = await serve({ dir: join(web, "dist") }));
  const executablePath = execSync("command -v chromium", { encoding: "utf8", shell: "/bin/bash" }).trim();
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * Opens `url` at `viewport`; returns the page and a check that nothing was
 * requested after the page was ready and that everything before went to
 * the app's own server.
 */
async function open(url, viewport) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
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
    await page.waitForTimeout(50);
    const local = (u) => u.startsWith("blob:") || u.startsWith("data:");
    assert.deepEqual(requests.after.filter((u) => !local(u)), [], "requests after the page was ready");
    for (const u of requests.before) assert.ok(local(u) || u.startsWith(origin + "/"), `a request left the app's server: ${u}`);
    assert.deepEqual(errors, [], "page errors");
    await context.close();
  };
  return { page, finish };
}

/** axe: no violation at all on the patient's screens. */
async function axe(page, label) {
  const result = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(
    result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `axe at ${label}`,
  );
}

/** The patient's interview in Node, replayed on the same answers as the page. */
function mirror(kept) {
  const interview = new pt.Interview(undefined, { audience: "patient" });
  for (const { subject, value } of kept) interview.answer(subject, value);
  return interview;
}

/** The step on screen: its subject and kind, or null at the end. */
async function onScreen(page) {
  if ((await page.getAttribute("html", "data-screen")) !== "question") return null;
  const q = page.locator("section.question");
  return { subject: await q.getAttribute("data-subject"), kind: await q.getAttribute("data-kind"), text: await page.innerText("#question") };
}

/** A classic plantar fasciitis (clinical-knowledge.md §7.1b): heel pain on the inner side of the sole, worst with the first steps. */
const PLANTAR_FASCIITIS = {
  places: ["pain_under_heel"],
  yes: new Set(["symptoms.first_step_pain", "symptoms.gradual_onset", "first_step_pain", "gradual_onset"]),
  numbers: { age_years: 52, symptom_weeks: 26, conservative_care_weeks: 16, pain_score: 6 },
};

/**
 * Answers the step on screen as `persona` would; returns the answer given
 * in the library's terms. `how` is "touch" or "keyboard" for the map.
 */
async function answerStep(page, step, persona, how) {
  const click = (name) => page.locator("section.question .choices").getByRole("button", { name, exact: true }).click();
  if (step.kind === "places") {
    for (const symptom of persona.places) {
      const region = page.locator(`.footmap [data-symptom="${symptom}"]`);
      if (how === "keyboard") {
        await region.focus();
        await page.keyboard.press("Enter");
      } else await region.click();
      assert.equal(await region.getAttribute("aria-pressed"), "true", symptom);
      // The list alternative follows the map.
      assert.equal(await page.locator(`.checklist input[value="${symptom}"]`).isChecked(), true);
    }
    if (page.viewportSize().width === PHONE.width) await page.screenshot({ path: join(shots, "patient-02b-places-chosen.png"), fullPage: true });
    await click("Done");
    return persona.places;
  }
  if (step.kind === "number") {
    const n = persona.numbers[step.subject];
    if (n === undefined) {
      await click("Not sure");
      return "unknown";
    }
    await page.fill("#answer-number", String(n));
    await click("Next");
    return n;
  }
  if (step.kind === "list") {
    await click("Done");
    return [];
  }
  if (persona.yes.has(step.subject)) {
    await click("Yes");
    return "yes";
  }
  await click("No");
  return "no";
}

/** Reads the QR code off the page's own pixels and decodes it. */
async function readQr(page) {
  await page.waitForSelector("#qr");
  const image = await page.evaluate(async () => {
    const img = document.getElementById("qr");
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return { data: Array.from(data), width, height };
  });
  const code = jsQR(Uint8ClampedArray.from(image.data), image.width, image.height);
  assert.ok(code, "the QR code decodes");
  readQr.version = code.version;
  return code.data;
}

async function shot(page, name, viewport) {
  if (viewport !== PHONE) return;
  await page.screenshot({ path: join(shots, `patient-${name}.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name}: ${overflow}px wider than the phone`);
}

/**
 * Walks the intake with `persona` until its end, checking each screen
 * against the library; returns the answers kept.
 */
async function walk(page, persona, viewport, how) {
  const kept = [];
  const seen = new Set();
  for (let i = 0; i < 120; i++) {
    const expected = mirror(kept).nextStep();
    const step = await onScreen(page);
    if (expected === null) {
      assert.equal(step, null, `the library's intake is over; the page shows ${JSON.stringify(step)}`);
      return kept;
    }
    assert.ok(step, `the page ended; the library asks ${expected.subject}`);
    assert.equal(step.subject, expected.subject, `step ${i}`);
    assert.equal(step.kind, expected.kind, `step ${i}`);
    assert.equal(step.text, expected.text, `step ${i}: the core's words`);
    assert.equal(await page.locator("nav.progress li[aria-current=step]").count(), 1, "one stage is current");
    // "Not sure" on every question.
    assert.equal(await page.locator("section.question .choices").getByRole("button", { name: "Not sure", exact: true }).count(), 1);
    if (!seen.has(step.kind)) {
      seen.add(step.kind);
      await shot(page, `${String(seen.size).padStart(2, "0")}-${step.kind}`, viewport);
      await axe(page, `${step.kind} (${step.subject})`);
    }
    const value = await answerStep(page, step, persona, how);
    if (step.kind === "places" && viewport === PHONE) await page.waitForTimeout(0);
    kept.push({ subject: step.subject, value });
  }
  assert.fail("the intake did not end in 120 steps");
}

for (const [width, viewport, how] of [
  ["phone", PHONE, "touch"],
  ["desktop", DESKTOP, "keyboard"],
]) {
  test(`${width}: a classic plantar fasciitis through the map and the questions; the QR's link opens the clinician app with it likely`, async (t) => {
    const { page, finish } = await open(base + "patient.html", viewport);
    await shot(page, "00-start", viewport);
    await axe(page, "start");
    await page.getByRole("button", { name: "Start", exact: true }).click();
    const kept = await walk(page, PLANTAR_FASCIITIS, viewport, how);
    const library = mirror(kept);
    assert.deepEqual(library.safetyNet(), [], "no red flag: no safety-net");
    // The end: what happens next, the hand-off, the summary in plain words.
    assert.equal(await page.locator("#safety").count(), 0);
    const text = await page.innerText("main");
    for (const c of library.closing()) assert.ok(text.includes(c), c);
    for (const a of library.answers()) {
      const row = page.locator(`.summary [data-subject="${a.subject}"]`);
      assert.equal(await row.locator("dt").innerText(), a.question);
      assert.equal(await row.locator("dd").innerText(), a.answer);
    }
    const link = await readQr(page);
    assert.equal(link, await page.getAttribute("#clinician-link", "href"), "the QR code is the link");
    t.diagnostic(`${kept.length} answers; the link ${link.length} characters, QR version ${readQr.version}`);
    const url = new URL(link);
    assert.equal(url.origin + url.pathname, new URL("index.html", base).href);
    const presentation = JSON.parse(await decodeAnyFragment(url.hash));
    assert.deepEqual(presentation, library.presentation(), "the link carries the completed presentation");
    assert.equal(presentation.answered_by["symptoms.first_step_pain"], "patient");
    await shot(page, "09-end-full", viewport);
    if (viewport === PHONE) {
      // The hand-off as the patient sees it: the code on the screen.
      await page.evaluate(() => document.getElementById("handoff-title").scrollIntoView({ block: "start" }));
      await page.screenshot({ path: join(shots, "patient-09-handoff.png") });
    }
    await axe(page, "end");
    // The printable summary: the answers, without the buttons.
    await page.emulateMedia({ media: "print" });
    assert.ok(await page.isVisible("#summary"));
    assert.equal(await page.isVisible("#print"), false);
    assert.equal(await page.isVisible("nav.progress"), false);
    await page.emulateMedia({ media: "screen" });
    // The download of the intake QuestionnaireResponse, which reads back
    // to the same answers.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-response")]);
    const response = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(response.resourceType, "QuestionnaireResponse");
    assert.deepEqual(response, pt.intakeResponse(presentation, response.authored));
    assert.deepEqual(pt.intakePresentation(response).symptoms, presentation.symptoms);
    await finish();

    // The clinician, on a laptop, opens the link.
    const clinician = await open(link, DESKTOP);
    const c = clinician.page;
    assert.equal(await c.locator("#link-error").count(), 0);
    const assessed = pt.assess(presentation);
    const pf = assessed.candidates.find((x) => x.condition === "plantar_fasciitis");
    // Both keys (pain under the heel, first-step pain) are patient facts and
    // nothing strong is against: a patient's answers alone reach `likely`.
    assert.equal(pf.band, "likely");
    assert.equal(await c.getAttribute('li.candidate[data-condition="plantar_fasciitis"]', "data-band"), "likely");
    for (const cand of assessed.candidates) {
      assert.equal(await c.getAttribute(`li.candidate[data-condition="${cand.condition}"]`, "data-band"), cand.band, cand.condition);
    }
    const forText = await c.innerText('li.candidate[data-condition="plantar_fasciitis"] ul.for');
    assert.ok(pf.for.length > 0 && pf.for.every((f) => f.answered_by === "patient"), "the library: every feature for it the patient's");
    assert.match(forText, /reported by the patient/);
    assert.doesNotMatch(forText, /from the record/);
    // The `both` facts the patient said no to stay unknown: "not ruled out yet".
    const denied = Object.entries(presentation.answered_by)
      .filter(([path, by]) => by === "patient" && !path.includes(".") && (presentation.findings?.[path] ?? "unknown") === "unknown" && !(path in presentation))
      .map(([path]) => path)
      .sort();
    assert.ok(denied.length > 0, "the intake asks some `both` red flags");
    const shown = await c.locator("ul.not-ruled-out li").evaluateAll((lis) => lis.map((li) => li.dataset.fact));
    assert.deepEqual(shown.filter((f) => !f.includes(".")).sort(), denied);
    if (viewport === DESKTOP) await c.screenshot({ path: join(shots, "patient-10-clinician-desktop.png") });
    await axe(c, "clinician view of a hand-off");
    await clinician.finish();
  });
}

test("a yes to a red flag stops the questions with its safety-netting, boxed, before the hand-off", async () => {
  const { page, finish } = await open(base + "patient.html", PHONE);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  const first = mirror([]).nextStep();
  assert.equal(first.stage, "red_flags", "red flags come first");
  assert.equal(await page.getAttribute("section.question", "data-subject"), first.subject);
  await page.locator("section.question .choices").getByRole("button", { name: "Yes", exact: true }).click();
  const library = mirror([{ subject: first.subject, value: "yes" }]);
  assert.equal(library.nextStep(), null, "the library stops");
  const safety = library.safetyNet();
  assert.ok(safety.length > 0);
  await page.waitForSelector("#safety");
  const boxed = await page.innerText("#safety");
  for (const item of safety) assert.ok(boxed.includes(item.text), item.text);
  // First on the screen, the hand-off after it.
  const order = await page.evaluate(() => {
    const s = document.getElementById("safety");
    const handoff = document.querySelector(".handoff");
    return { first: s === document.querySelector("section.end").firstElementChild, before: !!(s.compareDocumentPosition(handoff) & Node.DOCUMENT_POSITION_FOLLOWING) };
  });
  assert.deepEqual(order, { first: true, before: true });
  const link = await readQr(page);
  const presentation = JSON.parse(await decodeAnyFragment(new URL(link).hash));
  assert.deepEqual(presentation, library.presentation());
  await shot(page, "11-red-flag", PHONE);
  await axe(page, "red flag");
  await finish();
});

test("Back and a changed answer: the questions after it are the library's again", async () => {
  const { page, finish } = await open(base + "patient.html", PHONE);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  const kept = [];
  // Through the red flags to the map, each "no".
  for (;;) {
    const step = await onScreen(page);
    assert.equal(step.subject, mirror(kept).nextStep().subject);
    if (step.kind === "places") break;
    const value = await answerStep(page, step, { places: [], yes: new Set(), numbers: {} }, "touch");
    kept.push({ subject: step.subject, value });
  }
  const map = await onScreen(page);
  // Heel first: the next question is the library's for a heel.
  await page.locator('.footmap [data-symptom="pain_under_heel"]').click();
  await page.locator("section.question .choices").getByRole("button", { name: "Done", exact: true }).click();
  const heel = mirror([...kept, { subject: map.subject, value: ["pain_under_heel"] }]).nextStep();
  assert.equal((await onScreen(page)).subject, heel.subject);
  // Back: the map again, nothing chosen; then the ball of the foot instead.
  await page.getByRole("button", { name: "Back", exact: true }).click();
  assert.equal((await onScreen(page)).subject, map.subject);
  assert.equal(await page.locator('.footmap [aria-pressed="true"]').count(), 0);
  const ball = mirror([...kept, { subject: map.subject, value: ["pain_between_toes"] }]).nextStep();
  await page.getByText("Or choose from a list").click();
  await page.locator('.checklist input[value="pain_between_toes"]').check();
  assert.equal(await page.getAttribute('.footmap [data-symptom="pain_between_toes"]', "aria-pressed"), "true", "the map follows the list");
  await page.locator("section.question .choices").getByRole("button", { name: "Done", exact: true }).click();
  assert.equal((await onScreen(page)).subject, ball.subject);
  assert.notEqual(ball.subject, heel.subject, "a different place, a different next question");
  // "Not sure" on the map leaves every place unknown: the next step as the library's.
  await page.getByRole("button", { name: "Back", exact: true }).click();
  await page.locator("section.question .choices").getByRole("button", { name: "Not sure", exact: true }).click();
  assert.equal((await onScreen(page)).subject, mirror([...kept, { subject: map.subject, value: "unknown" }]).nextStep().subject);
  await finish();
});

test("the clinician's examination answer re-assesses at once and is recorded as the clinician's", async () => {
  // A patient with pain between the toes: the examination could move a band.
  const kept = [];
  for (let i = 0; i < 120; i++) {
    const step = mirror(kept).nextStep();
    if (!step) break;
    let value = "no";
    if (step.kind === "places") value = ["pain_between_toes"];
    else if (step.kind === "number") value = "unknown";
    else if (step.kind === "list") value = [];
    kept.push({ subject: step.subject, value });
  }
  const presentation = mirror(kept).presentation();
  const exam = pt
    .assess(presentation)
    .candidates.flatMap((c) => c.questions)
    .find((q) => q.who === "clinician" && q.symptom);
  assert.ok(exam, "an examination question could move a band");
  const { page, finish } = await open(base + "index.html#p=" + Buffer.from(JSON.stringify(presentation)).toString("base64url"), DESKTOP);
  const path = `symptoms.${exam.symptom}`;
  const item = page.locator(`ol.exam li[data-subject="${path}"]`);
  await item.getByRole("button", { name: "Yes", exact: true }).click();
  const expected = pt.applyAnswer(presentation, path, "yes", { by: "clinician" });
  assert.equal(expected.answered_by[path], "clinician");
  for (const cand of pt.assess(expected).candidates) {
    assert.equal(await page.getAttribute(`li.candidate[data-condition="${cand.condition}"]`, "data-band"), cand.band, cand.condition);
  }
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-presentation")]);
  assert.deepEqual(JSON.parse(readFileSync(await download.path(), "utf8")), expected);
  await axe(page, "after an examination answer");
  await finish();
});

test("served with a clinic's policy, the safety-netting gives the clinic's own details", async () => {
  const policy = {
    name: "Riverside podiatry",
    version: "2026-11",
    clinic: { name: "Riverside Podiatry", phone: "01632 960 123", out_of_hours: "NHS 111", emergency_number: "999" },
  };
  const file = join(scratch, "policy-clinic.json");
  writeFileSync(file, JSON.stringify(policy));
  const { server: clinicServer, url } = await serve({ dir: join(web, "dist"), policy: file });
  try {
    const { page, finish } = await open(url + "patient.html", PHONE);
    await page.getByRole("button", { name: "Start", exact: true }).click();
    const interview = new pt.Policy(JSON.stringify(policy)).interview(undefined, { audience: "patient" });
    const first = interview.nextStep();
    interview.answer(first.subject, "yes");
    await page.locator("section.question .choices").getByRole("button", { name: "Yes", exact: true }).click();
    await page.waitForSelector("#safety");
    const shown = await page.locator("#safety li").allInnerTexts();
    assert.deepEqual(shown, interview.safetyNet().map((i) => i.text));
    assert.ok(shown.join(" ").includes("01632 960 123"), "the clinic's phone");
    await finish();
  } finally {
    clinicServer.close();
  }
});

test("readable at 320 px: no sideways scrolling on a question, the map or the hand-off", async () => {
  const { page, finish } = await open(base + "patient.html", { width: 320, height: 640 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  assert.ok((await overflow()) <= 0, "a question");
  const kept = [];
  for (;;) {
    const step = await onScreen(page);
    if (step.kind === "places") break;
    kept.push({ subject: step.subject, value: await answerStep(page, step, { places: [], yes: new Set(), numbers: {} }, "touch") });
  }
  assert.ok((await overflow()) <= 0, "the map");
  // Every region at least 32 CSS px across: above WCAG 2.2's 24 px minimum,
  // a fingertip on the narrowest phone.
  const sizes = await page.locator(".footmap .region").evaluateAll((rs) => rs.map((r) => Math.min(r.getBoundingClientRect().width, r.getBoundingClientRect().height)));
  assert.ok(Math.min(...sizes) >= 32, `smallest region ${Math.min(...sizes).toFixed(1)} px`);
  await page.locator("section.question .choices").getByRole("button", { name: "Not sure", exact: true }).click();
  while (await onScreen(page)) {
    await page.locator("section.question .choices").getByRole("button", { name: "Not sure", exact: true }).click();
  }
  await page.waitForSelector("#qr");
  assert.ok((await overflow()) <= 0, "the hand-off");
  await finish();
});

/**
 * Walks the intake: red flags and other yes/no facts "no", symptoms and
 * lists "not sure", the map "not sure", the weeks of pain 30; `at(step)`
 * may answer a step itself (returning the value given, or "stop").
 */
async function walkUntil(page, at) {
  const kept = [];
  for (let guard = 0; guard < 60; guard++) {
    const step = await onScreen(page);
    if (!step) return kept;
    const choices = page.locator("section.question .choices");
    const own = await at(step, choices);
    if (own === "stop") return kept;
    if (own !== undefined) {
      kept.push({ subject: step.subject, value: own });
      continue;
    }
    if (step.subject === "symptom_weeks") {
      await page.fill("#answer-number", "30");
      await choices.getByRole("button", { name: "Next", exact: true }).click();
      kept.push({ subject: step.subject, value: 30 });
    } else if (step.kind === "yes_no" && !step.subject.startsWith("symptoms.")) {
      await choices.getByRole("button", { name: "No", exact: true }).click();
      kept.push({ subject: step.subject, value: "no" });
    } else {
      await choices.getByRole("button", { name: "Not sure", exact: true }).click();
      kept.push({ subject: step.subject, value: "unknown" });
    }
  }
  throw new Error("no end");
}

test("a refused number reads in plain words, not the library's message", async () => {
  const { page, finish } = await open(base + "patient.html", PHONE);
  assert.match(await page.innerText("main"), /This is not for emergencies/);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  let refused = false;
  await walkUntil(page, async (step, choices) => {
    if (step.subject !== "conservative_care_weeks") return undefined;
    await page.fill("#answer-number", "40");
    await choices.getByRole("button", { name: "Next", exact: true }).click();
    const said = await page.innerText("#answer-error");
    assert.match(said, /more weeks of treatment than your foot has hurt/);
    assert.doesNotMatch(said, /symptom_weeks|expected/);
    refused = true;
    return "stop";
  });
  assert.ok(refused, "the weeks of treatment were asked");
  await finish();
});

test("an infection with feeling very unwell stops the questions with what to do now", async () => {
  const { page, finish } = await open(base + "patient.html", PHONE);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  const kept = await walkUntil(page, async (step, choices) => {
    if (step.subject !== "systemic_infection") return undefined;
    await choices.getByRole("button", { name: "Yes", exact: true }).click();
    return "yes";
  });
  assert.equal(kept.at(-1).subject, "systemic_infection");
  const expected = mirror(kept).safetyNet().map((item) => item.text);
  assert.ok(expected.length > 0);
  assert.equal(await onScreen(page), null, "no question after it");
  assert.deepEqual(await page.locator("#safety li").allInnerTexts(), expected);
  await finish();
});
