"""Decision support for clinic software: should prolotherapy be discussed
for this foot problem now, and why?

Python bindings of the Rust library prolo-triage. Presentations, policies
and assessments are the JSON documents of the wire format
(docs/wire-format.md), as dicts or JSON text.
"""

from typing import Any, final

__all__ = [
    "__version__",
    "assess",
    "Policy",
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
supporting findings)."""
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

def assess(
    presentation: dict[str, Any] | str,
    policy: Policy | dict[str, Any] | str | None = None,
) -> dict[str, Any]:
    """Assesses one presentation and returns the assessment as a dict.

    ``presentation`` is a dict or a JSON str in the wire format; ``policy``
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
