"""The people of one document, for attribution: its cast (from the cues, titled names,
names doing things and the names index's mentions), the titles it gives them and who each
pronoun outside quotations means."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nhsalliance_cli.analyses.attribution import cues
from nhsalliance_cli.analyses.attribution.cast import (
    Cast,
    Named,
    build_cast,
    evidence_names,
    person_mentions,
    pronoun_referents,
)
from nhsalliance_cli.analyses.attribution.personwords import (
    HONORIFICS,
    NOT_NAMES,
    ROLE_WORDS,
    SUFFIXES,
    name_word,
    surname,
)
from nhsalliance_cli.analyses.attribution.spans import Span
from nhsalliance_cli.analyses.attribution.speakers import is_org_word


@dataclass(frozen=True)
class People:
    """Where the names index finds people in a document: (start, end, canonical name)."""

    mentions: tuple[tuple[int, int, str], ...]


def people_of(
    text: str,
    masked: str,
    people: People,
    found_cues: Sequence[tuple[cues.Cue | None, ...]],
    outer: Sequence[Span],
    persons: dict[str, str],
) -> tuple[Cast, dict[int, str], list[tuple[int, int, str]], dict[str, frozenset[str]]]:
    """The document's cast (from its cues, titled names, names doing things and the
    index's mentions) and who each pronoun outside quotations means."""
    named = _named(text, masked, people, found_cues)
    singles = {n.words[0] for n in named if len(n.words) == 1}
    cast = build_cast(text, named, persons)
    found_people = person_mentions(masked, cast, singles)
    referents = pronoun_referents(masked, found_people, [(s.open_mark, s.end) for s in outer], cast)
    return cast, referents, found_people, _titles(masked, named, found_cues, cast)


def _named(
    text: str, masked: str, people: People, found_cues: Sequence[tuple[cues.Cue | None, ...]]
) -> list[Named]:
    """Every naming of a person in the text, in text order."""
    named: list[Named] = []
    for found in found_cues:
        for cue in found:
            if cue is not None and cue.who.kind == "person" and cue.who.name:
                named.append(
                    Named(cue.who.start, cue.who.end, tuple(cue.who.name.split()), cue.who.title)
                )
    for m in _TITLED_RE.finditer(masked):
        words = _person_words(m.group(2))
        if words:
            named.append(Named(m.start(2), m.end(2), words, m.group(1)))
    for m in _ACTING_RE.finditer(masked):
        words = _person_words(m.group(1))
        if words and len(words) >= 2:
            named.append(Named(m.start(1), m.end(1), words))
    for start, end, words in evidence_names(masked):
        named.append(Named(start, end, words))
    for start, end, _ in people.mentions:
        words = _person_words(text[start:end])
        if words:
            named.append(Named(start, end, words))
    # A first name before a surname the document uses: "council leader Tom Ashworth".
    surnames = {surname(n.words) for n in named}
    for m in _FIRST_SURNAME_RE.finditer(masked):
        if m.group(2) in surnames:
            words = _person_words(f"{m.group(1)} {m.group(2)}")
            if words and len(words) == 2 and words[0] not in ROLE_WORDS:
                named.append(Named(m.start(), m.end(2), words))
    named.sort(key=lambda n: n.start)
    return named


def _titles(
    masked: str,
    named: Sequence[Named],
    found_cues: Sequence[tuple[cues.Cue | None, ...]],
    cast: Cast,
) -> dict[str, frozenset[str]]:
    """What the text calls each person: their titles (Sen., Dr) and roles (the board's
    medical director), for descriptions such as "the senator said"."""
    titled: dict[str, set[str]] = {}
    for n in named:
        if n.title:
            titled.setdefault(cast.resolve(n.words, n.title, n.start), set()).add(
                n.title.rstrip(".\x00").lower()
            )
    for found in found_cues:
        for cue in found:
            if cue is not None and cue.who.kind == "person" and cue.who.name and cue.who.role:
                name = cast.resolve(tuple(cue.who.name.split()), cue.who.title, cue.who.start)
                titled.setdefault(name, set()).add(cue.who.role.lower())
    for m in _APPOSITIVE_RE.finditer(masked):
        words = _person_words(m.group(1))
        if words:
            name = cast.resolve(words, None, m.start(1))
            titled.setdefault(name, set()).add(m.group(2).lower())
    return {k: frozenset(v) for k, v in titled.items()}


_TITLE_WORDS = "|".join(sorted((re.escape(t) for t in HONORIFICS), key=len, reverse=True))


NAME_WORD = r"(?:(?:Jr|Sr)[.\x00]|[A-Z][.\x00](?= )|[A-Z][^\W\d_]*(?:[’'-][A-Za-z][^\W\d_]*)*)"


_FIRST_WORD = r"[A-Z][^\W\d_]+(?:[’'-][A-Za-z][^\W\d_]*)*"  # not an initial


_TITLED_RE = re.compile(rf"\b({_TITLE_WORDS})[.\x00]? +({_FIRST_WORD}(?: +{NAME_WORD}){{0,3}})")


# A name doing something: "John Carter disagreed", "Mary Jones, a nurse, ..."
_ACTING_RE = re.compile(
    rf"(?<!\bthe )(?<!\bThe )(?<!\bof )(?<!\bin )(?<![-’'\w\x00])"
    rf"({_FIRST_WORD} {NAME_WORD}(?: {NAME_WORD}){{0,2}})"
    rf"(?= (?:[a-z]+ed|said|says|told|tells|spoke|met|took|came|went|wrote|writes)\b"
    rf"|, (?:a|an|the|who) [A-Za-z])"
)


_FIRST_SURNAME_RE = re.compile(rf"(?<![\w’'-])(?=({NAME_WORD}) ({NAME_WORD})\b)")


# Dr Fiona Grant, the board's medical director, ...
_APPOSITIVE_RE = re.compile(
    rf"\b({NAME_WORD}(?: {NAME_WORD}){{1,2}}), ((?:the|a|an) [^,.;:“”\"\n]{{1,60}}),"
)


def _person_words(raw: str) -> tuple[str, ...] | None:
    """A person's name's words, without title, possessive or what follows the name."""
    words: list[str] = []
    for w in raw.split():
        w = name_word(w)
        if is_org_word(w) or w in NOT_NAMES or (w.isupper() and len(w) > 1 and w not in SUFFIXES):
            return None
        if w in HONORIFICS and not words:
            continue
        words.append(w)
    # Prime Minister David Cameron, Health Secretary Andrew Lansley: the name is what
    # follows the last title.
    last = max(
        (i for i, w in enumerate(words[:-1]) if w in HONORIFICS or w in ROLE_WORDS), default=-1
    )
    words = words[last + 1 :]
    return tuple(words) if 1 <= len(words) <= 4 else None
