"""Capitalised names of things in a paragraph (the Royal College of Nursing, the Five Year
Forward View) and the kind their words make them: organisation or publication."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nhsalliance_cli.nameentity import Entity
from nhsalliance_cli.namelines import CAP_WORD, NOT_NAME_WORDS
from nhsalliance_cli.namewords import ORG_WORDS, PUBLICATION_WORDS
from nhsalliance_cli.speakers import NOT_NAMES, is_first_name

_CONNECTORS = ("of", "for", "and", "&")
_SEQUENCE_RE = re.compile(rf"{CAP_WORD}(?: +(?:(?:of|for|and|&) +)?{CAP_WORD})+")


def names_in(paragraph: str) -> Iterator[Entity]:
    for m in _SEQUENCE_RE.finditer(paragraph):
        for words in _split_sequence(m.group().split()):
            while words and (words[0] in NOT_NAME_WORDS or words[0] in NOT_NAMES):
                words = words[1:]  # Later Bill Clinton: a sentence's first word
            if len(words) < 2 or words[-1] in _CONNECTORS:
                continue
            name = " ".join(words)
            kind = kind_of(name, None)
            if kind is not None:
                yield Entity(name, kind, (), "corpus")


def _split_sequence(words: list[str]) -> Iterator[list[str]]:
    """Split runs of capitalised words that hold two names.

    "NHS England’s Five Year Forward View" splits after the possessive, and "King’s Fund
    and NHS Confederation" at an "and" with two or more words on each side.
    """
    part: list[str] = []
    for i, word in enumerate(words):
        if word in ("and", "&") and len(part) >= 2 and len(words) - i - 1 >= 2:
            yield part
            part = []
            continue
        part.append(word)
        if len(part) > 1 and re.search(r"[’']s$", word) and i < len(words) - 1:
            yield [*part[:-1], re.sub(r"[’']s$", "", word)]
            part = []
    yield part


def kind_of(name: str, default: str | None) -> str | None:
    words = name.split()
    if 2 <= len(words) <= 3 and is_first_name(words[0]) and words[-1][:1].isupper():
        last = words[-1]
        if last not in PUBLICATION_WORDS and last not in ORG_WORDS:
            return None  # Bill Clinton: a first name makes a person, not a publication
    if words[-1] in PUBLICATION_WORDS:
        return "publication"
    if words[-1] in ORG_WORDS or any(w in ORG_WORDS for w in words):
        return "organisation"
    if any(w in PUBLICATION_WORDS for w in words):
        return "publication"
    return default
