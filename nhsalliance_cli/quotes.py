"""Quotations: find quoted spans in a text, tell speech from titles and scare quotes, and
attribute speech to its speaker.

Quote marks are judged by where they stand, not by their glyph: a mark after a space and
before a letter opens (so a wrong ’ or ” used as an opening mark still opens), a mark after
a letter and before a space or punctuation closes, and a single mark between two letters
is an apostrophe (It’s, Dixon's). A quotation left open at the end of a paragraph goes on
when the next paragraph opens with a mark, the convention for quoting several paragraphs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from nhsalliance_cli.corpus import Corpus, Document
from nhsalliance_cli.record import Record
from nhsalliance_cli.tokens import paragraph_spans, tokens

if TYPE_CHECKING:
    from nhsalliance_cli.names import NameIndex

DOUBLE = '“”"„'
SINGLE = "‘’'‚"
MARKS = DOUBLE + SINGLE
_MARK_RE = re.compile(f"[{re.escape(MARKS)}]")
KINDS = ("speech", "title", "name", "scare")

_OPEN_BEFORE = set("([{—–-/") | set(MARKS)
_CLOSE_AFTER = set(".,;:!?)]}—–-…") | set(MARKS)
_REPORTING = (
    r"said|says|say|told|tells|added|adds|warned|warns|warn|claimed|claims|argued|argues|"
    r"insisted|insists|stated|states|explained|explains|urged|urges|called on|calls on|"
    r"questioned|questions|believes|believed|described|describes|highlighted|highlight|"
    r"outlined|outline|commented|replied|asked|admitted|suggested|suggests|noted|notes|"
    r"declared|announced|stressed|concluded|wrote|writes"
)
_MODALS = r"(?:(?:will|would|has|had|have|is|was|did|does|may|might|also|then|further)\s+){0,2}"
_VERB_RE = re.compile(rf"\b{_MODALS}(?:{_REPORTING})\b", re.IGNORECASE)
# A cue after the quotation: “…,” he said. / “…,” said Dr Dixon. / “…” Dixon added.
_POST_CUE_RE = re.compile(
    rf"^[\s,.;:!?—–-]{{0,3}}(?P<cue>(?:(?P<who>[^.;:!?“”\"‘’]{{1,60}}?)\s+{_MODALS}(?:{_REPORTING})"
    rf"|{_MODALS}(?:{_REPORTING})\s+(?P<whoafter>[^.,;:!?“”\"‘’\n]{{1,60}}))(?=[.,;:!?\n]|$))",
    re.IGNORECASE,
)
# What ends the stretch of text where a cue before a quotation can stand.
_CUE_BREAK_RE = re.compile(r"[.;!?][”’\"')\]]*\s|[“”\"‘’;]")
_VERB_AT_END_RE = re.compile(rf"\s+{_MODALS}(?:{_REPORTING})(?:\s+that)?$", re.IGNORECASE)
_PRONOUNS = {"he", "she", "they", "him", "her"}
_SENTENCE_END_RE = re.compile(r"[.!?][”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Quotation(Record):
    """A quotation: the JSON fields of ``quotes``."""

    doc: str
    speaker: str | None
    cue: str | None
    kind: str
    confidence: float
    text: str  # the quoted words, without the marks that open continued paragraphs
    start: int  # first quoted character in the document's text
    end: int  # one past the last
    paragraphs: int
    # 0 for a quotation in running text, 1 for one inside another
    depth: int = field(default=0, metadata={"public": False})


@dataclass
class _Open:
    family: str  # "double" or "single"
    mark: int  # offset of the opening mark
    paragraph: int
    depth: int
    continuations: list[int] = field(default_factory=list)  # marks opening later paragraphs


@dataclass(frozen=True)
class Span:
    """A quoted span: the marks' pairing, before it is classified."""

    open_mark: int
    close_mark: int | None  # None: never closed (closed at its paragraph's end)
    start: int
    end: int
    first_paragraph: int
    last_paragraph: int
    depth: int
    continuations: tuple[int, ...]


