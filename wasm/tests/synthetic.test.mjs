// 10 000 random presentations from `batch --synthetic` give the native
// batch's verdicts.
import assert from "node:assert/strict";
import { test } from "node:test";

import * as pt from "../pkg/node.js";
import { run } from "./native.mjs";

const count = Number(process.env.SYNTHETIC_COUNT ?? 10000);
const seed = process.env.SYNTHETIC_SEED ?? "16";

test(`${count} synthetic presentations (seed ${seed}): the native batch's verdicts`, () => {
  const lines = run("release", "batch", ["--synthetic", String(count), "--seed", seed]);
  const native = run("release", "batch", ["-"], lines)
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  const inputs = lines.trimEnd().split("\n");
  assert.equal(inputs.length, count);
  assert.equal(native.length, count);
  const tally = {};
  inputs.forEach((line, i) => {
    const { id, presentation } = JSON.parse(line);
    const want = native[i];
    assert.equal(want.id, id);
    const a = pt.assess(presentation);
    assert.equal(a.verdict, want.verdict, `${id}`);
    assert.equal(a.summary, want.summary, `${id}`);
    assert.deepEqual(a.questions.filter((q) => q.blocking).map((q) => q.finding), want.blocking, `${id}`);
    tally[a.verdict] = (tally[a.verdict] ?? 0) + 1;
  });
  // The generator covers the ladder.
  assert.ok(Object.keys(tally).length >= 6, JSON.stringify(tally));
});
