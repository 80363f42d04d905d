// The native examples the Node tests compare against, and the shipped data.
// The binaries are built by wasm/ci.sh (or by hand:
//   cargo build --example triage --example handout
//   cargo build --release --example batch
//   cargo build -p prolo-triage-fhir --example fhir-triage).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(fileURLToPath(import.meta.url), "../../..");
const target = resolve(root, process.env.CARGO_TARGET_DIR ?? "target");

function bin(profile, name) {
  const path = join(target, profile, "examples", name);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: build it first (see wasm/tests/native.mjs)`);
  }
  return path;
}

/** Runs a native example; returns its standard output (throws on a non-zero exit). */
export function run(profile, name, args, input) {
  return execFileSync(bin(profile, name), args, {
    cwd: root,
    input,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** Runs a native example that may fail: { status, stdout, stderr }. */
export function runStatus(profile, name, args) {
  const r = spawnSync(bin(profile, name), args, { cwd: root, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The worked cases: the project's and, when present, ../shared/examples. */
export function workedCases() {
  const dirs = [join(root, "examples/data"), resolve(root, "../shared/examples")];
  return dirs
    .filter((d) => existsSync(d))
    .flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.endsWith(".json") && !f.startsWith("bad-"))
        .sort()
        .map((f) => ({ name: `${basename(d)}/${f}`, path: join(d, f), text: readFileSync(join(d, f), "utf8") })),
    );
}

/** The refused inputs of examples/data. */
export function badInputs() {
  const d = join(root, "examples/data");
  return readdirSync(d)
    .filter((f) => f.startsWith("bad-") && f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: f, path: join(d, f), text: readFileSync(join(d, f), "utf8") }));
}