# --- finding the quoted spans ---------------------------------------------------------


def role(text: str, i: int) -> str:
    """What the mark at ``i`` does: open, close, either, or apostrophe."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if text[i] in SINGLE and before.isalnum() and after.isalnum():
        return "apostrophe"
    opens = before.isspace() or before in _OPEN_BEFORE
    closes = after.isspace() or after in _CLOSE_AFTER
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"  # decided by whether a quotation of its family is open


def quoted_spans(text: str) -> list[Span]:
    """Every quoted span in ``text``, outer ones before the ones inside them."""
    paragraphs = paragraph_spans(text)
    spans: list[Span] = []
    carried: _Open | None = None
    for number, (p_start, p_end) in enumerate(paragraphs):
        stack: list[_Open] = []
        marks = [m.start() for m in _MARK_RE.finditer(text, p_start, p_end)]
        if carried is not None:
            if marks and marks[0] == p_start and _family(text[p_start]) == carried.family:
                carried.continuations.append(p_start)
                stack.append(carried)
                marks = marks[1:]
            else:
                spans.append(_unclosed(text, carried, paragraphs))
        carried = None
        for i in marks:
            what = role(text, i)
            if what == "apostrophe":
                continue
            family = _family(text[i])
            open_here = next((q for q in reversed(stack) if q.family == family), None)
            if what == "close" or (what == "either" and open_here is not None):
                if open_here is None:
                    continue  # a plural possessive (hours’ notice) or a stray mark
                while stack and stack[-1] is not open_here:
                    spans.append(_unclosed(text, stack.pop(), paragraphs, at=i))
                stack.pop()
                spans.append(_closed(text, open_here, i, number, paragraphs))
            else:
                stack.append(_Open(family, i, number, len(stack)))
        if stack:
            # The outermost open quotation may go on in the next paragraph; any inside it
            # end here.
            carried = stack[0]
            for inner in reversed(stack[1:]):
                spans.append(_unclosed(text, inner, paragraphs))
    if carried is not None:
        spans.append(_unclosed(text, carried, paragraphs))
    spans = [s for s in spans if s.end > s.start]
    spans.sort(key=lambda s: (s.start, s.depth))
    return spans


def _family(mark: str) -> str:
    return "double" if mark in DOUBLE else "single"


def _closed(
    text: str, quote: _Open, close: int, paragraph: int, paragraphs: Sequence[tuple[int, int]]
) -> Span:
    start, end = _trim(text, quote.mark + 1, close)
    return Span(
        quote.mark,
        close,
        start,
        end,
        quote.paragraph,
        paragraph,
        quote.depth,
        tuple(quote.continuations),
    )


def _unclosed(
    text: str, quote: _Open, paragraphs: Sequence[tuple[int, int]], at: int | None = None
) -> Span:
    last = quote.paragraph
    if quote.continuations:
        last = _paragraph_of(paragraphs, quote.continuations[-1])
    stop = at if at is not None else paragraphs[last][1]
    start, end = _trim(text, quote.mark + 1, stop)
    return Span(
        quote.mark, None, start, end, quote.paragraph, last, quote.depth, tuple(quote.continuations)
    )


def _paragraph_of(paragraphs: Sequence[tuple[int, int]], offset: int) -> int:
    return max(bisect.bisect_right([s for s, _ in paragraphs], offset) - 1, 0)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quote_text(text: str, span: Span) -> str:
    """The quoted words: the span without the marks that open its continued paragraphs."""
    if not span.continuations:
        return text[span.start : span.end]
    pieces = []
    pos = span.start
    for mark in span.continuations:
        pieces.append(text[pos:mark].rstrip())
        pos = mark + 1
    pieces.append(text[pos : span.end].lstrip())
    return "\n".join(p for p in pieces if p)


# --- classifying and attributing ------------------------------------------------------


@dataclass(frozen=True)
class People:
    """Where a document names people: (start, end, canonical name), in text order."""

    mentions: tuple[tuple[int, int, str], ...]

    def inside(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [m for m in self.mentions if m[0] >= start and m[1] <= end]

    def before(self, offset: int, avoid: Sequence[Span] = ()) -> str | None:
        """The person named last before ``offset``, outside quotations if there is one."""
        candidates = [m for m in self.mentions if m[1] <= offset]
        outside = [m for m in candidates if not any(s.start <= m[0] < s.end for s in avoid)]
        chosen = outside or candidates
        return chosen[-1][2] if chosen else None


def extract(doc: Document, people: People, known: dict[str, str] | None = None) -> list[Quotation]:
    """The quotations in ``doc``.

    ``known`` maps normalised names (see :func:`names.normalize`) to their kind, so a
    quoted organisation or publication is a name or a title, not a scare quote.
    """
    from nhsalliance_cli.names import normalize

    text = doc.text
    spans = quoted_spans(text)
    outer = [s for s in spans if s.depth == 0]
    paragraphs = paragraph_spans(text)
    found: list[Quotation] = []
    last_speech: Quotation | None = None
    for span in spans:
        words = quote_text(text, span)
        para_start = paragraphs[span.first_paragraph][0]
        para_end = paragraphs[span.last_paragraph][1]
        quote = (
            _attribute(doc, span, words, people, outer, para_start, para_end)
            or _interrupted(doc, span, words, last_speech)
            or _continuation(doc, span, words, last_speech, para_start)
            or _known(doc, span, words, known or {}, normalize)
            or _title_case(doc, span, words)
            or _reported(doc, span, words, people, outer, para_start)
            or _unattributed(doc, span, words)
        )
        found.append(quote)
        if quote.kind == "speech" and span.depth == 0:
            last_speech = quote
    return found


def _quotation(
    doc: Document,
    span: Span,
    words: str,
    kind: str,
    confidence: float,
    speaker: str | None = None,
    cue: str | None = None,
) -> Quotation:
    balanced = span.close_mark is not None
    return Quotation(
        doc=doc.id,
        speaker=speaker,
        cue=" ".join(cue.split()) if cue else None,
        kind=kind,
        confidence=round(confidence if balanced else confidence * 0.8, 2),
        text=words,
        start=span.start,
        end=span.end,
        paragraphs=span.last_paragraph - span.first_paragraph + 1,
        depth=span.depth,
    )


def _attribute(
    doc: Document,
    span: Span,
    words: str,
    people: People,
    outer: Sequence[Span],
    para_start: int,
    para_end: int,
) -> Quotation | None:
    """A cue beside the quotation: before it (X said: “…”) or after it (“…,” he said)."""
    text = doc.text
    if span.close_mark is not None:
        after_start = span.close_mark + 1
        m = _POST_CUE_RE.match(text[after_start : min(para_end, after_start + 160)])
        if m is not None:
            group = "who" if m.group("who") else "whoafter"
            speaker = _speaker(
                text, after_start + m.start(group), after_start + m.end(group), people, outer
            ) or _unresolved(m[group])
            if speaker is not None:
                return _quotation(doc, span, words, "speech", speaker[1], speaker[0], m["cue"])
    if span.depth > 0:
        return None
    cue_span = _cue_before(text, max(para_start, span.open_mark - 200), span.open_mark)
    if cue_span is None:
        return None
    who_start, who_end, cue_end, has_verb = cue_span
    speaker = _speaker(text, who_start, who_end, people, outer)
    if speaker is None and has_verb:
        speaker = _unresolved(text[who_start:who_end])
    if speaker is None or not (has_verb or _looks_like_a_name(text[who_start:who_end])):
        return None
    named = people.inside(who_start, who_end)
    cue = text[named[0][0] if named else who_start : cue_end]
    return _quotation(doc, span, words, "speech", speaker[1], speaker[0], cue)


def _cue_before(text: str, start: int, mark: int) -> tuple[int, int, int, bool] | None:
    """A cue ending in ':' or ',' just before a quotation: ``X said:``, ``Name:``,
    ``The biggest hurdle, X will say,``. Gives where the speaker's words start and end,
    where the cue ends, and whether it has a reporting verb (``Name:`` has none)."""
    end = mark
    while end > start and text[end - 1].isspace():
        end -= 1
    if end == start or text[end - 1] not in ":,":
        return None
    colon = text[end - 1] == ":"
    end -= 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # The cue starts after the last sentence end, quote mark or ';' before it.
    who_start = start
    for m in _CUE_BREAK_RE.finditer(text, start, end):
        who_start = m.end()
    while who_start < end and text[who_start].isspace():
        who_start += 1
    if who_start >= end:
        return None
    verb = _VERB_AT_END_RE.search(text, max(who_start, end - 60), end)
    if verb is None and not colon:
        return None
    who_end = verb.start() if verb is not None else end
    return who_start, who_end, end, verb is not None


def _speaker(
    text: str, start: int, end: int, people: People, outer: Sequence[Span]
) -> tuple[str, float] | None:
    """Who the words between ``start`` and ``end`` name: a person, or a pronoun's referent."""
    named = people.inside(start, end)
    if named:
        return named[0][2], 0.95  # the subject comes first: X told Y: “…”
    words = [w.lower() for w in tokens(text[start:end])]
    if words and (words[-1] in _PRONOUNS or words[0] in _PRONOUNS):
        referent = people.before(start, outer)
        if referent is not None:
            return referent, 0.8
    name = _name_in(text[start:end])
    if name is not None:
        return name, 0.7
    return None


