"""`assess` as a UDF over a table of presentations."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import prolo_triage
import pytest
from conftest import read_dict, read_text
from test_worked_cases import EXPECTED

NAMES = sorted(EXPECTED)


def _table() -> list[dict[str, Any]]:
    """One row per worked case, the presentation as JSON text in half the
    rows and as a dict in the others, as a mixed source would give."""
    return [
        {"id": name, "presentation": read_text(name) if i % 2 else read_dict(name)}
        for i, name in enumerate(NAMES)
    ]


def test_list_of_dicts() -> None:
    rows = _table()
    for row in rows:
        row["assessment"] = prolo_triage.assess(row["presentation"])
    assert {row["id"]: row["assessment"]["verdict"] for row in rows} == EXPECTED


def test_with_a_clinic_policy_bound_once() -> None:
    strict = prolo_triage.Policy.from_dict(
        {"name": "strict", "version": "1", "classification": {"medications.anticoagulant": "absolute"}}
    )
    verdicts = [prolo_triage.assess(row["presentation"], strict)["verdict"] for row in _table()]
    expected = [EXPECTED[name] for name in NAMES]
    expected[NAMES.index("02-ankle-instability-apixaban.json")] = "contraindicated"
    assert verdicts == expected


def test_threads_give_the_same_results() -> None:
    presentations = [row["presentation"] for row in _table()] * 25
    serial = [prolo_triage.assess(p) for p in presentations]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(prolo_triage.assess, presentations))
    assert parallel == serial


def test_function_and_policy_pickle_as_a_spark_udf_needs() -> None:
    # Spark ships the UDF and what it closes over to executors by pickling.
    assert pickle.loads(pickle.dumps(prolo_triage.assess)) is prolo_triage.assess
    policy = prolo_triage.Policy()
    assert pickle.loads(pickle.dumps(policy)) == policy


def test_pandas_apply() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(_table())
    df["assessment"] = df["presentation"].apply(prolo_triage.assess)
    df["verdict"] = df["assessment"].str["verdict"]
    assert dict(zip(df["id"], df["verdict"])) == EXPECTED
    counts = df["verdict"].value_counts()
    assert counts["needs_information"] == 2
    assert counts["discuss_with_precautions"] == 2


def test_pandas_bad_rows_become_errors_not_a_crash() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"presentation": [read_text("bad-truncated.json"), read_text(NAMES[0])]})

    def verdict_or_error(presentation: Any) -> str:
        try:
            return str(prolo_triage.assess(presentation)["verdict"])
        except prolo_triage.InvalidPresentation as error:
            return f"error at {error.path}: {error.kind}"

    assert list(df["presentation"].apply(verdict_or_error)) == [
        "error at conditions: syntax",
        EXPECTED[NAMES[0]],
    ]
