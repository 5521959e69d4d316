"""The one search engine: compile queries, find their spans in a text.

Word and phrase queries match whole tokens (see :mod:`tokens`): a query is split
into tokens the way a text is, so typography between words never hides a hit, and
``*`` inside a word stands for any letters or digits. ``--regex`` queries are RE2
regular expressions over the raw text (matched in linear time: no pattern can make a
search backtrack for ever). Every span is an offset pair into the original text,
whatever folding was used to find it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.tokens import SEPARATOR, TOKEN_CHARS, fold

# A query's tokens: runs of letters, digits and the wildcard '*'.
_QUERY_TOKEN_RE = re.compile(r"(?:[^\W_]|\*)+")
_MAX_QUERY = 1000
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Query:
    text: str  # as the user typed it
    # re.Pattern[str] for words; for --regex an re2 pattern (its finditer is re's, with
    # str offsets). re2 has no type stubs.
    pattern: Any
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
    """A --regex query, compiled by RE2: linear-time matching, whatever the pattern.

    What RE2 cannot do (backreferences, lookaround) is a usage error that says so.
    """
    import re2  # type: ignore[import-untyped]  # lazily: only a --regex pays for it

    check_text(pattern, what="regular expression")
    problem = _unsupported(pattern)
    if problem is not None:
        raise UsageProblem(
            f"invalid regular expression {_shown(pattern)}: {problem} (--regex uses RE2 syntax; "
            "see 'Regular expressions' in the README)"
        )
    try:
        pattern.encode("utf-8")
    except UnicodeEncodeError as e:  # undecodable bytes from argv
        raise UsageProblem(
            f"the regular expression {_shown(pattern)} holds bytes that are not UTF-8"
        ) from e
    options = re2.Options()
    options.case_sensitive = case_sensitive
    options.never_capture = True  # only the whole match's span is used: faster
    options.log_errors = False  # RE2 would print its own error lines on stderr
    options.max_mem = _RE2_MAX_MEM
    try:
        compiled = re2.compile(_translate(pattern), options)
    except re2.error as e:
        raise UsageProblem(f"invalid regular expression {_shown(pattern)}: {_re2_reason(e)}") from e
    if compiled.programsize > _MAX_PROGRAM:
        raise UsageProblem(
            f"the regular expression {_shown(pattern)} is too complex: its RE2 program has "
            f"{compiled.programsize:,} instructions, the limit is {_MAX_PROGRAM:,} "
            "(use fewer or smaller counted repetitions)"
        )
    return Query(pattern, compiled, is_regex=True, folded=False)


# RE2's memory budget for one pattern (its default is 8 MiB): enough for any pattern
# under the query length limit, and a pattern that needs more is refused at compile time.
_RE2_MAX_MEM = 64 << 20
_MAX_REPEAT = 1000  # RE2's limit on a counted repetition {n}
# Bigger programs (counted repetitions of Unicode classes: '(?:\pL+\PL+){200}') can
# outgrow the DFA's memory, and RE2's fallback then costs the program's size per byte.
_MAX_PROGRAM = 250_000
_MAX_NESTING = 100  # groups within groups; real patterns nest a handful deep
_REPEAT_RE = re.compile(r"\{(\d+)(?:,(\d*))?\}")
# (?=…), (?!…), (?<=…), (?<!…), (?P=name) and (?>…): Perl features RE2 leaves out.
_PERL_ONLY = (
    ("(?=", "lookahead (?=...) is not supported"),
    ("(?!", "lookahead (?!...) is not supported"),
    ("(?<=", "lookbehind (?<=...) is not supported"),
    ("(?<!", "lookbehind (?<!...) is not supported"),
    ("(?P=", "backreferences (?P=name) are not supported"),
    ("(?>", "atomic groups (?>...) are not supported"),
)


def _unsupported(pattern: str) -> str | None:
    """Why RE2 would refuse ``pattern`` or read it other than Python would, or None.

    A light scan that knows escapes and character classes: RE2 itself reports
    everything else.
    """
    i, in_class, depth = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            escaped = pattern[i + 1 : i + 2]
            if escaped and escaped in "123456789" and not in_class:
                return f"backreferences (\\{escaped}) are not supported"
            if escaped == "C":
                return "\\C (any byte) is not supported"
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            i += 1
            # A ']' first in the class (after an optional '^') is a literal.
            i += pattern.startswith("^", i)
            i += pattern.startswith("]", i)
            continue
        elif c == "(":
            for opening, reason in _PERL_ONLY:
                if pattern.startswith(opening, i):
                    return reason
            depth += 1
            if depth > _MAX_NESTING:
                return f"groups are nested more than {_MAX_NESTING} deep"
        elif c == ")":
            depth = max(depth - 1, 0)
        elif c == "{":
            m = _REPEAT_RE.match(pattern, i)
            if m is not None and max(int(m[1]), int(m[2] or 0)) > _MAX_REPEAT:
                return f"the repetition {m[0]} is more than {_MAX_REPEAT}"
        i += 1
    return None


def _translate(pattern: str) -> str:
    """Python's spellings of what RE2 writes otherwise: ``\\Z`` is RE2's ``\\z``, and
    ``{,n}`` (Python's ``{0,n}``) would be literal text in RE2."""
    if "\\Z" not in pattern and "{," not in pattern:
        return pattern
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            pair = pattern[i : i + 2]
            out.append("\\z" if pair == "\\Z" and not in_class else pair)
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            out.append(c)
            i += 1
            for literal in ("^", "]"):  # a ']' first in a class is a literal
                if pattern.startswith(literal, i):
                    out.append(literal)
                    i += 1
            continue
        elif c == "{" and _UPTO_RE.match(pattern, i):
            c = "{0"
        out.append(c)
        i += 1
    return "".join(out)


_UPTO_RE = re.compile(r"\{,\d+\}")


def _shown(pattern: str) -> str:
    """A pattern as echoed in a message: quoted, and cut short if long."""
    return repr(pattern if len(pattern) <= 60 else pattern[:50] + "…")


def _re2_reason(error: Exception) -> str:
    raw = error.args[0] if error.args else ""
    reason = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    # RE2 says "what: where", e.g. "missing ): (a".
    what, _, where = reason.partition(": ")
    return f"{what} at {where!r}" if where else what


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
    # re2's finditer works on the UTF-8 bytes and turns each span back into str offsets.
    for match in query.pattern.finditer(haystack):
        start, end = match.span()
        if end > start:
            yield start, end


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
