"""A document's cast: the people it names (with the evidence that they are people), each
known by all the forms the text gives them, where else they are mentioned, and whom each
pronoun refers to."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from nhsalliance_cli.analyses.attribution.personwords import (
    FIRST_NAME_TITLES,
    HONORIFICS,
    NOT_NAMES,
    PRONOUN_GENDER,
    ROLE_WORDS,
    gender_of_first_name,
    gender_of_title,
    is_first_name,
    name_word,
    places,
    surname,
)
from nhsalliance_cli.analyses.attribution.speakers import bare_word, is_org_word

NAME_PATTERN = r"[A-Z][^\W\d_]+(?:[’'-][A-Za-z][^\W\d_]*)*"


INITIAL_PATTERN = r"[A-Z][.\x00]"


SUFFIX_PATTERN = r"(?: (?:Jr|Sr)[.\x00]| (?:III|II|IV)\b)?"


# Maria L. Castellanos, Edward G. Renfrew Jr.: a middle initial makes a person's name.
INITIALED_RE = re.compile(
    rf"(?<![-’'\w\x00])({NAME_PATTERN}(?: {INITIAL_PATTERN})+ {NAME_PATTERN}{SUFFIX_PATTERN})"
)


# Helen Marsh, Hans Bergmann: a known first name, then a surname.
# Matched at every capitalised word (a look-ahead), so that "Pensioner Albert Greenhalgh"
# is tried as "Albert Greenhalgh" too.
_FIRST_THEN = rf"({NAME_PATTERN}) ({NAME_PATTERN}(?:-{NAME_PATTERN})?){SUFFIX_PATTERN}"
_FIRST_THEN_RE = re.compile(rf"(?<![-’'\w\x00])(?=({_FIRST_THEN})\b)")


def evidence_names(masked: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """People the text names without a title or a cue, by the evidence of the name
    itself: a middle initial, or a first name of data/first_names.txt before a surname
    that is no organisation's or place's word. (start, end, words), in text order."""
    found: list[tuple[int, int, tuple[str, ...]]] = []
    for m in INITIALED_RE.finditer(masked):
        words = tuple(name_word(w) for w in m.group(1).split())
        if _plausible(words):
            found.append((m.start(1), m.end(1), words))
    taken = {start for start, _, _ in found}
    after = 0  # the end of the last name found this way: names do not overlap
    for m in _FIRST_THEN_RE.finditer(masked):
        start, end = m.span(1)
        if start < after or start in taken or not is_first_name(m.group(2)):
            continue
        if masked[start - 1 : start] in _OPENING and masked[end : end + 1] in _CLOSING:
            continue  # becoming a ‘Marie Celeste’: a name borrowed as a figure
        words = tuple(name_word(w) for w in m.group(1).split())
        if _plausible(words):
            found.append((start, end, words))
            after = end
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
                self.titles.setdefault(named.words, set()).add(bare_word(named.title))

    def resolve(self, words: tuple[str, ...], title: str | None, pos: int) -> str:
        """The fullest form in the document of the name written ``words`` at ``pos``."""
        if len(words) >= 2:
            return self._canonical(" ".join(words))
        wanted = gender_of_title(title)
        candidates = self.by_surname.get(words[0], ())
        if not candidates or bare_word(title or "") in FIRST_NAME_TITLES:
            # Sir Malcolm, Dame Judi, or a first name alone (Hillary said)
            candidates = self.by_first.get(words[0], ()) or candidates
        fulls = [
            f
            for f in candidates
            if not wanted or self.gender.get(self._canonical(" ".join(f)), wanted) == wanted
        ]
        same_title = [f for f in fulls if title and bare_word(title) in self.titles.get(f, ())]
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
        from nhsalliance_cli.text.namewords import normalize

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


# A subject with no name, opening a sentence: "A government spokeswoman said …". A pronoun
# after it means that unnamed person, not someone named earlier.
_NAMELESS_SUBJECT_RE = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?] )|(?<=[.!?][”’\"'] ))[ \t]*((?:[Aa]n?|[Tt]he|[Oo]ne) "
    r"(?:[\w’'-]+ ){0,3}?(spokes(?:wo)?man|spokesperson|official|source|aide|insider))\b"
    r"(?= (?:for|at|from|of|to|with|who|said|says|told|tells|added|adds|explained|insisted)\b|,)"
)
_NAMELESS_GENDER = {"spokeswoman": "f", "spokesman": "m"}
# How pronoun_referents marks an unnamed referent: the mark, then the phrase that names it.
NAMELESS = "\x01"
_SENTENCE_END_RE = re.compile(r"[.!?][”’\"')\]]*\s+|\n\s*\n")


def pronoun_referents(
    text: str, people: Sequence[tuple[int, int, str]], quoted: Sequence[tuple[int, int]], cast: Cast
) -> dict[int, str]:
    """Who each he/she/his/her outside quotations means: the person last named outside
    quotations whose gender it does not exclude, except that of two people named in one
    sentence the first (its subject) is preferred (He called on the health secretary, Alan
    Johnson, to act. "…," he said: he is not Johnson). A he or she resolved counts as a new
    mention of its person; an unnamed subject (A government spokeswoman said) is a referent
    too, marked :data:`NAMELESS` before its phrase. A person of unknown gender takes the
    gender of the first pronoun that means them. One pass in text order."""
    events: list[tuple[int, int, str]] = [(s, 0, name) for s, _, name in people]
    events += [(m.start(1), 0, NAMELESS + m.group(1)) for m in _NAMELESS_SUBJECT_RE.finditer(text)]
    events += [(m.start(), 1, m.group().lower()) for m in _PRONOUN_RE.finditer(text)]
    events.sort()
    starts = [s for s, _ in quoted]
    sentence_starts = [0, *(m.end() for m in _SENTENCE_END_RE.finditer(text))]
    recent: OrderedDict[str, int] = OrderedDict()  # person -> where last mentioned
    referents: dict[int, str] = {}
    for pos, is_pronoun, what in events:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < quoted[i][1]:
            continue  # inside a quotation
        if is_pronoun:
            found = _referent(what, recent, sentence_starts, cast)
            if found is None:
                continue
            if not found.startswith(NAMELESS):
                cast.gender.setdefault(found, PRONOUN_GENDER[what])
            referents[pos] = found
            if what not in ("he", "she"):
                continue  # his son, her aide: a possessive is not the sentence's subject
            what = found
        recent[what] = pos
        recent.move_to_end(what)
    return referents


def _referent(
    pronoun: str, recent: OrderedDict[str, int], sentence_starts: Sequence[int], cast: Cast
) -> str | None:
    """The person a pronoun means, among the last eight mentioned (most recent first)."""
    gender = PRONOUN_GENDER[pronoun]

    def fits(person: str) -> bool:
        if person.startswith(NAMELESS):
            known = _NAMELESS_GENDER.get(person.rsplit(" ", 1)[-1].lower(), "")
        else:
            known = cast.gender.get(person, "")
        return not known or known == gender

    fitting = [p for p in itertools.islice(reversed(recent), 8) if fits(p)]
    if not fitting:
        return None

    def sentence(person: str) -> int:
        return bisect.bisect_right(sentence_starts, recent[person])

    latest = sentence(fitting[0])
    return min((p for p in fitting if sentence(p) == latest), key=lambda p: recent[p])
