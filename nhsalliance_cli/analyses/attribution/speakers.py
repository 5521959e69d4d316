"""Who speaks: the speaker named in a cue, read from the text itself, and who a surname or
a pronoun means inside one document.

A cue's speaker slot (``X`` in ``X said``, ``said X``, ``according to X``, ``X: “…”``) is
read as runs of capitalised words: titles and role words are taken off the front of a run
and kept as its role (``White House press secretary Josh Earnest`` is Josh Earnest, role
``White House press secretary``); a run holding an organisation's head word, opening with
an acronym or following "the" is an organisation (``the White House``, ``NHS England``).
Inside a document, a surname or title plus surname means the fullest form of that name
(``Trump`` and ``Mr Trump`` are ``Donald Trump``), and a pronoun the person last named
outside quotations whose gender it does not exclude (from titles, and from the pronouns
already used for them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from nhsalliance_cli.analyses.attribution.personwords import (
    CONNECTORS,
    COURTESY_TITLES,
    DETERMINERS,
    HONORIFICS,
    MASK,
    NOT_NAMES,
    NUMBER_WORDS,
    ORG_WORDS_EXTRA,
    PARTY_WORDS,
    PREPOSITIONS,
    PRONOUN_GENDER,
    ROLE_WORDS,
    SCENE_WORDS,
    SUFFIXES,
    name_word,
    places,
)

# --- vocabulary (reference data about English, not about any corpus) ---------------------


# --- reading a speaker slot -------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    """Who a cue's slot names."""

    # person, organisation, pronoun, description (the Ohio Republican) or none (a cue
    # with no name: officials said)
    kind: str
    name: str | None  # a person's name without title, an organisation, or the pronoun
    start: int  # where the name (or the slot) stands in the text
    end: int
    title: str | None = None
    role: str | None = None
    lead: int = -1  # where the title before the name starts, if it has one

    @property
    def cue_start(self) -> int:
        return self.lead if self.lead >= 0 else self.start


_WORD_RE = re.compile(r"[^\s,;:()\[\]“”\"‘’—–]+(?:[’'][^\s,;:()\[\]“”\"‘’—–]+)*")
_SEGMENT_BREAK_RE = re.compile(r"[,;:()\[\]—–]| - ")
_POSSESSIVE_RE = re.compile(r"[’']s?$")


@dataclass(frozen=True)
class _Run:
    words: tuple[tuple[int, int, str], ...]  # (start, end, word) of the run
    after_the: bool
    after_preposition: bool  # a spokesman for Smith: Smith is not the one speaking
    whole_segment: bool  # the run is all its segment holds
    role_before: str  # lower-case words before the run in its segment (union rep)
    ends_segment: bool = False  # nothing follows the run in its segment


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def bare_word(word: str) -> str:
    return word.rstrip("." + MASK)


def _runs(text: str, start: int, end: int) -> list[list[_Run]]:
    """The capitalised runs of each comma-separated segment of ``text[start:end]``."""
    segments: list[list[_Run]] = []
    pos = start
    for brk in [*_SEGMENT_BREAK_RE.finditer(text, start, end), None]:
        seg_end = brk.start() if brk is not None else end
        words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text, pos, seg_end)]
        segments.append(_segment_runs(words))
        pos = brk.end() if brk is not None else end
    return segments


def _segment_runs(words: Sequence[tuple[int, int, str]]) -> list[_Run]:
    runs: list[_Run] = []
    i = 0
    while i < len(words):
        if not _is_cap(words[i][2]):
            i += 1
            continue
        j = i + 1
        while j < len(words) and _continues(words, j):
            j += 1
        lead = [w for _, _, w in words[:i]]
        after_the = bool(lead) and lead[-1].lower() == "the"
        after_preposition = bool(lead) and lead[-1].lower() in PREPOSITIONS
        role = [w for w in lead if w.lower() not in DETERMINERS]
        runs.append(
            _Run(
                tuple(words[i:j]),
                after_the,
                after_preposition,
                i == 0 and j == len(words),
                " ".join(role),
                j == len(words),
            )
        )
        i = j
    return runs


