"""The words that tell a person: titles and their genders, roles, suffixes, first names
(curated data), places, and the forms of one name (its surname, a shorter form of it)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from importlib import resources

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


# Titles of courtesy, not offices: "Health Secretary" is a role, "Health Dr" is not one.
COURTESY_TITLES = frozenset(
    "Mr Mrs Ms Miss Mister Madam Dr Doctor Prof Professor Sir Dame Lord Lady Baron Baroness "
    "Rev Reverend".split()
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


ORG_WORDS_EXTRA = frozenset(
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
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million dozen dozens hundreds thousands".split()
)


PARTY_WORDS = frozenset(
    "Democrat Republican Independent Conservative Liberal Socialist Tory Democrats "
    "Republicans".split()
)


FIRST_NAME_TITLES = frozenset(("Sir", "Dame"))


# What follows a surname as part of the name: Gerald P. Hanlon Jr., Douglas Pruett III.
SUFFIXES = frozenset("Jr Sr II III IV".split())  # Sir Malcolm Reeve is Sir Malcolm


CONNECTORS = frozenset("of for and de van von der den da di du la le bin ibn al el del".split())


PREPOSITIONS = frozenset(
    "for of to with from by at about on against in into near outside inside across under "
    "over behind toward towards".split()
)


SCENE_WORDS = PREPOSITIONS | frozenset("in after before during since as while".split())


DETERMINERS = frozenset("the a an one another its his her their our".split())


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
