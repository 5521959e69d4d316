"""Capitalised names of things in a paragraph (the Royal College of Nursing, the Five Year
Forward View) and the kind their words make them: organisation or publication."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from nhsalliance_cli.analyses.attribution.personwords import NOT_NAMES, is_first_name
from nhsalliance_cli.analyses.names.entity import Entity
from nhsalliance_cli.analyses.names.lines import (
    CAP_WORD,
    NOT_NAME_WORDS,
    is_common_word,
    opens_sentence,
)
from nhsalliance_cli.text.namewords import ORG_WORDS, PUBLICATION_WORDS
from nhsalliance_cli.text.tokens import tokens

_CONNECTORS = ("of", "for", "and", "&")
_SEQUENCE_RE = re.compile(rf"{CAP_WORD}(?: +(?:(?:of|for|and|&) +)?{CAP_WORD})+")


def names_in(
    paragraphs: Sequence[str], lower: frozenset[str], words: Sequence[str]
) -> list[list[Entity]]:
    """The capitalised names of things in each paragraph of a document (``lower``: the
    words it writes in lower case, ``words``: its tokens).

    A sentence's or a line's first word is capitalised whatever it is: where the
    document also writes it in lower case (new, add) and never writes the same name but
    at a sentence's start, it is no part of the name (New Layer Group: Layer Group). A
    name the document also writes wholly in lower case is a common phrase capitalised
    in a label or a heading (Layer Group, layer group).
    """
    found = [list(_runs(paragraph)) for paragraph in paragraphs]
    inside = {tuple(run) for runs in found for run, opens in runs if not opens}
    named: list[list[tuple[list[str], Entity]]] = []
    for runs in found:
        entities: list[tuple[list[str], Entity]] = []
        for run, opens in runs:
            if opens and tuple(run) not in inside and _opener(run[0], lower):
                run = run[1:]
            entity = _entity(run)
            if entity is not None:
                entities.append((run, entity))
        named.append(entities)
    common = _written_lower([_key(run) for entities in named for run, _ in entities], words)
    return [[e for run, e in entities if _key(run) not in common] for entities in named]


def _key(run: list[str]) -> tuple[str, ...]:
    return tuple(tokens(" ".join(run).lower()))


def _written_lower(keys: Sequence[tuple[str, ...]], words: Sequence[str]) -> set[tuple[str, ...]]:
    """Which ``keys`` (names as lower-case tokens) the tokens ``words`` hold: linear in
    the words, each trying the few lengths of the keys that begin with it."""
    wanted = set(keys)
    lengths: dict[str, set[int]] = {}
    for key in wanted:
        if key:
            lengths.setdefault(key[0], set()).add(len(key))
    found: set[tuple[str, ...]] = set()
    for i, word in enumerate(words):
        for n in lengths.get(word, ()):
            if (key := tuple(words[i : i + n])) in wanted:
                found.add(key)
    return found


def _runs(paragraph: str) -> Iterator[tuple[list[str], bool]]:
    """Each run of capitalised words that may be a name, without the words that open a
    sentence and never a name (The, Later), and whether it opens a sentence or a line."""
    for m in _SEQUENCE_RE.finditer(paragraph):
        opens = opens_sentence(paragraph, m.start())  # only the first part can
        for words in _split_sequence(m.group().split()):
            while words and (words[0] in NOT_NAME_WORDS or words[0] in NOT_NAMES):
                words = words[1:]  # Later Bill Clinton: a sentence's first word
                opens = False  # what follows The is capitalised for itself
            if len(words) >= 2:
                yield words, opens
            opens = False


def _opener(word: str, lower: frozenset[str]) -> bool:
    """Whether a sentence's first word may be there only to open it: a word the document
    also writes in lower case (new, add), and none that makes a name's kind (a first
    name, an organisation's word). Harbour Medical Group keeps Harbour where the text
    never writes "harbour"."""
    if word in ORG_WORDS or word in PUBLICATION_WORDS or is_first_name(word):
        return False
    return word.lower() in lower


def _entity(words: list[str]) -> Entity | None:
    """The name of a thing ``words`` make, if they make one: two words or more that do
    not end in a joining word, of a kind :func:`kind_of` tells, and not common words
    naming a class (Layer Groups, Process Groups: a plural head and common words)."""
    if len(words) < 2 or words[-1] in _CONNECTORS:
        return None
    name = " ".join(words)
    kind = kind_of(name, None)
    if kind is None:
        return None
    head = words[-1]
    if head.endswith("s") and head[:-1] in ORG_WORDS and all(is_common_word(w) for w in words):
        return None
    return Entity(name, kind, (), "corpus")


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
    if words[-1] in ORG_WORDS or any(
        w in ORG_WORDS and words[i + 1] in ("of", "for") for i, w in enumerate(words[:-1])
    ):
        # Department of Health, Royal College of Nursing: a head word before of or for;
        # elsewhere it names no body (Service Provider Interface, Unit Editor).
        return "organisation"
    if any(w in PUBLICATION_WORDS for w in words):
        return "publication"
    return default
