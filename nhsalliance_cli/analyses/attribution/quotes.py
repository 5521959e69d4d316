"""Quotations: find quoted spans in a text, tell speech from titles and scare quotes, and
attribute speech to its speaker.

Quote marks are judged by where they stand, not by their glyph: a mark after a space and
before a letter opens (so a wrong ’ or ” used as an opening mark still opens), a mark after
a letter and before a space or punctuation closes, and a single mark between two letters
is an apostrophe (It’s, Dixon's). A quotation left open at the end of a paragraph goes on
when the next paragraph opens with a mark, the convention for quoting several paragraphs.
Typewriter doubles (``…'' and ''…'', the New York Times's style) and guillemets (« »)
are read as “ and ” on a copy of the text of the same length (:func:`unify_marks`), so
every rule and cue reader sees one set of marks and the offsets still index the text.

Attribution is a sieve of rules ordered by precision (see :func:`extract`); the cues beside
a quotation are read by :mod:`cues`, and the names they give resolved within the document
by :mod:`speakers`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nhsalliance_cli.analyses.attribution import cues
from nhsalliance_cli.analyses.attribution.cast import NAMELESS, Cast
from nhsalliance_cli.analyses.attribution.people import NAME_WORD, People, people_of
from nhsalliance_cli.analyses.attribution.personwords import (
    MASK,
    NOT_NAMES,
    PRONOUN_GENDER,
    mask_abbreviations,
)
from nhsalliance_cli.analyses.attribution.spans import Span, quote_text, quoted_spans
from nhsalliance_cli.analyses.attribution.speakers import Who, is_org_word, is_person_phrase
from nhsalliance_cli.corpus.model import Document
from nhsalliance_cli.records.quotation import Quotation
from nhsalliance_cli.text.quotemarks import unify_marks
from nhsalliance_cli.text.tokens import paragraph_spans, tokens

# --- finding the quoted spans ---------------------------------------------------------


# --- classifying and attributing ------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What every rule may consult about one document, computed once."""

    doc: Document
    text: str
    masked: str
    paragraphs: Sequence[tuple[int, int]]
    sentences: Sequence[int]
    cast: Cast
    referents: dict[int, str]
    lower_words: frozenset[str]
    mentioned: Sequence[tuple[int, int, str]]  # people named, in text order
    titled: dict[str, frozenset[str]]  # person -> the titles the text gives them
    outer: Sequence[Span]  # the quotations in running text, in order


def extract(
    doc: Document,
    people: People,
    known: dict[str, str] | None = None,
    persons: dict[str, str] | None = None,
) -> list[Quotation]:
    """The quotations in ``doc``.

    ``known`` maps normalised names (see :func:`names.normalize`) to their kind, so a
    quoted organisation or publication is a name or a title, not a scare quote;
    ``persons`` maps the normalised forms of the index's people to their names, used
    where the document's own fullest form is one of them.

    Two passes: the first reads every quotation's cues (bounded windows of text), the
    second resolves the names they give within the document and applies the rules in
    order of precision. Linear in the text's length.
    """
    from nhsalliance_cli.text.namewords import normalize

    ctx, spans, found_cues = _read(doc, people, persons or {})
    text = ctx.text
    found: list[Quotation] = []
    speeches: list[tuple[Quotation, Span]] = []  # depth-0 speech, in order
    for span, (after, before, reported) in zip(spans, found_cues, strict=True):
        words = quote_text(text, span, doc.text)
        quote = (
            _from_cue(ctx, span, words, _first_cue(after, before, words), speeches)
            or _interrupted(ctx, span, words, speeches, reported)
            or _continuation(ctx, span, words, speeches)
            or _known(doc, span, words, known or {}, normalize)
            or _title_case(doc, span, words)
            or _from_cue(ctx, span, words, reported)
            or _nearest(ctx, span, words)
            or _headline(ctx, span, words)
            or _unattributed(doc, span, words)
        )
        found.append(quote)
        if quote.kind == "speech" and span.depth == 0:
            speeches.append((quote, span))
    return found


_Cues = tuple[cues.Cue | None, cues.Cue | None, cues.Cue | None]  # after, before, reported


