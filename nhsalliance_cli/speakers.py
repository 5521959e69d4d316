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

import bisect
import functools
import itertools
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources

# --- vocabulary (reference data about English, not about any corpus) ---------------------

_MALE_TITLES = frozenset(
    "Mr Sir Lord Baron Father Brother King Prince Duke Earl Congressman Assemblyman "
    "Councilman Chairman Spokesman Mister".split()
)
_FEMALE_TITLES = frozenset(
    "Ms Mrs Miss Dame Lady Baroness Sister Queen Princess Duchess Congresswoman "
    "Assemblywoman Councilwoman Chairwoman Spokeswoman Madam".split()
)
# Honorifics: a title written right before a name (Dr Smith, Sen. Warren).
HONORIFICS = (
    frozenset(
        "Dr Doctor Prof Professor Sen Senator Rep Representative Gov Governor President "
        "Cllr Councillor Judge Justice Mayor Rev Reverend Gen General Col Colonel Capt "
        "Captain Lt Lieutenant Sgt Sergeant Det Detective Insp Inspector Supt Hon Atty "
        "Pres Amb Ald Adm Maj Cmdr Commissioner Chancellor Secretary Minister Speaker "
        "Ambassador Attorney Sheriff Bishop Archbishop Rabbi Imam Pope Premier Del Delegate "
        "Councilor Councilmember Assemblymember Superintendent Chancellor".split()
    )
    | _MALE_TITLES
    | _FEMALE_TITLES
)
# Role words: what a role phrase in Title Case ends with (Health Secretary, Senate
# Majority Leader, Chief Executive); the name comes after the last of them.
ROLE_WORDS = (
    HONORIFICS
    | frozenset(
        "Chief Chair Chairperson Leader Executive Director Head Spokesperson Officer Manager "
        "Editor Founder Partner President Vice Deputy Acting Former Whip Dean Provost Coach "
        "Nurse Chairman Economist Adviser Advisor Aide Treasurer Clerk Correspondent "
        "Consultant Surgeon Professor Lecturer Analyst Candidate Nominee Trustee".split()
        # acronyms that are a person's role, not an organisation: Labour MP, a local GP
    )
    | frozenset("GP MP MEP MSP MLA CEO CFO COO CTO QC KC".split())
)
_ORG_WORDS_EXTRA = frozenset(
    "House Senate Congress Parliament Ministry Department Administration Campaign Party "
    "Police Court Government Commission Bureau Corporation Company Inc Corp Ltd Plc LLC "
    "Union Federation Institute Agency Office Council Coalition Organisation Organization "
    "Federal Pentagon Kremlin Treasury Cabinet Labour Press Times Post Journal News "
    "Bank Fund Foundation Alliance Trust Group Network Association Society Committee "
    "Services Partners Club Team League Church Street Pictures Studios Studio Media "
    "Airlines Airways Air Securities Capital Holdings Motors Energy Systems Technologies "
    "Labs Entertainment Communications Insurance Industries Midstream Group Enterprises "
    "Brands Stores Foods Pharmaceuticals Health Wings Records Publishing".split()
)
NOT_NAMES = frozenset(
    "The This That These Those A An It He She They We I You Our Their His Her Its In On "
    "At For And But Or If When While As Since From To Of By With Without After Before "
    "Many Most Some All Every Each Today Yesterday Tomorrow Then Now Later Earlier Also "
    "However Still Yet So Speaking Asked Writing Meanwhile Later Instead Indeed Both "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December Officials Critics "
    "Supporters Democrats Republicans Ministers Doctors Nurses Patients Residents "
    "Americans Britons Tories Conservatives Liberals Voters Leaders Experts Others Sources "
    "Protesters Campaigners Analysts Members Staff Aides Colleagues Lawmakers Police "
    "Anyone Everyone Someone Nobody Everybody Somebody Anybody None Additionally Moreover "
    "Furthermore Separately Similarly Likewise Overall Altogether Finally First Second "
    "Third Last Next Here There Why What Who How Where Which Whoever Thanks".split()
)
# Number words: "Forty-one said" counts people, it names no one.
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million dozen dozens hundreds thousands".split()
)
PARTY_WORDS = frozenset(
    "Democrat Republican Independent Conservative Liberal Socialist Tory Democrats "
    "Republicans".split()
)
_FIRST_NAME_TITLES = frozenset(("Sir", "Dame"))
# What follows a surname as part of the name: Gerald P. Hanlon Jr., Douglas Pruett III.
SUFFIXES = frozenset("Jr Sr II III IV".split())  # Sir Malcolm Reeve is Sir Malcolm
_CONNECTORS = frozenset("of for and de van von der den da di du la le bin ibn al el del".split())
_PREPOSITIONS = frozenset(
    "for of to with from by at about on against in into near outside inside across under "
    "over behind toward towards".split()
)
_SCENE_WORDS = _PREPOSITIONS | frozenset("in after before during since as while".split())
_DETERMINERS = frozenset("the a an one another its his her their our".split())
PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "they": "",
    "them": "",
}

