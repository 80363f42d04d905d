"""Batches: `assess_many`, `assess_arrow`, `decide`, and the typed results."""

from __future__ import annotations

import ast
import datetime
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import prolo_triage
import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from conftest import read_dict, read_text
from test_worked_cases import EXPECTED

if TYPE_CHECKING:
    from prolo_triage import Assessment, RowError

NAMES = sorted(EXPECTED)
BAD = ["bad-unknown-finding.json", "bad-out-of-range.json", "bad-truncated.json"]


def _rows() -> list[dict[str, Any] | str]:
    """The worked cases, half as dicts and half as JSON text, bad rows between."""
    rows: list[dict[str, Any] | str] = []
    for i, name in enumerate(NAMES):
        rows.append(read_text(name) if i % 2 else read_dict(name))
        if i < len(BAD):
            rows.append(read_text(BAD[i]))
    return rows


def test_assess_many_is_assess_in_order_on_any_thread_count() -> None:
    good = [r for r in _rows() if not _is_bad(r)]
    want = [prolo_triage.assess(r) for r in good]
    for jobs in (None, 1, 2, 3):
        got: list[Assessment] = prolo_triage.assess_many(good, jobs=jobs)
        assert got == want
    # Any iterable: a generator, longer than one block.
    many = (good[i % len(good)] for i in range(20_000))
    verdicts = [a["verdict"] for a in prolo_triage.assess_many(many)]
    assert verdicts == [want[i % len(good)]["verdict"] for i in range(20_000)]


def _is_bad(row: dict[str, Any] | str) -> bool:
    return isinstance(row, str) and any(row == read_text(name) for name in BAD)


def test_assess_many_raises_with_the_row_index_or_returns_errors_as_data() -> None:
    rows = _rows()
    first_bad = next(i for i, r in enumerate(rows) if _is_bad(r))
    with pytest.raises(prolo_triage.InvalidPresentation) as raised:
        prolo_triage.assess_many(rows)
    assert raised.value.index == first_bad
    results: list[Assessment | RowError] = prolo_triage.assess_many(rows, errors="return", jobs=2)
    assert len(results) == len(rows)
    for i, (row, result) in enumerate(zip(rows, results)):
        if _is_bad(row):
            assert "verdict" not in result
            assert result["index"] == i
            with pytest.raises(prolo_triage.InvalidPresentation) as one:
                prolo_triage.assess(row)
            assert result["kind"] == one.value.kind
            assert result["path"] == one.value.path
        else:
            assert result == prolo_triage.assess(row)
    with pytest.raises(ValueError):
        prolo_triage.assess_many(rows, errors="ignore")  # type: ignore[call-overload]
    with pytest.raises(ValueError):
        prolo_triage.assess_many(rows, jobs=0)
    with pytest.raises(TypeError):
        prolo_triage.assess_many([3])  # type: ignore[list-item]


def test_decide_agrees_with_assess() -> None:
    for name in NAMES:
        assert prolo_triage.decide(read_dict(name)) == EXPECTED[name]
    with pytest.raises(prolo_triage.InvalidPresentation):
        prolo_triage.decide(read_text("bad-duplicate-key.json"))


