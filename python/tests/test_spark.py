"""The Spark job (examples/spark_screen.py) in local mode, checked row by
row against the Rust `batch` example on the same synthetic presentations.

Needs pyspark (with Java) and the release `batch` binary: `PROLO_BATCH`
names it, else `target/release/examples/batch`. Without them the test is
skipped, unless `PROLO_REQUIRE_SPARK=1` (python/ci.sh sets it) makes that a
failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "python" / "examples" / "spark_screen.py"
ROWS = 20_000


def _batch() -> Path:
    path = Path(os.environ.get("PROLO_BATCH", ROOT / "target" / "release" / "examples" / "batch"))
    if not path.is_file():
        _missing(f"the batch example ({path}); build it with cargo build --release --example batch")
    return path


def _missing(what: str) -> None:
    if os.environ.get("PROLO_REQUIRE_SPARK") == "1":
        pytest.fail(f"missing {what}")
    pytest.skip(f"missing {what}")


def test_spark_job_gives_the_rust_batch_answer_for_every_row(tmp_path: Path) -> None:
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
        import pyspark  # noqa: F401
    except ImportError as e:
        _missing(str(e))
    if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
        _missing("java")
    batch = _batch()
    presentations = tmp_path / "presentations.jsonl"
    with presentations.open("wb") as out:
        subprocess.run([batch, "--synthetic", str(ROWS), "--seed", "5"], stdout=out, check=True)
        # Bad rows with ids: they must come back as error rows, not fail the job.
        out.write(b'{"id": "bad-name", "presentation": {"findings": {"fevr": "present"}}}\n')
        out.write(b'{"id": "bad-range", "presentation": {"age_years": 200}}\n')
    rust = subprocess.run([batch, "--jobs", "2", presentations], capture_output=True, check=True)
    want = {}
    for line in rust.stdout.decode().splitlines():
        row = json.loads(line)
        if "error" in row:
            want[row["id"]] = (None, None, None, row["error"]["kind"])
        else:
            want[row["id"]] = (row["verdict"], row["summary"], row["blocking"], None)
    assert len(want) == ROWS + 2

    results = tmp_path / "results.parquet"
    env = dict(
        os.environ,
        SPARK_LOCAL_IP="127.0.0.1",
        PYSPARK_PYTHON=sys.executable,
        PYSPARK_DRIVER_PYTHON=sys.executable,
    )
    job = subprocess.run(
        [sys.executable, SCRIPT, presentations, results, "--master", "local[2]"],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert job.returncode == 0, job.stderr[-4000:]
    got = {
        row["id"]: (row["verdict"], row["summary"], row["blocking"], row["error_kind"])
        for row in pq.read_table(results).to_pylist()
    }
    assert len(got) == ROWS + 2
    assert got == want
    # The counts it printed are the Rust batch's.
    printed = dict(line.rsplit(None, 1) for line in job.stdout.splitlines() if line.strip())
    assert int(printed["total"]) == ROWS + 2
    assert int(printed["invalid (error rows)"]) == 2
