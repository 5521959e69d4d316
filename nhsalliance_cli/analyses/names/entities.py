"""The names index: people, organisations, places, terms and publications, and their mentions.

Two sources, merged: the curated glossary shipped in ``data/glossary.toml`` (reference
data about the NHS, not about any corpus) and names extracted from whatever corpus is
loaded: acronym definitions (Schwartz & Hearst's algorithm), people with titles or
quoted by name, and capitalised names of organisations and publications. Mentions are
found with the search engine, the longest name winning where two overlap.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from nhsalliance_cli.analyses.attribution.cast import evidence_names
from nhsalliance_cli.analyses.attribution.cues import named_beside_verbs
from nhsalliance_cli.analyses.attribution.personwords import (
    HONORIFICS,
    NOT_NAMES,
    ROLE_WORDS,
    SUFFIXES,
    is_first_name,
    mask_abbreviations,
    name_word,
    shorter_form,
    surname,
)
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.defaults import NAME_HINT_SCORE, NAME_MIN_SCORE
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.text.namewords import ORG_WORDS as ORG_WORDS  # re-exported: names' API
from nhsalliance_cli.text.namewords import PUBLICATION_WORDS as PUBLICATION_WORDS
from nhsalliance_cli.text.namewords import normalize as normalize
from nhsalliance_cli.text.namewords import singular as singular
from nhsalliance_cli.text.packed import PackedMentions
from nhsalliance_cli.text.search import Query, Span, TokenTable, compile_words, find_spans
from nhsalliance_cli.text.tokens import fold, split_tokens, tokens

KINDS = ("person", "organisation", "place", "term", "publication")
# Points a name the texts mention is ranked up by, over one they never mention.
_MENTIONED_BONUS = 5.0
# The whole-name similarity from which a near miss is offered as a hint.
_HINT_RATIO = 70.0


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    origin: str = "glossary"  # glossary, corpus, or glossary+corpus
    note: str | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        """The name and its aliases: every way a text may write it."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Indexed:
    """An entity with what the corpus says of it."""

    entity: Entity
    # (doc id, span) in corpus order; span.query indexes entity.forms (what matched)
    mentions: Sequence[tuple[str, Span]]
    docs: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None

    def record(self, score: float | None = None) -> dict[str, Any]:
        """The JSON fields of ``names``."""
        e = self.entity
        return {
            "name": e.name,
            "kind": e.kind,
            "aliases": list(e.aliases),
            "score": score,
            "mentions": len(self.mentions),
            "docs": list(self.docs),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "origin": e.origin,
            "note": e.note,
        }


@dataclass(frozen=True)
class NameIndex:
    entries: tuple[Indexed, ...]
    _keys: tuple[tuple[str, int], ...] = field(default=(), repr=False)

    def lookup(self, query: str, min_score: float = NAME_MIN_SCORE) -> list[tuple[Indexed, float]]:
        """Entities whose name or an alias is close to ``query``, best first.

        A name's score is the better of rapidfuzz's similarity of the whole names
        (WRatio for a one-word query, which finds it inside a longer name) and a
        word-by-word match (:mod:`namematch`) that takes abbreviations and a slip in any
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


# --- building the index --------------------------------------------------------------
#
# The index is a merge of per-document records (:class:`DocNames`), so that an index of
# the corpus keeps one record per document and an edit re-reads one document. A record
# holds what the document contributes (candidate names with their evidence) and enough
# to find the mentions of any name another document may define without reading the
# text again: the spans of the glossary's and its own names, found by the search
# engine, and a table of its capitalised words, where the merge looks up every other
# capitalised form (a document that says only "Dixon" mentions the Michael Dixon that
# another one names in full).


@dataclass(frozen=True)
class DocNames:
    """What one document contributes to the names index: tuples of str and int only,
    so that it can be stored as rows."""

    doc: str
    date: str  # "" when undated
    # (name, kind, aliases): acronyms defined and capitalised names of things
    entities: tuple[tuple[str, str, tuple[str, ...]], ...]
    # (full name, times named, titles): people with a title or named beside a verb
    people: tuple[tuple[str, int, tuple[str, ...]], ...]
    # (form, start, end): where the glossary's and the document's own forms stand
    hits: tuple[tuple[str, int, int], ...]
    # The capitalised words (and the small words joining them: of, and, s...): each
    # one's text, start offset and token number, for the forms of other documents.
    words: tuple[str, ...]
    starts: tuple[int, ...]
    positions: tuple[int, ...]


def build_index(corpus: Corpus) -> NameIndex:
    return merge_names([document_names(doc) for doc in corpus])


def document_names(doc: Document) -> DocNames:
    """One document's record: linear in its text."""
    from nhsalliance_cli.text.quotemarks import unify_marks

    text = unify_marks(doc.text)
    entities: list[Entity] = []
    for paragraph in _prose_paragraphs(text):
        entities.extend(_acronyms(paragraph))
        entities.extend(_names(paragraph))
    full, titled = _people_in(_without_headlines(text))
    forms = [form for e in entities for form in e.forms]
    hits = _search_forms(text, forms)
    starts, words = split_tokens(text)
    kept_words: list[str] = []
    kept_starts: list[int] = []
    kept_positions: list[int] = []
    previous_kept = False
    for i, word in enumerate(words):
        keep = not word.islower() or (previous_kept and word in _JOINING_WORDS)
        if keep:
            kept_words.append(word)
            kept_starts.append(starts[i])
            kept_positions.append(i)
        previous_kept = keep
    return DocNames(
        doc=doc.id,
        date=doc.date or "",
        entities=tuple((e.name, e.kind, e.aliases) for e in entities),
        people=tuple((name, n, tuple(sorted(titled.get(name, ())))) for name, n in full.items()),
        hits=tuple(hits),
        words=tuple(kept_words),
        starts=tuple(kept_starts),
        positions=tuple(kept_positions),
    )


