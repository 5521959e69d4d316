"""The one search engine: compile queries, find their spans in a text.

Word and phrase queries match whole tokens (see :mod:`tokens`): a query is split
into tokens the way a text is, so typography between words never hides a hit, and
``*`` inside a word stands for any letters or digits. ``--regex`` queries are Python
regular expressions over the raw text. Every span is an offset pair into the
original text, whatever folding was used to find it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.tokens import SEPARATOR, TOKEN_CHARS, fold

# A query's tokens: runs of letters, digits and the wildcard '*'.
_QUERY_TOKEN_RE = re.compile(r"(?:[^\W_]|\*)+")
_MAX_QUERY = 1000
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Query:
    text: str  # as the user typed it
    pattern: re.Pattern[str]
    is_regex: bool
    folded: bool  # the pattern runs on the folded (lower-cased) text


class Span(NamedTuple):
    # A tuple rather than a dataclass: searches make hundreds of thousands of these.
    start: int
    end: int
    query: int  # index into the query list


def compile_words(query: str, case_sensitive: bool = False) -> Query:
    """A word or phrase query; raises UsageProblem when it has nothing to match."""
    check_text(query)
    words = _QUERY_TOKEN_RE.findall(query)
    if not words or all(set(w) == {"*"} for w in words):
        raise UsageProblem(
            f"the query {query!r} has no letters or digits to search for "
            "(use --regex for punctuation)"
        )
    parts = [_token_pattern(w if case_sensitive else fold(w)) for w in words]
    pattern = SEPARATOR.join(parts) + f"(?!{TOKEN_CHARS})"
    return Query(query, re.compile(pattern), is_regex=False, folded=not case_sensitive)


def compile_regex(pattern: str, case_sensitive: bool = False) -> Query:
    check_text(pattern, what="regular expression")
    try:
        compiled = re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)
    except re.error as e:
        raise UsageProblem(f"invalid regular expression {pattern!r}: {e}") from e
    return Query(pattern, compiled, is_regex=True, folded=False)


def compile_queries(
    words: Sequence[str], regexes: Sequence[str] = (), case_sensitive: bool = False
) -> list[Query]:
    queries = [compile_words(w, case_sensitive) for w in words]
    queries += [compile_regex(r, case_sensitive) for r in regexes]
    if not queries:
        raise UsageProblem("give a word or phrase to search for, or --regex PATTERN")
    return queries


def find(text: str, queries: Sequence[Query], folded: str | None = None) -> list[Span]:
    """Every span of ``text`` that a query matches, in text order, each span once.

    ``folded`` is ``fold(text)`` if the caller has it already.
    """
    if folded is None and any(q.folded for q in queries):
        folded = fold(text)
    if len(queries) == 1:
        return [Span(start, end, 0) for start, end in _spans(queries[0], text, folded)]
    seen: set[tuple[int, int]] = set()
    spans: list[Span] = []
    for index, query in enumerate(queries):
        for start, end in _spans(query, text, folded):
            if (start, end) not in seen:
                seen.add((start, end))
                spans.append(Span(start, end, index))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


def _spans(query: Query, text: str, folded: str | None) -> Iterator[tuple[int, int]]:
    haystack = folded if query.folded and folded is not None else text
    return _regex_spans(query, haystack) if query.is_regex else _word_spans(query, haystack)


def _word_spans(query: Query, haystack: str) -> Iterator[tuple[int, int]]:
    # The pattern starts with a literal where it can, which re scans for quickly; the
    # token boundary before it is checked here instead of with a (slow) lookbehind.
    # After any candidate the scan resumes one character on, so overlapping phrase
    # hits ("a a" twice in "a a a") are all found.
    search = query.pattern.search
    pos = 0
    match = search(haystack, pos)
    while match is not None:
        start = match.start()
        if start == 0 or not haystack[start - 1].isalnum():
            yield start, match.end()
        pos = start + 1
        match = search(haystack, pos)


def _regex_spans(query: Query, haystack: str) -> Iterator[tuple[int, int]]:
    for match in query.pattern.finditer(haystack):
        if match.end() > match.start():
            yield match.span()


def _token_pattern(word: str) -> str:
    if set(word) == {"*"}:
        return TOKEN_CHARS + "+"
    return f"{TOKEN_CHARS}*".join(re.escape(piece) for piece in word.split("*"))


def check_text(query: str, what: str = "query") -> None:
    if not query.strip():
        raise UsageProblem(f"empty {what}")
    if len(query) > _MAX_QUERY:
        raise UsageProblem(f"the {what} is {len(query)} characters long; the limit is {_MAX_QUERY}")
    if _CONTROL_RE.search(query):
        raise UsageProblem(f"the {what} {query!r} contains control characters")