def _continues(words: Sequence[tuple[int, int, str]], j: int) -> bool:
    """Whether word ``j`` goes on the capitalised run before it (Bank of England)."""
    w = words[j][2]
    if _is_cap(w):
        return True
    return (
        w in CONNECTORS
        and j + 1 < len(words)
        and _is_cap(words[j + 1][2])
        and not _POSSESSIVE_RE.search(words[j - 1][2])
    )


def _classify(run: _Run) -> Who | None:
    """A run as a person or an organisation, with its title and role; None if neither."""
    words = list(run.words)
    after_the = run.after_the
    while words and (bare_word(words[0][2]) in NOT_NAMES):
        after_the = after_the or words[0][2] == "The"
        words = words[1:]
    if not words:
        return None
    possessive = bool(_POSSESSIVE_RE.search(words[-1][2])) and len(words[-1][2]) > 2
    while (
        len(words) > 1
        and words[-1][2].isupper()
        and len(words[-1][2]) > 1
        and bare_word(words[-1][2]) not in SUFFIXES
    ):
        words = words[:-1]  # post-nominals: OBE, MP
    bares = [bare_word(re.sub(r"[’']s?$", "", w)) for _, _, w in words]
    last_role = _last_role(words, bares)
    # White House Press Secretary Josh Earnest: a person, with an organisation in the role
    role_then_name = 0 <= last_role < len(bares) - 1 and not _is_org(bares[last_role + 1 :], False)
    if not role_then_name and _is_org(bares, after_the):
        name = " ".join(
            _org_word(w) if _is_dotted(_org_word(w)) else b
            for (_, _, w), b in zip(words, bares, strict=True)
        )
        return Who("organisation", name, words[0][0], words[-1][1], role=run.role_before or None)
    name_words = words[last_role + 1 :]
    if not name_words:
        return Who("none", None, words[0][0], words[-1][1], role=" ".join(bares))
    title = words[last_role][2].replace(MASK, ".") if last_role >= 0 else None
    role_words = [run.role_before, *(w for _, _, w in words[: max(last_role, 0)])]
    if title is not None and bare_word(title) not in HONORIFICS:
        role_words.append(title)
        title = None
    office = title is not None and bare_word(title) not in COURTESY_TITLES and any(role_words)
    if office and title is not None:
        role_words.append(title)  # Health Secretary, Prime Minister: the office whole
    role = " ".join(w for w in role_words if w) or None
    names = [name_word(w) for _, _, w in name_words]
    if run.after_preposition:
        return None  # a spokesman for Smith, asked about Smith
    if names[-1] in PARTY_WORDS:  # the Massachusetts Democrat; one Republican strategist
        kind = "description" if after_the else "none"
        return Who(kind, None, words[0][0], words[-1][1], role=" ".join(bares))
    if all(p.lower() in NUMBER_WORDS for n in names for p in n.split("-")):
        return Who("none", None, words[0][0], words[-1][1], role=" ".join(bares))  # Forty-one
    if possessive or not _looks_like_a_person(names):
        return None
    lead = words[0][0] if office and last_role > 0 else words[last_role][0] if title else -1
    return Who("person", " ".join(names), name_words[0][0], name_words[-1][1], title, role, lead)


def _last_role(words: Sequence[tuple[int, int, str]], bares: Sequence[str]) -> int:
    """The index of the run's last word that is part of a role before the name; -1 for
    none."""
    last_role = max(
        (
            k
            for k, b in enumerate(bares)
            # Hollis Dean III: a role word before a suffix alone is a surname; College of
            # General Practitioners: one after "of" or "for" is part of a body's name
            if b in ROLE_WORDS
            and not (bares[k + 1 :] and set(bares[k + 1 :]) <= SUFFIXES)
            and not (k and bares[k - 1] in ("of", "for"))
        ),
        default=-1,
    )
    # Breitbart’s Joel Pollak: what a possessive inside the run owns is the name
    last_role = max(
        last_role,
        max((k for k, (_, _, w) in enumerate(words[:-1]) if _POSSESSIVE_RE.search(w)), default=-1),
    )
    # Local MP Judith Carraway, Acme CEO Ann Lee: an acronym after the run's first word,
    # before the name, is a role.
    last_role = max(
        last_role,
        max((k for k in range(1, len(bares) - 1) if _is_acronym(bares[k])), default=-1),
    )
    return last_role


