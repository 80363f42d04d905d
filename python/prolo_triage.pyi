"""Decision support for clinic software: should prolotherapy be discussed
for this foot problem now, and why?

Python bindings of the Rust library prolo-triage. Presentations, policies
and assessments are the JSON documents of the wire format
(docs/wire-format.md), as dicts or JSON text.
"""

import datetime
from collections.abc import Iterable
from typing import Any, Literal, TypedDict, final, overload

from typing_extensions import NotRequired

import pyarrow  # type: ignore[import-untyped]

__all__ = [
    "__version__",
    "assess",
    "assess_many",
    "assess_arrow",
    "decide",
    "handout",
    "map_bundle",
    "map_prefetch",
    "InvalidRecord",
    "Policy",
    "Interview",
    "InvalidPresentation",
    "InvalidPolicy",
    "MAX_DOCUMENT_BYTES",
    "CONDITIONS",
    "FINDINGS",
    "MEDICATIONS",
    "ALLERGIES",
    "CONSERVATIVE_CARE",
    "SEXES",
    "SIDES",
    "VERDICTS",
]

__version__: str
"""The version of this package (the crate's version)."""

MAX_DOCUMENT_BYTES: int
"""Presentations longer than this (in UTF-8 bytes of JSON) are refused
with kind ``too_large`` before parsing. A dict is measured as compact JSON."""

CONDITIONS: list[str]
"""Wire names of the conditions, in the order of the contract."""
FINDINGS: list[str]
"""Wire names of the findings (red flags, contraindications, precautions,
supporting findings, and the injectate-only ``anaemia``)."""
MEDICATIONS: list[str]
"""Wire names of the medication classes."""
ALLERGIES: list[str]
"""Wire names of the allergies."""
CONSERVATIVE_CARE: list[str]
"""Wire names of the kinds of conservative care."""
SEXES: list[str]
"""Wire names of ``sex``."""
SIDES: list[str]
"""Wire names of ``side``."""
VERDICTS: list[str]
"""Wire names of the seven verdicts, most urgent first."""


# The assessment, as `assess` returns it (the wire format's output). These
# types exist for type checkers only: import them under
# ``if typing.TYPE_CHECKING:``.

VerdictName = Literal[
    "refer_urgently",
    "contraindicated",
    "not_suitable",
    "not_yet",
    "discuss_with_precautions",
    "discuss",
    "needs_information",
]
"""The seven verdicts, most urgent first."""

TruthName = Literal["present", "absent", "unknown"]
Strength = Literal["seed", "peer_reviewed", "secondary", "inferred", "policy"]
GroupName = Literal["red_flag", "absolute", "suitability", "timing", "relative"]

class Source(TypedDict):
    citation: str
    strength: Strength

class Reason(TypedDict):
    rule: str
    finding: str | None
    status: TruthName
    role: Literal["decisive", "also_present", "unknown", "supporting"]
    group: GroupName | None
    text: str
    source: Source

class Question(TypedDict):
    finding: str
    group: GroupName
    text: str
    blocking: bool
    who: Literal["patient", "clinician", "both"]

class WaitChange(TypedDict):
    kind: Literal["wait"]
    weeks: int
    symptom_weeks: int | None
    conservative_care_weeks: int | None

class AgeChange(TypedDict):
    kind: Literal["age_years"]
    at_least: int

class ConditionChange(TypedDict):
    kind: Literal["treatable_condition"]

class ResolveChange(TypedDict):
    kind: Literal["resolve"]
    fact: str
    resolution: Literal["expected", "not_expected", "possible"]

Change = WaitChange | AgeChange | ConditionChange | ResolveChange

class Reconsider(TypedDict):
    rules: list[str]
    change: Change
    text: str
    patient_text: str
    source: Source

class Note(TypedDict):
    rule: str
    text: str
    source: Source

class InjectateAdvice(TypedDict):
    injectate: Literal["dextrose", "saline", "prp", "autologous_stem_cells", "local_anaesthetic"]
    suitability: Literal["suitable", "caution", "avoid"]
    notes: list[Note]

class PlanItem(TypedDict):
    text: str
    source: Source

class MedicineAdvice(TypedDict):
    stop_anti_inflammatories: bool
    keep_aspirin: bool
    keep_prescribed: bool

class Plan(TypedDict):
    conditions: list[str]
    anaesthetic_free: bool
    medicines: MedicineAdvice
    preparation: list[PlanItem]
    procedure: list[PlanItem]
    course: list[PlanItem]
    aftercare: list[PlanItem]
    side_effects: list[PlanItem]
    clinician_notes: list[Note]

