"""How a quotation's words differ in meaning from its source's: a negation or a modal
verb said or left out, a word of opposite meaning, a word changed for an unrelated one."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

from nhsalliance_cli.quotewords import MEANING_WORDS, MODALS, NEGATIONS, Similarity, Unit

MOST_SWAPS = 2  # substitutions credited at most: a quotation said in other words


def substitutions(
    query: Sequence[Unit],
    source: Sequence[Unit],
    pairs: Sequence[tuple[int, int, float]],
    sim: Similarity,
) -> tuple[int, list[tuple[str, str]]]:
    """How many typed content words stand alone in the place of one source content word
    (the words either side are matched: "There is [growing] disillusion", "There is
    [spreading] disillusionment"), leaving out those of opposite meaning, at most
    ``MOST_SWAPS``; and the pairs
    (typed, source) of opposite meaning among the words left unmatched."""
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
    swapped = 0
    for (i1, j1), (i2, j2) in itertools.pairwise(bounds):
        if i1 < 0 or i2 >= len(query):
            continue
        gap_q = [i for i in range(i1 + 1, i2) if query[i].content]
        gap_s = [j for j in range(j1 + 1, j2) if source[j].content]
        if len(gap_q) == len(gap_s) == 1 and query[gap_q[0]].text not in against:
            swapped += 1
    return min(swapped, MOST_SWAPS), opposites


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