def _is_acronym(word: str) -> bool:
    return (len(word) > 1 and word.isupper() and word.isalpha()) or _is_dotted(word)


_DOTTED_RE = re.compile(r"(?:[A-Z][.\x00])+[A-Z][.\x00]?")


def _is_dotted(word: str) -> bool:
    """U.S., F.B.I.: an acronym written with periods (masked or not)."""
    return _DOTTED_RE.fullmatch(word) is not None


def is_org_word(word: str) -> bool:
    from nhsalliance_cli.text.namewords import ORG_WORDS

    return word in ORG_WORDS or word in ORG_WORDS_EXTRA


def _org_word(word: str) -> str:
    """A word of an organisation's name as written: F.B.I. keeps its periods."""
    word = word.replace(MASK, ".")
    if _is_dotted(word):
        return word if word.endswith(".") else word + "."
    return word


def _is_org(bares: Sequence[str], after_the: bool) -> bool:
    if bares[-1] in PARTY_WORDS:
        return False  # the Massachusetts Democrat: a person described
    if any(is_org_word(b) for b in bares):
        # Senator Jones of Acme is a person; the College of General Practitioners is a body
        return not any(b in HONORIFICS and bares[k - 1 : k] not in (["of"], ["for"])
                       for k, b in enumerate(bares))  # fmt: skip
    first = bares[0]
    if _is_acronym(first) and first not in ROLE_WORDS:
        return True  # NHS England, BMA, F.B.I. (not a GP, an MP)
    return after_the and not any(b in ROLE_WORDS for b in bares)


def _looks_like_a_person(names: Sequence[str]) -> bool:
    return (
        1 <= len(names) <= 4
        and all(n[:1].isupper() or n in CONNECTORS for n in names)
        and all(_NAME_CHARS_RE.fullmatch(n) for n in names)
        and not any(any(c.isdigit() for c in n) or n in NOT_NAMES for n in names)
        and not all(p.lower() in NUMBER_WORDS for n in names for p in n.split("-"))
        and not any(_PARTY_STATE_RE.match(n) or n in PARTY_WORDS for n in names)
        and not _is_initial(names[0])  # X. Trump: a heading "X." before a name
        and " ".join(names) not in places()
        and not any(_is_dotted(n) for n in names)  # U.S.
    )


def _is_initial(word: str) -> bool:
    return len(word.rstrip("." + MASK)) == 1


_NAME_CHARS_RE = re.compile(r"[^\W\d_]+(?:[’'.-][^\W\d_]*)*")
_PARTY_STATE_RE = re.compile(r"[A-Z]-[A-Z]")  # D-Ore., R-Texas


def _pronoun(text: str, start: int, end: int, first: bool) -> Who | None:
    if not first:
        # Speaking in the Commons, he said: the subject is what follows the last comma
        start = max(start, _last_break(text, start, end))
    words = list(_WORD_RE.finditer(text, start, end))
    if not words:
        return None
    m = words[0] if first else words[-1]
    word = m.group().lower()
    if word in PRONOUN_GENDER and len(words) <= (3 if first else 4):
        return Who("pronoun", word, m.start(), m.end())
    return None


def _last_break(text: str, start: int, end: int) -> int:
    """Just after the last comma or semicolon between ``start`` and ``end``, else ``start``."""
    return max(text.rfind(",", start, end), text.rfind(";", start, end)) + 1 or start


