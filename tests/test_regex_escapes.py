"""Regular expressions as users write them: code points in Python's and ripgrep's
spellings, and patterns that can match the empty string (tests for search.py)."""

from __future__ import annotations

import pytest

from conftest import Invoke
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.search import compile_regex, find

TEXT = "It’s here\ufeff, “quoted” — café 😀 and x\u0000y"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\u2019s", ["’s"]),
        (r"\u{2019}s", ["’s"]),
        (r"[\u201c\u{201D}]", ["“", "”"]),
        (r"\U0001F600", ["😀"]),
        (r"\ufeff|\x00", ["\ufeff", "\x00"]),
        (r"caf\u00e9", ["café"]),
        (r"\\u2019", []),  # an escaped backslash, then the letters
    ],
)
def test_code_point_escapes(pattern: str, expected: list[str]) -> None:
    spans = find(TEXT, [compile_regex(pattern)])
    assert [TEXT[s.start : s.end] for s in spans] == expected


@pytest.mark.parametrize(("pattern", "says"), [(r"\u12", "4 hex digits"), (r"\Uzz", "8 hex")])
def test_bad_code_points_say_what_to_write(pattern: str, says: str) -> None:
    with pytest.raises(UsageProblem, match=says) as e:
        compile_regex(pattern)
    assert "\\x{FEFF}" in str(e.value) and len(str(e.value)) < 300


def test_regex_escapes_from_the_command_line(invoke: Invoke) -> None:
    result = invoke(["search", "--regex", r"\u{2019}s\b", "--count"])
    assert result.exit_code == 0
    bad = invoke(["search", "--regex", r"\u12"])
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


@pytest.mark.parametrize(
    "pattern", [r"x*", r"\b", r"(?:)", r"[a-z]*", r"(\w+\s?)*$", r"é?", r"\w*’?", r"a|"]
)
def test_empty_matching_patterns_give_the_non_empty_spans(pattern: str) -> None:
    text = TEXT + "\nabc déf x xx\n"
    spans = [(s.start, s.end) for s in find(text, [compile_regex(pattern, case_sensitive=True)])]
    # What re2's own finditer finds (a match object for every match, empty ones too),
    # the empty ones dropped.
    compiled = compile_regex(pattern, case_sensitive=True).pattern
    expected = [m.span() for m in compiled.finditer(text) if m.end() > m.start()]
    assert spans == expected
