"""The module's surface: version, vocabularies, and stubs that match."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import prolo_triage
import pytest

PACKAGE = Path(prolo_triage.__file__).parent


def test_version_is_the_crates() -> None:
    # The crate takes its version from the workspace table (version.workspace).
    cargo = (Path(__file__).resolve().parents[2] / "Cargo.toml").read_text()
    match = re.search(r'^version = "([^"]+)"', cargo, re.M)
    assert match is not None
    assert prolo_triage.__version__ == match.group(1)


def test_vocabularies_are_the_wire_formats() -> None:
    assert prolo_triage.CONDITIONS == [
        "plantar_fasciitis",
        "heel_pain",
        "achilles_tendinopathy",
        "tendinitis",
        "mortons_neuroma",
        "bunion_pain",
        "osteoarthritis",
        "fallen_arch",
        "other",
    ]
    assert prolo_triage.MEDICATIONS == [
        "nsaid",
        "anticoagulant",
        "antiplatelet",
        "low_dose_aspirin",
        "systemic_corticosteroid",
        "immunosuppressant",
    ]
    assert prolo_triage.ALLERGIES == ["local_anaesthetic", "dextrose", "corn"]
    assert prolo_triage.SEXES == ["female", "male", "other"]
    assert prolo_triage.SIDES == ["left", "right", "both"]
    assert prolo_triage.VERDICTS == [
        "refer_urgently",
        "contraindicated",
        "not_suitable",
        "not_yet",
        "discuss_with_precautions",
        "discuss",
        "needs_information",
    ]
    assert len(prolo_triage.CONSERVATIVE_CARE) == 12
    assert {"stretching", "night_splint", "corticosteroid_injection"} <= set(
        prolo_triage.CONSERVATIVE_CARE
    )
    # 30 of contract v2 and v3's red flag sudden_achilles_snap.
    assert len(prolo_triage.FINDINGS) == 31
    assert "sudden_achilles_snap" in prolo_triage.FINDINGS
    assert prolo_triage.FINDINGS[0] == "fever"
    assert {"recent_injury", "pregnancy", "ligament_laxity", "anaemia"} <= set(
        prolo_triage.FINDINGS
    )
    for vocabulary in (
        prolo_triage.CONDITIONS,
        prolo_triage.FINDINGS,
        prolo_triage.MEDICATIONS,
        prolo_triage.ALLERGIES,
        prolo_triage.CONSERVATIVE_CARE,
        prolo_triage.SEXES,
        prolo_triage.SIDES,
        prolo_triage.VERDICTS,
    ):
        assert isinstance(vocabulary, list)
        assert len(set(vocabulary)) == len(vocabulary)


def test_the_library_accepts_every_name_of_every_vocabulary() -> None:
    assert prolo_triage.assess(
        {
            "conditions": prolo_triage.CONDITIONS,
            "medications": prolo_triage.MEDICATIONS,
            "allergies": prolo_triage.ALLERGIES,
            "conservative_care": prolo_triage.CONSERVATIVE_CARE,
            "findings": {name: "unknown" for name in prolo_triage.FINDINGS},
        }
    )
    # Open lists (contract v2): every class and allergy with a truth value.
    open_lists = prolo_triage.assess(
        {
            "medications": {name: "unknown" for name in prolo_triage.MEDICATIONS},
            "allergies": {name: "absent" for name in prolo_triage.ALLERGIES},
        }
    )
    assert open_lists["verdict"] == "needs_information"
    for sex in prolo_triage.SEXES:
        prolo_triage.assess({"sex": sex})
    for side in prolo_triage.SIDES:
        prolo_triage.assess({"side": side})


def test_an_open_list_asks_the_class_it_does_not_name() -> None:
    """Contract v2: a class left out of an open list is unknown, asked by its path."""
    ready = {
        "age_years": 50,
        "conditions": ["plantar_fasciitis"],
        "symptom_weeks": 30,
        "conservative_care_weeks": 12,
        "allergies": [],
        "findings": {
            name: "absent"
            for name in prolo_triage.FINDINGS
            if name not in ("ligament_laxity", "joint_instability")
        },
        "medications": {"nsaid": "present", "antiplatelet": "absent"},
    }
    assessment = prolo_triage.assess(ready)
    assert assessment["verdict"] == "discuss_with_precautions"
    asked = [q["finding"] for q in assessment["questions"]]
    assert "medications.anticoagulant" in asked
    assert "medications" not in asked
    with pytest.raises(prolo_triage.InvalidPresentation) as bad:
        prolo_triage.assess({"medications": {"aspirin": "present"}})
    assert bad.value.path == "medications.aspirin"


def test_every_verdict_name_is_one_an_assessment_can_give() -> None:
    assert prolo_triage.assess("{}")["verdict"] in prolo_triage.VERDICTS


def _stub() -> ast.Module:
    return ast.parse((PACKAGE / "__init__.pyi").read_text())


def test_wheel_ships_stubs_and_py_typed() -> None:
    assert (PACKAGE / "py.typed").is_file()
    assert (PACKAGE / "__init__.pyi").is_file()


def _is_typed_dict(node: ast.ClassDef) -> bool:
    return any(isinstance(base, ast.Name) and base.id == "TypedDict" for base in node.bases)


def test_stub_names_match_the_module() -> None:
    declared: set[str] = set()
    for node in _stub().body:
        if isinstance(node, ast.ClassDef) and _is_typed_dict(node):
            continue  # a type for type checkers only, not in the module
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            declared.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared.add(node.target.id)
    assert declared == set(prolo_triage.__all__)
    public = {name for name in dir(prolo_triage) if not name.startswith("_")}
    assert public - {"prolo_triage"} == declared - {"__version__"}


def test_stub_policy_members_match_the_class() -> None:
    stub_policy = next(
        node for node in _stub().body if isinstance(node, ast.ClassDef) and node.name == "Policy"
    )
    declared = {node.name for node in stub_policy.body if isinstance(node, ast.FunctionDef)}
    runtime = {name for name in vars(prolo_triage.Policy) if not name.startswith("_")}
    assert declared - {"__new__", "__eq__", "__hash__"} == runtime


@pytest.mark.parametrize("name", ["InvalidPresentation", "InvalidPolicy", "InvalidRecord"])
def test_exceptions_are_value_errors(name: str) -> None:
    exception = getattr(prolo_triage, name)
    assert issubclass(exception, ValueError)
    assert exception.__module__ == "prolo_triage"
    assert not issubclass(prolo_triage.InvalidPresentation, prolo_triage.InvalidPolicy)


def test_docstrings() -> None:
    assert prolo_triage.__doc__ and "prolotherapy" in prolo_triage.__doc__
    assert prolo_triage.assess.__doc__ and "InvalidPresentation" in prolo_triage.assess.__doc__
    assert prolo_triage.Policy.__doc__