def _read(
    doc: Document, people: People, persons: dict[str, str]
) -> tuple[_Context, list[Span], list[_Cues]]:
    """The first pass: the document's quoted spans, the cues beside each, and what every
    rule may consult."""
    text = unify_marks(doc.text)
    # Line breaks inside a paragraph are wrapping: cues read across them.
    masked = mask_abbreviations(text).replace("\n", " ")
    spans = quoted_spans(text)
    outer = [s for s in spans if s.depth == 0]
    paragraphs = paragraph_spans(text)
    sentences = cues.sentence_starts(masked)
    found_cues = [_cues(text, masked, span, spans, paragraphs, sentences) for span in spans]
    cast, referents, mentioned, titled = people_of(text, masked, people, found_cues, outer, persons)
    lower_words = frozenset(_LOWER_WORD_RE.findall(text))
    ctx = _Context(
        doc, text, masked, paragraphs, sentences, cast, referents, lower_words, mentioned,
        titled, outer,
    )  # fmt: skip
    return ctx, spans, found_cues


def _first_cue(after: cues.Cue | None, before: cues.Cue | None, words: str) -> cues.Cue | None:
    """The cue after a quotation, unless the quotation ends its sentence with a full stop
    after a cue that introduced it (The F.B.I. said: “…” Rep. Hale agreed.)."""
    if after is not None and before is not None and words.rstrip().endswith("."):
        return before
    return after or before


_LOWER_WORD_RE = re.compile(r"\b[a-z][a-z]+\b")


def _cues(
    text: str,
    masked: str,
    span: Span,
    spans: Sequence[Span],
    paragraphs: Sequence[tuple[int, int]],
    sentences: Sequence[int],
) -> tuple[cues.Cue | None, cues.Cue | None, cues.Cue | None]:
    """The cue after the quotation, the cue before it, and the reported-speech cue."""
    para_start = paragraphs[span.first_paragraph][0]
    para_end = paragraphs[span.last_paragraph][1]
    after = None
    if span.close_mark is not None:
        after = cues.after(text, masked, span.close_mark, quote_text(text, span), para_end)
    before = None
    if span.depth == 0:
        previous = paragraphs[span.first_paragraph - 1] if span.first_paragraph else None
        before = cues.before(text, masked, span.open_mark, para_start, previous)
    lead_start = cues.sentence_start(sentences, span.open_mark, para_start)
    if span.depth > 0:
        container = _container(spans, span)
        if container is not None:
            lead_start = max(lead_start, container.start)
    reported = cues.reported(text, masked, span.open_mark, lead_start, span.close_mark)
    return after, before, reported


def _container(spans: Sequence[Span], span: Span) -> Span | None:
    """The quotation ``span`` sits in: the nearest outer span starting before it."""
    i = bisect.bisect_left(spans, (span.start, span.depth), key=lambda s: (s.start, s.depth))
    for j in range(i - 1, max(-1, i - 50), -1):
        s = spans[j]
        if s.depth < span.depth and s.start <= span.open_mark < s.end:
            return s
    return None


def _from_cue(
    ctx: _Context,
    span: Span,
    words: str,
    cue: cues.Cue | None,
    speeches: Sequence[tuple[Quotation, Span]] = (),
) -> Quotation | None:
    """Speech attributed by a cue: a name, an organisation, a pronoun, or no one named."""
    if cue is None:
        return None
    who = cue.who
    unnamed: str | None = None
    cue_text = ctx.text[cue.start : cue.end]
    reported = cue.where in ("reported", "passive")
    if who.kind == "person" and who.name:
        words_of = tuple(who.name.split())
        if (
            len(words_of) == 1
            and not who.title
            and words_of[0] not in ctx.cast.by_surname
            and words_of[0].lower() in ctx.lower_words
        ):
            # a capitalised common word (Speaking, No 10), not a name
            if reported or cue.where == "label":
                return None
            return _quotation(ctx.doc, span, words, "speech", 0.5, "cue", None, None, cue_text)
        speaker: str | None = ctx.cast.resolve(words_of, who.title, who.start)
        confidence, rule = (0.75, "reported") if reported else (0.95, "cue")
    elif who.kind == "organisation":
        speaker = who.name
        confidence, rule = (0.75, "reported") if reported else (0.9, "cue")
    elif who.kind == "pronoun":
        speaker = ctx.referents.get(who.start)
        if speaker is not None and speaker.startswith(NAMELESS):
            unnamed, speaker = speaker.removeprefix(NAMELESS), None  # she: the spokeswoman
        if not reported and _CONTINUING_RE.search(cue_text):
            speaker = _going_on(ctx, who, speaker, speeches, span)
        if speaker is None and reported and len(tokens(words)) < 4:
            return None  # every time they say ‘consultation’: a word mentioned
        confidence = (0.65 if reported else 0.8) if speaker else 0.5
        rule = "reported" if reported else "pronoun"
    elif cue.where == "passive":
        speaker, confidence, rule = None, 0.5, "reported"
    else:
        speaker = _described(ctx, who)
        if speaker is not None:
            confidence, rule = (0.7, "reported") if reported else (0.8, "description")
        elif reported and (
            not is_person_phrase(ctx.masked[who.start : who.end]) or len(tokens(words)) < 2
        ):
            return None  # a report's words; critics said the ‘consultation’: a word mentioned
        elif reported:
            confidence, rule = 0.5, "reported"  # a spokeswoman said the firm “…”
        else:
            speaker = _organisation_named_before(ctx.masked, who.start, who.end)
            confidence, rule = (0.8, "organisation") if speaker else (0.5, "cue")
    role = who.role or who.title or (unnamed if speaker is None else None)
    return _quotation(ctx.doc, span, words, "speech", confidence, rule, speaker, role, cue_text)