# Lower-case words a name may hold between capitalised ones (Royal College of GPs, King's
# Fund: the tokens King, s, Fund), kept in a record's table after a capitalised word.
_JOINING_WORDS = frozenset(
    "of for and the s in on at to upon de del della der di du da van von le la y al bin".split()
)


def merge_names(per_doc: Sequence[DocNames]) -> NameIndex:
    """The names index of a corpus from its documents' records alone, in corpus order:
    linear in the records' size (each capitalised word tries the few forms beginning
    with it). The steps (:func:`names_entities`, :func:`record_mentions`,
    :func:`assemble_index`) are also run apart by an index, which keeps each record's
    mentions for a given set of entities."""
    dates: dict[str, str] = {}
    entities = names_entities(per_doc, dates)
    tables = MentionTables.of(entities)
    return assemble_index(entities, ((r.doc, record_mentions(r, tables)) for r in per_doc), dates)


def head(record: DocNames) -> DocNames:
    """A record without what only its mentions need (its hits and capitalised words):
    what the entities of a corpus are worked out from."""
    return replace(record, hits=(), words=(), starts=(), positions=())


def names_entities(records: Iterable[DocNames], dates: dict[str, str]) -> list[Entity]:
    """The corpus's entities, from its records (heads suffice), the glossary's first;
    each record's date goes into ``dates``."""
    return merge([*load_glossary(), *_candidates(records, dates)])


def entities_key(entities: Sequence[Entity]) -> str:
    """A digest of what records' mentions depend on: each entity's forms, in order."""
    import hashlib

    text = "\n".join("\t".join(e.forms) for e in entities)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]


@dataclass(frozen=True)
class MentionTables:
    """The entities' forms as a record's mentions are looked up: by form (the record's own
    hits) and by first word (its capitalised words)."""

    by_form: dict[str, list[tuple[int, int]]]
    by_first: dict[str, list[tuple[int, int, tuple[str, ...], bool]]]

    @classmethod
    def of(cls, entities: Sequence[Entity]) -> MentionTables:
        by_form: dict[str, list[tuple[int, int]]] = {}
        by_first: dict[str, list[tuple[int, int, tuple[str, ...], bool]]] = {}
        for i, entity in enumerate(entities):
            for j, form in enumerate(entity.forms):
                words = tokens(form)
                if not words or "*" in form:
                    continue
                by_form.setdefault(form, []).append((i, j))
                exact = form != form.lower()
                key = tuple(words) if exact else tuple(fold(w) for w in words)
                by_first.setdefault(fold(words[0]), []).append((i, j, key, exact))
        return cls(by_form, by_first)


RecordMentions = tuple[tuple[int, int, int, int], ...]  # (entity, start, end, form)


