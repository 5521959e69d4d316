"""The words of a quotation or a text as `quote` compares them.

A word keeps the apostrophes inside it ("wasn't" is one word) and stands for one or
more units: contractions expanded (``wasn't`` is ``was not``, ``won't`` is ``will
not``), numbers as digits ("eighteen", "one hundred and twelve": 18, 112). Two units
match exactly, or for less when they are forms of one word (regain, regained) or one is
a slip for the other (a typo, a spelling variant: rapidfuzz's similarity of the two),
and for less again when WordNet gives them one sense (growing, spreading) or one family
(disillusion, disillusionment); see :mod:`thesaurus`. A percentage is a number and
"percent" ("25%", "twenty-five per cent"). Negations only ever match themselves; a modal
verb matches itself, or for less a word that says the same of the verb (could: risk,
likely; must: have, need), and the look-up says what changed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nhsalliance_cli.text.tokens import fold

if TYPE_CHECKING:
    from nhsalliance_cli.analyses.lookup.thesaurus import Thesaurus

# A word, apostrophes inside it included, so that "wasn't" stays one word.
# A dotted acronym (N.H.S., as American papers write it) is one word, NHS; then words,
# with an apostrophe inside (don't) and a per cent sign after (25%).
WORD_RE = re.compile(r"(?:[^\W\d_]\.){2,}(?![^\W_])|[^\W_]+(?:['’][^\W_]+)*%?")
NEGATIONS = frozenset("not never no nor none cannot".split())
MODALS = frozenset("must should will would shall may might can could".split())
MEANING_WORDS = NEGATIONS | MODALS

INFLECTION_WEIGHT = 0.8  # what a different form of the same word is worth (exact: 1)
SLIP_WEIGHT = 0.7  # what a typo or spelling variant is worth
FAMILY_WEIGHT = 0.7  # a word of the same family (disillusion, disillusionment)
SYNONYM_WEIGHT = 0.6  # a word sharing a sense (growing, spreading)
MODAL_WEIGHT = 0.6  # a word saying what a modal verb says (could, risk)
# Words that say of a verb what a modal says, as data: "could become", "risked becoming";
# "must", "have to". Any form of them counts (risk, risked, risking).
MODAL_PARAPHRASES = {
    "can": frozenset("able capable possible".split()),
    "could": frozenset("able capable possible possibly risk likely perhaps threaten".split()),
    "may": frozenset("possible possibly perhaps maybe likely risk".split()),
    "might": frozenset("possible possibly perhaps maybe likely risk threaten".split()),
    "must": frozenset("have need necessary require obliged bound".split()),
    "should": frozenset("ought need".split()),
    "shall": frozenset("going intend".split()),
    "will": frozenset("going intend".split()),
    "would": frozenset("going likely".split()),
}
SLIP_SIMILARITY = 80.0  # rapidfuzz ratio from which two words are one word misspelt
_SLIP_MIN_LENGTH = 4  # shorter words differ by a letter too easily ("fund", "find")

_NUMBERS = {
    word: str(n)
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "hundred": "100"}
SMALL_NUMBERS = {
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
} | {
    w: 10 * n
    for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
NUMBER_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_IRREGULAR = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
}
_AUXILIARIES = frozenset(
    "do does did is are was were has have had would could should must need might".split()
)
_BARE = {"wont": ("will", "not"), "cant": ("can", "not"), "shant": ("shall", "not")}
_SUFFIXES = {"'re": "are", "'ve": "have", "'ll": "will", "'d": "would", "'m": "am"}
_IS_BEFORE = frozenset("it he she that there what who where here how".split())


@dataclass(frozen=True)
class Word:
    """A word of the text or the query and the units it stands for ("wasn't": was, not)."""

    start: int
    end: int
    text: str
    units: tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    """One unit of a word as the look-up aligns it."""

    text: str
    word: int  # index of the word it comes from
    content: bool


def to_units(words: Sequence[Word], stopwords: frozenset[str]) -> list[Unit]:
    return [Unit(u, i, u not in stopwords) for i, w in enumerate(words) for u in w.units if u]


@functools.lru_cache(maxsize=1 << 16)  # the same words again in every paragraph and variant
def units_of(word: str) -> tuple[str, ...]:
    """A word as the words it stands for: contractions expanded, numbers as digits."""
    w = fold(word).replace("’", "'")
    if w.endswith("."):  # n.h.s.: an acronym
        return (w.replace(".", ""),)
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if "'" in w:
        if w.endswith("n't") and len(w) > 3:
            return (w[:-3], "not")
        head, _, tail = w.rpartition("'")
        suffix = "'" + tail
        if suffix in _SUFFIXES:
            return (head.replace("'", ""), _SUFFIXES[suffix])
        if tail == "s":
            head = head.replace("'", "")
            return (head, "is") if head in _IS_BEFORE else (head,)
        w = w.replace("'", "")
    elif w.endswith("nt") and (w[:-2] in _AUXILIARIES or w in _BARE):
        return _BARE.get(w) or (w[:-2], "not")  # "didnt", typed without its apostrophe
    elif w.endswith("%"):
        return (_NUMBERS.get(w[:-1], w[:-1]), "percent")
    return (_NUMBERS.get(w, w),)


def words_of(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    end = len(text) if end is None else end
    words = [
        Word(m.start(), m.end(), m.group(), units_of(m.group()))
        for m in WORD_RE.finditer(text, start, end)
    ]
    return _merge_numbers(words)


def _merge_numbers(words: list[Word]) -> list[Word]:
    """A number in several words ("one hundred and twelve") as one word, "112"; with
    "per cent" or "percent" after it, one word of two units as "25%" is."""
    merged: list[Word] = []
    i = 0
    while i < len(words):
        value, last = _number_at(words, i)
        units = (str(value),) if last > i else words[i].units
        last = max(last, i)
        if last + 1 < len(words) and words[last + 1].text[:1] in "pP":  # "per cent"?
            cent = _percent_at(words, last + 1)
            if cent > last and len(units) == 1 and units[0].isdigit():
                units, last = (units[0], "percent"), cent
        if (
            last == i
            and words[i].text[:1] in "pP"
            and fold(words[i].text) == "per"
            and _percent_at(words, i) > i
        ):
            units, last = ("percent",), i + 1
        if last > i:
            w0, w1 = words[i], words[last]
            text = " ".join(w.text for w in words[i : last + 1])
            merged.append(Word(w0.start, w1.end, text, units))
        else:
            merged.append(words[i])
        i = last + 1
    return merged


def _percent_at(words: Sequence[Word], i: int) -> int:
    """The last word of "per cent" or "percent" starting at ``i``, else ``i - 1``."""
    if i < len(words) and fold(words[i].text) == "percent":
        return i
    if i + 1 < len(words) and fold(words[i].text) == "per" and fold(words[i + 1].text) == "cent":
        return i + 1
    return i - 1


def _number_at(words: Sequence[Word], i: int, years: bool = True) -> tuple[int, int]:
    """The value of the number words starting at ``i`` and the index of the last: "twenty
    five", "one hundred and twelve", "two thousand and nine", "a hundred", and with
    ``years`` "nineteen eighty-four"; never "one two"."""
    total = current = 0
    last, before = i - 1, ""  # before: the kind of the last number word
    j = i
    while j < len(words):
        w = fold(words[j].text)
        if w == "a" and j == i and j + 1 < len(words) and fold(words[j + 1].text) in NUMBER_SCALES:
            w = "one"  # "a hundred", "a thousand"
        if w == "and" and before == "scale":
            if j + 1 < len(words) and fold(words[j + 1].text) in SMALL_NUMBERS:
                j += 1
                continue
            break
        if w in SMALL_NUMBERS:
            n = SMALL_NUMBERS[w]
            kind = "tens" if n >= 20 else "unit"
            if before == "unit" or (before == "tens" and n >= 10):
                break  # "one two", "twenty twenty", "twenty eleven": not one number
            current += n
        elif w in NUMBER_SCALES and before in ("unit", "tens"):
            kind = "scale"
            if NUMBER_SCALES[w] == 100:
                current *= 100
            else:
                total, current = total + current * NUMBER_SCALES[w], 0
        else:
            break
        last, before = j, kind
        j += 1
    if years and total == 0 and 17 <= current <= 20 and before != "scale":
        # A year as it is said: "nineteen eighty-four", "twenty nineteen".
        after, end = _number_at(words, last + 1, years=False)
        if end > last and 10 <= after <= 99 and not _has_scale(words, last + 1, end):
            return current * 100 + after, end
    return total + current, last


def _has_scale(words: Sequence[Word], start: int, end: int) -> bool:
    return any(fold(w.text) in NUMBER_SCALES for w in words[start : end + 1])


def stem(word: str) -> str:
    """A crude stem, enough to tell two forms of a word: groups/group, becoming/become."""
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    else:
        if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiousl":
        word = word[:-1]
    return word


class Similarity:
    """How much two units match: 1 exact, less for an inflection, a slip, a word of the
    same family or sense (with a thesaurus), else 0. Called as (typed, source)."""

    def __init__(self, thesaurus: Thesaurus | None = None) -> None:
        self._cache: dict[tuple[str, str], float] = {}
        self._thesaurus = thesaurus
        self._stems: dict[str, str] = {}
        self._unrelated: dict[tuple[str, str], bool] = {}
        self._reaches: dict[tuple[str, ...], tuple[frozenset[str], frozenset[str]] | None] = {}

    def __call__(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        key = (a, b)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._near(a, b)
        return found

    def row(self, typed: Sequence[str], b: str) -> list[float]:
        """``[self(a, b) for a in typed]``, with the common case decided at once: two
        words that start differently are only ever related through the thesaurus."""
        t = self._thesaurus
        if t is None or b in MEANING_WORDS or b.isdigit():
            return [self(a, b) for a in typed]
        other = self._stem(b)
        reach = self._reach(typed, t)
        if reach is not None and b[0] not in reach[0] and other not in reach[1]:
            return [0.0] * len(typed)  # most words: no typed word starts so or is related
        out: list[float] = []
        for a in typed:
            if a == b:
                out.append(1.0)
            elif a[0] == b[0] or "_" in a or a in MEANING_WORDS or a.isdigit():
                out.append(self(a, b))
            else:
                related = t.related(a)
                near = FAMILY_WEIGHT if other in related.family else 0.0
                out.append(near or (SYNONYM_WEIGHT if other in related.synonyms else 0.0))
        return out

    def _reach(
        self, typed: Sequence[str], t: Thesaurus
    ) -> tuple[frozenset[str], frozenset[str]] | None:
        """The first letters of the typed words and the stems of their families and
        synonyms: a source word outside both matches none of them. None when a typed word
        is matched otherwise (a phrasal verb, a modal or negation, a number)."""
        key = tuple(typed)
        if key not in self._reaches:
            plain = not any("_" in a or a in MEANING_WORDS or a.isdigit() for a in typed)
            related = [t.related(a) for a in typed] if plain else []
            self._reaches[key] = (
                (
                    frozenset(a[0] for a in typed),
                    frozenset().union(*(r.family | r.synonyms for r in related)),
                )
                if plain
                else None
            )
        return self._reaches[key]

    def _stem(self, word: str) -> str:
        found = self._stems.get(word)
        if found is None:
            found = self._stems[word] = stem(word)
        return found

    def _near(self, a: str, b: str) -> float:
        head, _, particle = a.partition("_")
        if particle:  # a phrasal verb typed ("come back"): its verb, or a synonym of it all
            near = 1.0 if head == b else _near(head, b)
        if a in MODALS:
            return MODAL_WEIGHT if self._stem(b) in _MODAL_STEMS[a] else 0.0
        if b in MODALS:
            return MODAL_WEIGHT if self._stem(a) in _MODAL_STEMS[b] else 0.0
        if not particle:
            near = _near(a, b)
        if near or self._thesaurus is None or a in MEANING_WORDS or b in MEANING_WORDS:
            return near
        if a.isdigit() or b.isdigit():
            return 0.0
        related = self._thesaurus.related(a)
        other = self._stem(b)
        if other in related.family:
            return FAMILY_WEIGHT
        return SYNONYM_WEIGHT if other in related.synonyms else 0.0

    def opposed(self, a: str, b: str) -> bool:
        """Whether the source's ``b`` means the opposite of the typed ``a``."""
        if self._thesaurus is None or a in MEANING_WORDS or b in MEANING_WORDS or a.isdigit():
            return False  # a negation is a polarity of its own
        t = self._thesaurus
        if self._stem(b) in t.related(a).antonyms:
            return True
        # Opposite through a sense just above one: recognise (a way to accept), reject.
        if b in MEANING_WORDS or b.isdigit() or self(a, b):
            return False
        return not (
            t.opposite_senses(a).isdisjoint(t.senses(b))
            and t.opposite_senses(b).isdisjoint(t.senses(a))
        )

    def near(self, a: str, b: str) -> bool:
        """Whether some sense of one word is one link from a sense of the other in
        WordNet: a broader or narrower sense (idea, concept), a similar adjective."""
        t = self._thesaurus
        if t is None or a in MEANING_WORDS or b in MEANING_WORDS:
            return False
        return bool(t.related_at_all(a, b, within=1))

    def unrelated(self, a: str, b: str) -> bool:
        """Whether two words that can both be verbs, adjectives or adverbs have no senses
        a few links apart in WordNet (help, hurt); False when WordNet lacks either."""
        t = self._thesaurus
        if t is None or a in MEANING_WORDS or b in MEANING_WORDS or self(a, b):
            return False
        if not (t.predicative(a) and t.predicative(b)):
            return False
        found = self._unrelated.get((a, b))
        if found is None:
            found = self._unrelated[(a, b)] = t.related_at_all(a, b) is False
        return found


_MODAL_STEMS = {m: frozenset(stem(w) for w in ws) for m, ws in MODAL_PARAPHRASES.items()}


def _near(a: str, b: str) -> float:
    if a in MEANING_WORDS or b in MEANING_WORDS or a.isdigit() or b.isdigit():
        return 0.0  # "must" is not a slip for "much", nor 2009 for 2008
    if a[:2] != b[:2] and a[0] != b[0]:
        return 0.0
    if stem(a) == stem(b):
        return INFLECTION_WEIGHT
    if min(len(a), len(b)) < _SLIP_MIN_LENGTH:
        return 0.0
    from rapidfuzz.distance import Indel

    if Indel.normalized_similarity(a, b) * 100 >= SLIP_SIMILARITY:
        return SLIP_WEIGHT
    return 0.0
