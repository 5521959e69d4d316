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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.text.tokens import TOKEN_RE, fold, split_tokens, term_positions

# A query's tokens: runs of letters, digits and the wildcard '*'.
_QUERY_TOKEN_RE = re.compile(r"(?:[^\W_]|\*)+")
_STARS_RE = re.compile(r"\*+")
_MAX_QUERY = 1000
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Query:
    text: str  # as the user typed it
    # For --regex, an re2 pattern (re2 has no type stubs), rewritten to match only what
    # the regex matches that is not empty; None for word and phrase queries, which match
    # tokens, and for a regex that can only match the empty string.
    pattern: Any
    is_regex: bool
    folded: bool  # matched against folded (lower-cased) tokens or text
    # A word or phrase query's words, folded unless case-sensitive; '*' is a wildcard.
    words: tuple[str, ...] = ()
    # Other phrases that count as this query (the forms of a name, with --variants).
    variants: tuple[tuple[str, ...], ...] = ()

    @property
    def phrases(self) -> tuple[tuple[str, ...], ...]:
        return (self.words, *self.variants)


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
    # A run of '*' is one wildcard: it matches the same and cannot multiply the work.
    words = [_STARS_RE.sub("*", w) for w in words]
    folded = query if case_sensitive else fold(" ".join(words))
    return Query(
        query,
        None,
        is_regex=False,
        folded=not case_sensitive,
        words=tuple(folded.split(" ") if not case_sensitive else words),
    )


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
            "see 'Regular expressions' in docs/commands.md)"
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
    return Query(pattern, _non_empty(compiled, options), is_regex=True, folded=False)