class Evidence(TypedDict):
    condition: str | None
    level: Literal["moderate", "low_to_moderate", "very_low", "none_found", "review"]
    source: Source

class Thresholds(TypedDict):
    min_age_years: int
    min_symptom_weeks: int
    min_conservative_care_weeks: int

class PolicyStamp(TypedDict):
    name: str
    version: str
    fingerprint: str
    thresholds: Thresholds
    rules_fingerprint: str

class Basis(TypedDict):
    """What the verdict was decided on (``null`` where the record is silent)."""

    conditions: list[str] | None
    age_years: int | None
    symptom_weeks: int | None
    conservative_care_weeks: int | None

Band = Literal["likely", "possible", "unlikely"]
FeatureStrength = Literal["key", "rules_in", "rules_out", "strong", "moderate", "weak"]

class CandidateFeature(TypedDict):
    """A feature for or against a candidate (contract v3): named by ``symptom``,
    ``field`` (a derived feature) or ``rule`` (a counting rule)."""

    symptom: NotRequired[str]
    field: NotRequired[str]
    rule: NotRequired[str]
    who: Literal["patient", "clinician", "both"]
    answered_by: NotRequired[Literal["patient", "clinician"]]
    """Who reported it, when the presentation records it."""
    strength: FeatureStrength
    text: str
    source: Source

class CandidateQuestion(TypedDict):
    symptom: NotRequired[str]
    field: NotRequired[str]
    who: Literal["patient", "clinician", "both"]
    text: str

# A condition the symptoms fit, for the clinician to confirm: never a
# diagnosis, never a probability. Functional form: ``for`` is a keyword.
Candidate = TypedDict(
    "Candidate",
    {
        "condition": str,
        "band": Band,
        "open": bool,
        "recorded": bool,
        "parent": NotRequired[str],
        "score": int,
        "for": list[CandidateFeature],
        "against": list[CandidateFeature],
        "questions": list[CandidateQuestion],
    },
)

class MimicNote(TypedDict):
    mimic: Literal[
        "tarsal_tunnel_syndrome",
        "calcaneal_stress_fracture",
        "plantar_plate_injury",
        "inflammatory_arthritis",
        "lumbar_radiculopathy",
    ]
    symptoms: list[str]
    text: str
    source: Source

class Assessment(TypedDict):
    """What ``assess`` returns."""

    verdict: VerdictName
    summary: str
    best_case: VerdictName
    worst_case: VerdictName
    reasons: list[Reason]
    questions: list[Question]
    reconsider_when: list[Reconsider]
    injectates: list[InjectateAdvice]
    plan: Plan | None
    evidence: list[Evidence]
    basis: Basis
    policy: PolicyStamp
    candidates: list[Candidate]
    mimics: list[MimicNote]

class RowError(TypedDict):
    """A refused row of ``assess_many(..., errors="return")``."""

    index: int
    kind: str
    path: str
    message: str

class ResourceRef(TypedDict, total=False):
    resource_type: str
    id: str
    location: str

class Provenance(TypedDict):
    field: str
    value: Any
    resource: ResourceRef | None
    rule: str
    seen: str

class Unused(TypedDict):
    resource: ResourceRef | None
    reason: str
    detail: str

class Mapped(TypedDict):
    """What ``map_bundle`` and ``map_prefetch`` return; ``presentation``
    goes straight to ``assess``."""

    as_of: str
    presentation: dict[str, Any]
    provenance: list[Provenance]
    unused: list[Unused]


class InvalidPresentation(ValueError):
    """A presentation refused by the library.

    ``str(error)`` is the library's message, for example
    ``findings.fevr: unknown finding `fevr`, expected one of ...``.
    """

    path: str
    """The field: ``findings.fevr``, ``conditions[1]``, or ``document`` for
    the whole input."""
    kind: str
    """What is wrong: ``too_large``, ``syntax``, ``unknown_field``,
    ``unknown_name``, ``duplicate_entry``, ``duplicate_key``,
    ``out_of_range``, ``wrong_type`` or ``inconsistent``."""
    index: int
    """Set by ``assess_many``: the row (from 0) that was refused."""

class InvalidPolicy(ValueError):
    """A policy refused by the library, with ``path`` and ``kind`` as for
    ``InvalidPresentation`` (for example ``classification.fever`` and
    ``reclassification``)."""

    path: str
    kind: str

