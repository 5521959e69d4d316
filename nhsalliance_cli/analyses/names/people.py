"""People a text names: with a title (Dr Michael Dixon), as a speaker's label, beside a
reporting verb (Rick Stern said) or by the evidence of the name itself; then one entity
per person, a surname alone joining the one full name that ends in it."""

from __future__ import annotations

import re
from collections import Counter

from nhsalliance_cli.analyses.attribution.cast import evidence_names
from nhsalliance_cli.analyses.attribution.cues import named_beside_verbs
from nhsalliance_cli.analyses.attribution.personwords import (
    HONORIFICS,
    ROLE_WORDS,
    SUFFIXES,
    is_first_name,
    mask_abbreviations,
    name_word,
    shorter_form,
    surname,
)
from nhsalliance_cli.analyses.names.entity import Entity
from nhsalliance_cli.analyses.names.lines import (
    CAP_WORD,
    NOT_NAME_WORDS,
    is_common_word,
    is_inflected_word,
    lower_words,
    opens_sentence,
    without_headlines,
)
from nhsalliance_cli.text.namewords import ORG_WORDS, PUBLICATION_WORDS
from nhsalliance_cli.text.tokens import split_tokens

_TITLES = r"(?:Dr|Doctor|Lord|Lady|Sir|Dame|Baroness|Baron|Professor|Prof|Mr|Mrs|Ms|Miss|Cllr)"
_TITLED_RE = re.compile(rf"\b({_TITLES})\.? +({CAP_WORD}(?: +{CAP_WORD}){{0,3}})")
_HONORIFIC_WORDS = "|".join(sorted((re.escape(t) for t in HONORIFICS), key=len, reverse=True))
_HONORIFIC_RE = re.compile(
    rf"\b(?:{_HONORIFIC_WORDS})[.\x00]? +({CAP_WORD}(?: +{CAP_WORD}){{1,3}})\b"
)
# A byline, a line of its own: By Karen Whitfield (words in capitals are left alone).
_BYLINE_RE = re.compile(rf"(?m)^[^\S\n]*By +({CAP_WORD}(?: +{CAP_WORD}){{1,3}})[^\S\n]*$")
# A speaker's label: Rick Stern: “…”
_LABEL_RE = re.compile(rf"\b({CAP_WORD} {CAP_WORD}):\s*[“\"‘']")


def people_in(text: str) -> tuple[Counter[str], dict[str, set[str]]]:
    """People named with a title (Dr Michael Dixon) or quoted by name (Rick Stern said):
    how often, and with which titles."""
    full: Counter[str] = Counter()
    titled: dict[str, set[str]] = {}
    lower = lower_words(text)
    # Gill Heaton … Mrs Heaton: a surname the text gives a title vouches for the name
    vouched = {m.group(2).split()[-1] for m in _TITLED_RE.finditer(text)}

    def clean(raw: str, title: bool = False) -> str | None:
        name = _clean_run_on(raw, lower)
        if name is None:
            return None
        words = name.split()
        if not reads_as_person(words, lower, title or (len(words) > 1 and words[-1] in vouched)):
            return None
        return name

    for m in _TITLED_RE.finditer(text):
        name = clean(m.group(2), title=True)
        if name:
            full[name] += 1
            titled.setdefault(name, set()).add(m.group(1))
    for m in _BYLINE_RE.finditer(text):
        name = clean(m.group(1))
        if name and not any(w.isupper() and len(w) > 1 for w in name.split()):
            full[name] += 1
    for m in _LABEL_RE.finditer(text):
        name = clean(m.group(1))
        if name and len(name.split()) == 2:
            full[name] += 1
    masked = mask_abbreviations(text)
    for m in _HONORIFIC_RE.finditer(masked):
        # Sen. Carlos Rivera, President Gordon Whitaker: the titles quotes reads
        name = clean(m.group(1))
        if name and len(name.split()) >= 2 and not any(w in ROLE_WORDS for w in name.split()):
            full[name] += 1
    for _, _, words in evidence_names(masked):
        # Maria L. Castellanos, Hans Bergmann: people by the evidence of the name
        if reads_as_person(list(words), lower):
            full[" ".join(words)] += 1
    # The cue readers read across line breaks: a heading would run into the sentence
    # after it (Bugfixes / Fixed a regression).
    for who in named_beside_verbs(without_headlines(text, headings=True)):
        # read by the quotations' cue readers (speakers.py): title and role already off
        title = (who.title or "").rstrip(".")
        name = clean(who.name or "", title=re.fullmatch(_TITLES, title) is not None)
        if name and 2 <= len(name.split()) <= 3:
            full[name] += 1
            if re.fullmatch(_TITLES, title):
                titled.setdefault(name, set()).add(title)
    full.update(_common_surnames_alone(text, masked, full, lower))
    return full, titled


