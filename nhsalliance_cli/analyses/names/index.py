"""The names index and looking a name up in it: whole-name and word-by-word scores, an
acronym in the query read as what it stands for, near misses offered as hints."""

from __future__ import annotations

from dataclasses import dataclass, field

from nhsalliance_cli.analyses.names.entity import Indexed
from nhsalliance_cli.defaults import NAME_HINT_SCORE, NAME_MIN_SCORE
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.text.namewords import normalize, singular

# Points a name the texts mention is ranked up by, over one they never mention.
_MENTIONED_BONUS = 5.0
# The whole-name similarity from which a near miss is offered as a hint.
_HINT_RATIO = 70.0


@dataclass(frozen=True)
class NameIndex:
    entries: tuple[Indexed, ...]
    _keys: tuple[tuple[str, int], ...] = field(default=(), repr=False)

    def lookup(self, query: str, min_score: float = NAME_MIN_SCORE) -> list[tuple[Indexed, float]]:
        """Entities whose name or an alias is close to ``query``, best first.

        A name's score is the better of rapidfuzz's similarity of the whole names
        (WRatio for a one-word query, which finds it inside a longer name) and a
        word-by-word match (:mod:`matching`) that takes abbreviations and a slip in any
        one word, with an acronym in the query also read as what it stands for. Names the
        texts mention rank above those they do not, unless these score clearly higher.
        """
        best = self._scores(query)
        kept = [(i, score) for i, score in best.items() if score >= min_score]
        ranked = sorted(kept, key=lambda kv: self._rank(*kv))
        return [(self.entries[i], round(score, 1)) for i, score in ranked]

    def suggestions(self, query: str, limit: int = 3) -> list[tuple[Indexed, float]]:
        """Near misses worth offering after a failed look-up: names that share a word, a
        near spelling or an abbreviation with ``query``; nothing when none does."""
        best = self._scores(query, hints=True)
        kept = [(i, score) for i, score in best.items() if score >= NAME_HINT_SCORE]
        ranked = sorted(kept, key=lambda kv: self._rank(*kv))
        return [(self.entries[i], round(score, 1)) for i, score in ranked[:limit]]

    def _rank(self, entry: int, score: float) -> tuple[float, int, int]:
        mentions = len(self.entries[entry].mentions)
        return (-(score + (_MENTIONED_BONUS if mentions else 0.0)), -mentions, entry)

    def _scores(self, query: str, hints: bool = False) -> dict[int, float]:
        from rapidfuzz import fuzz

        from nhsalliance_cli.analyses.names.matching import token_score

        wanted = normalize(query)
        if not wanted:
            raise UsageProblem(f"the name {query!r} has no letters or digits")
        readings = self._readings(wanted)
        best: dict[int, float] = {}
        for key, entry in self._keys:
            score = 0.0
            key_words = key.split()
            for variant, weights in readings:
                if weights is not None:  # an acronym spelt out: word by word only
                    score = max(score, token_score(variant.split(), key_words, weights))
                    continue
                if " " not in variant and min(len(variant), len(key)) >= 4 and not hints:
                    whole = fuzz.WRatio(variant, key)  # "confed" in "nhs confederation"
                else:
                    # Partial matches of several words are the word-by-word score's job;
                    # a short name ("gp") sits inside many a long query.
                    whole = fuzz.ratio(variant, key)
                    if hints and whole < _HINT_RATIO:
                        whole = 0.0  # two unrelated names share half their letters
                score = max(score, whole, token_score(variant.split(), key_words))
            if score > best.get(entry, 0.0):
                best[entry] = score
        return best

    def _readings(self, wanted: str) -> list[tuple[str, list[float] | None]]:
        """The normalised query, its singular, and the query with each acronym in it
        spelt out (``royal coll of gps``: also ``royal coll of general practitioner``),
        this last with its words' weights: an acronym's words share one word's weight."""
        readings: list[tuple[str, list[float] | None]] = [
            (r, None) for r in dict.fromkeys([wanted, singular(wanted)])
        ]
        words = wanted.split()
        if len(words) > 1:
            expansions = self._acronyms()
            spelt: list[str] = []
            weights: list[float] = []
            for w in words:
                long = (expansions.get(w) or expansions.get(singular(w)) or w).split()
                spelt += long
                weights += [1 / len(long)] * len(long)
            if spelt != words:
                readings.append((" ".join(spelt), weights))
        return readings

    def _acronyms(self) -> dict[str, str]:
        """Each acronym in the index (a form in capitals, without spaces) and the name
        it stands for, normalised."""
        found: dict[str, str] = {}
        for entry in self.entries:
            if entry.entity.kind == "person":
                continue
            for form in entry.entity.aliases:
                letters = form.rstrip("s")
                if " " not in form and len(letters) >= 2 and letters.isupper():
                    found.setdefault(normalize(form), normalize(entry.entity.name))
        return found

    def forms_of(self, query: str) -> list[str]:
        """The query, and every form of the thing it names exactly (CCG: also CCGs, …)."""
        exact = [e for e, _ in self.lookup(query, min_score=100) if e.entity.kind != "person"]
        return [query, *(form for e in exact[:1] for form in e.entity.forms)]

    def other_forms(self, query: str) -> list[str]:
        """The forms the texts use for the thing ``query`` names, other than the query
        itself, most used first (case aside): CCG: CCGs, clinical commissioning groups."""
        exact = [e for e, _ in self.lookup(query, min_score=100) if e.entity.kind != "person"]
        if not exact:
            return []
        entry = exact[0]
        counts: dict[str, int] = {}
        for _, span in entry.mentions:
            form = entry.entity.forms[span.query]
            if normalize(form) != normalize(query):
                counts[form.casefold()] = counts.get(form.casefold(), 0) + 1
        spelt = {f.casefold(): f for f in reversed(entry.entity.forms)}
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        return [spelt[form] for form, _ in ranked]

    def people_matching(self, wanted: str, names: set[str]) -> set[str]:
        """Which of ``names`` (speakers, say) ``wanted`` means: those holding each of its
        words as a whole word, in their own name or in a form the index gives the person
        (Dr Dixon: Michael Dixon), so "rendell" never means Michael Dell; failing that,
        those whose words are near spellings of each of its words (rendel: Rendell)."""
        from rapidfuzz import fuzz

        words = normalize(wanted).split()
        if not words:
            raise UsageProblem(f"the name {wanted!r} has no letters or digits")

        def holds(form: str) -> bool:
            form_words = set(normalize(form).split())
            return all(w in form_words for w in words)

        found = {name for name in names if holds(name)}
        for entry in self.entries:
            entity = entry.entity
            person = entity.kind == "person" and entity.name in names
            if person and any(holds(form) for form in entity.aliases):
                found.add(entity.name)
        if found:
            return found
        return {
            name
            for name in names
            if all(
                any(fuzz.ratio(w, x) >= _NEAR_WORD for x in normalize(name).split()) for w in words
            )
        }


# How alike (0-100) a word of --speaker and a word of a name must be to count as a slip.
_NEAR_WORD = 85
