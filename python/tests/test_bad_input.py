"""Refused input raises InvalidPresentation naming the field and the kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import prolo_triage
import pytest
from conftest import read_text
from prolo_triage import InvalidPresentation

# (file, path, kind), as tests/bad_input.rs has them for the Rust API.
BAD = [
    ("bad-duplicate-entry.json", "allergies[1]", "duplicate_entry"),
    ("bad-duplicate-key.json", "findings.fever", "duplicate_key"),
    ("bad-inconsistent-weeks.json", "symptom_weeks", "inconsistent"),
    ("bad-out-of-range.json", "pain_score", "out_of_range"),
    ("bad-truncated.json", "conditions", "syntax"),
    ("bad-unknown-finding.json", "findings.fevr", "unknown_name"),
    ("bad-wrong-type.json", "age_years", "wrong_type"),
]

# Python dicts cannot hold a duplicate key or a truncated document.
AS_DICT = [case for case in BAD if case[2] not in ("duplicate_key", "syntax")]


def test_every_bad_file_is_listed(data_dir: Path) -> None:
    assert sorted(p.name for p in data_dir.glob("bad-*.json")) == [b[0] for b in BAD]


@pytest.mark.parametrize(("name", "path", "kind"), BAD)
def test_bad_file_as_text(name: str, path: str, kind: str) -> None:
    with pytest.raises(InvalidPresentation) as caught:
        prolo_triage.assess(read_text(name))
    assert caught.value.path == path
    assert caught.value.kind == kind
    assert str(caught.value).startswith(f"{path}: ")


@pytest.mark.parametrize(("name", "path", "kind"), AS_DICT)
def test_bad_file_as_dict(name: str, path: str, kind: str) -> None:
    with pytest.raises(InvalidPresentation) as caught:
        prolo_triage.assess(json.loads(read_text(name)))
    assert (caught.value.path, caught.value.kind) == (path, kind)


@pytest.mark.parametrize(
    ("presentation", "path", "kind"),
    [
        ({"agee": 40}, "agee", "unknown_field"),
        ({"sex": "f"}, "sex", "unknown_name"),
        ({"conditions": ["heel_pain", "gout"]}, "conditions[1]", "unknown_name"),
        ({"age_years": 40.5}, "age_years", "wrong_type"),
        ({"age_years": True}, "age_years", "wrong_type"),
        ({"age_years": 131}, "age_years", "out_of_range"),
        ({"findings": {"fever": "yes"}}, "findings.fever", "unknown_name"),
        ({"sex": "male", "findings": {"pregnancy": "present"}}, "findings.pregnancy", "inconsistent"),
    ],
)
def test_refused_dicts(presentation: dict[str, Any], path: str, kind: str) -> None:
    with pytest.raises(InvalidPresentation) as caught:
        prolo_triage.assess(presentation)
    assert (caught.value.path, caught.value.kind) == (path, kind)


@pytest.mark.parametrize("text", ["", "[]", "null", "\ufeff{}", "{} x", '{"age_years": NaN}'])
def test_refused_documents(text: str) -> None:
    with pytest.raises(InvalidPresentation) as caught:
        prolo_triage.assess(text)
    assert caught.value.kind in ("syntax", "wrong_type")


def test_nan_in_a_dict_is_refused_as_malformed_json() -> None:
    with pytest.raises(InvalidPresentation) as caught:
        prolo_triage.assess({"age_years": float("nan")})
    assert caught.value.kind == "syntax"


def test_the_64_kib_limit_applies_to_text_and_dicts() -> None:
    limit = prolo_triage.MAX_DOCUMENT_BYTES
    assert limit == 64 * 1024
    padding = " " * limit
    with pytest.raises(InvalidPresentation) as caught:
        prolo_triage.assess("{}" + padding)
    assert (caught.value.path, caught.value.kind) == ("document", "too_large")
    # A dict too large as compact JSON: refused before parsing, like text.
    huge = {"conditions": ["heel_pain"] * (limit // 10)}
    with pytest.raises(InvalidPresentation) as caught:
        prolo_triage.assess(huge)
    assert caught.value.kind == "too_large"


def test_just_under_the_limit_is_accepted() -> None:
    text = "{}"
    padded = text + " " * (prolo_triage.MAX_DOCUMENT_BYTES - len(text))
    assert prolo_triage.assess(padded)["verdict"] == "needs_information"


def test_is_a_value_error_and_survives_pickling() -> None:
    import pickle

    with pytest.raises(ValueError) as caught:
        prolo_triage.assess({"findings": {"fevr": "present"}})
    error = caught.value
    assert isinstance(error, InvalidPresentation)
    again = pickle.loads(pickle.dumps(error))
    assert (again.path, again.kind, str(again)) == (error.path, error.kind, str(error))


@pytest.mark.parametrize("wrong", [3, None, ["fever"], b"{}"])
def test_other_argument_types_raise_type_error(wrong: object) -> None:
    with pytest.raises(TypeError, match="presentation must be a dict or a JSON str"):
        prolo_triage.assess(wrong)  # type: ignore[arg-type]


def test_values_json_cannot_write_raise_type_error() -> None:
    with pytest.raises(TypeError):
        prolo_triage.assess({"conditions": {"heel_pain"}})


# (record, as_of, path, kind): a FHIR record or as-of date refused as a
# whole names the mapping's own field and kind, as the service and the
# WebAssembly package report them.
BAD_RECORDS = [
    ('{"resourceType": "Patient"}', "2026-11-26", "document", "not_a_bundle"),
    ('{"resourceType": "Bundle", "type": "batch"}', "2026-11-26", "document", "unsupported_bundle_type"),
    ('{"resourceType": "Bundle", "type": "collection", "entry": {}}', "2026-11-26", "entry", "malformed"),
    ("{", "2026-11-26", "document", "syntax"),
    ('{"resourceType": "Bundle", "type": "collection"}', "26/11/2026", "as_of", "invalid_date"),
]


@pytest.mark.parametrize(("record", "as_of", "path", "kind"), BAD_RECORDS)
def test_invalid_record_carries_path_and_kind(record: str, as_of: str, path: str, kind: str) -> None:
    with pytest.raises(prolo_triage.InvalidRecord) as info:
        prolo_triage.map_bundle(record, as_of)
    assert (info.value.path, info.value.kind) == (path, kind)
    assert str(info.value).startswith(f"{path}: ")


def test_invalid_prefetch_carries_path_and_kind() -> None:
    with pytest.raises(prolo_triage.InvalidRecord) as info:
        prolo_triage.map_prefetch("[]", "2026-11-26")
    assert (info.value.path, info.value.kind) == ("document", "malformed")
