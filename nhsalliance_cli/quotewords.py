"""The words of a quotation or a text as `quote` compares them.

A word keeps the apostrophes inside it ("wasn't" is one word) and stands for one or
more units: contractions expanded (``wasn't`` is ``was not``, ``won't`` is ``will
not``), numbers as digits ("eighteen", "one hundred and twelve": 18, 112). Two units
match exactly, or for less when they are forms of one word (regain, regained) or one is
a slip for the other (a typo, a spelling variant: rapidfuzz's similarity of the two).
Negations and modal verbs only ever match themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nhsalliance_cli.tokens import fold

# A word, apostrophes inside it included, so that "wasn't" stays one word.
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
NEGATIONS = frozenset("not never no nor none cannot".split())
MODALS = frozenset("must should will would shall may might can could".split())
MEANING_WORDS = NEGATIONS | MODALS

INFLECTION_WEIGHT = 0.8  # what a different form of the same word is worth (exact: 1)
SLIP_WEIGHT = 0.7  # what a typo or spelling variant is worth
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


def units_of(word: str) -> tuple[str, ...]:
    """A word as the words it stands for: contractions expanded, numbers as digits."""
    w = fold(word).replace("’", "'")
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
    return (_NUMBERS.get(w, w),)


def words_of(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    end = len(text) if end is None else end
    words = [
        Word(m.start(), m.end(), m.group(), units_of(m.group()))
        for m in WORD_RE.finditer(text, start, end)
    ]
    return _merge_numbers(words)


def _merge_numbers(words: list[Word]) -> list[Word]:
    """A number in several words ("one hundred and twelve") as one word, "112"."""
    merged: list[Word] = []
    i = 0
    while i < len(words):
        value, last = _number_at(words, i)
        if last > i:
            w0, w1 = words[i], words[last]
            text = " ".join(w.text for w in words[i : last + 1])
            merged.append(Word(w0.start, w1.end, text, (str(value),)))
            i = last + 1
        else:
            merged.append(words[i])
            i += 1
    return merged


def _number_at(words: Sequence[Word], i: int) -> tuple[int, int]:
    """The value of the number words starting at ``i`` and the index of the last: "twenty
    five", "one hundred and twelve", "two thousand and nine"; never "one two"."""
    total = current = 0
    last, before = i - 1, ""  # before: the kind of the last number word
    j = i
    while j < len(words):
        w = fold(words[j].text)
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
    return total + current, last


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
    """How much two units match: 1 exact, less for an inflection or a slip, else 0."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], float] = {}

    def __call__(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        key = (a, b)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = _near(a, b)
        return found


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
