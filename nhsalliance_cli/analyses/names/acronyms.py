"""Acronyms a text defines, either way round: "practice-based commissioning (PBC)" and
"PBC (practice-based commissioning)", by Schwartz & Hearst's algorithm."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from nhsalliance_cli.analyses.names.entity import Entity
from nhsalliance_cli.analyses.names.phrases import kind_of
from nhsalliance_cli.text.namewords import singular
from nhsalliance_cli.text.tokens import tokens

PAREN_RE = re.compile(r"\(\s*([^()\n]{1,80}?)\s*\)")

# A clause ends at one of these followed by white space; a long form never crosses it.
_CLAUSE_END_RE = re.compile(r"[.;:!?]\s")
_WORD_RE = re.compile(r"\S+")
# A short form has at most 10 characters, so its long form at most 2 x 10 words (and
# the word before a parenthesis is one): more words before a '(' are never looked at.
_WORDS_BEFORE = 20


def acronyms(paragraph: str) -> Iterator[Entity]:
    # The clause ends and the words are found once per paragraph; each parenthesis then
    # looks up the words just before it in the current clause, in time independent of
    # the paragraph's length (splitting the paragraph up to each '(' was quadratic).
    clause_starts = [m.end() for m in _CLAUSE_END_RE.finditer(paragraph)]
    word_starts: list[int] = []
    word_ends: list[int] = []
    for w in _WORD_RE.finditer(paragraph):
        word_starts.append(w.start())
        word_ends.append(w.end())
    for m in PAREN_RE.finditer(paragraph):
        inside = m.group(1)
        cut = m.start()
        clause = bisect.bisect_right(clause_starts, cut)
        clause_start = clause_starts[clause - 1] if clause else 0
        last = bisect.bisect_left(word_starts, cut)  # words starting before the '('
        first = max(bisect.bisect_left(word_starts, clause_start), last - _WORDS_BEFORE)
        before = [paragraph[word_starts[i] : min(word_ends[i], cut)] for i in range(first, last)]
        if is_short_form(inside):
            short, window = inside, before[-min(len(inside) + 5, 2 * len(inside)) :]
            long = long_form(short, " ".join(window))
        elif before and is_short_form(before[-1]) and len(inside.split()) >= 2:
            short = before[-1]
            long = long_form(short, inside)
            if long != inside.strip():
                long = None
        else:
            continue
        if long:
            yield acronym_entity(short, long)


def is_short_form(text: str) -> bool:
    capitals = sum(1 for c in text if c.isupper())
    return (
        2 <= len(text) <= 10
        and text[0].isalnum()
        and " " not in text
        and capitals >= 2
        and all(c.isalnum() or c in "-&/." for c in text)
    )


def long_form(short: str, candidate: str) -> str | None:
    """Schwartz & Hearst (2003): the shortest tail of ``candidate`` that spells ``short``.

    Each letter or digit of the short form, right to left, must appear in the long form
    in order; the first must begin a word.
    """
    s, text = short.lower(), candidate.lower()
    si, li = len(s) - 1, len(text) - 1
    while si >= 0:
        c = s[si]
        if not c.isalnum():
            si -= 1
            continue
        while li >= 0 and (text[li] != c or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        si -= 1
    start = candidate.rfind(" ", 0, li + 1) + 1
    result = candidate[start:].strip(" ,;:“”\"'‘’")
    if len(result) <= len(short) or len(tokens(result)) < 2:
        return None
    if short.lower() in (w.lower() for w in result.split()):
        return None
    if not _LONG_FORM_RE.fullmatch(result):
        return None  # code or a list, not a name: ZERO.sqrt(mc).equals, vertical tab, U+000B
    return result


# A long form is words: letters and digits, joined by spaces, hyphens, apostrophes, '&',
# '/' and dots inside a word (Node.js); no brackets, commas, operators or underscores.
_LONG_FORM_RE = re.compile(r"[^\W\d_](?:[^\W_]|[ ’'&/-]|\.(?=[^\W_]))*")


def acronym_entity(short: str, long: str) -> Entity:
    plural = short.endswith("s") and short[:-1].isupper()
    single_short = short[:-1] if plural else short
    single_long = singular(long) if plural else long
    aliases = [single_short]
    if plural:
        aliases += [short, long]
    kind = kind_of(single_long, None) or "term"
    return Entity(single_long, kind, tuple(aliases), "corpus")
