"""Shared fixtures: the example data shipped with the core crate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

#: examples/data/ at the repository root (python/tests/ is two levels down).
DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def read_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def read_dict(name: str) -> dict[str, Any]:
    loaded = json.loads(read_text(name))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="session")
def data_dir() -> Path:
    assert DATA.is_dir(), f"example data not found at {DATA}"
    return DATA