def _unresolved(who: str) -> tuple[None, float] | None:
    """A pronoun cue with no one named before it (“…,” he said): speech by someone unknown."""
    words = [w.lower() for w in tokens(who)]
    return (None, 0.5) if words and (words[0] in _PRONOUNS or words[-1] in _PRONOUNS) else None


def _name_in(words: str) -> str | None:
    """Two or three capitalised words that look like a person's name, if there are some."""
    m = re.search(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\b", words)
    return m.group(1) if m and _looks_like_a_name(m.group(1)) else None


def _looks_like_a_name(words: str) -> bool:
    from nhsalliance_cli.names import ORG_WORDS, PUBLICATION_WORDS

    parts = words.split()
    return (
        1 <= len(parts) <= 4
        and all(p[:1].isupper() for p in parts)
        and not any(p in ORG_WORDS or p in PUBLICATION_WORDS or p.isupper() for p in parts)
    )


def _interrupted(
    doc: Document, span: Span, words: str, last_speech: Quotation | None
) -> Quotation | None:
    """The second part of “…,” he said. “…”: the same speaker, the same cue."""
    if last_speech is None or last_speech.cue is None or span.depth:
        return None
    between = doc.text[last_speech.end : span.open_mark]
    if len(between) > 120 or "\n" in between:
        return None
    if tokens(between) != tokens(last_speech.cue):
        return None
    return _quotation(
        doc, span, words, "speech", last_speech.confidence, last_speech.speaker, last_speech.cue
    )


def _continuation(
    doc: Document, span: Span, words: str, last_speech: Quotation | None, para_start: int
) -> Quotation | None:
    """A quotation opening a paragraph, with no cue, after a speech: the same speaker's."""
    if span.depth or last_speech is None or span.open_mark != para_start:
        return None
    if len(tokens(words)) < 5:
        return None
    return _quotation(doc, span, words, "speech", 0.7, last_speech.speaker, last_speech.cue)


def _known(
    doc: Document, span: Span, words: str, known: dict[str, str], normalize: Any
) -> Quotation | None:
    """A quoted organisation, place or term is a name; a quoted publication a title."""
    kind = known.get(normalize(words.strip(" .,;:")))
    if kind is None:
        return None
    return _quotation(doc, span, words, "title" if kind == "publication" else "name", 0.9)


_SMALL_WORDS = frozenset("of the and for in on a an to at by with".split())


def _title_case(doc: Document, span: Span, words: str) -> Quotation | None:
    """Title Case words in quote marks: a title, or a name if an organisation's.

    Not after "a" or "an": "becoming a ‘Marie Celeste’" borrows a name as a figure.
    """
    from nhsalliance_cli.names import ORG_WORDS

    parts = [w for w in words.split() if w[:1].isalpha()]
    if len(parts) < 2 or not parts[0][0].isupper():
        return None
    if not all(w[0].isupper() or w in _SMALL_WORDS for w in parts):
        return None
    before = tokens(doc.text[max(0, span.open_mark - 20) : span.open_mark])
    if before and before[-1].lower() in {"a", "an"}:
        return None
    is_org = any(w in ORG_WORDS for w in parts)
    return _quotation(doc, span, words, "name" if is_org else "title", 0.6)


def _reported(
    doc: Document,
    span: Span,
    words: str,
    people: People,
    outer: Sequence[Span],
    para_start: int,
) -> Quotation | None:
    """A partial quotation inside reported speech: Dr Dixon said it was a ‘Marie Celeste’."""
    text = doc.text
    sentence_start = _sentence_start(text, span.open_mark, para_start)
    if span.depth > 0:
        container = next((s for s in outer if s.start <= span.open_mark < s.end), None)
        if container is not None:
            sentence_start = max(sentence_start, container.start)
    lead = text[sentence_start : span.open_mark]
    for verb in _VERB_RE.finditer(lead):
        subject_end = sentence_start + verb.start()
        cue_end = sentence_start + verb.end()
        named = people.inside(sentence_start, subject_end)
        if named:
            cue = text[named[0][0] : cue_end]
            return _quotation(doc, span, words, "speech", 0.75, named[0][2], cue)
        subject = tokens(text[sentence_start:subject_end])
        if subject and subject[-1].lower() in _PRONOUNS:
            referent = people.before(sentence_start, outer)
            if referent is not None:
                cue = text[text.rfind(subject[-1], sentence_start, subject_end) : cue_end]
                return _quotation(doc, span, words, "speech", 0.65, referent, cue)
    return None


def _unattributed(doc: Document, span: Span, words: str) -> Quotation:
    """No cue and no name: a long sentence-like quotation is speech, a short one a scare quote."""
    if len(tokens(words)) >= 8:
        return _quotation(doc, span, words, "speech", 0.3)
    return _quotation(doc, span, words, "scare", 0.6)


def _sentence_start(text: str, offset: int, para_start: int) -> int:
    # The end position lets the lookahead see the quotation's first letters.
    start = para_start
    for m in _SENTENCE_END_RE.finditer(text, para_start, min(len(text), offset + 2)):
        if m.end() <= offset:
            start = m.end()
    return start


# --- the corpus -----------------------------------------------------------------------


def corpus_quotations(corpus: Corpus, index: NameIndex | None = None) -> Iterator[Quotation]:
    """Every quotation in the corpus, document by document, in text order."""
    from nhsalliance_cli.names import build_index, normalize

    index = index if index is not None else build_index(corpus)
    people: dict[str, list[tuple[int, int, str]]] = {}
    known: dict[str, str] = {}
    for entry in index.entries:
        if entry.entity.kind == "person":
            for doc_id, span in entry.mentions:
                people.setdefault(doc_id, []).append((span.start, span.end, entry.entity.name))
        else:
            for form in entry.entity.forms:
                known.setdefault(normalize(form), entry.entity.kind)
    for doc in corpus:
        yield from extract(doc, People(tuple(sorted(people.get(doc.id, ())))), known)