def read_subject(text: str, start: int, end: int) -> Who | None:
    """The speaker named before a reporting verb: ``X said``, ``X, role, said``."""
    acronym = _TRAILING_ACRONYM_RE.search(text, start, end)
    end = acronym.start() if acronym is not None and acronym.start() > start else end
    segments = _runs(text, start, end)
    pronoun = _pronoun(text, start, end, first=False)
    if pronoun is not None and len(text[_last_break(text, start, end) : end].split()) <= 2:
        return pronoun
    if not any(segments):
        return pronoun or _nameless(text, _last_segment_start(text, start, end), end)
    # X, role, said: the first segment is a name and the others describe it.
    first = segments[0]
    opens_with_preposition = bool(first) and first[0].words[0][2].lower() in SCENE_WORDS
    if (
        len(segments) > 1
        and len(first) == 1
        and first[0].whole_segment
        and not opens_with_preposition  # In Washington, Sen. Rivera said: a place
    ):
        who = _classify(first[0])
        if who is not None and who.kind == "person":
            role = _appositive_role(text, first[0].words[-1][1], end)
            return replace(who, role=role or who.role)
    last = segments[-1]
    classified = [w for w in (_classify(r) for r in last) if w is not None]
    # Family doctors have warned: one capitalised word before a common noun is no name
    classified = [
        w
        for w in classified
        if not (w.kind == "person" and not w.title and " " not in (w.name or " "))
        or not _LOWER_WORD_AFTER_RE.match(text, w.end, end)
    ]
    unnamed = _unnamed_source(text, _last_segment_start(text, start, end), end, classified)
    if unnamed is not None:
        return unnamed
    for kind in ("person", "organisation", "description"):
        found = [w for w in classified if w.kind == kind]
        if found:
            return found[-1]
    for segment in segments[:-1]:
        if len(segment) == 1 and segment[0].whole_segment:
            who = _classify(segment[0])
            if who is not None and who.kind == "person":
                # The hospital's chief executive, Professor Alan Burrows, said
                return replace(who, role=_appositive_role(text, start, who.cue_start) or who.role)
    first_runs = segments[0]
    if len(segments) > 1 and first_runs and first_runs[-1].ends_segment:
        who = _classify(first_runs[-1])
        if who is not None and who.kind == "person" and len((who.name or "").split()) >= 2:
            # Local resident Brian Colley, 72, said
            return who
    return pronoun or _nameless(text, _last_segment_start(text, start, end), end)


def _opens_slot(run: _Run) -> bool:
    words = run.role_before.split()
    return len(words) <= 4 and not any(w.lower() in _CLAUSE_WORDS for w in words)


_CLAUSE_WORDS = frozenset(
    "who which that whose whom has have had is was were are works worked said says".split()
)


def _unnamed_source(text: str, start: int, end: int, classified: Sequence[Who]) -> Who | None:
    """A source with no name, described by what they are before any name in the phrase:
    ``a spokesman for Disney``, ``officials at the Department of Transportation``,
    ``Federal Aviation Administration officials``, ``nurses at a hospital in Cumbria``:
    nobody named, the phrase kept as the role (it names their organisation)."""
    if any(w.kind == "person" for w in classified):
        return None
    phrase = " ".join(text[start:end].replace(MASK, ".").split())
    phrase = _CLAUSE_RE.split(phrase, maxsplit=1)[0].strip(" ,;:—–-")
    if not phrase or len(phrase.split()) > 16 or not is_person_phrase(phrase):
        return None
    if classified and not _PERSON_HEAD_BEFORE_RE.search(phrase) and not _ends_in_people(phrase):
        return None
    return Who("none", None, start, end, role=phrase)


def _ends_in_people(phrase: str) -> bool:
    words = phrase.split()
    return len(words) > 1 and words[-1].lower() in _PERSON_NOUNS and not words[-1][0].isupper()


_CLAUSE_RE = re.compile(r"\b(?:who|which|that|whose|whom)\b")
_PERSON_HEAD_BEFORE_RE = re.compile(
    r"^(?:[a-z]+ ){0,3}[a-z]+s? (?:for|of|at|with|from|in|to)\b", re.IGNORECASE
)