def _common_surnames_alone(
    text: str, masked: str, full: Counter[str], lower: frozenset[str]
) -> Counter[str]:
    """The surnames of the people ``full`` names that are common words (Price, Young,
    Key), where the text writes one alone (According to Price, ...) and not as a common
    word it also writes in lower case opening a sentence: only such a use makes the
    surname alone an alias (:func:`people_entities`), for a common word's capital also
    opens sentences and labels ("Key" in a manual that writes "key")."""
    wanted = {
        last
        for name in full
        if len(words := name.split()) > 1 and is_common_word(last := surname(words))
    }
    found: Counter[str] = Counter()
    if not wanted:
        return found
    given = {w for name in full for w in name.split()[:-1]}  # the words before surnames
    starts, words = split_tokens(text)
    for i, word in enumerate(words):
        if word not in wanted:
            continue
        if word.lower() in lower and opens_sentence(masked, starts[i]):
            continue  # Young people: a common word the text writes, opening a sentence
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        alone = not before[:1].isupper() or before in HONORIFICS  # Sister Pollard
        if alone and before not in given and not after[:1].isupper():
            found[word] += 1  # not Craig Young, nor a Pre-Shared Key
    return found


# Lower-case words inside a person's name: de la Cruz, van der Merwe, bin Salman.
_PARTICLES = frozenset("de del della der di du da van von le la y al bin ben ibn dos das".split())


def reads_as_person(words: list[str], lower: frozenset[str], title: bool = False) -> bool:
    """Whether capitalised words a cue, a label or the evidence of a name reads as a
    person's name are one: every word capitalised but a particle (not Requests and,
    Support for), none an identifier in camel case (FilterOutputStream); and, unless
    they follow a title or open with a known first name, no word one the text also writes
    in lower case (Logging Django, Directory Dir), the first word no common word (Own Id,
    Extracts EDoc; Bede Arkwright is a name) and the surname no common word's plural or
    verb form (Makefile Loads; Gideon Marsh is a name)."""
    last = len(words) - 1
    for i, word in enumerate(words):
        if not word[:1].isupper() and not (0 < i < last and word in _PARTICLES):
            return False
        if _CAMEL_RE.search(word) and not _CAMEL_NAME_RE.match(word):
            return False
    if title or is_first_name(words[0]):
        return True
    named = [w for w in words if len(w.rstrip(".")) > 1 and w.rstrip(".") not in SUFFIXES]
    if not named or any(w.lower() in lower for w in named):
        return False  # Directory Dir: the text writes "directory" too
    return not (is_common_word(named[0]) or is_inflected_word(named[-1]))


# A capital after a small letter: an identifier (NullPointerException, EDoc), unless after
# a prefix of surnames (McDonald, MacLeod, DeLuca, LeBlanc, DiMaggio, VanDyke, FitzGerald).
_CAMEL_RE = re.compile(r"[a-z][A-Z]")
_CAMEL_NAME_RE = re.compile(
    r"(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|St|O’|O')[A-Z][a-z]+(?:-[A-Z][a-z]+)*$"
)