def record_mentions(record: DocNames, tables: MentionTables) -> RecordMentions:
    """One record's mentions of the entities: a form's spans where the document's search
    found it, and runs of its capitalised words that spell it; where two names overlap
    the longer wins, and where two entities share a span the first."""
    by_form, by_first = tables.by_form, tables.by_first
    owners: dict[tuple[int, int], tuple[int, int]] = {}  # span -> (entity, form)
    for hit, start, end in record.hits:
        for held in by_form.get(hit, ()):
            _keep_first(owners, start, end, held)
    kept, starts, positions = record.words, record.starts, record.positions
    # One fold of all the words at once (tokens hold no line break; fold keeps length).
    folded = fold("\n".join(kept)).split("\n") if kept else []
    starting = [k for k, word in enumerate(folded) if word in by_first]
    for k in starting:
        for i, j, key, exact in by_first[folded[k]]:
            last = k + len(key) - 1
            if last >= len(kept) or positions[last] - positions[k] != len(key) - 1:
                continue
            run = kept[k : last + 1] if exact else tuple(folded[k : last + 1])
            if run == key:
                _keep_first(owners, starts[k], starts[last] + len(kept[last]), (i, j))
    found: list[tuple[int, int, int, int]] = []
    for span in _longest_first([Span(s, e, 0) for s, e in owners]):
        entity, form = owners[(span.start, span.end)]
        found.append((entity, span.start, span.end, form))
    return tuple(found)


def assemble_index(
    entities: Sequence[Entity],
    per_doc: Iterable[tuple[str, RecordMentions]],
    dates: dict[str, str],
) -> NameIndex:
    """The names index from the entities and each document's mentions, in corpus order."""
    found: dict[int, list[tuple[str, Span]]] = {}
    for doc, mentions in per_doc:
        for owner, start, end, form in mentions:
            found.setdefault(owner, []).append((doc, Span(start, end, form)))
    entries = []
    for i, entity in enumerate(entities):
        spans = PackedMentions(found.get(i, ()))
        docs = tuple(dict.fromkeys(doc for doc, _ in spans))
        seen = sorted(d for d in (dates[doc] for doc in docs) if d)
        entries.append(
            Indexed(entity, spans, docs, seen[0] if seen else None, seen[-1] if seen else None)
        )
    keys = [
        (key, i)
        for i, entry in enumerate(entries)
        for key in dict.fromkeys(k for form in entry.entity.forms for k in _keys_of(form))
    ]
    return NameIndex(tuple(entries), tuple(keys))


def _keep_first(
    owners: dict[tuple[int, int], tuple[int, int]], start: int, end: int, owner: tuple[int, int]
) -> None:
    """Where two entities' forms span the same words, the first entity's (the glossary's
    before the corpus's) holds them."""
    held = owners.get((start, end))
    if held is None or owner < held:
        owners[(start, end)] = owner


def _search_forms(text: str, forms: Sequence[str]) -> list[tuple[str, int, int]]:
    """Where the glossary's forms and ``forms`` stand in ``text``, by the search engine."""
    glossary_queries, glossary_forms, glossary_first = _glossary_queries()
    queries = list(glossary_queries)
    owners = list(glossary_forms)
    by_first = {k: list(v) for k, v in glossary_first.items()}
    for form in dict.fromkeys(forms):
        words = tokens(form)
        if not words or "*" in form:
            continue
        by_first.setdefault(fold(words[0]), []).append(len(queries))
        queries.append(compile_words(form, case_sensitive=form != form.lower()))
        owners.append(form)
    table = TokenTable.of(text)
    chosen = sorted(k for term in table.vocabulary() for k in by_first.get(term, ()))
    if not chosen:
        return []
    asked = [queries[k] for k in chosen]
    return [
        (owners[chosen[span.query]], span.start, span.end)
        for span in find_spans(text, asked, table)
    ]


@functools.cache
def _glossary_queries() -> tuple[tuple[Query, ...], tuple[str, ...], dict[str, tuple[int, ...]]]:
    """The glossary's forms compiled once: queries, the form of each, and by first word."""
    queries: list[Query] = []
    owners: list[str] = []
    by_first: dict[str, list[int]] = {}
    for entity in load_glossary():
        for form in entity.forms:
            words = tokens(form)
            if not words or "*" in form or form in owners:
                continue
            by_first.setdefault(fold(words[0]), []).append(len(queries))
            queries.append(compile_words(form, case_sensitive=form != form.lower()))
            owners.append(form)
    return tuple(queries), tuple(owners), {k: tuple(v) for k, v in by_first.items()}


