"""Cues: the words beside a quotation that say who speaks it.

Every finder looks at a bounded window of text next to the quotation (at most a few
hundred characters), on a copy of the text whose abbreviation periods are masked, so the
whole analysis stays linear in the text's length however many quotations it holds.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nhsalliance_cli.analyses.attribution.personwords import mask_abbreviations
from nhsalliance_cli.analyses.attribution.speakers import (
    Who,
    is_person_phrase,
    read_first,
    read_label,
    read_object,
    read_subject,
)

REPORTING = (
    r"said|says|say|told|tells|added|adds|warned|warns|claimed|claims|argued|argues|"
    r"insisted|insists|stated|explained|explains|urged|urges|called on|calls on|"
    r"questioned|believes|believed|described|describes|highlighted|"
    r"outlined|commented|replied|replies|asked|asks|admitted|admits|suggested|suggests|"
    r"noted|declared|announced|stressed|stresses|concluded|wrote|writes|tweeted|"
    r"responded|responds|recalled|recalls|acknowledged|acknowledges|conceded|concedes|"
    r"countered|continued|observed|remarked|testified|complained|confirmed|denied|"
    r"predicted|promised|vowed|joked|quipped|shouted|whispered|agreed|disagreed|"
    r"maintained|maintains|emphasized|emphasised|cautioned|lamented|objected|pleaded|"
    r"reiterated|retorted|snapped|boasted|recounted|mused|interjected|wondered|demanded|"
    r"went on|pointed out|points out|explained|charged|contended|scoffed|fumed|asserted|"
    r"alleged|advised|shot back|fired back|pressed|implored|begged|bragged|gushed|marveled|"
    r"marvelled|speculated|estimated|reasoned|griped|texted|emailed|posted|summarized|"
    r"summarised|underscored|predicts|reported|informed|assured|pledged|threatened|"
    r"exclaimed|yelled|screamed|muttered|murmured|sighed|laughed|chuckled|clarified|"
    r"elaborated|proclaimed|protested|reflected|confided|revealed|disclosed|hinted|"
    r"signaled|signalled|concurred|echoed|rebutted|answered|answers|interrupted|chimed in|"
    r"commented|affirmed|opined|recalled|cautions"
)
MODALS = (
    r"(?:(?:will|would|has|had|have|is|was|did|does|may|might|also|then|further|later|"
    r"earlier|once|again|previously|publicly|privately|recently|repeatedly|simply|just|"
    r"quickly|reportedly|often|had)\s+){0,2}"
)
VERB_RE = re.compile(rf"\b{MODALS}(?:{REPORTING})\b", re.IGNORECASE)
_LEAD = r"^[\s,.;:!?—–-]{0,3}"
# A speaker slot's characters: no sentence or quote marks, but a ’ between letters
# (the charity’s director) is an apostrophe.
_SLOT = r"(?:[^.;:!?“”\"‘’\n]|(?<=\w)’(?=\w))"
_SLOT_NO_COMMA = r"(?:[^.,;:!?“”\"‘’\n]|(?<=\w)’(?=\w))"
_VERB_FIRST_RE = re.compile(
    rf"{_LEAD}(?P<verb>{MODALS}(?:{REPORTING}))\s+(?P<who>{_SLOT_NO_COMMA}{{1,80}})",
    re.IGNORECASE,
)
_ACCORDING_RE = re.compile(
    rf"{_LEAD}(?P<verb>according to)\s+(?P<who>{_SLOT}{{1,100}})", re.IGNORECASE
)
_SUBJECT_FIRST_RE = re.compile(
    rf"{_LEAD}(?P<who>{_SLOT}{{1,80}}?)\s+(?P<verb>{MODALS}(?:{REPORTING}))\b",
    re.IGNORECASE,
)
# What ends the stretch of text where a cue before a quotation can stand.
_CUE_BREAK_RE = re.compile(
    r"[.;!?][”’\"')\]]*\s|[“”\"‘;]|’(?![^\W\d_])|(?<![^\W\d_])’"
)  # a ’ between two letters is an apostrophe (Dale’s), not a quote mark
_VERB_AT_END_RE = re.compile(
    rf"(?:^|\s+)(?P<verb>{MODALS}(?:{REPORTING}))(?:\s+(?!that\b)[^\s:,]+){{0,6}}?(?:\s+that)?$",
    re.IGNORECASE,
)
_APPOSITION_END_RE = re.compile(r", [^.;:!?“”\"‘’\n,]{1,60}")
_ACCORDING_START_RE = re.compile(r"^according to\s+", re.IGNORECASE)
SENTENCE_END_RE = re.compile(r"[.!?][”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")
_ENDS_LIKE_SPEECH = tuple(",.!?…—–-:;")
_BULLET_RE = re.compile(r"[-•*·–—]\s+|\d{1,2}[.)]\s+")


@dataclass(frozen=True)
class Cue:
    """A cue found beside a quotation: who it names and the cue's words."""

    who: Who
    start: int  # the cue's words in the text
    end: int
    where: str  # after, before, label or reported


