"""Contexts from token starts: the same words as reading the text around each hit, and
never more than --window tokens, however long a token or a run of punctuation is."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import write_corpus
from nhsalliance_cli.analyses.concordance import CAP, contexts
from nhsalliance_cli.text.tokens import TOKEN_CHARS, split_tokens

UNIT = rf"[\W_]*{TOKEN_CHARS}+(?!{TOKEN_CHARS})"


def oracle(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """The words around a span read straight from the text with regular expressions
    (the way contexts were found before the index): the reversed text before the span,
    then the text after it, each up to ``window`` tokens."""
    if window == 0:
        return "", ""
    upto = re.compile(f"(?:{UNIT}){{0,{window}}}")
    taken = upto.match(text[:start][::-1])
    after = upto.match(text, end)
    assert taken is not None and after is not None
    left = text[start - taken.end() : start]
    right = text[end : after.end()]
    return " ".join(left.split()), " ".join(right.split())


ALPHABET = st.sampled_from([*"abcXYZé1 ,.-’\n\t", "  ", "\r\n", "\u00a0"])
TEXTS = st.lists(ALPHABET, min_size=1, max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data(), st.integers(0, 6))
def test_contexts_match_the_text_read_around_any_span(
    text: str, data: st.DataObject, window: int
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    starts = split_tokens(text)[0]
    assert contexts(text, starts, start, end, window) == oracle(text, start, end, window)


def test_a_huge_token_gives_short_contexts() -> None:
    text = "before " + "ab" * 20_000 + " after"
    starts = split_tokens(text)[0]
    for start in (7, 5_000, 20_000):
        left, right = contexts(text, starts, start, start + 1, 8)
        assert len(left) <= 8 * (CAP + 10) and len(right) <= 8 * (CAP + 10)
        assert "…" in right
    left, right = contexts(text, starts, 40_006, 40_007, 8)
    assert left.startswith("before ") and "…" in left and right == "after"


def test_many_hits_inside_one_huge_token_do_not_hang(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "c", {"long.txt": "ab" * 50_000})
    argv = [sys.executable, "-m", "nhsalliance_cli", "--corpus", str(folder)]
    result = subprocess.run(
        [*argv, "search", "--regex", "b", "--jsonl"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 50_000
    assert max(map(len, lines)) < 2_000  # contexts stay short: no 100 KB per hit
