"""Looking up a half-remembered quotation: the passages closest to what was typed.

Words are compared after folding case, expanding contractions (``wasn't`` is ``was
not``) and writing number words as digits; two words also match, for less, when they
are forms of one word (regain, regained) or one is a slip for the other (a typo, a
spelling variant: rapidfuzz's similarity of the two words). Function words are set
aside so that "the", "of" and "we" cannot make a match on their own; negations and
modal verbs are not function words here, since they carry the meaning.

In each paragraph the window of text whose content words best follow the query's is
scored by an F-measure of recall (how much of the query it holds, in order) and
precision (how little else it holds), weighted towards recall (beta = 2); function words
that differ take up to a tenth off. The passage returned is the sentence around the
window (the clause, when the sentence is long), never cut inside a quotation. Words and
their units are :mod:`words`'s business; sentences and clauses, :mod:`passages`';
the bound of a paragraph and its best window, :mod:`windows`; negations, modals and
changed words, :mod:`changes`; the diff, :mod:`diff`; acronyms, :mod:`acronyms`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nhsalliance_cli.analyses.lookup.acronyms import acronym, defined, expanded, glossary_expansions
from nhsalliance_cli.analyses.lookup.changes import Changes, meaning, substitutions
from nhsalliance_cli.analyses.lookup.citing import citation, human_date
from nhsalliance_cli.analyses.lookup.diff import diff as word_diff_of
from nhsalliance_cli.analyses.lookup.passages import SENTENCE_END, enclosing, passage
from nhsalliance_cli.analyses.lookup.windows import (
    NEAR_SUBSTITUTE,
    Bound,
    best_window,
    covered,
    pair_bound,
    swappable,
)
from nhsalliance_cli.analyses.lookup.words import (
    MEANING_WORDS,
    NEGATIONS,
    WORD_RE,
    Similarity,
    Unit,
    Word,
    to_units,
    words_of,
)
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.defaults import QUOTE_MIN_SCORE
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.records.quotation import Quotation
from nhsalliance_cli.records.record import Record
from nhsalliance_cli.text.tokens import fold, paragraph_spans

if TYPE_CHECKING:
    from nhsalliance_cli.analyses.lookup.thesaurus import Thesaurus

__all__ = ["Match", "citation", "closest", "find_quote", "human_date", "word_diff"]

_FUNCTION_WORDS_SHARE = 0.1  # how much of the score the function words can take away
# A typed word in the place of a source word (the words either side match) is worth this
# much of a match (windows.NEAR_SUBSTITUTE when WordNet puts them a link apart).
_SUBSTITUTE = 0.3
# A word of opposite meaning, or changed for one that says something else
# (changes.changed), costs this many points whatever the length of the quotation:
# one changed verb makes another sentence of a long one.
_CHANGED_COST = 30.0


@dataclass(frozen=True)
class Match(Record):
    """A source found for a quotation: the JSON fields of ``quote``."""

    doc: str
    passage: str
    start: int
    end: int
    score: float
    speaker: str | None
    quoted: bool
    date: str | None
    diff: str
    polarity_differs: bool = False
    date_inferred: bool = False
    note: str | None = None
    match_start: int = 0
    match_end: int = 0


def _phrasal(query: list[Unit], thesaurus: Thesaurus) -> list[Unit]:
    """The typed units with each phrasal verb's verb standing for the whole ("come" in
    "come back" as ``come_back``), so that it matches its verb or a word of the same
    sense ("return"); its particle stays a unit of its own."""
    out = list(query)
    for i, (unit, after) in enumerate(itertools.pairwise(query)):
        if unit.content and after.word == unit.word + 1:
            phrase = thesaurus.phrase(unit.text, after.text)
            if phrase is not None:
                out[i] = Unit(f"{unit.text}_{after.text}", unit.word, True)
    return out


def find_quote(
    corpus: Corpus,
    typed: str,
    quotations: Iterable[Quotation],
    stopwords: frozenset[str],
    min_score: float = QUOTE_MIN_SCORE,
    limit: int = 3,
) -> list[Match]:
    """The passages closest to ``typed``, best first, at most one starting in any
    paragraph. A typed acronym is tried as itself and, in each document, as what it
    stands for there (:mod:`acronyms`); a quotation of two or three clauses (between
    commas or semicolons), also with its clauses in each other order round ("..., the
    mayor said": "the mayor said ...")."""
    from nhsalliance_cli.analyses.lookup.thesaurus import thesaurus

    stopwords = stopwords - MEANING_WORDS
    typed_words = words_of(typed)
    if not to_units(typed_words, stopwords):
        raise UsageProblem(f"the quotation {typed!r} has no letters or digits")
    sim = Similarity(thesaurus())
    by_doc: dict[str, list[Quotation]] = {}
    for q in quotations:
        by_doc.setdefault(q.doc, []).append(q)
    orders = [typed_words, *_rotations(typed, typed_words)]
    wanted = {a for w in typed_words if (a := acronym(w.text)) is not None}
    queries: dict[tuple[int, tuple[tuple[str, tuple[str, ...]], ...]], _Query] = {}

    def query(n: int, table: dict[str, tuple[str, ...]]) -> _Query:
        key = (n, tuple(sorted(table.items())))
        if key not in queries:
            firsts = frozenset(words[0] for words in table.values())
            words = expanded(orders[n], table) if table else orders[n]
            queries[key] = _Query.of(words, stopwords, sim, firsts)
        return queries[key]

    found: list[Match] = []
    for doc in corpus:
        table = _expansions(doc.text, wanted) if wanted else {}
        # The orders of one set of words share a bound (it does not depend on order).
        tables = [{}, table] if table else [{}]
        groups = [[query(n, t) for n in range(len(orders))] for t in tables]
        here = [m for group in groups for m in _in_document(doc, group, min_score, by_doc)]
        found += _apart(here)
        doc.release()  # a large corpus's texts are never all in memory at once
    found.sort(key=lambda m: (-m.score, m.start))
    return found[:limit]


_CLAUSE_BREAK = re.compile(r"[,;]")


def _rotations(typed: str, words: Sequence[Word]) -> list[list[Word]]:
    """The typed words with their clauses (two or three, between commas or semicolons)
    in each other order round."""
    clauses: list[list[Word]] = [[]]
    for before, word in zip([None, *words], words, strict=False):
        if before is not None and _CLAUSE_BREAK.search(typed, before.end, word.start):
            clauses.append([])
        clauses[-1].append(word)
    if not 2 <= len(clauses) <= 3:
        return []
    return [[w for c in clauses[k:] + clauses[:k] for w in c] for k in range(1, len(clauses))]


def _expansions(text: str, wanted: set[str]) -> dict[str, tuple[str, ...]]:
    """What each wanted acronym stands for in ``text``: its own definition, else the
    glossary's."""
    glossary = glossary_expansions()
    table = {a: glossary[a][0] for a in wanted if a in glossary}
    table.update(defined(text, wanted))
    return table


@dataclass(frozen=True)
class _Query:
    """The typed words, their units (function words apart) and the bound of a paragraph;
    ``needs``, words a paragraph must hold to be worth reading (an acronym's expansion
    is tried only where its first word is: elsewhere the acronym as typed is as good)."""

    words: Sequence[Word]
    units: Sequence[Unit]
    content: Sequence[str]
    bound: Bound
    needs: frozenset[str]

    @staticmethod
    def of(
        typed_words: Sequence[Word],
        stopwords: frozenset[str],
        sim: Similarity,
        needs: frozenset[str] = frozenset(),
    ) -> _Query:
        from nhsalliance_cli.analyses.lookup.thesaurus import thesaurus

        query = _phrasal(to_units(typed_words, stopwords), thesaurus())
        content = [u.text for u in query if u.content]
        if len(content) < 2:
            content, stopwords = [u.text for u in query], frozenset()
            query = to_units(typed_words, stopwords)
        bound = Bound(content, stopwords, sim, {})
        return _Query(typed_words, query, content, bound, needs)


def _apart(found: Iterable[Match]) -> list[Match]:
    """The best matches, none overlapping a better one."""
    kept: list[Match] = []
    for m in sorted(found, key=lambda m: -m.score):
        if not any(m.match_start < k.match_end and k.match_start < m.match_end for k in kept):
            kept.append(m)
    return kept


_CLOSEST_FLOOR = 40.0  # a candidate under this is no candidate at all
_CLOSEST_MARGIN = 10.0  # how far it must stand above the next to be worth naming


def closest(
    corpus: Corpus,
    typed: str,
    quotations: Iterable[Quotation],
    stopwords: frozenset[str],
    min_score: float = QUOTE_MIN_SCORE,
) -> Match | None:
    """When nothing reaches ``min_score``: the best candidate under it, if it stands
    clearly above the rest (by ``_CLOSEST_MARGIN`` points), else None."""
    floor = min(_CLOSEST_FLOOR, min_score)
    found = find_quote(corpus, typed, quotations, stopwords, floor, limit=2)
    if not found or found[0].score >= min_score:
        return None
    if len(found) > 1 and found[0].score - found[1].score < _CLOSEST_MARGIN:
        return None
    return found[0]


def _in_document(
    doc: Document, orders: Sequence[_Query], min_score: float, by_doc: dict[str, list[Quotation]]
) -> list[Match]:
    """The best passage starting in each paragraph; it may run on into the next (a
    quotation over two paragraphs). Overlapping passages keep the better. ``orders`` are
    the same typed words in different orders: the bound of the first serves them all."""
    typed = orders[0]
    bound = typed.bound
    folded = fold(doc.text)
    tokens = WORD_RE.findall(folded)
    if not typed.needs.issubset(tokens):
        return []
    whole = bound.vector(tokens)
    if whole is not None and bound.ceiling(whole) * 100 < min_score:
        return []  # no paragraph, nor two together, can reach the minimum
    spans = paragraph_spans(doc.text)
    nothing = [0.0] * len(typed.content)
    vectors = [
        bound.vector(part) if typed.needs.issubset(part) else nothing
        for part in (WORD_RE.findall(folded, s, e) for s, e in spans)
    ]
    scores = [bound.score(v) for v in vectors]
    quotes = by_doc.get(doc.id, [])
    found: list[Match] = []
    for k, (p_start, p_end) in enumerate(spans):
        alone = scores[k]
        both = pair_bound(bound, vectors, scores, k) if k + 1 < len(spans) else 0.0
        if max(alone, both) * 100 < min_score:
            continue
        region_end = spans[k + 1][1] if both > alone else p_end
        words = words_of(doc.text, p_start, region_end)
        units = to_units(words, bound.stopwords)
        starts = sum(1 for u in units if words[u.word].start < p_end)
        for order in orders:
            paragraph = (p_start, p_end, region_end)
            match = _in_paragraph(doc, order, paragraph, (words, units, starts), min_score, quotes)
            if match is not None and match.score >= min_score:
                found.append(match)
    return _apart(found)


def _in_paragraph(
    doc: Document,
    typed: _Query,
    paragraph: tuple[int, int, int],
    read: tuple[Sequence[Word], Sequence[Unit], int],
    min_score: float,
    quotes: Sequence[Quotation],
) -> Match | None:
    """The match of the best window starting among the first ``starts`` units (``read``:
    the words, their units and ``starts``), or None when none can reach the minimum."""
    words, units, starts = read
    content, bound = typed.content, typed.bound
    best = best_window(units, content, bound, starts)
    loose = swappable(covered(units, best, bound)) if best is not None else 0
    if best is None or (best[0] + NEAR_SUBSTITUTE * loose / len(content)) * 100 < min_score:
        return None
    score, first, last = best
    return _match(
        doc,
        paragraph,
        typed.words,
        typed.units,
        words,
        units,
        (first, last),
        score,
        quotes,
        bound.sim,
    )


# --- aligning the quotation with its source ------------------------------------------


def _align(
    query: Sequence[Unit], source: Sequence[Unit], sim: Similarity
) -> list[tuple[int, int, float]]:
    """Pairs (query unit, source unit, similarity) of the best in-order alignment;
    function words pair only with the same word."""
    n, m = len(query), len(source)
    table = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        qi = query[i - 1]
        row, above = table[i], table[i - 1]
        for j in range(1, m + 1):
            sj = source[j - 1]
            s = sim(qi.text, sj.text) if qi.content and sj.content else float(qi.text == sj.text)
            value = max(above[j], row[j - 1])
            if s and above[j - 1] + s > value:
                value = above[j - 1] + s
            row[j] = value
    pairs: list[tuple[int, int, float]] = []
    i, j = n, m
    while i and j:
        qi, sj = query[i - 1], source[j - 1]
        s = sim(qi.text, sj.text) if qi.content and sj.content else float(qi.text == sj.text)
        if s and abs(table[i][j] - (table[i - 1][j - 1] + s)) < 1e-9:
            pairs.append((i - 1, j - 1, s))
            i, j = i - 1, j - 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


def _match(
    doc: Document,
    paragraph: tuple[int, int, int],
    typed_words: Sequence[Word],
    query: Sequence[Unit],
    words: Sequence[Word],
    units: Sequence[Unit],
    window: tuple[int, int],
    score: float,
    quotes: Sequence[Quotation],
    sim: Similarity,
) -> Match:
    """The source for a window of units; ``paragraph`` is where the paragraph starts and
    ends, and where the next one ends when the window may run into it."""
    text = doc.text
    p_start, p_end, region_end = paragraph
    c_first, c_last = _core(text, words, query, units, window, sim, p_end)
    c_first = _negation_before(text, words, units, c_first)
    source_units = units[c_first : c_last + 1]
    pairs = _align(query, source_units, sim)
    m_start, m_end = words[units[c_first].word].start, words[units[c_last].word].end
    quote = enclosing(quotes, m_start, m_end)
    region = (p_start, p_end if m_end <= p_end else region_end)
    start, end = passage(text, region, (m_start, m_end), quote, quotes)
    diff = word_diff_of(typed_words, query, words, source_units, pairs)
    differs, note = meaning(query, source_units)
    found = substitutions(query, source_units, pairs, sim, (typed_words, words))
    said = [f'the source says "{b}", the opposite of "{a}"' for a, b in found.opposites]
    said += [f'the source says "{b}", not "{a}"' for a, b in found.changed]
    if said:
        note = "; ".join([note, *said] if note else said)
    points = _points(score, query, source_units, pairs, found)
    if "[-" in diff or "{+" in diff or differs:
        points = min(points, 99.9)
    speaker = quote.speaker if quote is not None and quote.kind == "speech" else None
    if quote is None:
        # Reported speech around a partial quotation is the quoted speaker's too.
        partial = [q for q in quotes if q.kind == "speech" and m_start < q.end and q.start < m_end]
        speaker = partial[0].speaker if partial and partial[0].speaker else doc.author
    return Match(
        doc=doc.id,
        passage=text[start:end],
        start=start,
        end=end,
        score=round(max(points, 0.0), 1),
        speaker=speaker,
        quoted=quote is not None,
        date=doc.date,
        date_inferred=doc.date_inferred,
        diff=diff,
        polarity_differs=differs,
        note=note,
        match_start=m_start,
        match_end=m_end,
    )


def _points(
    score: float,
    query: Sequence[Unit],
    source_units: Sequence[Unit],
    pairs: Sequence[tuple[int, int, float]],
    found: Changes,
) -> float:
    """The window's F-measure as points: function words that differ take up to a tenth
    off, words standing for others add their credit, changed words and opposites cost."""
    function_words = sum(1 for u in query if not u.content)
    function_words += sum(1 for u in source_units if not u.content)
    same = 2 * sum(1 for i, _, _ in pairs if not query[i].content)
    agreement = same / function_words if function_words else 1.0  # Dice coefficient
    points = score * 100 * (1 - _FUNCTION_WORDS_SHARE * (1 - agreement))
    content = sum(1 for u in query if u.content)
    credit = _SUBSTITUTE * found.swapped + (NEAR_SUBSTITUTE - _SUBSTITUTE) * found.near
    points += 100 * credit / content
    return points - _CHANGED_COST * (len(found.changed) + len(found.opposites))


def _core(
    text: str,
    words: Sequence[Word],
    query: Sequence[Unit],
    units: Sequence[Unit],
    window: tuple[int, int],
    sim: Similarity,
    boundary: int,
) -> tuple[int, int]:
    """The source units that answer to the query: the best window, widened by as many
    units as the query has before its first match and after its last, and further
    until it holds as many content units as the query has there ("the offer [was
    unfair]", "the offer [on the table was fair]"), within the sentence and the
    paragraph (which ends at ``boundary``), and never splitting a word's units
    ("wasn't")."""
    first, last = window
    pairs = _align(query, units[first : last + 1], sim)
    lead, tail = (pairs[0][0], len(query) - 1 - pairs[-1][0]) if pairs else (0, 0)
    lead_content = sum(1 for u in query[:lead] if u.content)
    tail_content = sum(1 for u in query[len(query) - tail :] if u.content) if tail else 0

    def joined(a: int, b: int) -> bool:  # units a and b (a < b) are in one sentence
        wa, wb = units[a].word, units[b].word
        if wa == wb:
            return True
        if words[wa].end <= boundary <= words[wb].start:
            return False
        return not SENTENCE_END.search(text, words[wa].end, words[wb].start + 1)

    while (lead > 0 or lead_content > 0) and first > 0 and joined(first - 1, first):
        first, lead = first - 1, lead - 1
        lead_content -= units[first].content
    while (tail > 0 or tail_content > 0) and last + 1 < len(units) and joined(last, last + 1):
        last, tail = last + 1, tail - 1
        tail_content -= units[last].content
    while first > 0 and units[first - 1].word == units[first].word:
        first -= 1
    while last + 1 < len(units) and units[last + 1].word == units[last].word:
        last += 1
    return first, last


def _negation_before(text: str, words: Sequence[Word], units: Sequence[Unit], first: int) -> int:
    """The first unit, taking in a negation just before it in the same sentence: quoting
    "afraid to challenge" from "Never afraid to challenge" drops the "never" all the same."""
    start = words[units[first].word].start
    for i in range(max(0, first - 2), first):
        u = units[i]
        if u.text in NEGATIONS and not SENTENCE_END.search(text, words[u.word].end, start):
            return i
    return first


def word_diff(typed: str, source: str) -> str:
    """What the source says against what was typed: [-typed only-] {+source only+}."""
    typed_words, words = words_of(typed), words_of(source)
    query, units = to_units(typed_words, frozenset()), to_units(words, frozenset())
    sim = Similarity()
    return word_diff_of(typed_words, query, words, units, _align(query, units, sim))
