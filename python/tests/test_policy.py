"""Policies: the default, a clinic's own, and refused ones."""

from __future__ import annotations

import json
import pickle
from typing import Any

import prolo_triage
import pytest
from conftest import read_dict, read_text
from prolo_triage import InvalidPolicy, InvalidPresentation, Policy

STRICT: dict[str, Any] = {
    "name": "strict",
    "version": "1",
    "classification": {"medications.anticoagulant": "absolute"},
}
CASE_02 = "02-ankle-instability-apixaban.json"


def test_default_policy() -> None:
    default = Policy()
    assert default.name == "literature-defaults"
    assert default.version == prolo_triage.__version__
    assert default.fingerprint.startswith("sha256:")
    assert len(default.fingerprint) == len("sha256:") + 64
    assert default == Policy()
    assert hash(default) == hash(Policy())


@pytest.mark.parametrize(
    "policy",
    [
        pytest.param(STRICT, id="dict"),
        pytest.param(json.dumps(STRICT), id="str"),
        pytest.param(Policy.from_dict(STRICT), id="from_dict"),
        pytest.param(Policy.from_json(json.dumps(STRICT)), id="from_json"),
    ],
)
def test_strict_policy_contraindicates_the_anticoagulant(policy: Any) -> None:
    assert prolo_triage.assess(read_dict(CASE_02))["verdict"] == "discuss_with_precautions"
    assessment = prolo_triage.assess(read_dict(CASE_02), policy)
    assert assessment["verdict"] == "contraindicated"
    assert assessment["policy"]["name"] == "strict"
    assert assessment["policy"]["fingerprint"] == Policy.from_dict(STRICT).fingerprint
    assert any(r["finding"] == "medications.anticoagulant" for r in assessment["reasons"])


def test_policy_by_keyword_and_none() -> None:
    text = read_text(CASE_02)
    assert prolo_triage.assess(text, policy=STRICT)["verdict"] == "contraindicated"
    assert prolo_triage.assess(text, policy=None) == prolo_triage.assess(text)
    assert prolo_triage.assess(text, Policy()) == prolo_triage.assess(text)


def test_properties_and_round_trips() -> None:
    strict = Policy.from_dict(STRICT)
    assert (strict.name, strict.version) == ("strict", "1")
    assert strict != Policy()
    assert strict.fingerprint != Policy().fingerprint
    assert Policy.from_json(strict.to_json()) == strict
    assert Policy.from_dict(strict.to_dict()) == strict
    spelled_out = strict.to_dict()
    assert spelled_out["classification"]["medications.anticoagulant"] == "absolute"
    assert spelled_out["min_age_years"] == 18
    assert repr(strict).startswith("Policy(name='strict', version='1', fingerprint='sha256:")


def test_policy_is_immutable_hashable_and_picklable() -> None:
    strict = Policy.from_dict(STRICT)
    with pytest.raises(AttributeError):
        strict.name = "lax"  # type: ignore[misc]
    assert len({strict, Policy.from_dict(STRICT), Policy()}) == 2
    again = pickle.loads(pickle.dumps(strict))
    assert again == strict
    assert isinstance(again, Policy)


@pytest.mark.parametrize(
    ("policy", "path", "kind"),
    [
        ({"name": "x", "version": "1", "classification": {"fever": "relative"}}, "classification.fever", "reclassification"),
        ({"name": "x", "version": "1", "min_age_years": 200}, "min_age_years", "out_of_range"),
        ({"name": "x", "version": "1", "treatable_conditions": []}, "treatable_conditions", None),
        ({"version": "1"}, None, None),
        ({"name": "x", "version": "1", "colour": "red"}, "colour", "unknown_field"),
    ],
)
def test_invalid_policy(policy: dict[str, Any], path: str | None, kind: str | None) -> None:
    for form in (policy, json.dumps(policy)):
        with pytest.raises(InvalidPolicy) as caught:
            prolo_triage.assess(read_dict(CASE_02), form)
        error = caught.value
        assert isinstance(error, ValueError)
        assert not isinstance(error, prolo_triage.InvalidPresentation)
        assert isinstance(error.path, str) and isinstance(error.kind, str)
        if path is not None:
            assert error.path == path
        if kind is not None:
            assert error.kind == kind
    with pytest.raises(InvalidPolicy):
        Policy.from_dict(policy)
    with pytest.raises(InvalidPolicy):
        Policy.from_json(json.dumps(policy))


def test_bad_presentation_under_a_good_policy_is_a_presentation_error() -> None:
    with pytest.raises(InvalidPresentation):
        prolo_triage.assess({"agee": 1}, STRICT)


def test_malformed_policy_text() -> None:
    with pytest.raises(InvalidPolicy) as caught:
        Policy.from_json("{")
    assert caught.value.kind == "syntax"


@pytest.mark.parametrize("wrong", [3, ["strict"]])
def test_policy_of_another_type_raises_type_error(wrong: object) -> None:
    with pytest.raises(TypeError, match="policy must be"):
        prolo_triage.assess("{}", wrong)  # type: ignore[arg-type]