def after(text: str, masked: str, close_mark: int, words: str, para_end: int) -> Cue | None:
    """A cue right after the closing mark: “…,” X said / said X / according to X."""
    start = close_mark + 1
    stop = min(para_end, start + 160)
    window = masked[start:stop]
    punctuated = words.endswith(_ENDS_LIKE_SPEECH) or window[:1] in (",", "—", "–")
    for regex, read in (
        (_ACCORDING_RE, read_object),
        (_VERB_FIRST_RE, read_object),
        (_SUBJECT_FIRST_RE, read_subject),
    ):
        m = regex.match(window)
        if m is None:
            continue
        who_start, who_end = start + m.start("who"), start + m.end("who")
        if masked[who_end : who_end + 1].isalnum() and masked[who_end - 1 : who_end].isalnum():
            # a slot full at its length limit ends at the last whole word
            cut = masked.rfind(" ", who_start, who_end)
            who_end = cut if cut > who_start else who_end
        if not punctuated and not _sentence_ends(masked, start + m.end(), stop):
            continue
        if not punctuated and len(masked[who_start:who_end].split()) > 4:
            continue
        who = read(masked, who_start, who_end)
        nameless = who is None or who.kind == "none"
        described = who is not None and who.kind == "organisation"  # the E.U. envoy
        if regex is _VERB_FIRST_RE and (
            nameless or (described and is_person_phrase(masked[who_start:who_end]))
        ):
            # said the charity's director, Dr Rachel Ng: the name after the role's comma
            longer = _APPOSITION_END_RE.match(masked, who_end, stop)
            if longer is not None:
                named = read(masked, who_start, longer.end())
                if named is not None and named.kind == "person":
                    who = named
        if who is None:
            continue
        cue_start = min(start + m.start("verb"), who.cue_start if who.kind != "none" else who_start)
        cue_end = max(start + m.end("verb"), who.end if read is read_object else 0)
        return Cue(who, cue_start, cue_end, "after")
    return None


def _sentence_ends(masked: str, pos: int, stop: int) -> bool:
    rest = masked[pos : min(stop, pos + 40)]
    stripped = rest.lstrip(" ")
    return not stripped or stripped[0] in ".,;!?\n" or _TIME_THEN_END_RE.match(stripped) is not None


_TIME_THEN_END_RE = re.compile(
    r"(?:on|in|at|last|this|during)\b[^.,;!?\n]{0,30}[.,;!?\n]|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[^.,;!?\n]{0,20}[.,;!?\n]"
)


def before(
    text: str,
    masked: str,
    open_mark: int,
    para_start: int,
    previous_paragraph: tuple[int, int] | None,
) -> Cue | None:
    """A cue ending in ':' or ',' just before the quotation: ``X said:``, ``X told Y,``,
    ``Name:``, ``According to X,``. A quotation opening a list item after a paragraph
    ending in ':' takes that paragraph's cue."""
    start = max(para_start, open_mark - 200)
    end = open_mark
    listed = False
    line_start = line_start_near(text, para_start, open_mark)
    lead = text[line_start:open_mark]
    if (not lead.strip() or _BULLET_RE.fullmatch(lead)) and line_start > para_start + 1:
        # A list item inside a paragraph: the line before it ends with ':'.
        if text[line_start - 2 : line_start - 1] == ":":
            start, end, listed = max(para_start, line_start - 200), line_start - 1, True
    elif previous_paragraph is not None and (not lead.strip() or _BULLET_RE.fullmatch(lead)):
        p_start, p_end = previous_paragraph
        if text[p_end - 1] == ":":
            start, end, listed = max(p_start, p_end - 200), p_end, True
    while end > start and text[end - 1].isspace():
        end -= 1
    if end == start or text[end - 1] not in ":,":
        return None
    colon = text[end - 1] == ":"
    end -= 1
    while end > start and text[end - 1].isspace():
        end -= 1
    who_start = start
    for m in _CUE_BREAK_RE.finditer(masked, start, end):
        who_start = m.end()
    while who_start < end and text[who_start].isspace():
        who_start += 1
    if who_start >= end:
        return None
    according = _ACCORDING_START_RE.match(masked, who_start, end)
    if according is not None:
        who = read_object(masked, according.end(), end)
        return Cue(who, who_start, end, "before") if who is not None else None
    verb = _VERB_AT_END_RE.search(masked, max(who_start, end - 120), end)
    if verb is not None and verb.start("verb") > who_start:
        who = read_subject(masked, who_start, verb.start("verb"))
        if who is None:
            return None
        return Cue(who, min(who.cue_start, verb.start("verb")), verb.end("verb"), "before")
    if not colon:
        return None
    who = read_label(masked, who_start, end)
    if who is None and listed:
        who = read_first(masked, who_start, end)
    if who is None:
        return None
    return Cue(who, who_start, end, "label")


