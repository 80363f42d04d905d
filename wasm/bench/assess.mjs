// assess per call in Node (the WebAssembly package) beside native
// `assess_json` (wasm/examples/native-timing.rs), the same loop on both
// sides: a warm-up, then 15 rounds of 2000 calls, the median round per call.
//
//   bash wasm/build.sh && cargo build --release -p prolo-triage-wasm --example native-timing
//   node wasm/bench/assess.mjs [FILES...]      # default: the worked cases
//
// Reports as measured; asserts nothing (speed lives in benchmarks).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import * as pt from "../pkg/node.js";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const target = resolve(root, process.env.CARGO_TARGET_DIR ?? "target");
const ROUNDS = 15;
const CALLS = 2000;

let files = process.argv.slice(2);
if (files.length === 0) {
  const dir = join(root, "examples/data");
  files = readdirSync(dir)
    .filter((f) => /^0\d.*\.json$/.test(f))
    .sort()
    .map((f) => join("examples/data", f));
}

function time(call) {
  for (let i = 0; i < CALLS; i++) call();
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) call();
    rounds.push(Number(process.hrtime.bigint() - start) / CALLS);
  }
  rounds.sort((a, b) => a - b);
  return rounds[ROUNDS >> 1];
}

// Native and Node back to back for each case, so a change in the machine's
// load falls on both sides of a ratio alike.
function native(file) {
  const out = execFileSync(join(target, "release/examples/native-timing"), [file], { cwd: root, encoding: "utf8" });
  return JSON.parse(out).ns_per_call;
}

const rows = [];
for (const file of files) {
  const text = readFileSync(resolve(root, file), "utf8");
  const object = JSON.parse(text);
  const n = native(file);
  const wasmJson = time(() => pt.assessJson(text));
  const wasmObject = time(() => pt.assess(object));
  rows.push({ file, native: n, wasmJson, ratio: wasmJson / n, wasmObject });
}

const pad = (s, n) => String(s).padStart(n);
console.log(`Node ${process.version}; ns per call (median of ${ROUNDS} rounds of ${CALLS})`);
console.log(`${"case".padEnd(44)} ${pad("native", 8)} ${pad("assessJson", 11)} ${pad("ratio", 6)} ${pad("assess(obj)", 12)}`);
for (const r of rows) {
  console.log(
    `${r.file.replace("examples/data/", "").padEnd(44)} ${pad(r.native.toFixed(0), 8)} ${pad(r.wasmJson.toFixed(0), 11)} ${pad(r.ratio.toFixed(2) + "×", 6)} ${pad(r.wasmObject.toFixed(0), 12)}`,
  );
}
const geo = Math.exp(rows.reduce((s, r) => s + Math.log(r.ratio), 0) / rows.length);
console.log(`geometric mean ratio assessJson / native: ${geo.toFixed(2)}×`);