def _fold_shorter_forms(full: Counter[str]) -> tuple[Counter[str], dict[str, set[str]]]:
    """The people's names with each shorter form of exactly one fuller name (Donald Trump,
    Donald J. Trump; Anthony Ockham, Paul Anthony Ockham: a name found inside a longer one)
    counted as the fuller, and the shorter forms each fuller one took."""
    by_surname: dict[str, list[str]] = {}
    for name in full:
        by_surname.setdefault(surname(name.split()), []).append(name)
    folded: dict[str, set[str]] = {}
    kept: Counter[str] = Counter()
    for name, n in full.items():
        words = name.split()
        fuller = [
            f
            for f in by_surname[surname(words)]
            if len(words) >= 2 and (shorter_form(words, f.split()) or _tail_of(words, f.split()))
        ]
        if len(fuller) == 1:
            kept[fuller[0]] += n
            folded.setdefault(fuller[0], set()).add(name)
        else:
            kept[name] += n
    return kept, folded


def _tail_of(short: list[str], long: list[str]) -> bool:
    """Whether ``short`` is the last words of the longer name ``long`` (a middle name and
    the surname)."""
    return len(short) < len(long) and long[-len(short) :] == short


def people_entities(full: Counter[str], titled: dict[str, set[str]]) -> list[Entity]:
    """One entity per person. A surname alone (Dixon, Dr Dixon) joins the one full name
    ending in it; where two people share a surname each keeps their full name, and the
    surname alone names no one."""
    people: list[Entity] = []
    full, folded = _fold_shorter_forms(full)
    by_surname: dict[str, list[str]] = {}
    for name in full:
        by_surname.setdefault(surname(name.split()), []).append(name)
    for last, names in by_surname.items():
        firsts = sorted((n for n in names if len(n.split()) > 1), key=lambda n: -full[n])
        if len(firsts) > 1:
            for n in firsts:  # people sharing a surname: each with their own titles
                aliases = {f"{t} {n}" for t in titled.get(n, ())} | set(folded.get(n, ()))
                people.append(Entity(n, "person", tuple(sorted(aliases)), "corpus"))
            continue
        canonical = max(names, key=lambda n: (len(n.split()), full[n]))
        # The surname alone names the person, unless it is a common word (Key, Young):
        # then only where a text wrote it alone after a title or inside a sentence (it
        # is then one of ``names``).
        alone = last != canonical and not is_common_word(last)
        aliases = {last} if alone else set()
        for n in names:
            aliases.update(f"{t} {n}" for t in titled.get(n, ()))
            aliases.update(folded.get(n, ()))
            if n != canonical:
                aliases.add(n)
        people.append(Entity(canonical, "person", tuple(sorted(aliases)), "corpus"))
    return people


def _clean_run_on(raw: str, lower: frozenset[str]) -> str | None:
    """A person's name from a run of capitalised words, cut before a word the text also
    writes in lower case as a verb (Dr Amy Reed Thanked Clinton: Amy Reed)."""
    words = raw.split()
    for i in range(2, len(words)):
        word = words[i].lower()
        if word in lower and word.endswith(("ed", "ing", "es")):
            words = words[:i]
            break
    return _clean_person(" ".join(words))


def _clean_person(raw: str) -> str | None:
    words = [name_word(w) for w in raw.split()]
    while words and re.fullmatch(_TITLES, words[0].rstrip(".")):
        words = words[1:]  # Dr Smith said: the title is not part of the name
    while words and (
        (words[-1].isupper() and words[-1] not in SUFFIXES and len(words[-1]) > 1)
        or words[-1] in ORG_WORDS
    ):
        words.pop()  # post-nominals (OBE) and what follows the name
    if not words or any(w in NOT_NAME_WORDS or w in ORG_WORDS for w in words):
        return None  # Thanked Clinton For, Can Save The: a sequence running into a phrase
    if any(w in PUBLICATION_WORDS for w in words):
        return None
    return " ".join(words)