def _going_on(
    ctx: _Context,
    who: Who,
    speaker: str | None,
    speeches: Sequence[tuple[Quotation, Span]],
    span: Span,
) -> str | None:
    """She added: “…”: the last speaker the pronoun fits goes on speaking, even where
    someone else was named (not quoted) in between; unless the pronoun's person is named in
    this paragraph, before the quotation (Kevin Morris said staff had been told … “…,” he
    added): then they speak."""
    para_start = ctx.paragraphs[span.first_paragraph][0]
    named_here = speaker is not None and any(
        name == speaker and para_start <= start < span.open_mark for start, _, name in ctx.mentioned
    )
    if named_here:
        return speaker
    return _last_speaker_fitting(ctx, who.name or "", speeches, span) or speaker


_CONTINUING_RE = re.compile(r"\b(?:added|adds|continued|continues|went on|goes on)\b", re.I)


def _last_speaker_fitting(
    ctx: _Context, pronoun: str, speeches: Sequence[tuple[Quotation, Span]], span: Span
) -> str | None:
    """The speaker of the last few speeches, in the last few paragraphs, whose known
    gender the pronoun does not exclude."""
    gender = PRONOUN_GENDER.get(pronoun.lower(), "")
    for quote, quote_span in reversed(speeches[-6:]):
        if span.first_paragraph - quote_span.last_paragraph > 2:
            break
        if quote.speaker is None:
            continue
        known = ctx.cast.gender.get(quote.speaker, "")
        if gender and known == gender:
            return quote.speaker
    return None


# the president said: the person named last with the matching title
_DESCRIPTIONS = {
    "president": {"president", "pres"},
    "senator": {"sen", "senator"},
    "governor": {"gov", "governor"},
    "congressman": {"rep", "representative", "congressman"},
    "congresswoman": {"rep", "representative", "congresswoman"},
    "representative": {"rep", "representative"},
    "mayor": {"mayor"},
    "judge": {"judge", "justice"},
    "professor": {"prof", "professor"},
    "doctor": {"dr", "doctor"},
    "minister": {"minister"},
    "secretary": {"secretary"},
    "councillor": {"cllr", "councillor"},
    "lord": {"lord"},
    "baroness": {"baroness", "lady"},
    "peer": {"lord", "baroness", "lady"},
    "speaker": {"speaker"},
    "chancellor": {"chancellor"},
}


def _described(ctx: _Context, who: Who) -> str | None:
    """The person a description means: the one named last with the matching title or role
    (the president, the senator, the hospital's chief executive), or for a description
    with no title (the Ohio Republican) or no one so titled, the person named last, close
    before, whom no other title excludes."""
    wanted: set[str] = set()
    phrase = None
    if who.kind != "description":
        words = " ".join(ctx.masked[who.start : who.end].split()).lower().split()
        if not 2 <= len(words) <= 5 or words[0] != "the":
            return None
        phrase = " ".join(words[-2:]) if len(words) >= 3 else words[-1]
        wanted = _DESCRIPTIONS.get(words[-1], set())
    i = bisect.bisect_left(ctx.mentioned, (who.start,))
    for j in range(i - 1, max(-1, i - 40), -1):
        name = ctx.mentioned[j][2]
        called = ctx.titled.get(name, frozenset())
        if called & wanted or (phrase and any(_holds(c, phrase) for c in called)):
            return name
    if phrase is not None and not wanted:
        return None
    for j in range(i - 1, max(-1, i - 40), -1):
        start, _, name = ctx.mentioned[j]
        if who.start - start > 300:
            break
        titles = ctx.titled.get(name, frozenset())
        if not titles or not wanted or titles & wanted:
            return name
    return None


def _holds(called: str, phrase: str) -> bool:
    """Whether a role (the board's medical director) holds a phrase (medical director)."""
    return f" {phrase} " in f" {called} "


_THE_HEAD_RE = re.compile(r"(?:the|The) (?:[a-z]+ )?([a-z]+)$")


