"""The Python examples of docs/api.md and the README run, and print what they show."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "docs" / "api.md", ROOT / "README.md"]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_the_python_examples_run(page: Path) -> None:
    results = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        raise_on_error=False,
        verbose=False,
    )
    assert results.attempted > 0, f"{page.name} has no Python example"
    assert results.failed == 0, f"{results.failed} examples of {page.name} failed (see above)"


def test_the_pandas_example_is_what_the_page_says() -> None:
    """The ```python block of docs/api.md (it needs pandas, which is optional)."""
    pytest.importorskip("pandas")
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    block = text.split("```python\n", 1)[1].split("```", 1)[0]
    scope: dict[str, object] = {}
    exec(block, scope)
    frame = scope["frame"]
    assert list(frame.columns)[:2] == ["query", "period"]  # type: ignore[attr-defined]
