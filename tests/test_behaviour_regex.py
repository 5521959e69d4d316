"""What --regex accepts and refuses at each limit, and Python spellings translated for RE2
(``\\Z``, ``{,n}``), checked by what the patterns match."""

from __future__ import annotations

import pytest

from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.text.search import compile_regex, compile_words, find


def matches(pattern: str, text: str) -> list[str]:
    return [text[s.start : s.end] for s in find(text, [compile_regex(pattern)])]


def refused(pattern: str) -> str:
    with pytest.raises(UsageProblem) as caught:
        compile_regex(pattern)
    return str(caught.value)


def test_nesting_up_to_the_limit() -> None:
    assert matches("(" * 100 + "a" + ")" * 100, "a b a") == ["a", "a"]
    assert "nested more than 100 deep" in refused("(" * 101 + "a" + ")" * 101)
    # Groups one after another never nest, however many.
    assert matches("(a)" * 150, "a" * 150) == ["a" * 150]
    assert matches("(?:(a)|(b))" * 60, "ab" * 30) == ["ab" * 30]
    # A closed group leaves no depth behind: 100 deep after it is still within the limit.
    assert matches("(b)" + "(" * 100 + "a" + ")" * 100, "ba") == ["ba"]


@pytest.mark.parametrize(
    ("repeat", "ok"),
    [
        ("{1000}", True),
        ("{1001}", False),
        ("{2,1000}", True),
        ("{2,1001}", False),
        ("{1001,}", False),
    ],
)
def test_counted_repetitions_up_to_1000(repeat: str, ok: bool) -> None:
    if ok:
        compile_regex("a" + repeat)
    else:
        assert f"the repetition {repeat} is more than 1000" in refused("a" + repeat)


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(a)\1x", r"(a)(b)\2c"])
def test_backreferences_are_refused(pattern: str) -> None:
    assert "backreferences" in refused(pattern)


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (r"\\1", "a\\1", ["\\1"]),  # an escaped backslash, then a digit
        ("[(?=]x", "(x =x", ["(x", "=x"]),  # lookahead marks inside a class are literals
        ("[]a]+", "]a]", ["]a]"]),  # a ']' first in a class is a literal
    ],
)
def test_what_looks_like_perl_but_is_not(pattern: str, text: str, found: list[str]) -> None:
    assert matches(pattern, text) == found


def test_escapes_in_a_class_are_left_to_re2() -> None:
    # Not a backreference, and not translated: RE2's own message, about the escape as typed.
    assert refused(r"[\1]").endswith("invalid escape sequence at '\\\\1'")
    assert refused(r"[\Z]").endswith("invalid escape sequence at '\\\\Z'")


@pytest.mark.parametrize("pattern", ["(?=a)", "x(?!a)", "(?<=a)b", "(?P=n)", "(?>a)"])
def test_perl_only_features_are_refused(pattern: str) -> None:
    assert "not supported" in refused(pattern)


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (r"x{,2}y", "xxxy y", ["xxy", "y"]),  # {,n} is {0,n}
        (r"\d{,2}x", "123x x", ["23x", "x"]),  # an escape before it is kept
        (r"{z{,1}", "a {z { b", ["{z", "{"]),  # a '{' that is no repetition is a literal
        (r"end\Z", "end end", ["end"]),  # \Z: the very end of the text
    ],
)
def test_python_spellings_are_translated(pattern: str, text: str, found: list[str]) -> None:
    assert matches(pattern, text) == found


def test_word_queries_ignore_case_unless_asked() -> None:
    text = "NHS nhs Nhs"
    assert len(find(text, [compile_words("nhs")])) == 3
    assert len(find(text, [compile_words("nhs", case_sensitive=True)])) == 1
    assert len(find(text, [compile_regex("nhs")])) == 3
    assert len(find(text, [compile_regex("nhs", case_sensitive=True)])) == 1