def _non_empty(compiled: Any, options: Any) -> Any:
    """The pattern to search with: for one that can match the empty string, its rewrite
    matching only its non-empty matches (see :mod:`nonempty`), so that a search never
    steps over empty matches one character at a time; None if it has no non-empty match."""
    import re2

    from nhsalliance_cli.text.nonempty import nonempty

    rewritten = nonempty(compiled.pattern)
    if rewritten is False:
        return None
    if not isinstance(rewritten, str):
        return compiled
    try:
        found = re2.compile(rewritten, options)
    except re2.error:
        return compiled
    return found if found.programsize <= _MAX_PROGRAM else compiled


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
            code = _CODE_POINT_RE.match(pattern, i)
            if code is not None:
                i = code.end()
                continue
            if escaped in ("x", "p", "P") and pattern.startswith("{", i + 2):
                close = pattern.find("}", i + 2)  # \x{2019}, \p{Greek}: not a repetition
                i = close + 1 if close > 0 else len(pattern)
                continue
            if escaped in ("u", "U"):
                return (
                    f"\\{escaped} must be followed by "
                    + ("8 hex digits" if escaped == "U" else "4 hex digits or {hex digits}")
                    + " (or write \\x{FEFF})"
                )
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
    """Python's and ripgrep's spellings of what RE2 writes otherwise: ``\\Z`` is RE2's
    ``\\z``; ``{,n}`` (Python's ``{0,n}``) would be literal text in RE2; ``\\uFEFF``,
    ``\\u{FEFF}`` and ``\\U0001F600`` are RE2's ``\\x{FEFF}``."""
    if "\\Z" not in pattern and "{," not in pattern and "\\u" not in pattern.lower():
        return pattern
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            code = _CODE_POINT_RE.match(pattern, i)
            if code is not None:
                out.append("\\x{" + next(g for g in code.groups() if g) + "}")
                i = code.end()
                continue
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
# A code point as Python and ripgrep write it: \uFEFF, \u{FEFF}, \U0001F600.
_CODE_POINT_RE = re.compile(r"\\u\{([0-9A-Fa-f]{1,6})\}|\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


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
    words = [q for q in queries if not q.is_regex]
    table = TokenTable.of(text, folded) if words else None
    return find_spans(text, queries, table)


class TokenTable:
    """Where each token stands: its start offset and, by folded term, its positions.

    Built from a text here, or filled from a corpus index's postings (only for the terms a
    search asks for): word and phrase queries are matched against this table alone, so
    both give the same spans.
    """

    __slots__ = ("_positions", "_terms", "starts")

    def __init__(self, starts: Sequence[int], positions: Mapping[str, Sequence[int]]) -> None:
        self.starts = starts
        self._positions = positions
        self._terms: list[str] | None = None

    @classmethod
    def of(cls, text: str, folded: str | None = None) -> TokenTable:
        starts, words = split_tokens(folded if folded is not None else fold(text))
        return cls(starts, term_positions(words))

    def positions(self, term: str) -> Sequence[int]:
        return self._positions.get(term, ())

    def vocabulary(self) -> list[str]:
        if self._terms is None:
            self._terms = sorted(self._positions)
        return self._terms


def find_spans(text: str | None, queries: Sequence[Query], table: TokenTable | None) -> list[Span]:
    """The spans of ``queries`` in a document: word queries from its token ``table``,
    regular expressions from its ``text``. ``text`` may be None when no query needs it
    (no regex, nothing case-sensitive): a count from an index reads no file."""
    found: list[list[tuple[int, int]]] = []
    for query in queries:
        if query.is_regex:
            assert text is not None
            found.append(list(_regex_spans(query, text)))
        else:
            assert table is not None
            found.append(word_spans(query, table, text))
    if len(queries) == 1:
        return [Span(start, end, 0) for start, end in found[0]]
    seen: set[tuple[int, int]] = set()
    spans: list[Span] = []
    for index, pairs in enumerate(found):
        for pair in pairs:
            if pair not in seen:
                seen.add(pair)
                spans.append(Span(pair[0], pair[1], index))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


def word_spans(query: Query, table: TokenTable, text: str | None) -> list[tuple[int, int]]:
    """A word or phrase query's spans: runs of consecutive tokens matching its words.

    Each word is looked up in the table (a wildcard is matched against each distinct term
    once, never against the text), so the work grows with the hits, not the text. With
    variants, a place where several phrases start counts once, for the longest.
    """
    if not query.variants:
        return _phrase_spans(query.words, query.folded, table, text)
    longest: dict[int, int] = {}
    for words in query.phrases:
        for start, end in _phrase_spans(words, query.folded, table, text):
            longest[start] = max(end, longest.get(start, end))
    return sorted(longest.items())


def _phrase_spans(
    words: tuple[str, ...], folded: bool, table: TokenTable, text: str | None
) -> list[tuple[int, int]]:
    lengths: list[dict[int, int]] = []
    for word in words:
        lengths.append(_word_positions(word, table, folded))
        if not lengths[-1]:
            return []
    first, rest, last = lengths[0], lengths[1:], lengths[-1]
    size = len(lengths) - 1
    starts = table.starts
    if not rest:
        spans = [(starts[p], starts[p] + first[p]) for p in sorted(first)]
    else:
        spans = [
            (starts[p], starts[p + size] + last[p + size])
            for p in sorted(first)
            if all(p + i in following for i, following in enumerate(rest, start=1))
        ]
    if not folded:
        assert text is not None
        spans = [s for s in spans if _same_case(words, text, s)]
    return spans


def _word_positions(word: str, table: TokenTable, folded: bool) -> dict[int, int]:
    """The positions where ``word`` matches a token, each with that token's length."""
    key = word if folded else fold(word)
    if "*" not in key:
        return dict.fromkeys(table.positions(key), len(key))
    found: dict[int, int] = {}
    for term in table.vocabulary():
        if wildcard_match(key, term):
            size = len(term)
            for position in table.positions(term):
                found[position] = size
    return found


def wildcard_match(pattern: str, word: str) -> bool:
    """Whether ``word`` is ``pattern`` with each '*' standing for any letters or digits.

    Pieces are found left to right, each at its first place after the last: for '*' alone
    that greedy choice is always right, and the work is linear in the word's length.
    """
    pieces = pattern.split("*")
    head, tail = pieces[0], pieces[-1]
    if len(pieces) == 1:
        return pattern == word
    if len(word) < len(head) + len(tail) or not word.startswith(head) or not word.endswith(tail):
        return False
    pos, stop = len(head), len(word) - len(tail)
    for piece in pieces[1:-1]:
        found = word.find(piece, pos, stop)
        if found < 0:
            return False
        pos = found + len(piece)
    return True


def _same_case(words: Sequence[str], text: str, span: tuple[int, int]) -> bool:
    # A case-sensitive query is matched on folded terms, then checked word by word.
    tokens = TOKEN_RE.findall(text, span[0], span[1])
    return len(tokens) == len(words) and all(
        wildcard_match(w, t) for w, t in zip(words, tokens, strict=True)
    )


def _regex_spans(query: Query, haystack: str) -> Iterator[tuple[int, int]]:
    """A regex's non-empty spans, in str offsets.

    RE2 is run on the UTF-8 bytes directly (re2's finditer makes a Python match object
    and converts offsets for every match, empty ones included: a pattern that matches
    the empty string everywhere, such as ``x*``, paid that at every character). An
    empty match moves the search on to the next character; byte offsets are turned
    into str offsets in one pass, as the spans come in text order.
    """
    if query.pattern is None:
        return  # nothing but empty matches
    data = haystack.encode("utf-8")
    ascii_only = len(data) == len(haystack)
    search = query.pattern._regexp.Match  # re2's compiled RE2 object
    import re2

    anchor = re2._Anchor.UNANCHORED
    size, pos = len(data), 0
    byte_at, char_at = 0, 0  # the last byte offset converted, and its str offset
    while pos <= size:
        start, end = search(anchor, data, pos, size)[0]
        if start < 0:
            return
        if end > start:
            if ascii_only:
                yield start, end
            else:
                char_at += len(data[byte_at:start].decode("utf-8"))
                first = char_at
                char_at += len(data[start:end].decode("utf-8"))
                byte_at = end
                yield first, char_at
            pos = end
        else:
            pos = start + 1
            while pos < size and 0x80 <= data[pos] < 0xC0:  # inside a character
                pos += 1


def check_text(query: str, what: str = "query") -> None:
    if not query.strip():
        raise UsageProblem(f"empty {what}")
    if len(query) > _MAX_QUERY:
        raise UsageProblem(f"the {what} is {len(query)} characters long; the limit is {_MAX_QUERY}")
    if _CONTROL_RE.search(query):
        raise UsageProblem(f"the {what} {query!r} contains control characters")
