"""Regular expressions as users write them: code points in Python's and ripgrep's
spellings, and patterns that can match the empty string (tests for search.py)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import Invoke
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.text.nonempty import nonempty
from nhsalliance_cli.text.search import _translate, compile_regex, find

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


EMPTY_MATCHING = [
    r"x*",
    r"\b",
    r"(?:)",
    r"^",
    r"(?m)^$",
    r"[a-z]*",
    r"(\w+\s?)*$",
    r"é?",
    r"\w*’?",
    r"a|",
    r"(?i)x*y?",
    r"a(?i)b*|c*",
    r"x{0,3}",
    r"(x|){3}",
    r"(\bx|\s)*",
    r"[\]a]*",
    r"(?P<n>x?)y?",
    r"(?m)^\s*$",
    r"\pL*\x{2019}?",
    r"[[:alpha:]]*\d*",
    r"\Q*\E?x*",
    r"(?s).*",
    r"(?:x|\b)+",
    r"[^\s]*",
]


@pytest.mark.parametrize("pattern", EMPTY_MATCHING)
def test_empty_matching_patterns_give_the_non_empty_spans(pattern: str) -> None:
    for text in (TEXT + "\nabc déf x xx\n", "", "xx\n\n*x y’ 123", "é\u00e9x\n"):
        spans = [(s.start, s.end) for s in find(text, [compile_regex(pattern, True)])]
        # What RE2 finds stepping over every empty match, the empty ones dropped.
        compiled = _plain(pattern)
        expected = [m.span() for m in compiled.finditer(text) if m.end() > m.start()]
        assert spans == expected, text


def _plain(pattern: str) -> Any:
    import re2  # type: ignore[import-untyped]

    options = re2.Options()
    options.never_capture = True
    return re2.compile(_translate(pattern), options)


@pytest.mark.parametrize(
    ("pattern", "rewritten"),
    [
        (r"x*", "xx*"),
        (r"\b", False),
        (r"^$", False),
        (r"commissioning", True),
        (r"(\w+\s?)*$", r"(?:\w\w*\s?)(?:\w+\s?)*$"),
        (r"(?i)a*b?", "(?i:a)(?i:a)*(?i:b)?|(?i:b)"),
    ],
)
def test_the_rewrite(pattern: str, rewritten: str | bool) -> None:
    assert nonempty(pattern) == rewritten


def test_a_pattern_preferring_the_empty_match_gives_its_non_empty_ones() -> None:
    # RE2 stepping over empty matches would find nothing for these: each prefers "".
    spans = find("xx", [compile_regex("x*?")])
    assert [(s.start, s.end) for s in spans] == [(0, 1), (1, 2)]
    spans = find("a x", [compile_regex(r"(?:\b|x)+")])
    assert [(s.start, s.end) for s in spans] == [(2, 3)]


def test_a_rewrite_too_large_falls_back_to_the_pattern_itself() -> None:
    pattern = "(?:" + "a?" * 400 + ")"
    assert nonempty(pattern) is None
    assert [(s.start, s.end) for s in find("aa b", [compile_regex(pattern)])] == [(0, 2)]


def test_deeply_nested_optional_patterns_are_rewritten_or_left_alone() -> None:
    nested = "(?:" * 90 + "a?b?" + ")?" * 90
    rewritten = nonempty(nested)
    assert rewritten is None or isinstance(rewritten, str)
    assert [(s.start, s.end) for s in find("ab a", [compile_regex(nested)])] == [(0, 2), (3, 4)]
    many = "x?" * 300 + "y"
    assert [(s.start, s.end) for s in find("xxy y", [compile_regex(many)])] == [(0, 3), (4, 5)]