def _last_segment_start(text: str, start: int, end: int) -> int:
    """Where the last comma-separated segment of ``text[start:end]`` starts."""
    last = start
    for m in _SEGMENT_BREAK_RE.finditer(text, start, end):
        last = m.end()
    return last


def read_object(text: str, start: int, end: int) -> Who | None:
    """The speaker named after the verb: ``said X``, ``according to X``."""
    pronoun = _pronoun(text, start, end, first=True)
    if pronoun is not None:
        return pronoun
    segments = _runs(text, start, end)
    # said X: X stands first in the slot, after at most a few words of role (said
    # union rep Alan Hughes), never inside a clause about someone (said a person who
    # works in the London office)
    if is_person_phrase(text[start:end].split(",", 1)[0]):
        # said the E.U. envoy, Pierre Martin: the person the role phrase describes
        appositive = _named_after_role(text, start, end, segments)
        if appositive is not None:
            return appositive
    runs = [r for r in segments[0] if _opens_slot(r)]
    classified = [w for w in (_classify(r) for r in runs) if w is not None]
    brk = _SEGMENT_BREAK_RE.search(text, start, end)
    unnamed = _unnamed_source(text, start, brk.start() if brk else end, classified)
    if unnamed is not None:
        # the charity's director, Dr Rachel Ng: named after all
        return _named_after_role(text, start, end, segments) or unnamed
    for kind in ("person", "organisation", "description"):
        found = [w for w in classified if w.kind == kind]
        if found:
            return found[0]
    appositive = _named_after_role(text, start, end, segments)
    return appositive or _nameless(text, start, end)


def _named_after_role(
    text: str, start: int, end: int, segments: Sequence[Sequence[_Run]]
) -> Who | None:
    """A role phrase, then the person it describes between commas: ``the charity's
    director, Dr Rachel Ng``, ``Oxfam's head of policy, Ann Lee``: the person, with the
    phrase as their role."""
    if len(segments) < 2 or not segments[1] or not segments[1][0].whole_segment:
        return None
    brk = _SEGMENT_BREAK_RE.search(text, start, end)
    if brk is None or text[brk.start()] != ",":
        return None
    phrase = text[start : brk.start()].split()
    if not 1 <= len(phrase) <= 8 or not _is_role_phrase(phrase):
        return None
    who = _classify(segments[1][0])
    if who is None or who.kind != "person":
        return None
    return replace(who, role=_appositive_role(text, start, brk.start()) or who.role)


def _is_role_phrase(words: Sequence[str]) -> bool:
    """Words that describe a person (the charity's director, its head of policy, union
    rep): they hold a role word."""
    bares = [bare_word(w) for w in words]
    return any(
        b in ROLE_WORDS
        or b.capitalize() in ROLE_WORDS
        or b.lower() in _ROLE_NOUNS
        or (b.lower().endswith("s") and b.lower()[:-1] in _ROLE_NOUNS)  # one of the organisers
        for b in bares
    )


_ROLE_NOUNS = frozenset(
    "director spokesman spokeswoman spokesperson chairman chairwoman chair secretary "
    "minister leader executive officer manager founder head president adviser advisor "
    "economist analyst researcher professor lecturer surgeon nurse doctor consultant "
    "campaigner organiser organizer coordinator treasurer editor correspondent lawyer "
    "attorney governor mayor councillor member aide deputy representative rep gp mp "
    "teacher headteacher student pupil patient resident mother father parent son daughter "
    "wife husband widow widower sister brother grandmother grandfather owner landlord "
    "tenant volunteer activist expert scientist engineer farmer driver worker midwife "
    "paramedic carer pharmacist dentist physician officer soldier veteran pensioner "
    "businessman businesswoman entrepreneur colleague partner boss employer employee "
    "neighbour neighbor constituent voter organiser organizer strategist operative "
    "official lawmaker legislator negotiator diplomat staffer donor pollster carer "
    "executive investor trader banker economist prosecutor detective investigator "
    "spokesperson representative delegate senator congressman congresswoman envoy "
    "ambassador emissary commissioner chief minister president".split()
)


