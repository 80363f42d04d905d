// Writes wasm/pkg/package.json and README.md: node wasm/js/package.mjs wasm/pkg
// (version and licence from the crate, as cargo metadata resolves them).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const [pkg] = process.argv.slice(2);
const metadata = JSON.parse(
  execFileSync("cargo", ["metadata", "--locked", "--no-deps", "--format-version", "1"], { encoding: "utf8" }),
);
const crate = metadata.packages.find((p) => p.name === "prolo-triage-wasm");
const field = (name) => crate[name];

const manifest = {
  name: "prolo-triage",
  version: field("version"),
  description:
    "Decision support for clinic software, in WebAssembly: should prolotherapy be discussed for this foot problem now, and why?",
  license: field("license"),
  type: "module",
  main: "./node.js",
  module: "./prolo_triage.js",
  types: "./prolo_triage.d.ts",
  exports: {
    ".": {
      types: "./prolo_triage.d.ts",
      node: "./node.js",
      default: "./prolo_triage.js",
    },
    "./prolo_triage_bg.wasm": "./prolo_triage_bg.wasm",
    "./package.json": "./package.json",
  },
  files: [
    "prolo_triage.js",
    "prolo_triage.d.ts",
    "prolo_triage_bg.wasm",
    "prolo_triage_bg.wasm.d.ts",
    "node.js",
    "node.d.ts",
    "types/",
    "README.md",
  ],
  sideEffects: ["./node.js"],
  engines: { node: ">=20" },
  keywords: ["clinical", "decision-support", "triage", "prolotherapy", "wasm"],
};
writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");

writeFileSync(
  join(pkg, "README.md"),
  `# prolo-triage (WebAssembly)

The prolo-triage library for Node 20+ and the browser, built from the Rust
crates by \`bash wasm/build.sh\`. Decision support for a clinician, never a
diagnosis.

\`\`\`js
// Node: ready on import.
import { assess, Policy } from "prolo-triage";
const a = assess({ age_years: 50, conditions: ["achilles_tendinopathy"] });
console.log(a.verdict, a.questions[0].text);

// Browser (ES module): initialise once; the .wasm is fetched from beside the module.
import init, { assess } from "prolo-triage";
await init();
\`\`\`

The patient's intake, one question at a time in the patient's words (the
warning signs first, then where it hurts on a map of the foot, the
symptoms that best separate the possible conditions, then what the
clinician needs; never an examination finding):

\`\`\`js
import { Interview } from "prolo-triage";
const intake = new Interview(undefined, { audience: "patient" });
for (let step = intake.nextStep(); step; step = intake.nextStep()) {
  // step.text, step.kind ("yes_no" | "number" | "places" | "list"), step.places, step.choices
  intake.answer(step.subject, await ask(step)); // "yes" | "no" | "unknown", a number, or names
}
intake.safetyNet(); // what to do now, when a warning sign stopped it
intake.closing();   // what the clinician will check
intake.presentation(); // the answers, with answered_by, for the clinician
\`\`\`

Every function throws a \`ProloTriageError\` (an \`Error\` with \`path\` and
\`kind\`) on bad input. Types: \`prolo_triage.d.ts\` (generated from the Rust
types).
`,
);