# Abbreviation periods (Dr., Sen., D-Mass., U.S., J.) are masked so that they end neither
# a sentence nor a cue.
_ABBREVIATION_RE = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|Sen|Rep|Del|Gov|Lt|Gen|Col|Capt|Sgt|Rev|St|Jr|Sr|Hon|Atty|"
    r"Supt|Insp|Det|Cmdr|Adm|Maj|Pres|Amb|Ald|Cllr|No|Mt|Ft|vs|etc|Inc|Corp|Ltd|Co|Jan|"
    r"Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])(\.)"
    r"|(?<=[DRI]-)[A-Z][A-Za-z.]*?(\.)(?=[,)\s])"
)
MASK = "\x00"


def mask_abbreviations(text: str) -> str:
    """``text`` with the periods of abbreviations replaced by NUL, same length."""
    return _ABBREVIATION_RE.sub(lambda m: m.group().replace(".", MASK), text)


def gender_of_title(title: str | None) -> str:
    word = (title or "").rstrip(".")
    return "m" if word in _MALE_TITLES else "f" if word in _FEMALE_TITLES else ""


@functools.cache
def _first_names() -> dict[str, str]:
    """data/first_names.txt: first names borne (in news) by one gender, name -> m or f."""
    raw = (resources.files("nhsalliance_cli") / "data" / "first_names.txt").read_text("utf-8")
    genders: dict[str, str] = {}
    for line in raw.splitlines():
        gender, sep, names = line.partition(":")
        if sep and gender.strip() in ("f", "m") and not line.startswith("#"):
            for name in names.split():
                genders[name] = gender.strip()
    return genders


@functools.cache
def places() -> frozenset[str]:
    """data/places.txt: places whose names read like a person's (New Hampshire)."""
    raw = (resources.files("nhsalliance_cli") / "data" / "places.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


def is_first_name(word: str) -> bool:
    return word in _first_names()


def gender_of_first_name(words: Sequence[str]) -> str:
    """m or f where a name of two words or more opens with an unambiguous first name."""
    return _first_names().get(words[0], "") if len(words) >= 2 else ""


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


def name_word(word: str) -> str:
    """A word of a name as the name keeps it: an initial and Jr. keep their period (a
    masked one too), other words lose a period and a possessive."""
    word = word.replace(MASK, ".")
    if len(word) > 2:
        word = re.sub(r"[’']s?$", "", word)
    bare = word.rstrip(".")
    if word != bare and ((len(bare) == 1 and bare.isupper()) or bare in ("Jr", "Sr")):
        return bare + "."
    return bare


def surname(words: Sequence[str]) -> str:
    """The surname of a name's words: the last before any suffix (Jr., III)."""
    for word in reversed(words):
        if word.rstrip(".") not in SUFFIXES:
            return word
    return words[-1]


def shorter_form(short: Sequence[str], long: Sequence[str]) -> bool:
    """Whether the words of ``short`` are in ``long`` in order, its first word first
    or ``short`` a surname alone."""
    if len(short) >= len(long) or surname(short) != surname(long):
        return False
    if len(short) > 1 and not long[0].startswith(short[0].rstrip(".")):
        return False
    rest = iter(long)
    return all(any(w == x for x in rest) for w in short[1:] if w.rstrip(".") not in SUFFIXES)


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _bare(word: str) -> str:
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
        after_preposition = bool(lead) and lead[-1].lower() in _PREPOSITIONS
        role = [w for w in lead if w.lower() not in _DETERMINERS]
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
        w in _CONNECTORS
        and j + 1 < len(words)
        and _is_cap(words[j + 1][2])
        and not _POSSESSIVE_RE.search(words[j - 1][2])
    )