def _arrow_rows(table: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = table.to_pylist()
    return rows


def test_assess_arrow_strings_with_bad_and_null_rows() -> None:
    texts = [r if isinstance(r, str) else json.dumps(r) for r in _rows()]
    texts.insert(2, None)  # type: ignore[arg-type]
    for array in (pa.array(texts), pa.array(texts, pa.large_string()), pa.chunked_array([texts[:5], texts[5:]])):
        table = prolo_triage.assess_arrow(array, jobs=2)
        assert table.column_names == ["verdict", "summary", "blocking", "error_kind", "error_path", "error_message"]
        assert table.num_rows == len(texts)
        for text, row in zip(texts, _arrow_rows(table)):
            if text is None:
                assert row["error_kind"] == "null" and row["verdict"] is None
                continue
            try:
                a = prolo_triage.assess(text)
            except prolo_triage.InvalidPresentation as e:
                assert (row["verdict"], row["error_kind"], row["error_path"], row["error_message"]) == (
                    None,
                    e.kind,
                    e.path,
                    str(e),
                )
                assert row["blocking"] is None
            else:
                blocking = [q["finding"] for q in a["questions"] if q["blocking"]]
                assert (row["verdict"], row["summary"], row["blocking"], row["error_kind"]) == (
                    a["verdict"],
                    a["summary"],
                    blocking,
                    None,
                )


def test_assess_arrow_struct_column_and_table() -> None:
    dicts = [read_dict(name) for name in NAMES]
    # A struct column: every row has every field, missing ones null
    # (null reads as unknown, so the verdicts are the worked cases').
    column = pa.array(dicts)
    assert pa.types.is_struct(column.type)
    table = prolo_triage.assess_arrow(column)
    assert table.column("verdict").to_pylist() == [EXPECTED[n] for n in NAMES]
    # A Table reads as the struct column of its rows.
    as_table = pa.Table.from_pylist(dicts)
    assert prolo_triage.assess_arrow(as_table).column("verdict").to_pylist() == [EXPECTED[n] for n in NAMES]
    # A column the wire format does not know is an error row, not an exception.
    odd = pa.array([{"age_years": 40, "shoe_size": 9}])
    assert prolo_triage.assess_arrow(odd).column("error_kind").to_pylist() == ["unknown_field"]
    assert prolo_triage.assess_arrow(pa.array([], pa.string())).num_rows == 0
    with pytest.raises(TypeError):
        prolo_triage.assess_arrow(pa.array([1, 2]))


def test_assess_arrow_with_a_policy() -> None:
    strict = prolo_triage.Policy.from_dict(
        {"name": "strict", "version": "1", "classification": {"medications.anticoagulant": "absolute"}}
    )
    name = "02-ankle-instability-apixaban.json"
    table = prolo_triage.assess_arrow(pa.array([read_text(name)]), strict)
    assert table.column("verdict").to_pylist() == ["contraindicated"]


def test_handout() -> None:
    html = prolo_triage.handout(read_dict("01-runner-heel-pain-discuss.json"))
    assert html.startswith("<!DOCTYPE html>")
    md = prolo_triage.handout(read_text("05-too-early-infection-unknown.json"), markdown=True)
    assert "## What happens next" in md


RIVERSIDE = Path(__file__).resolve().parents[2] / "examples" / "policies" / "riverside-podiatry.json"


def test_handout_takes_the_policy_clinic_and_a_date_of_issue() -> None:
    case = read_text("01-runner-heel-pain-discuss.json")
    policy = prolo_triage.Policy.from_json(RIVERSIDE.read_text())
    # The clinic's details decide nothing.
    assert policy.fingerprint == prolo_triage.Policy().fingerprint
    as_text = prolo_triage.handout(case, policy, date="2026-12-07")
    as_date = prolo_triage.handout(case, policy, date=datetime.date(2026, 12, 7))
    assert as_text == as_date
    assert as_text.startswith("<!DOCTYPE html>")
    assert prolo_triage.handout(case, date=None) == prolo_triage.handout(case)


@pytest.mark.parametrize("bad", ["2026-02-29", "7 December 2026", "", datetime.datetime(2026, 12, 7, 10, 0)])
def test_handout_refuses_a_date_that_is_not_a_day(bad: object) -> None:
    with pytest.raises(ValueError) as raised:
        prolo_triage.handout(read_text("01-runner-heel-pain-discuss.json"), date=bad)  # type: ignore[arg-type]
    assert raised.value.path == "date"  # type: ignore[attr-defined]
    assert raised.value.kind == "invalid"  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        prolo_triage.handout(read_text("01-runner-heel-pain-discuss.json"), date=20261207)  # type: ignore[arg-type]


def test_a_policy_with_a_bad_clinic_detail_is_refused() -> None:
    with pytest.raises(prolo_triage.InvalidPolicy) as raised:
        prolo_triage.Policy.from_dict({"name": "a", "version": "1", "clinic": {"phone": ""}})
    assert raised.value.path == "clinic.phone"


FIXTURES = Path(__file__).resolve().parents[2] / "fhir" / "tests" / "fixtures" / "bundles"


def test_map_bundle_and_prefetch() -> None:
    bundle = (FIXTURES / "plantar-fasciitis-fever-f202.json").read_text()
    mapped = prolo_triage.map_bundle(bundle, "2026-11-26")
    assert mapped["as_of"] == "2026-11-26"
    assert prolo_triage.assess(mapped["presentation"])["verdict"] == "refer_urgently"
    fever = next(p for p in mapped["provenance"] if p["field"] == "findings.fever")
    assert fever["resource"] is not None and fever["resource"]["id"] == "f202"
    assert mapped["unused"][0]["reason"] == "conflict"
    as_dict = prolo_triage.map_bundle(json.loads(bundle), "2026-11-26")
    assert as_dict == mapped
    prefetch = (FIXTURES / "prefetch-warfarin.json").read_text()
    assert prolo_triage.assess(prolo_triage.map_prefetch(prefetch, "2026-11-26")["presentation"])["verdict"] == (
        "discuss_with_precautions"
    )
    with pytest.raises(prolo_triage.InvalidRecord):
        prolo_triage.map_bundle('{"resourceType": "Patient"}', "2026-11-26")
    with pytest.raises(prolo_triage.InvalidRecord):
        prolo_triage.map_bundle(bundle, "2026-13-01")


def _typed_dicts() -> dict[str, dict[str, ast.expr]]:
    stub = ast.parse((Path(prolo_triage.__file__).parent / "__init__.pyi").read_text())
    out: dict[str, dict[str, ast.expr]] = {}
    for node in stub.body:
        if isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id == "TypedDict" for b in node.bases):
            out[node.name] = {
                s.target.id: s.annotation
                for s in node.body
                if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
            }
    return out


def test_every_assessment_has_exactly_the_keys_the_stub_declares() -> None:
    """The TypedDicts of the stub, walked against real assessments."""
    types = _typed_dicts()
    seen: set[str] = set()

    def check(value: Any, annotation: ast.expr) -> None:
        if isinstance(annotation, ast.Name) and annotation.id in types:
            fields = types[annotation.id]
            assert isinstance(value, dict), (annotation.id, value)
            assert set(value) == set(fields), (annotation.id, set(value) ^ set(fields))
            seen.add(annotation.id)
            for key, sub in fields.items():
                check(value[key], sub)
        elif isinstance(annotation, ast.Subscript) and isinstance(annotation.value, ast.Name):
            if annotation.value.id == "list":
                for item in value:
                    check(item, annotation.slice)
        elif isinstance(annotation, ast.BinOp) and value is not None:  # X | None
            check(value, annotation.left)

    for name in NAMES:
        check(prolo_triage.assess(read_dict(name)), ast.Name("Assessment"))
    assert {"Assessment", "Reason", "Question", "Source", "Plan", "PolicyStamp", "InjectateAdvice"} <= seen