def reported(
    text: str, masked: str, open_mark: int, lead_start: int, close_mark: int | None = None
) -> Cue | None:
    """A partial quotation inside reported speech: Dr Dixon said it was a ‘Marie Celeste’;
    Sen. Rivera called the law “cruel”; according to Price, it would “barely cover
    inflation”. The first reporting verb of the sentence before the quotation with a
    speaker before it, else an ``according to X`` of that sentence."""
    lead_start = max(lead_start, open_mark - 300)
    if _SO_CALLED_RE.search(masked, max(lead_start, open_mark - 60), open_mark):
        # the so-called “reforms”, the word “nice”, what the firm calls “route
        # optimisation”: the writer's distance or a term mentioned, not the words of the
        # sentence's speaker
        return None
    for verb in _REPORTED_VERB_RE.finditer(masked, lead_start, open_mark):
        if _PASSIVE_RE.search(masked, max(lead_start, verb.start() - 8), verb.start()):
            if verb.group().lower() in ("told", "asked"):  # they were told ‘…’: by someone
                return Cue(
                    Who("none", None, verb.start(), verb.end()), verb.start(), verb.end(), "passive"
                )
            continue
        if verb.group("naming") and not _ends_its_clause(text, open_mark, close_mark):
            continue  # called the plan a “bold step” forward: the writer's words
        if verb.group("judging") and not (
            _AS_BEFORE_RE.search(masked, verb.end(), open_mark)
            and _ends_its_clause(text, open_mark, close_mark)
        ):
            continue  # attacked the “bedroom tax”: a policy's name, not her words
        who = read_subject(masked, lead_start, verb.start())
        if who is None or who.kind == "none":
            if who is not None and is_person_phrase(masked[who.start : verb.start()]):
                return Cue(who, who.start, verb.end(), "reported")  # a spokeswoman said
            continue
        between = masked[who.end : verb.start()].strip()
        naming = verb.group("naming") or verb.group("judging")
        if naming and between and not between.startswith(","):
            continue  # Ms Baird launched a scheme called “…”: the scheme's name
        return Cue(who, who.cue_start, verb.end(), "reported")
    according = None
    for found in _ACCORDING_IN_RE.finditer(masked, lead_start, open_mark):
        according = found  # the last one before the quotation
    if according is not None:
        stop = _SLOT_END_RE.search(masked, according.end(), open_mark)
        slot_end = stop.start() if stop is not None else open_mark
        # the whole lead: according to the charity's director, Dr Rachel Ng, the plan …
        who = read_object(masked, according.end(), open_mark)
        if who is not None and who.kind in ("person", "organisation", "pronoun"):
            return Cue(who, according.start(), max(who.end, slot_end), "reported")
        if is_person_phrase(masked[according.end() : slot_end]):  # a spokeswoman for the firm
            nameless = Who("none", None, according.end(), slot_end)
            return Cue(nameless, according.start(), slot_end, "reported")
    return None