def _organisation_named_before(masked: str, start: int, end: int) -> str | None:
    """``the office said`` after ``the Congressional Budget Office``: the organisation
    last named (within a few paragraphs) whose name ends in the same head word."""
    m = _THE_HEAD_RE.match(" ".join(masked[start:end].split()))
    if m is None or not is_org_word(m.group(1).capitalize()):
        return None
    head = m.group(1).capitalize()
    window = masked[max(0, start - 1500) : start]
    found = [
        " ".join(w for w in f.group().split() if w not in NOT_NAMES)
        for f in re.finditer(
            rf"(?:{NAME_WORD} (?:(?:of|for|and) )?){{1,5}}{head}"
            rf"(?: (?:of|for|and|the)(?: the)? {NAME_WORD}(?: {NAME_WORD}){{0,3}})?\b",
            window,
        )
    ]
    return found[-1] if found and found[-1] != head else None


def _quotation(
    doc: Document,
    span: Span,
    words: str,
    kind: str,
    confidence: float,
    rule: str,
    speaker: str | None = None,
    role: str | None = None,
    cue: str | None = None,
) -> Quotation:
    balanced = span.close_mark is not None
    return Quotation(
        doc=doc.id,
        speaker=speaker.replace(MASK, ".") if speaker else None,
        role=" ".join(role.replace("\x00", ".").split()) if role else None,
        cue=" ".join(cue.replace("\x00", ".").split()) if cue else None,
        kind=kind,
        rule=rule,
        confidence=round(confidence if balanced else confidence * 0.8, 2),
        text=words,
        start=span.start,
        end=span.end,
        paragraphs=span.last_paragraph - span.first_paragraph + 1,
        depth=span.depth,
    )


def _interrupted(
    ctx: _Context,
    span: Span,
    words: str,
    speeches: Sequence[tuple[Quotation, Span]],
    reported: cues.Cue | None = None,
) -> Quotation | None:
    """The second part of “…,” he said. “…”, or the next partial quotation of the same
    sentence of reported speech: the same speaker, the same cue. Not where a sentence of
    its own between the two names someone else as saying it (X told the Commons “…”)."""
    if not speeches or span.depth:
        return None
    last, last_span = speeches[-1]
    if last_span.last_paragraph != span.first_paragraph or last.cue is None:
        return None
    if reported is not None and reported.start > last.end:
        other = _from_cue(ctx, span, words, reported)
        if other is not None and other.speaker is not None and other.speaker != last.speaker:
            return None
    between = ctx.text[last.end : span.open_mark]
    if len(between) > 160:
        return None
    if last.rule == "reported":
        if cues.sentence_start(ctx.sentences, span.open_mark, 0) > last.start:
            return None
    elif not set(tokens(last.cue)) <= set(tokens(between)):
        return None
    return _quotation(
        ctx.doc,
        span,
        words,
        "speech",
        last.confidence,
        "interrupted",
        last.speaker,
        last.role,
        last.cue,
    )


_BULLET_RE = re.compile(r"[-•*·–—]\s+|\d{1,2}[.)]\s+")


def _continuation(
    ctx: _Context, span: Span, words: str, speeches: Sequence[tuple[Quotation, Span]]
) -> Quotation | None:
    """A quotation opening a paragraph (or a list item), with no cue, after a speech: the
    same speaker's, or in an exchange of questions and answers between two speakers, the
    speaker before the last."""
    if span.depth or not speeches:
        return None
    para_start = ctx.paragraphs[span.first_paragraph][0]
    line_start = cues.line_start_near(ctx.text, para_start, span.open_mark)
    lead = ctx.text[line_start : span.open_mark]
    bullet = bool(lead) and _BULLET_RE.fullmatch(lead) is not None
    last, last_span = speeches[-1]
    if bullet and line_start > para_start:  # a list item inside a paragraph
        if line_start - last.end > 20 or ctx.text[last.end : line_start].count("\n") != 1:
            return None
        return _quotation(
            ctx.doc, span, words, "speech", 0.7, "list", last.speaker, last.role, last.cue
        )
    lead = ctx.text[para_start : min(span.open_mark, para_start + 40)]
    if lead and not bullet:
        return None
    sentence_like = words.rstrip().endswith((".", "?", "!", ",", "…"))
    follows = last_span.last_paragraph == span.first_paragraph - 1
    if len(tokens(words)) < 5 and not bullet and not (sentence_like and follows):
        return None
    if len(speeches) >= 2:
        before, before_span = speeches[-2]
        exchange = (
            last_span.first_paragraph == span.first_paragraph - 1
            and before_span.last_paragraph == last_span.first_paragraph - 1
            and before.speaker is not None
            and last.speaker is not None
            and before.speaker != last.speaker
            and before.rule != "continuation"
            and any(t.rstrip().endswith("?") for t in (words, last.text, before.text))
        )
        if exchange:
            return _quotation(
                ctx.doc,
                span,
                words,
                "speech",
                0.6,
                "alternation",
                before.speaker,
                before.role,
                None,
            )
    return _quotation(
        ctx.doc, span, words, "speech", 0.7, "continuation", last.speaker, last.role, last.cue
    )


