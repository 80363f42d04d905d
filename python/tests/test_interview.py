"""The interview, with an audience: the patient's intake in plain words
(docs/decision-model.md §10)."""

from __future__ import annotations

import prolo_triage
import pytest


def classic_heel(step: prolo_triage.Step) -> bool | int | list[str]:
    """A patient with classic plantar fasciitis answering the intake."""
    if step["kind"] == "places":
        return ["pain_under_heel"]
    if step["kind"] == "number":
        return {"age_years": 52, "symptom_weeks": 30}.get(step["subject"], 20)
    if step["kind"] == "list":
        return []
    return step["subject"] == "symptoms.first_step_pain"


def test_a_patient_intake_in_plain_words() -> None:
    interview = prolo_triage.Interview(audience="patient")
    steps = []
    while (step := interview.next_step()) is not None:
        steps.append(step)
        interview.answer(step["subject"], classic_heel(step))
        assert len(steps) < 80
    assert steps[0]["subject"] == "fever"
    assert steps[0]["stage"] == "red_flags"
    assert all(s["who"] != "clinician" for s in steps)
    where = next(s for s in steps if s["subject"] == "where_it_hurts")
    assert len(where["places"]) == 12
    assert {p["view"] for p in where["places"]} == {"sole", "back", "inner", "outer", "top"}
    candidates = interview.assessment()["candidates"]
    assert ("plantar_fasciitis", "likely") in [(c["condition"], c["band"]) for c in candidates]
    presentation = interview.presentation()
    assert presentation["answered_by"]["symptoms.first_step_pain"] == "patient"
    assert presentation["symptoms"]["pain_bunion"] == "absent"
    assert interview.closing()[0].startswith("Your clinician will")
    assert interview.safety_net() == []


def test_a_red_flag_stops_the_intake() -> None:
    interview = prolo_triage.Interview(audience="patient")
    interview.answer("fever", True)
    assert interview.next_step() is None
    assert any("today" in item["text"] for item in interview.safety_net())


def test_bad_answers_and_audiences_are_refused() -> None:
    with pytest.raises(ValueError, match="audience"):
        prolo_triage.Interview(audience="nurse")  # type: ignore[arg-type]
    interview = prolo_triage.Interview()
    with pytest.raises(prolo_triage.InvalidPresentation) as refused:
        interview.answer("where_it_hurts", ["first_step_pain"])
    assert refused.value.path == "where_it_hurts"
    with pytest.raises(prolo_triage.InvalidPresentation) as unknown:
        interview.answer("fevr", True)
    assert unknown.value.path == "subject"
