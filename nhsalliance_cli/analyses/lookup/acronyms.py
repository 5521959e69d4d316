"""Acronyms typed for what they stand for: "GP" for "general practitioner".

An acronym's expansions come from the glossary (a name and an alias of one entity, the
initials of one spelling the other: GP, general practitioners) and from the text being
searched, which may define its own ("practice-based commissioning (PBC)": the words
before the brackets whose initials spell it). Nothing is read unless the quotation has
a word in capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

from nhsalliance_cli.analyses.lookup.words import Word
from nhsalliance_cli.text.tokens import fold

_ACRONYM = re.compile(r"([A-Z]{2,6})s?")
_WORD = re.compile(r"[^\W\d_]+")
_HYPHENED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Small words an expansion may hold that its acronym leaves out ("National Association
# of Primary Care": NAPC).
_SKIPPED = frozenset("of and for the in on to".split())


def acronym(word: str) -> str | None:
    """The acronym a typed word is, singular (``GPs``: ``GP``), or None."""
    found = _ACRONYM.fullmatch(word)
    return found.group(1) if found else None


def initials(words: Sequence[str]) -> str:
    """The capital letters an expansion's words give, small words left out; a hyphened
    word gives one letter a part (practice-based: PB)."""
    return "".join(
        part[0].upper() for w in words if fold(w) not in _SKIPPED for part in w.split("-") if part
    )


@cache
def glossary_expansions() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The glossary's acronyms and their expansions, each as folded words."""
    import tomllib

    path = resources.files("nhsalliance_cli") / "data" / "glossary.toml"
    entities = tomllib.loads(path.read_text("utf-8")).get("entities", [])
    found: dict[str, list[tuple[str, ...]]] = {}
    for entity in entities:
        forms = [entity["name"], *entity.get("aliases", [])]
        for short in filter(None, map(acronym, forms)):
            for form in forms:
                words = tuple(fold(w) for w in _WORD.findall(form))
                if initials(_WORD.findall(form)) == short:
                    found.setdefault(short, [])
                    if words not in found[short]:
                        found[short].append(words)
    return {k: tuple(v) for k, v in found.items()}


def defined(text: str, wanted: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The expansions ``text`` gives the ``wanted`` acronyms: the fewest words just before
    the first "(PBC)" or "(PBCs)" whose initials spell it."""
    found: dict[str, tuple[str, ...]] = {}
    for short in wanted:
        for match in re.finditer(rf"\(\s*{short}s?\s*\)", text):
            words = _before(text, match.start(), short)
            if words:
                found[short] = words
                break
    return found


def _before(text: str, end: int, short: str) -> tuple[str, ...]:
    # An expansion is a few words: 200 characters before the brackets hold any.
    before = _HYPHENED.findall(text, max(0, end - 200), end)
    for n in range(1, len(before) + 1):
        if initials(before[-n:]) == short:
            return tuple(fold(p) for w in before[-n:] for p in w.split("-"))
    return ()


def expanded(words: Sequence[Word], table: dict[str, tuple[str, ...]]) -> list[Word]:
    """The typed words with each acronym of ``table`` standing for its expansion's words,
    as a contraction stands for two ("GP": general, practitioner)."""
    out: list[Word] = []
    for w in words:
        short = acronym(w.text)
        if short is not None and short in table:
            out.append(Word(w.start, w.end, w.text, table[short]))
        else:
            out.append(w)
    return out