def _known(
    doc: Document, span: Span, words: str, known: dict[str, str], normalize: Any
) -> Quotation | None:
    """A quoted organisation, place or term is a name; a quoted publication a title."""
    kind = known.get(normalize(words.strip(" .,;:")))
    if kind is None:
        return None
    return _quotation(doc, span, words, "title" if kind == "publication" else "name", 0.9, "known")


_SMALL_WORDS = frozenset("of the and for in on a an to at by with".split())


def _title_case(doc: Document, span: Span, words: str) -> Quotation | None:
    """Title Case words in quote marks: a title, or a name if an organisation's.

    Not after "a" or "an": "becoming a ‘Marie Celeste’" borrows a name as a figure.
    """
    from nhsalliance_cli.text.namewords import ORG_WORDS

    parts = [w for w in words.split() if w[:1].isalpha()]
    if len(parts) < 2 or not parts[0][0].isupper():
        return None
    if not all(w[0].isupper() or w in _SMALL_WORDS for w in parts):
        return None
    before = tokens(doc.text[max(0, span.open_mark - 20) : span.open_mark])
    if before and before[-1].lower() in {"a", "an"}:
        return None
    is_org = any(w in ORG_WORDS for w in parts)
    return _quotation(doc, span, words, "name" if is_org else "title", 0.6, "title-case")


_SENTENCE_BEFORE_RE = re.compile(r"(?:^|[.!?][”’\"')\]]*)\s*$")


def _nearest(ctx: _Context, span: Span, words: str) -> Quotation | None:
    """A whole sentence quoted with no cue (Smith was defiant. “We will win.”): the
    person named last before it in its paragraph, outside quotations."""
    stripped = words.rstrip()
    if span.depth or not stripped[:1].isupper() or not stripped.endswith((".", "!", "?")):
        return None
    para_start = ctx.paragraphs[span.first_paragraph][0]
    lo = max(para_start, span.open_mark - 200)
    if not _SENTENCE_BEFORE_RE.search(ctx.masked[lo : span.open_mark]):
        return None  # not a sentence of its own
    i = bisect.bisect_left(ctx.mentioned, (span.open_mark,))
    for j in range(i - 1, max(-1, i - 10), -1):
        start, _, name = ctx.mentioned[j]
        if start < lo:
            break
        k = bisect.bisect_right(ctx.outer, start, key=lambda s: s.open_mark) - 1
        if k >= 0 and start < ctx.outer[k].end:
            continue  # named inside a quotation
        return _quotation(ctx.doc, span, words, "speech", 0.4, "nearest", name)
    return None


def _headline(ctx: _Context, span: Span, words: str) -> Quotation | None:
    """Words quoted in a headline with no cue (Care home residents ‘left without heating
    for a week’): a headline quotes what someone said, so speech by someone it does not
    name; not a single word or a name in Title Case (those rules came first)."""
    if span.depth or span.first_paragraph != 0 or len(tokens(words)) < 3:
        return None
    p_start, p_end = ctx.paragraphs[0]
    headline = ctx.text[p_start:p_end]
    if "\n" in headline or headline.rstrip("”’\"' ").endswith((".", "!", "?")):
        return None
    last = p_start + len(headline.rstrip()) - 1
    if span.open_mark == p_start + len(headline) - len(headline.lstrip("\ufeff ")) and (
        span.close_mark == last
    ):
        # 'Junior doctors' strike suspended after talks': the whole headline in quote
        # marks, a paper's style for its title, not anyone's words
        return _quotation(ctx.doc, span, words, "title", 0.6, "headline")
    return _quotation(ctx.doc, span, words, "speech", 0.4, "headline")


def _unattributed(doc: Document, span: Span, words: str) -> Quotation:
    """No cue and no name: a long sentence-like quotation is speech, a short one a scare quote."""
    if len(tokens(words)) >= 8:
        return _quotation(doc, span, words, "speech", 0.3, "length")
    return _quotation(doc, span, words, "scare", 0.6, "length")


# --- the corpus -----------------------------------------------------------------------