@functools.cache
def _glossary() -> tuple[Entity, ...]:
    import tomllib
    from importlib import resources

    raw = (resources.files("nhsalliance_cli") / "data" / "glossary.toml").read_text("utf-8")
    return tuple(
        Entity(
            name=e["name"],
            kind=e["kind"],
            aliases=tuple(e.get("aliases", ())),
            origin="glossary",
            note=e.get("note"),
        )
        for e in tomllib.loads(raw)["entities"]
    )


def load_glossary() -> list[Entity]:
    return list(_glossary())


def merge(entities: Iterable[Entity]) -> list[Entity]:
    """One entity per thing: entities sharing a normalised form are merged.

    The first one seen (the glossary's, when there is one) keeps its name and kind.
    """
    merged: list[Entity] = []
    owner: dict[str, int] = {}
    for entity in entities:
        keys = {k for form in entity.forms for k in _keys_of(form)}
        hits = sorted({owner[k] for k in keys if k in owner})
        if not hits:
            owner.update(dict.fromkeys(keys, len(merged)))
            merged.append(entity)
            continue
        target = hits[0]
        base = merged[target]
        extra = [f for f in entity.forms if f not in base.forms]
        origin = base.origin if base.origin == entity.origin else "glossary+corpus"
        merged[target] = Entity(
            base.name, base.kind, (*base.aliases, *extra), origin, base.note or entity.note
        )
        owner.update(dict.fromkeys(keys, target))
    return merged


def mention_spans(corpus: Corpus, entry: Indexed) -> Iterator[tuple[Document, list[Span]]]:
    """An entity's mentions grouped by document, for concordance lines."""
    by_doc: dict[str, list[Span]] = {}
    for doc_id, span in entry.mentions:
        by_doc.setdefault(doc_id, []).append(span)
    for doc in corpus:
        if doc.id in by_doc:
            yield doc, by_doc[doc.id]


def _longest_first(spans: Sequence[Span]) -> list[Span]:
    kept: list[Span] = []
    starts: list[int] = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        i = bisect.bisect_left(starts, span.start)
        if i > 0 and kept[i - 1].end > span.start:
            continue
        if i < len(kept) and kept[i].start < span.end:
            continue
        kept.insert(i, span)
        starts.insert(i, span.start)
    return kept


# --- extraction from the corpus ------------------------------------------------------

_TITLES = r"(?:Dr|Doctor|Lord|Lady|Sir|Dame|Baroness|Baron|Professor|Prof|Mr|Mrs|Ms|Miss|Cllr)"
_CAP_WORD = r"(?:(?:Jr|Sr)[.\x00]|[A-Z][.\x00](?= )|[A-Z][^\W\d_]*(?:[’'-][A-Za-z][^\W\d_]*)*)"
_TITLED_RE = re.compile(rf"\b({_TITLES})\.? +({_CAP_WORD}(?: +{_CAP_WORD}){{0,3}})")
_HONORIFIC_WORDS = "|".join(sorted((re.escape(t) for t in HONORIFICS), key=len, reverse=True))
_HONORIFIC_RE = re.compile(
    rf"\b(?:{_HONORIFIC_WORDS})[.\x00]? +({_CAP_WORD}(?: +{_CAP_WORD}){{1,3}})\b"
)
# A speaker's label: Rick Stern: “…”
_LABEL_RE = re.compile(rf"\b({_CAP_WORD} {_CAP_WORD}):\s*[“\"‘']")
_CONNECTORS = ("of", "for", "and", "&")
_SEQUENCE_RE = re.compile(rf"{_CAP_WORD}(?: +(?:(?:of|for|and|&) +)?{_CAP_WORD})+")
_PAREN_RE = re.compile(r"\(\s*([^()\n]{1,80}?)\s*\)")
_NOT_NAMES = frozenset(
    "The This That These Those A An It He She They We Our Their His Her Its In On At For "
    "And But Or If When While As Since From To Of By With Without After Before Many Most "
    "Some All Every Each Today Yesterday Happy Please Notes Dear Chair Chairman Chairwoman "
    "Chief President Director Secretary Minister Editor".split()
)


def extract(corpus: Corpus) -> list[Entity]:
    """Every candidate entity of the corpus, before merging: its documents' records'."""
    return _candidates([document_names(doc) for doc in corpus])


