"""How a quotation's words differ in meaning from its source's: a negation or a modal
verb said or left out, a word of opposite meaning, a word changed for an unrelated one."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from nhsalliance_cli.analyses.lookup.words import (
    MEANING_WORDS,
    MODALS,
    NEGATIONS,
    Similarity,
    Unit,
    Word,
)

MOST_SWAPS = 2  # substitutions credited at most: a quotation said in other words
# Function words of opposite meaning (the stop words set aside as content): one put for
# the other turns the meaning round as an antonym does.
OPPOSITE_SMALL_WORDS = frozenset(
    frozenset(pair.split("/"))
    for pair in (
        "more/less more/fewer most/least before/after above/below over/under with/without "
        "for/against up/down inside/outside most/fewest"
    ).split()
)


@dataclass(frozen=True)
class Changes:
    """How the content words left unmatched differ: ``swapped`` typed words standing
    alone for one source word (credited, at most :data:`MOST_SWAPS`); pairs (typed,
    source) of ``opposites``; and pairs ``changed``, a typed word put for one the source
    has that says something else (see :func:`changed`)."""

    swapped: int
    opposites: list[tuple[str, str]]
    changed: list[tuple[str, str]]
    near: int  # of the swapped, those a link apart in WordNet (idea, concept)


def substitutions(
    query: Sequence[Unit],
    source: Sequence[Unit],
    pairs: Sequence[tuple[int, int, float]],
    sim: Similarity,
    spelt: tuple[Sequence[Word], Sequence[Word]],
) -> Changes:
    """The typed content words standing alone in the place of one source content word
    (the words either side are matched, or it is the first or last: "There is [growing]
    disillusion", "There is [spreading] disillusionment"), sorted into substitutions,
    changed words and words of opposite meaning (those among all the words left
    unmatched). ``spelt`` is the typed and the source words, as written."""
    matched_q = {i for i, _, _ in pairs}
    matched_s = {j for _, j, _ in pairs}
    loose_q = [i for i, u in enumerate(query) if u.content and i not in matched_q]
    loose_s = [j for j, u in enumerate(source) if u.content and j not in matched_s]
    opposites = [
        (query[i].text, source[j].text)
        for i in loose_q
        for j in loose_s
        if sim.opposed(query[i].text, source[j].text)
    ]
    against = {a for a, _ in opposites}
    bounds = [(-1, -1), *((i, j) for i, j, _ in pairs), (len(query), len(source))]
    swapped = near = 0
    changes: list[tuple[str, str]] = []
    for (i1, j1), (i2, j2) in itertools.pairwise(bounds):
        # allowing less community work, allowing more community work: small words too
        opposites += [
            (query[i].text, source[j].text)
            for i in range(i1 + 1, i2)
            for j in range(j1 + 1, j2)
            if frozenset((query[i].text, source[j].text)) in OPPOSITE_SMALL_WORDS
        ]
        gap_q = [i for i in range(i1 + 1, i2) if query[i].content]
        gap_s = [j for j in range(j1 + 1, j2) if source[j].content]
        # One word each side: an acronym typed for what it stands for is one word.
        if len({query[i].word for i in gap_q}) != 1 or len({source[j].word for j in gap_s}) != 1:
            continue
        a, b = query[gap_q[0]], source[gap_s[0]]
        if a.text in against:
            continue
        one = len(gap_q) == len(gap_s) == 1
        words = (spelt[0][a.word].text, spelt[1][b.word].text)
        if changed(a, b, sim, words) if one else _acronym(words[0]) and _acronym(words[1]):
            changes.append((a.text, b.text) if one else words)
        elif one and i1 >= 0 and i2 < len(query) and swapped < MOST_SWAPS:
            swapped += 1
            near += sim.near(a.text, b.text)
    return Changes(swapped, opposites, changes, near)


def changed(typed: Unit, said: Unit, sim: Similarity, spelt: tuple[str, str]) -> bool:
    """Whether a typed word put in the place of a source word changes what is said: two
    different numbers (2003, 1993); two different acronyms (PCT, PCG); two names that do
    not start alike (Leeds, Nottingham; a variant such as Mary, Marie does); two words
    that can both be verbs, adjectives or adverbs and that WordNet does not relate at
    all (help, hurt; rigid, nimble). Nouns are left alone: WordNet misses too many of
    their near synonyms (barrier, boundary; tribute, homage)."""
    a, b = typed.text, said.text
    if a in MEANING_WORDS or b in MEANING_WORDS:
        return False  # a negation or a modal is a change of its own kind
    if a.isdigit() or b.isdigit():
        return a.isdigit() and b.isdigit()
    first, second = spelt
    if _acronym(first) and _acronym(second):
        return True
    if typed.word > 0 and first[:1].isupper() and second[:1].isupper():
        return a[:1] != b[:1]
    return sim.unrelated(a, b)


def _acronym(word: str) -> bool:
    letters = word.rstrip("s")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def meaning(query: Sequence[Unit], source: Sequence[Unit]) -> tuple[bool, str | None]:
    """Whether the source and the query differ in polarity (a negation), and a sentence
    that says how they differ in a negation or a modal verb: a changed modal ("could
    become", "risked becoming") is shown and costs score, but is not a polarity flip."""
    said = Counter(u.text for u in source if u.text in MEANING_WORDS)
    typed = Counter(u.text for u in query if u.text in MEANING_WORDS)
    neg_said = sum(n for w, n in said.items() if w in NEGATIONS)
    neg_typed = sum(n for w, n in typed.items() if w in NEGATIONS)
    mod_missing = sorted((typed - said).keys() & MODALS)
    mod_extra = sorted((said - typed).keys() & MODALS)
    notes: list[str] = []
    if neg_typed > neg_said:
        missing = sorted((typed - said).keys() & NEGATIONS) or sorted(typed.keys() & NEGATIONS)
        notes.append("the source does not say " + _listed(missing))
    elif neg_said > neg_typed:
        extra = sorted((said - typed).keys() & NEGATIONS) or sorted(said.keys() & NEGATIONS)
        notes.append("the source says " + _listed(extra) + ", which the quotation leaves out")
    if mod_missing and mod_extra:
        notes.append(f"the source says {_listed(mod_extra)}, not {_listed(mod_missing)}")
    elif mod_missing:
        notes.append("the source does not say " + _listed(mod_missing))
    elif mod_extra:
        notes.append("the source says " + _listed(mod_extra) + ", which the quotation leaves out")
    return neg_typed != neg_said, "; ".join(notes) or None


def _listed(words: Sequence[str]) -> str:
    return " or ".join(f'"{w}"' for w in words)
