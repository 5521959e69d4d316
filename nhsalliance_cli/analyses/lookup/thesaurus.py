"""Words of one sense, of one family and of opposite meaning, from WordNet.

The table is derived from WordNet 3.0 by tools/build_thesaurus.py and shipped as three
sorted text files under data/ (WordNet's licence beside them). Nothing is read until a
word is looked up, and then only its lines, found by binary search in the memory-mapped
files: a look-up of ten words reads a few dozen lines, not the 83,000. Whether two words
are related at all (a short path between any of their senses) reads the links of their
senses and of their neighbours: a few hundred lines, for the few words a look-up swaps.
"""

from __future__ import annotations

import mmap
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from nhsalliance_cli.analyses.lookup.words import stem

_WORDS = "wordnet-words.txt"
# The particles of the phrasal verbs in the table, as tools/build_thesaurus.py keeps them.
PARTICLES = frozenset("back forward up down out off in into on over away".split())
_SENSES = "wordnet-senses.txt"
_LINKS = "wordnet-links.txt"
# Two words whose senses are this many links apart or fewer are related (danger: threat,
# adapt: flex, crushed: dashed); most pairs of words are not (help: hurt, rigid: nimble).
RELATED_WITHIN = 3
# WordNet's rules for the base form of an inflected word (its "morphy"), any part of speech.
_ENDINGS = (
    ("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
    ("men", "man"), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
    ("ing", "e"), ("ing", ""), ("er", ""), ("est", ""), ("er", "e"), ("est", "e"),
)  # fmt: skip


@dataclass(frozen=True)
class Related:
    """A word's relations, each as the stems of the words (see
    :func:`nhsalliance_cli.analyses.lookup.words.stem`), so that any form of them is
    recognised without a look-up of its own."""

    synonyms: frozenset[str]  # words sharing one of its frequent senses
    family: frozenset[str]  # derivationally related forms: disillusion, disillusionment
    antonyms: frozenset[str]


_NOTHING = Related(frozenset(), frozenset(), frozenset())


class _SortedLines:
    """A sorted file of ``key<TAB>rest`` lines, searched in place."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)

    def get(self, key: str) -> str | None:
        data, wanted = self._map, key.encode("ascii", "replace")
        lo, hi = 0, len(data)
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", 0, mid) + 1
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            tab = data.find(b"\t", start, end)
            found = data[start : tab if tab >= 0 else end]
            if found < wanted:
                lo = end + 1
            elif found > wanted:
                hi = start
            else:
                return data[start:end].decode("ascii").partition("\t")[2]
        return None


class Thesaurus:
    def __init__(self, folder: Path) -> None:
        self._words = _SortedLines(folder / _WORDS)
        self._senses = _SortedLines(folder / _SENSES)
        self._links_file = folder / _LINKS
        self._links: _SortedLines | None = None  # opened when first needed
        self._cache: dict[str, Related] = {}
        self._sense_cache: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._near_cache: dict[tuple[str, int], frozenset[str]] = {}

    def senses(self, word: str) -> frozenset[str]:
        """Every sense of ``word`` in any of its possible base forms, rare ones included
        (``v1ilqa``: part of speech and offset)."""
        return self._senses_of(word)[0]

    def opposite_senses(self, word: str) -> frozenset[str]:
        """The senses opposite to one of ``word``'s, or to a sense just above one (a
        broader sense, or the adjective it is similar to): recognise is a way to accept,
        so reject is opposite."""
        return self._senses_of(word)[1]

    def _senses_of(self, word: str) -> tuple[frozenset[str], frozenset[str]]:
        found = self._sense_cache.get(word)
        if found is not None:
            return found
        own: set[str] = set()
        against: set[str] = set()
        lines = [
            self._words.get(base) for base in (self._bases(word) if "_" not in word else [word])
        ]
        for line in lines:
            if line is None or line.startswith("="):
                continue
            fields = [*line.split("\t"), "", "", ""]
            own.update(_split(fields[3]))
            against.update(_split(fields[4]))
            if fields[5].startswith("="):  # "given": "give"'s senses too
                lines.append(self._words.get(fields[5][1:]))
        found = self._sense_cache[word] = (frozenset(own), frozenset(against))
        return found

    def related_at_all(self, a: str, b: str, within: int = RELATED_WITHIN) -> bool | None:
        """Whether some sense of ``a`` is at most ``within`` (1 to 3) links from some
        sense of ``b``; None when WordNet lacks either word. Searched from both ends: for
        three links, the senses two links from one word (the one with fewer senses one
        link away) against those one link from the other. Each word's neighbourhoods
        are read once."""
        mine, theirs = self.senses(a), self.senses(b)
        if not mine or not theirs:
            return None
        if within == 1:
            return not self._near(a, 1).isdisjoint(theirs)
        if within == 2:
            return not self._near(a, 1).isdisjoint(self._near(b, 1))
        if len(self._near(a, 1)) > len(self._near(b, 1)):
            a, b = b, a
        return not self._near(a, 2).isdisjoint(self._near(b, 1))

    def _near(self, word: str, links: int) -> frozenset[str]:
        """The senses of ``word`` and those up to ``links`` links from them."""
        found = self._near_cache.get((word, links))
        if found is None:
            inner = self.senses(word) if links == 1 else self._near(word, links - 1)
            found = self._near_cache[(word, links)] = self._around(inner)
        return found

    def _around(self, senses: frozenset[str]) -> frozenset[str]:
        """The senses and their neighbours."""
        if self._links is None:
            self._links = _SortedLines(self._links_file)
        found = set(senses)
        for sense in senses:
            found.update(_split(self._links.get(sense) or ""))
        return frozenset(found)

    def predicative(self, word: str) -> bool:
        """Whether ``word`` can be a verb, an adjective or an adverb: what a sentence says
        of its subject, rather than a thing it names."""
        return any(s[0] in "var" for s in self.senses(word))

    def entry(self, word: str) -> tuple[list[str], list[str], list[str]] | None:
        """The sense groups, family and antonyms of a lemma (or of the base of an
        irregular form: became, become), or None if WordNet does not have it."""
        line = self._words.get(word)
        if line is not None and line.startswith("="):
            line = self._words.get(line[1:])
        if line is None:
            return None
        groups, family, antonyms = [*line.split("\t"), "", ""][:3]
        return _split(groups), _split(family), _split(antonyms)

    def phrase(self, head: str, particle: str) -> str | None:
        """The phrasal verb a word and a particle make (``came back``: ``come_back``) if
        WordNet has it, else None."""
        if particle not in PARTICLES:
            return None
        for base in self._bases(head):
            if self._words.get(f"{base}_{particle}") is not None:
                return f"{base}_{particle}"
        return None

    def _bases(self, word: str) -> list[str]:
        """:func:`bases`, and the base of an irregular form (came: come)."""
        found = bases(word)
        line = self._words.get(word)
        if line is not None and line.startswith("="):
            found.append(line[1:])
        return found

    def related(self, word: str) -> Related:
        """The words related to ``word`` in any of its possible base forms."""
        found = self._cache.get(word)
        if found is not None:
            return found
        synonyms: set[str] = set()
        family: set[str] = set()
        antonyms: set[str] = set()
        for base in bases(word) if "_" not in word else [word]:
            entry = self.entry(base)
            if entry is None:
                continue
            groups, fam, opp = entry
            for group in groups:
                synonyms.update(_split(self._senses.get(group) or "", " "))
            family.update(fam)
            antonyms.update(opp)
        own = {stem(b) for b in bases(word)}
        found = Related(
            frozenset(stem(w) for w in synonyms) - own,
            frozenset(stem(w) for w in family) - own,
            frozenset(stem(w) for w in antonyms) - own,
        )
        self._cache[word] = found if (synonyms or family or antonyms) else _NOTHING
        return self._cache[word]


def bases(word: str) -> list[str]:
    """The word and what its base form could be by WordNet's rules, shortest ending last."""
    found = [word]
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            found.append(word[: -len(ending)] + replacement)
    if len(word) > 4 and word[-3:] in ("ing", "est") and word[-4] == word[-5]:
        found.append(word[:-4])  # doubled consonant: running, biggest
    if len(word) > 3 and word.endswith("ed") and word[-3] == word[-4]:
        found.append(word[:-3])  # stopped
    return list(dict.fromkeys(found))


def _split(text: str, sep: str = ",") -> list[str]:
    return [w for w in text.split(sep) if w]


@cache
def thesaurus() -> Thesaurus:
    """The shipped table, opened on first use."""
    folder = resources.files("nhsalliance_cli") / "data"
    return Thesaurus(Path(str(folder)))