def _candidates(records: Iterable[DocNames], dates: dict[str, str] | None = None) -> list[Entity]:
    """The records' candidate entities, then their people (each named as often as all the
    records name them, with all their titles), before merging; each record's date goes
    into ``dates`` on the way."""
    people: Counter[str] = Counter()
    titled: dict[str, set[str]] = {}
    found: list[Entity] = []
    for record in records:
        if dates is not None:
            dates[record.doc] = record.date
        for name, n, titles in record.people:
            people[name] += n
            titled.setdefault(name, set()).update(titles)
        found.extend(
            Entity(name, kind, aliases, "corpus") for name, kind, aliases in record.entities
        )
    return [*found, *_people_entities(people, titled)]


def _without_headlines(text: str) -> str:
    """``text`` with its headlines (see :func:`_prose_paragraphs`) blanked out, the same
    length: "Mayor Unveils Budget With Deep Cuts" names no one."""
    prose = set(_prose_paragraph_spans(text))
    from nhsalliance_cli.text.tokens import paragraph_spans

    pieces: list[str] = []
    pos = 0
    for start, end in paragraph_spans(text):
        if (start, end) not in prose:
            pieces += [text[pos:start], " " * (end - start)]
            pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _prose_paragraphs(text: str) -> Iterator[str]:
    for start, end in _prose_paragraph_spans(text):
        yield text[start:end]


