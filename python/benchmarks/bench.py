"""Rows per second of the Python API beside the Rust batch example.

    python python/benchmarks/bench.py [--rows N] [--batch PATH]

Presentations come from ``batch --synthetic N --seed 1`` (the same rows for
every method). Measures, best of three: ``assess`` in a Python loop (dicts
in, dicts out), ``assess_many`` (one call, every core), ``assess_arrow``
on a pyarrow array of JSON strings (every core, and one thread), and the
Rust ``batch`` on the same file (``--jobs 1`` and every core). Prints one
line per method; nothing is asserted (speed lives in benchmarks).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import prolo_triage
import pyarrow as pa  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[2]


def best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", default=str(ROOT / "target" / "release" / "examples" / "batch"))
    args = parser.parse_args()
    batch = Path(args.batch)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "presentations.jsonl"
        with path.open("wb") as out:
            subprocess.run([batch, "--synthetic", str(args.rows), "--seed", "1"], stdout=out, check=True)
        wrappers = [json.loads(line) for line in path.read_text().splitlines()]
        dicts = [w["presentation"] for w in wrappers]
        texts = [json.dumps(d) for d in dicts]
        array = pa.array(texts)
        n = len(dicts)
        cores = os.cpu_count()
        print(f"{n} synthetic rows, {cores} cores, load {os.getloadavg()[0]:.1f}")
        results = [
            ("assess, Python loop over dicts", best(lambda: [prolo_triage.assess(d) for d in dicts])),
            ("assess_many(dicts), every core", best(lambda: prolo_triage.assess_many(dicts))),
            ("assess_many(JSON str), every core", best(lambda: prolo_triage.assess_many(texts))),
            ("assess_arrow(strings), every core", best(lambda: prolo_triage.assess_arrow(array))),
            ("assess_arrow(strings), jobs=1", best(lambda: prolo_triage.assess_arrow(array, jobs=1))),
        ]
        for jobs in ("1", str(cores)):
            results.append(
                (
                    f"Rust batch --jobs {jobs}",
                    best(
                        lambda jobs=jobs: subprocess.run(
                            [batch, "--jobs", jobs, path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
                        )
                    ),
                )
            )
        for name, seconds in results:
            print(f"{name:<40} {n / seconds:>12,.0f} rows/s")


if __name__ == "__main__":
    main()