def _classify(run: _Run) -> Who | None:
    """A run as a person or an organisation, with its title and role; None if neither."""
    words = list(run.words)
    after_the = run.after_the
    while words and (_bare(words[0][2]) in NOT_NAMES):
        after_the = after_the or words[0][2] == "The"
        words = words[1:]
    if not words:
        return None
    possessive = bool(_POSSESSIVE_RE.search(words[-1][2])) and len(words[-1][2]) > 2
    while (
        len(words) > 1
        and words[-1][2].isupper()
        and len(words[-1][2]) > 1
        and _bare(words[-1][2]) not in SUFFIXES
    ):
        words = words[:-1]  # post-nominals: OBE, MP
    bares = [_bare(re.sub(r"[’']s?$", "", w)) for _, _, w in words]
    last_role = max(
        (
            k
            for k, b in enumerate(bares)
            # Hollis Dean III: a role word before a suffix alone is a surname
            if b in ROLE_WORDS and not (bares[k + 1 :] and set(bares[k + 1 :]) <= SUFFIXES)
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
    if title is not None and _bare(title) not in HONORIFICS:
        role_words.append(title)
        title = None
    role = " ".join(w for w in role_words if w) or None
    names = [name_word(w) for _, _, w in name_words]
    if run.after_preposition:
        return None  # a spokesman for Smith, asked about Smith
    if names[-1] in PARTY_WORDS:  # the Massachusetts Democrat; one Republican strategist
        kind = "description" if after_the else "none"
        return Who(kind, None, words[0][0], words[-1][1], role=" ".join(bares))
    if all(p.lower() in _NUMBER_WORDS for n in names for p in n.split("-")):
        return Who("none", None, words[0][0], words[-1][1], role=" ".join(bares))  # Forty-one
    if possessive or not _looks_like_a_person(names):
        return None
    lead = words[last_role][0] if title is not None else -1
    return Who("person", " ".join(names), name_words[0][0], name_words[-1][1], title, role, lead)


def _is_acronym(word: str) -> bool:
    return (len(word) > 1 and word.isupper() and word.isalpha()) or _is_dotted(word)


_DOTTED_RE = re.compile(r"(?:[A-Z][.\x00])+[A-Z][.\x00]?")


def _is_dotted(word: str) -> bool:
    """U.S., F.B.I.: an acronym written with periods (masked or not)."""
    return _DOTTED_RE.fullmatch(word) is not None


def is_org_word(word: str) -> bool:
    from nhsalliance_cli.namewords import ORG_WORDS

    return word in ORG_WORDS or word in _ORG_WORDS_EXTRA


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
        return not any(b in HONORIFICS for b in bares)
    first = bares[0]
    if _is_acronym(first) and first not in ROLE_WORDS:
        return True  # NHS England, BMA, F.B.I. (not a GP, an MP)
    return after_the and not any(b in ROLE_WORDS for b in bares)


def _looks_like_a_person(names: Sequence[str]) -> bool:
    return (
        1 <= len(names) <= 4
        and all(n[:1].isupper() or n in _CONNECTORS for n in names)
        and all(_NAME_CHARS_RE.fullmatch(n) for n in names)
        and not any(any(c.isdigit() for c in n) or n in NOT_NAMES for n in names)
        and not all(p.lower() in _NUMBER_WORDS for n in names for p in n.split("-"))
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
    words = list(_WORD_RE.finditer(text, start, end))
    if not words:
        return None
    m = words[0] if first else words[-1]
    word = m.group().lower()
    if word in PRONOUN_GENDER and len(words) <= (3 if first else 4):
        return Who("pronoun", word, m.start(), m.end())
    return None


def read_subject(text: str, start: int, end: int) -> Who | None:
    """The speaker named before a reporting verb: ``X said``, ``X, role, said``."""
    segments = _runs(text, start, end)
    pronoun = _pronoun(text, start, end, first=False)
    if pronoun is not None and len(text[start:end].split()) <= 2:
        return pronoun
    if not any(segments):
        return pronoun or _nameless(text, _last_segment_start(text, start, end), end)
    # X, role, said: the first segment is a name and the others describe it.
    first = segments[0]
    opens_with_preposition = bool(first) and first[0].words[0][2].lower() in _SCENE_WORDS
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
    bares = [_bare(w) for w in words]
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


def _appositive_role(text: str, start: int, end: int) -> str | None:
    """What follows a name between commas, when it describes the person (a role), not
    what they were doing (speaking at the White House, in a statement)."""
    role = " ".join(text[start:end].replace(MASK, ".").split())
    role = role.strip(" ,;:—–-()[]")
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
        if w in _PREPOSITIONS:
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
    if head in _NAMELESS_HEADS or all(p in _NUMBER_WORDS for p in head.split("-")):
        return Who("none", None, start, end)
    return None


# --- the people of one document ---------------------------------------------------------

_NAME = r"[A-Z][^\W\d_]+(?:[’'-][A-Za-z][^\W\d_]*)*"
_INITIAL = r"[A-Z][.\x00]"
_SUFFIX = r"(?: (?:Jr|Sr)[.\x00]| (?:III|II|IV)\b)?"
# Maria L. Castellanos, Edward G. Renfrew Jr.: a middle initial makes a person's name.
_INITIALED_RE = re.compile(rf"(?<![-’'\w\x00])({_NAME}(?: {_INITIAL})+ {_NAME}{_SUFFIX})")
# Helen Marsh, Hans Bergmann: a known first name, then a surname.
_FIRST_THEN_RE = re.compile(rf"(?<![-’'\w\x00])({_NAME}) ({_NAME}(?:-{_NAME})?){_SUFFIX}\b")


def evidence_names(masked: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """People the text names without a title or a cue, by the evidence of the name
    itself: a middle initial, or a first name of data/first_names.txt before a surname
    that is no organisation's or place's word. (start, end, words), in text order."""
    found: list[tuple[int, int, tuple[str, ...]]] = []
    for m in _INITIALED_RE.finditer(masked):
        words = tuple(name_word(w) for w in m.group(1).split())
        if _plausible(words):
            found.append((m.start(1), m.end(1), words))
    taken = {start for start, _, _ in found}
    for m in _FIRST_THEN_RE.finditer(masked):
        if m.start() in taken or not is_first_name(m.group(1)):
            continue
        if (
            masked[m.start() - 1 : m.start()] in _OPENING
            and masked[m.end() : m.end() + 1] in _CLOSING
        ):
            continue  # becoming a ‘Marie Celeste’: a name borrowed as a figure
        words = tuple(name_word(w) for w in m.group().split())
        if _plausible(words):
            found.append((m.start(), m.end(), words))
    found.sort()
    return found


_OPENING = frozenset("‘“'\"")
_CLOSING = frozenset("’”'\"")


def _plausible(words: Sequence[str]) -> bool:
    return (
        not any(is_org_word(w) or w in NOT_NAMES or w in ROLE_WORDS for w in words)
        and " ".join(words) not in places()
        and words[-1] not in places()
    )


@dataclass(frozen=True)
class Named:
    """A person named in the text: where, the name's words (no title), and its title."""

    start: int
    end: int
    words: tuple[str, ...]
    title: str | None = None


@dataclass
class Cast:
    """The people of one document and how its shorter forms resolve."""

    # surname -> full names (two words or more) ending in it, in order of first mention
    by_surname: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    # full name -> offsets where it is written in full, sorted
    seen: dict[tuple[str, ...], list[int]] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    known: dict[str, str] = field(default_factory=dict)  # normalised form -> index name
    titles: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    def add(self, named: Named) -> None:
        if len(named.words) >= 2:
            fulls = self.by_surname.setdefault(surname(named.words), [])
            # At most a few dozen people per surname or first name are told apart, so
            # that resolving one stays constant time however many the text names.
            if named.words not in fulls and len(fulls) < _MAX_SHARING:
                fulls.append(named.words)
                firsts = self.by_first.setdefault(named.words[0], [])
                if len(firsts) < _MAX_SHARING:
                    firsts.append(named.words)
            bisect.insort(self.seen.setdefault(named.words, []), named.start)
            if named.title:
                self.titles.setdefault(named.words, set()).add(_bare(named.title))

    def resolve(self, words: tuple[str, ...], title: str | None, pos: int) -> str:
        """The fullest form in the document of the name written ``words`` at ``pos``."""
        if len(words) >= 2:
            return self._canonical(" ".join(words))
        wanted = gender_of_title(title)
        candidates = self.by_surname.get(words[0], ())
        if not candidates or _bare(title or "") in _FIRST_NAME_TITLES:
            # Sir Malcolm, Dame Judi, or a first name alone (Hillary said)
            candidates = self.by_first.get(words[0], ()) or candidates
        fulls = [
            f
            for f in candidates
            if not wanted or self.gender.get(self._canonical(" ".join(f)), wanted) == wanted
        ]
        same_title = [f for f in fulls if title and _bare(title) in self.titles.get(f, ())]
        fulls = same_title or fulls
        if not fulls:
            return self._canonical(words[0])
        if len(fulls) == 1:
            return self._canonical(" ".join(fulls[0]))

        def last_before(f: tuple[str, ...]) -> int:
            offsets = self.seen.get(f, [])
            i = bisect.bisect_left(offsets, pos)
            return offsets[i - 1] if i else -1

        best = max(fulls, key=last_before)
        if last_before(best) < 0:
            best = min(fulls, key=lambda f: self.seen.get(f, [pos])[0])
        return self._canonical(" ".join(best))

    def _canonical(self, name: str) -> str:
        """The index's name for ``name`` where the document's form is one of its forms and
        no different first name contradicts it (Dixon, Dr Michael Dixon: Michael Dixon)."""
        from nhsalliance_cli.namewords import normalize

        known = self.known.get(normalize(name))
        if known is None:
            return name
        mine = [w for w in name.split() if w not in HONORIFICS]
        theirs = [w for w in known.split() if w not in HONORIFICS]
        if len(mine) >= 2 and len(theirs) >= 2 and mine != theirs:
            return name
        return known


_MAX_SHARING = 32


def title_before(text: str, start: int) -> str | None:
    """The honorific written just before ``start`` (Dr, Sen.), if there is one."""
    m = _TITLE_BEFORE_RE.search(text, max(0, start - 16), start)
    return m.group(1) if m is not None else None


_TITLE_BEFORE_RE = re.compile(r"\b([A-Z][a-z]{1,12})[.\x00]? $")
_CAP_WORD_RE = re.compile(r"[A-Z][^\W\d_]*(?:[’'-][A-Za-z][^\W\d_]*)*")
_PRONOUN_RE = re.compile(r"\b(?:he|she|him|his|her|hers|He|She|His|Her)\b")


def build_cast(text: str, names: Iterable[Named], known: dict[str, str]) -> Cast:
    cast = Cast(known=known)
    names = list(names)
    for named in names:
        cast.add(named)
    for named in names:
        g = gender_of_title(named.title)
        # A surname shared by several people (Mr Burrows) tells nobody's gender yet.
        if g and (len(named.words) >= 2 or len(cast.by_surname.get(named.words[0], ())) < 2):
            cast.gender.setdefault(cast.resolve(named.words, named.title, named.start), g)
    # A first name is weaker evidence than a title: it only fills in what titles leave open.
    for words in cast.seen:
        g = gender_of_first_name(words)
        if g:
            cast.gender.setdefault(cast._canonical(" ".join(words)), g)
    return cast


def person_mentions(text: str, cast: Cast, singles: Iterable[str]) -> list[tuple[int, int, str]]:
    """Every place the document writes one of its people's names (full name, surname or
    a known single name), as (start, end, canonical name), in text order. Linear: each
    capitalised word is tried as the start of a form of at most four words."""
    forms: set[tuple[str, ...]] = set(cast.seen)
    forms.update((s,) for s in cast.by_surname)
    forms.update((s,) for s in singles)
    longest = max((len(f) for f in forms), default=0)
    if not longest:
        return []
    words = [
        (m.start(), m.end(), re.sub(r"[’']s$", "", m.group())) for m in _CAP_WORD_RE.finditer(text)
    ]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        matched = 0
        for k in range(min(longest, len(words) - i), 0, -1):
            chunk = words[i : i + k]
            if any(text[a[1] : b[0]] != " " for a, b in itertools.pairwise(chunk)):
                continue
            form = tuple(w for _, _, w in chunk)
            if form in forms:
                start, end = chunk[0][0], chunk[-1][1]
                title = title_before(text, start)
                found.append((start, end, cast.resolve(form, title, start)))
                g = gender_of_title(title)
                if g:
                    cast.gender.setdefault(found[-1][2], g)
                matched = k
                break
        i += matched or 1
    return found


def pronoun_referents(
    text: str, people: Sequence[tuple[int, int, str]], quoted: Sequence[tuple[int, int]], cast: Cast
) -> dict[int, str]:
    """Who each he/she/his/her outside quotations means: the person last named outside
    quotations whose gender it does not exclude. A person of unknown gender takes the
    gender of the first pronoun that means them. One pass in text order."""
    events: list[tuple[int, int, str]] = [(s, 0, name) for s, _, name in people]
    events += [(m.start(), 1, m.group().lower()) for m in _PRONOUN_RE.finditer(text)]
    events.sort()
    starts = [s for s, _ in quoted]
    recent: OrderedDict[str, None] = OrderedDict()
    referents: dict[int, str] = {}
    for pos, is_pronoun, what in events:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < quoted[i][1]:
            continue  # inside a quotation
        if not is_pronoun:
            recent[what] = None
            recent.move_to_end(what)
            continue
        gender = PRONOUN_GENDER[what]
        for n, person in enumerate(reversed(recent)):
            if n >= 8:
                break
            known = cast.gender.get(person, "")
            if not known or known == gender:
                referents[pos] = person
                cast.gender.setdefault(person, gender)
                break
    return referents