def _prose_paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Paragraphs that are not title-case headlines (whose capitals say nothing).

    A headline has mostly capitalised words and no closing sentence punctuation.
    """
    from nhsalliance_cli.text.tokens import paragraph_spans

    for start, end in paragraph_spans(text):
        paragraph = text[start:end]
        if paragraph.rstrip("”’\"' ").endswith((".", "!", "?")):
            yield start, end
            continue
        words = [w for w in tokens(paragraph) if w[0].isalpha()]
        capitals = sum(1 for w in words if w[0].isupper())
        if len(words) < 4 or capitals / len(words) < 0.6:
            yield start, end


# A clause ends at one of these followed by white space; a long form never crosses it.
_CLAUSE_END_RE = re.compile(r"[.;:!?]\s")
_WORD_RE = re.compile(r"\S+")
# A short form has at most 10 characters, so its long form at most 2 x 10 words (and
# the word before a parenthesis is one): more words before a '(' are never looked at.
_WORDS_BEFORE = 20


def _acronyms(paragraph: str) -> Iterator[Entity]:
    # The clause ends and the words are found once per paragraph; each parenthesis then
    # looks up the words just before it in the current clause, in time independent of
    # the paragraph's length (splitting the paragraph up to each '(' was quadratic).
    clause_starts = [m.end() for m in _CLAUSE_END_RE.finditer(paragraph)]
    word_starts: list[int] = []
    word_ends: list[int] = []
    for w in _WORD_RE.finditer(paragraph):
        word_starts.append(w.start())
        word_ends.append(w.end())
    for m in _PAREN_RE.finditer(paragraph):
        inside = m.group(1)
        cut = m.start()
        clause = bisect.bisect_right(clause_starts, cut)
        clause_start = clause_starts[clause - 1] if clause else 0
        last = bisect.bisect_left(word_starts, cut)  # words starting before the '('
        first = max(bisect.bisect_left(word_starts, clause_start), last - _WORDS_BEFORE)
        before = [paragraph[word_starts[i] : min(word_ends[i], cut)] for i in range(first, last)]
        if _is_short_form(inside):
            short, window = inside, before[-min(len(inside) + 5, 2 * len(inside)) :]
            long = long_form(short, " ".join(window))
        elif before and _is_short_form(before[-1]) and len(inside.split()) >= 2:
            short = before[-1]
            long = long_form(short, inside)
            if long != inside.strip():
                long = None
        else:
            continue
        if long:
            yield _acronym_entity(short, long)


def _is_short_form(text: str) -> bool:
    capitals = sum(1 for c in text if c.isupper())
    return (
        2 <= len(text) <= 10
        and text[0].isalnum()
        and " " not in text
        and capitals >= 2
        and all(c.isalnum() or c in "-&/." for c in text)
    )


def long_form(short: str, candidate: str) -> str | None:
    """Schwartz & Hearst (2003): the shortest tail of ``candidate`` that spells ``short``.

    Each letter or digit of the short form, right to left, must appear in the long form
    in order; the first must begin a word.
    """
    s, text = short.lower(), candidate.lower()
    si, li = len(s) - 1, len(text) - 1
    while si >= 0:
        c = s[si]
        if not c.isalnum():
            si -= 1
            continue
        while li >= 0 and (text[li] != c or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        si -= 1
    start = candidate.rfind(" ", 0, li + 1) + 1
    result = candidate[start:].strip(" ,;:“”\"'‘’")
    if len(result) <= len(short) or len(tokens(result)) < 2:
        return None
    if short.lower() in (w.lower() for w in result.split()):
        return None
    return result


def _acronym_entity(short: str, long: str) -> Entity:
    plural = short.endswith("s") and short[:-1].isupper()
    single_short = short[:-1] if plural else short
    single_long = singular(long) if plural else long
    aliases = [single_short]
    if plural:
        aliases += [short, long]
    kind = _kind_of(single_long, None) or "term"
    return Entity(single_long, kind, tuple(aliases), "corpus")


def _names(paragraph: str) -> Iterator[Entity]:
    for m in _SEQUENCE_RE.finditer(paragraph):
        for words in _split_sequence(m.group().split()):
            while words and (words[0] in _NOT_NAMES or words[0] in NOT_NAMES):
                words = words[1:]  # Later Bill Clinton: a sentence's first word
            if len(words) < 2 or words[-1] in _CONNECTORS:
                continue
            name = " ".join(words)
            kind = _kind_of(name, None)
            if kind is not None:
                yield Entity(name, kind, (), "corpus")


def _split_sequence(words: list[str]) -> Iterator[list[str]]:
    """Split runs of capitalised words that hold two names.

    "NHS England’s Five Year Forward View" splits after the possessive, and "King’s Fund
    and NHS Confederation" at an "and" with two or more words on each side.
    """
    part: list[str] = []
    for i, word in enumerate(words):
        if word in ("and", "&") and len(part) >= 2 and len(words) - i - 1 >= 2:
            yield part
            part = []
            continue
        part.append(word)
        if len(part) > 1 and re.search(r"[’']s$", word) and i < len(words) - 1:
            yield [*part[:-1], re.sub(r"[’']s$", "", word)]
            part = []
    yield part


def _kind_of(name: str, default: str | None) -> str | None:
    words = name.split()
    if 2 <= len(words) <= 3 and is_first_name(words[0]) and words[-1][:1].isupper():
        last = words[-1]
        if last not in PUBLICATION_WORDS and last not in ORG_WORDS:
            return None  # Bill Clinton: a first name makes a person, not a publication
    if words[-1] in PUBLICATION_WORDS:
        return "publication"
    if words[-1] in ORG_WORDS or any(w in ORG_WORDS for w in words):
        return "organisation"
    if any(w in PUBLICATION_WORDS for w in words):
        return "publication"
    return default


def _people_in(text: str) -> tuple[Counter[str], dict[str, set[str]]]:
    """People named with a title (Dr Michael Dixon) or quoted by name (Rick Stern said):
    how often, and with which titles."""
    full: Counter[str] = Counter()
    titled: dict[str, set[str]] = {}
    lower = frozenset(_LOWER_WORD_RE.findall(text))

    def clean(raw: str) -> str | None:
        return _clean_run_on(raw, lower)

    for m in _TITLED_RE.finditer(text):
        name = clean(m.group(2))
        if name:
            full[name] += 1
            titled.setdefault(name, set()).add(m.group(1))
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
        full[" ".join(words)] += 1
    for who in named_beside_verbs(text):
        # read by the quotations' cue readers (speakers.py): title and role already off
        name = clean(who.name or "")
        if name and 2 <= len(name.split()) <= 3:
            full[name] += 1
            if who.title and re.fullmatch(_TITLES, who.title.rstrip(".")):
                titled.setdefault(name, set()).add(who.title.rstrip("."))
    return full, titled


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


def _people_entities(full: Counter[str], titled: dict[str, set[str]]) -> list[Entity]:
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
        aliases = {last} if last != canonical else set()
        for n in names:
            aliases.update(f"{t} {n}" for t in titled.get(n, ()))
            aliases.update(folded.get(n, ()))
            if n != canonical:
                aliases.add(n)
        people.append(Entity(canonical, "person", tuple(sorted(aliases)), "corpus"))
    return people


_LOWER_WORD_RE = re.compile(r"(?<![\w’'-])[a-z]{3,}\b")


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
    if not words or any(w in _NOT_NAMES or w in ORG_WORDS for w in words):
        return None  # Thanked Clinton For, Can Save The: a sequence running into a phrase
    if any(w in PUBLICATION_WORDS for w in words):
        return None
    return " ".join(words)


# --- normalising names for matching --------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)
def _keys_of(form: str) -> tuple[str, ...]:
    key = normalize(form)
    return (key, singular(key)) if key else ()