@final
class Policy:
    """The thresholds and classifications a clinic decides with.

    Immutable, hashable and picklable. ``Policy()`` is the literature
    default; ``from_json`` and ``from_dict`` read a clinic's own::

        strict = Policy.from_dict({
            "name": "strict", "version": "1",
            "classification": {"medications.anticoagulant": "absolute"},
        })
    """

    def __new__(cls) -> Policy:
        """The literature-default policy."""

    @classmethod
    def from_json(cls, text: str) -> Policy:
        """Reads a policy from JSON text.

        Raises ``InvalidPolicy`` naming the field."""

    @classmethod
    def from_dict(cls, mapping: dict[str, Any]) -> Policy:
        """Reads a policy from a dict with the wire format's fields.

        Raises ``InvalidPolicy`` naming the field, or ``TypeError`` for a
        value the ``json`` module cannot write."""

    @property
    def name(self) -> str:
        """The policy's name."""

    @property
    def version(self) -> str:
        """The policy's version."""

    @property
    def fingerprint(self) -> str:
        """``sha256:`` and the SHA-256 of the thresholds and
        classifications; every assessment carries it."""

    def to_json(self) -> str:
        """JSON that ``Policy.from_json`` reads back to an equal policy."""

    def to_dict(self) -> dict[str, Any]:
        """The same fields as ``to_json``, as a dict."""

    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self, /) -> int: ...

class Place(TypedDict):
    """A place on the map of the foot: one location symptom."""

    symptom: str
    label: str
    view: Literal["sole", "back", "inner", "outer", "top"]

class Choice(TypedDict):
    """A name a list answer may hold, with its words for the audience."""

    name: str
    label: str

class Step(TypedDict):
    """The next step of an interview, in the audience's words."""

    subject: str
    stage: Literal["red_flags", "where_it_hurts", "symptoms", "details", "examination"]
    kind: Literal["yes_no", "number", "places", "list"]
    text: str
    hint: str
    who: Literal["patient", "clinician", "both"]
    blocking: bool
    places: NotRequired[list[Place]]
    choices: NotRequired[list[Choice]]

@final
class Interview:
    """An interview in progress (docs/decision-model.md §10).

    ``audience="patient"`` is the patient's intake: only what a patient
    can answer, in plain words; the warning signs first (a yes stops it:
    ``safety_net()`` says what to do now), then where it hurts, the
    symptoms that best separate the candidates, then what the verdict
    needs. ``audience="clinician"`` (the default) asks the blocking
    questions, then the examination questions that could move a
    candidate's band. Every answer is recorded in ``answered_by``::

        interview = Interview(audience="patient")
        while (step := interview.next_step()) is not None:
            interview.answer(step["subject"], ask(step))
    """

    def __new__(
        cls,
        presentation: dict[str, Any] | str | None = None,
        policy: Policy | dict[str, Any] | str | None = None,
        *,
        audience: Literal["patient", "clinician"] = "clinician",
    ) -> Interview:
        """Starts from what is known (nothing by default).

        Raises ``InvalidPresentation``, ``InvalidPolicy`` or ``ValueError``
        for an unknown audience."""

    def next_step(self) -> Step | None:
        """The next step, or ``None`` when nothing is left or a red flag
        stopped it."""

    def next_question(self) -> Question | None:
        """The next blocking question of the verdict, or ``None``."""

    def answer(self, subject: str, value: bool | int | str | list[str]) -> None:
        """Records an answer about ``subject`` (``fever``, ``age_years``,
        ``symptoms.first_step_pain``, ``where_it_hurts``...): ``True`` /
        ``False`` or ``"yes"``/``"no"``/``"unknown"``, an int, or a list of
        names (``[]`` is none). Raises ``InvalidPresentation`` naming the
        subject when the answer does not fit."""

    def safety_net(self) -> list[PlanItem]:
        """What the patient must do now after a red flag; empty otherwise."""

    def closing(self) -> list[str]:
        """What the clinician will still check, in a patient's words."""

    def presentation(self) -> dict[str, Any]:
        """The presentation as completed so far, with ``answered_by``."""

    def assessment(self) -> Assessment:
        """The assessment of the presentation as completed so far."""

class InvalidRecord(ValueError):
    """A FHIR record (Bundle or prefetch) or an as-of date refused as a
    whole: not JSON, not a Bundle of a readable type, over 16 MiB, or about
    more than one patient.

    ``str(error)`` is the mapping's message, for example
    ``document: expected a Bundle, found a Patient resource``.
    """

    path: str
    """The field: ``document`` for the whole record, ``entry``, or
    ``as_of`` for the as-of date."""
    kind: str
    """What is wrong: ``too_large``, ``syntax``, ``not_a_bundle``,
    ``unsupported_bundle_type``, ``malformed``, ``several_patients``,
    ``invalid_date``, ``invalid_code_table`` or ``presentation`` (the FHIR
    mapping's error kinds)."""

