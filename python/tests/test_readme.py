"""The Python examples of python/README.md run and their assertions hold.

Blocks fenced as ```python run; ```python no-run ones (Spark) are only
compiled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"^```python( no-run)?\n(.*?)^```$", README.read_text(), re.M | re.S)


def test_readme_has_examples() -> None:
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize(("no_run", "code"), BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example(no_run: str, code: str) -> None:
    compiled = compile(code, str(README), "exec")
    if no_run:
        return
    if "import pandas" in code:
        pytest.importorskip("pandas")
    exec(compiled, {"__name__": "readme"})