# Verbs that name what someone's words call a thing (called it “cruel”): speech only
# where the quotation ends the clause; not so-called, called for, called on.
_NAMING = (
    r"(?<![-\w])(?P<naming>called|branded|dubbed|labelled|labeled)"
    r"(?!\s+(?:for|on|off|in|up|out|back)\b)"
)
# Verbs that judge a thing as what someone's words call it: hailed the deal as “historic”.
_JUDGING = (
    r"(?<![-\w])(?P<judging>hailed|slammed|blasted|praised|condemned|criticised|criticized|"
    r"attacked|denounced|dismissed|derided|decried|lauded|welcomed)\b"
)
_AS_BEFORE_RE = re.compile(r"\bas(?: (?:an?|the|being))?\s*$")
_REPORTED_VERB_RE = re.compile(rf"{_NAMING}|{_JUDGING}|\b{MODALS}(?:{REPORTING})\b", re.IGNORECASE)
# Where the names index (analyses/names/) looks for people: beside any cue's verb, or
# after according to.
_BESIDE_RE = re.compile(
    rf"{_NAMING}|{_JUDGING}|\b{MODALS}(?:{REPORTING})\b|\baccording to\b", re.IGNORECASE
)
_SO_CALLED_RE = re.compile(
    r"\b(?:so[- ]called|(?:the|a|an) (?:word|term|phrase|expression|slogan|label|headline)s?"
    r"|what (?:[\w’']+ ){1,3}(?:calls|call|called|terms|termed|dubs|dubbed)(?: (?:an?|the|its))?"
    r"|what (?:is|are|was|were|has been) (?:called|termed|known as|dubbed))\s*$",
    re.IGNORECASE,
)
_ACCORDING_IN_RE = re.compile(r"\baccording to\s+", re.IGNORECASE)
_SLOT_END_RE = re.compile(r"[,;:(—–]")


def _ends_its_clause(text: str, open_mark: int, close_mark: int | None) -> bool:
    if close_mark is None:
        return False
    inside = text[open_mark + 1 : close_mark].rstrip()
    after = text[close_mark + 1 : close_mark + 2]
    if inside.endswith((".", ",", "!", "?")) or not after or after in ".,;:!?)—–\n":
        return True
    # called the bill “a piece of legislation nobody voted for” and promised …: the next
    # clause starts; called the plan a “bold step” forward: it goes on
    return bool(_NEXT_CLAUSE_RE.match(text, close_mark + 1))


_NEXT_CLAUSE_RE = re.compile(r"\s+(?:and|but|while|before|after|when|as|because|then)\s")


_PASSIVE_RE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+$", re.IGNORECASE)


def line_start_near(text: str, para_start: int, pos: int) -> int:
    """Where the line holding ``pos`` starts, looking back at most 40 characters (a list
    item's marker): a longer lead is not a list item's anyway."""
    lo = max(para_start, pos - 40)
    found = text.rfind("\n", lo, pos)
    return found + 1 if found >= 0 else lo


def sentence_starts(masked: str) -> list[int]:
    """Offsets where sentences start (after the first), for bisecting."""
    return [m.end() for m in SENTENCE_END_RE.finditer(masked)]


def sentence_start(starts: Sequence[int], offset: int, para_start: int) -> int:
    i = bisect.bisect_right(starts, offset) - 1
    return max(para_start, starts[i]) if i >= 0 else para_start


def named_beside_verbs(text: str) -> list[Who]:
    """Every person a cue names, with or without a quotation: ``Sarah Lindqvist said``,
    ``Jo Hart, a nurse, told``, ``said Tom Hill``, ``says councillor Priya Shah``, read by
    the same speaker-slot readers as quotations' cues. Linear: each reporting verb reads
    a bounded window on either side."""
    masked = mask_abbreviations(text).replace("\n", " ")
    found: list[Who] = []
    for verb in _BESIDE_RE.finditer(masked):
        according = verb.group().lower() == "according to"
        lo = max(0, verb.start() - 120)
        who_start = lo
        for brk in _CUE_BREAK_RE.finditer(masked, lo, verb.start()):
            who_start = brk.end()
        if who_start < verb.start() and not according:
            who = read_subject(masked, who_start, verb.start())
            if who is not None and who.kind == "person":
                found.append(who)
        if according or _INVERTING_RE.fullmatch(verb.group()):
            slot = _OBJECT_SLOT_RE.match(masked, verb.end(), verb.end() + 81)
            if slot is not None:
                who = read_object(masked, slot.start("who"), slot.end("who"))
                if who is not None and who.kind == "person":
                    found.append(who)
    return found


# Verbs a speaker may follow (said Tom Hill); not told or urged, whose object is spoken to.
_INVERTING_RE = re.compile(
    r"(?:said|says|added|adds|asked|asks|explained|explains|replied|replies|continued|"
    r"wrote|writes|warned|warns|insisted|insists|argued|argues|noted|recalled|recalls)",
    re.IGNORECASE,
)
_OBJECT_SLOT_RE = re.compile(rf"\s+(?P<who>{_SLOT_NO_COMMA}{{1,80}})")
