"""Looking up a half-remembered quotation: the passages closest to what was typed.

Words are compared after folding case and writing number words as digits. Function
words are set aside so that "the", "of" and "we" cannot make a match on their own. In
each paragraph the window of text whose content words best follow the query's is scored
by an F-measure of recall (how many of the query's content words it holds, in order) and
precision (how little else it holds), weighted towards recall (beta = 2): a changed or
dropped word costs a few points, a fabricated quotation scores far below the threshold.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nhsalliance_cli.corpus import Corpus, Document
from nhsalliance_cli.defaults import QUOTE_MIN_SCORE
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.quotes import Quotation
from nhsalliance_cli.record import Record
from nhsalliance_cli.tokens import TOKEN_RE, fold, paragraph_spans

_SENTENCE_END = re.compile(r"[.!?]")
_BETA2 = 4.0  # beta squared: recall counts four times as much as precision
_NUMBERS = {
    word: str(n)
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "hundred": "100"}


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


def normalize_word(word: str) -> str:
    folded = fold(word)
    return _NUMBERS.get(folded, folded)


def find_quote(
    corpus: Corpus,
    typed: str,
    quotations: Iterable[Quotation],
    stopwords: frozenset[str],
    min_score: float = QUOTE_MIN_SCORE,
    limit: int = 3,
) -> list[Match]:
    """The passages closest to ``typed``, best first, at most one per paragraph."""
    query = [normalize_word(w) for w in TOKEN_RE.findall(typed)]
    if not query:
        raise UsageProblem(f"the quotation {typed!r} has no letters or digits")
    content = [w for w in query if w not in stopwords]
    if len(content) < 2:
        content, stopwords = query, frozenset()
    by_doc: dict[str, list[Quotation]] = {}
    for q in quotations:
        if q.depth == 0:
            by_doc.setdefault(q.doc, []).append(q)
    found: list[Match] = []
    for doc in corpus:
        for p_start, p_end in paragraph_spans(doc.text):
            best = _best_window(doc.text, p_start, p_end, query, content, stopwords)
            if best is None or best[0] * 100 < min_score:
                continue
            score, start, end = best
            found.append(_match(doc, typed, start, end, score, by_doc.get(doc.id, [])))
    found.sort(key=lambda m: (-m.score, m.start))
    return found[:limit]


def _best_window(
    text: str,
    p_start: int,
    p_end: int,
    query: Sequence[str],
    content: Sequence[str],
    stopwords: frozenset[str],
) -> tuple[float, int, int] | None:
    from rapidfuzz.distance import LCSseq

    words = [
        (m.start(), m.end(), normalize_word(m.group()))
        for m in TOKEN_RE.finditer(text, p_start, p_end)
    ]
    wanted = set(content)
    anchors = [i for i, (_, _, w) in enumerate(words) if w in wanted]
    longest = 2 * len(query) + 4
    best: tuple[float, int, int, int] | None = None  # score, -length, first, last
    for a, first in enumerate(anchors):
        for last in anchors[a:]:
            if last - first >= longest:
                break
            window = [w for _, _, w in words[first : last + 1] if w not in stopwords]
            common = LCSseq.similarity(content, window)
            if not common:
                continue
            recall, precision = common / len(content), common / len(window)
            score = (1 + _BETA2) * precision * recall / (_BETA2 * precision + recall)
            candidate = (score, first - last, first, last)
            if best is None or candidate > best:
                best = candidate
    if best is None:
        return None
    score, _, first, last = best
    first, last = _widen(text, words, first, last, query, content)
    return score, words[first][0], words[last][1]


def _widen(
    text: str,
    words: Sequence[tuple[int, int, str]],
    first: int,
    last: int,
    query: Sequence[str],
    content: Sequence[str],
) -> tuple[int, int]:
    """Take in as many words as the query has before its first content word and after
    its last, within the sentence: the source's own wording of what was typed."""
    lead = query.index(content[0])
    tail = query[::-1].index(content[-1])  # query words after the last content word
    while (
        lead and first > 0 and not _SENTENCE_END.search(text, words[first - 1][1], words[first][0])
    ):
        first, lead = first - 1, lead - 1
    while (
        tail
        and last + 1 < len(words)
        and not _SENTENCE_END.search(text, words[last][1], words[last + 1][0])
    ):
        last, tail = last + 1, tail - 1
    return first, last


def _match(
    doc: Document, typed: str, start: int, end: int, score: float, quotes: Sequence[Quotation]
) -> Match:
    inside = next(
        (q for q in quotes if (q.start <= start and end <= q.end) or _overlap(q, start, end)),
        None,
    )
    speaker = inside.speaker if inside is not None and inside.kind == "speech" else None
    if inside is None:
        speaker = doc.author
    passage = doc.text[start:end]
    return Match(
        doc=doc.id,
        passage=passage,
        start=start,
        end=end,
        score=round(score * 100, 1),
        speaker=speaker,
        quoted=inside is not None,
        date=doc.date,
        diff=word_diff(typed, passage),
    )


def _overlap(q: Quotation, start: int, end: int) -> bool:
    shared = min(q.end, end) - max(q.start, start)
    return shared > 0 and shared >= (end - start) / 2


def word_diff(typed: str, source: str) -> str:
    """What the source says against what was typed: [-typed only-] {+source only+}."""
    a = TOKEN_RE.findall(typed)
    b = TOKEN_RE.findall(source)
    matcher = difflib.SequenceMatcher(
        None, [normalize_word(w) for w in a], [normalize_word(w) for w in b], autojunk=False
    )
    out: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(b[j1:j2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def citation(doc: Document, speaker: str | None, quoted: bool = False) -> str:
    """One line: who, title, kind and publisher, date.

    A quoted passage is cited as its speaker's, quoted in the document (never as if the
    speaker wrote a news report); an unquoted one as the document's author's, or else as
    the document itself under its publisher.
    """
    what = ", ".join(x for x in (doc.kind, doc.publisher) if x)
    when = human_date(doc.date) if doc.date else "undated"
    if doc.date and doc.date_inferred:
        when += " (date inferred)"
    source = f"“{doc.title}”" + (f" ({what})" if what else "") + f", {when}."
    if quoted and speaker and speaker != doc.author:
        return f"{speaker}, quoted in {source}"
    if quoted and not speaker:
        return f"Unattributed quotation in {source}"
    if doc.author:
        return f"{doc.author}, {source}"
    if doc.publisher:
        kind = f" ({doc.kind})" if doc.kind else ""
        return f"{doc.publisher}, “{doc.title}”{kind}, {when}."
    return source[0].upper() + source[1:]


def human_date(iso: str) -> str:
    import calendar

    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"