def read_label(text: str, start: int, end: int) -> Who | None:
    """A speaker label before a colon: ``Jane Roe: “…”``, ``Josh Earnest, spokesman: “…”``."""
    segments = _runs(text, start, end)
    if not segments[0] or not segments[0][0].whole_segment or len(text[start:end].split()) > 10:
        return None
    who = _classify(segments[0][0])
    if who is None or who.kind not in ("person", "organisation"):
        return None
    role = _appositive_role(text, segments[0][0].words[-1][1], end) if len(segments) > 1 else None
    return Who(who.kind, who.name, who.start, who.end, who.title, role or who.role)


def read_first(text: str, start: int, end: int) -> Who | None:
    """The name a clause opens with, as its subject: ``Jane Roe set out three demands``."""
    segments = _runs(text, start, end)
    if not segments[0] or segments[0][0].words[0][0] != _first_word(text, start, end):
        return None
    who = _classify(segments[0][0])
    return who if who is not None and who.kind in ("person", "organisation") else None


def _first_word(text: str, start: int, end: int) -> int:
    m = _WORD_RE.search(text, start, end)
    return m.start() if m is not None else -1


_LOWER_WORD_AFTER_RE = re.compile(r"\s+[a-z]")
_AGE_RE = re.compile(r"^\d{1,3}(?:, *| +and +|$)")
# "The Royal College of General Practitioners (RCGP) said": the acronym is no speaker.
_TRAILING_ACRONYM_RE = re.compile(r"\s*\([A-Z][A-Za-z&.\x00]{1,9}\)\s*$")


def _appositive_role(text: str, start: int, end: int) -> str | None:
    """What follows a name between commas, when it describes the person (a role), not
    what they were doing (speaking at the White House, in a statement)."""
    role = " ".join(text[start:end].replace(MASK, ".").split())
    role = _AGE_RE.sub("", role.strip(" ,;:—–-()[]"))  # Dr Ann Lee, 58, a GP: no age
    first = role.split(" ", 1)[0].lower() if role else ""
    if not role or first.endswith("ing") or first in _NOT_ROLES:
        return None
    return role


_NOT_ROLES = frozenset(
    "in at on with from during after before by for to into over while when who which "
    "whose as".split()
)


_NAMELESS_HEADS = frozenset(
    "the a an one two three some several many other another its his her their our "
    "officials aides sources critics analysts experts police prosecutors investigators "
    "lawyers doctors campaigners protesters residents witnesses spokesman spokeswoman "
    "spokesperson officers staff insiders".split()
)


_PERSON_NOUNS = _ROLE_NOUNS | frozenset(
    "spokesman spokeswoman spokesperson official officials source sources aide aides "
    "insider insiders person people colleague colleagues ally allies friend friends "
    "minister ministers witness witnesses resident residents worker workers staff "
    "employee employees critic critics supporter supporters".split()
)


def is_person_phrase(phrase: str) -> bool:
    """Whether a phrase with no name means people (a spokeswoman for the firm, senior
    officials), not a thing (the report, the figures): its head, before any of/for."""
    words = [w.strip(".,;:\x00").lower() for w in phrase.split()]
    for i, w in enumerate(words):
        if w in PREPOSITIONS:
            words = words[:i]
            break
    if not words:
        return False
    head = words[-1]
    return head in _PERSON_NOUNS or (head.endswith("s") and head[:-1] in _PERSON_NOUNS)


def _nameless(text: str, start: int, end: int) -> Who | None:
    """A subject with no name (officials, a spokeswoman): speech by someone unnamed."""
    words = text[start:end].split()
    if not 1 <= len(words) <= 8:
        return None
    head = words[0].lower().strip(".,;:" + MASK)
    if head in _NAMELESS_HEADS or all(p in NUMBER_WORDS for p in head.split("-")):
        return Who("none", None, start, end)
    return None


# --- the people of one document ---------------------------------------------------------