def assess(
    presentation: dict[str, Any] | str,
    policy: Policy | dict[str, Any] | str | None = None,
) -> Assessment:
    """Assesses one presentation and returns the assessment as a dict.

    ``presentation`` is a dict or a JSON str in the wire format (with
    ``medications`` and ``allergies`` a list, or an open list: a dict of
    class to ``"present"``/``"absent"``/``"unknown"``); ``policy``
    is ``None`` (the literature default), a ``Policy``, a dict or a JSON
    str. The result has ``verdict``, ``summary``, ``best_case``,
    ``worst_case``, ``reasons``, ``questions``, ``reconsider_when``,
    ``injectates``, ``plan``, ``evidence`` and ``policy``.

    Raises ``InvalidPresentation`` or ``InvalidPolicy`` naming the field,
    and ``TypeError`` for an argument of another type or a value the
    ``json`` module cannot write. Pure: safe to call from many threads
    (the assessment itself runs without the GIL) and as a pandas or Spark
    UDF.
    """

@overload
def assess_many(
    presentations: Iterable[dict[str, Any] | str],
    policy: Policy | dict[str, Any] | str | None = None,
    *,
    errors: Literal["raise"] = "raise",
    jobs: int | None = None,
) -> list[Assessment]:
    """Assesses every presentation of an iterable; the results come back
    in order.

    Rows are read in blocks; each block is assessed on ``jobs`` threads
    (default: every core) without the GIL. With ``errors="raise"`` the
    first invalid row raises ``InvalidPresentation`` (its ``index``
    attribute is the row, from 0); with ``errors="return"`` a
    ``RowError`` takes that row's place."""

@overload
def assess_many(
    presentations: Iterable[dict[str, Any] | str],
    policy: Policy | dict[str, Any] | str | None = None,
    *,
    errors: Literal["return"],
    jobs: int | None = None,
) -> list[Assessment | RowError]: ...
def assess_arrow(
    presentations: Any,
    policy: Policy | dict[str, Any] | str | None = None,
    *,
    jobs: int | None = None,
) -> pyarrow.Table:
    """Assesses a column of presentations and returns a ``pyarrow.Table``
    with one row per input row.

    ``presentations`` is any Arrow array or stream (the Arrow PyCapsule
    interface): a ``pyarrow.Array`` or ``ChunkedArray`` of JSON strings,
    or of structs with the wire format's fields (nulls read as unknown; a
    ``Table`` or ``RecordBatch`` reads as such a struct column). Columns:
    ``verdict``, ``summary``, ``blocking`` (list of finding names), and
    ``error_kind``, ``error_path``, ``error_message``, null unless the row
    was refused. One bad row never raises. Runs on ``jobs`` threads
    (default: every core) without the GIL; pass ``jobs=1`` where the
    caller already runs one task per core (Spark)."""

def decide(
    presentation: dict[str, Any] | str,
    policy: Policy | dict[str, Any] | str | None = None,
) -> VerdictName:
    """The verdict alone, by the same rules as ``assess``, without
    explanations: for screening many records. Raises as ``assess``."""

def handout(
    presentation: dict[str, Any] | str,
    policy: Policy | dict[str, Any] | str | None = None,
    *,
    markdown: bool = False,
    date: str | datetime.date | None = None,
) -> str:
    """The patient leaflet for the presentation's assessment, in plain
    language: HTML, or Markdown with ``markdown=True``. The clinic's
    details (name, phone, out-of-hours route, urgent care, emergency
    number) come from the policy's optional ``clinic`` object; ``date`` is
    the date of issue, ``YYYY-MM-DD`` or a ``datetime.date`` (the library
    reads no clock: without it the date is a blank). Raises as ``assess``,
    and ``ValueError`` (``path`` ``date``, ``kind`` ``invalid``) for a date
    that is not a day."""

def map_bundle(
    bundle: dict[str, Any] | str,
    as_of: str,
    *,
    medications_complete: bool = False,
    allergies_complete: bool = False,
) -> Mapped:
    """Maps one patient's FHIR R4 searchset or collection Bundle as of a
    date (``YYYY-MM-DD`` or an instant): the presentation, the provenance
    of every fact, and what was seen but not used. A missing resource
    never makes a finding absent. Raises ``InvalidRecord``."""

def map_prefetch(
    prefetch: dict[str, Any] | str,
    as_of: str,
    *,
    medications_complete: bool = False,
    allergies_complete: bool = False,
) -> Mapped:
    """Maps a CDS Hooks ``prefetch`` object as ``map_bundle`` maps a
    Bundle. Raises ``InvalidRecord``."""
