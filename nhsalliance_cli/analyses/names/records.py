"""Building the names index: one record per document (:class:`DocNames`), merged.

Two sources: the curated glossary shipped in ``data/glossary.toml`` (reference data about
the NHS, not about any corpus) and the names each document holds (:mod:`acronyms`,
:mod:`phrases`, :mod:`people`). Mentions are found with the search engine, the
longest name winning where two overlap.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from nhsalliance_cli.analyses.attribution.personwords import mask_abbreviations
from nhsalliance_cli.analyses.names.acronyms import acronyms
from nhsalliance_cli.analyses.names.entity import Entity, Indexed
from nhsalliance_cli.analyses.names.index import NameIndex
from nhsalliance_cli.analyses.names.lines import (
    JOINING_WORDS,
    is_common_word,
    lower_words,
    opens_sentence,
    prose_paragraphs,
    without_headlines,
)
from nhsalliance_cli.analyses.names.people import people_entities, people_in
from nhsalliance_cli.analyses.names.phrases import names_in
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.text.namewords import dotted, normalize, singular
from nhsalliance_cli.text.packed import PackedMentions
from nhsalliance_cli.text.search import Query, Span, TokenTable, compile_words, find_spans
from nhsalliance_cli.text.tokens import fold, split_tokens, tokens

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
    paragraphs = list(prose_paragraphs(text))
    starts, words = split_tokens(text)
    lower = lower_words(text)
    masked = mask_abbreviations(text)
    named = names_in(paragraphs, lower, words)
    for paragraph, names in zip(paragraphs, named, strict=True):
        entities.extend(acronyms(paragraph))
        entities.extend(names)
    full, titled = people_in(without_headlines(text))
    forms = [form for e in entities for form in e.forms]
    # A one-word form the document also writes in lower case (the glossary's Monitor)
    # names nothing where it opens a sentence or a line: its capital is the sentence's.
    hits = [
        (form, start, end)
        for form, start, end in _search_forms(text, forms)
        if " " in form or form.lower() not in lower or not opens_sentence(masked, start)
    ]
    kept_words: list[str] = []
    kept_starts: list[int] = []
    kept_positions: list[int] = []
    previous_kept = False
    for i, word in enumerate(words):
        keep = not word.islower() or (previous_kept and word in JOINING_WORDS)
        if keep and _alone_at_opening(masked, starts, words, i, lower):
            keep = False
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


def _alone_at_opening(
    masked: str, starts: list[int], words: list[str], i: int, lower: frozenset[str]
) -> bool:
    """Whether token ``i`` is a word the document also writes in lower case (``lower``),
    capitalised only because it opens a sentence or a line (``masked``: the text with
    abbreviations' periods masked, Mr. Foster opening none), with no capitalised word
    after it: it then mentions no one-word name (the glossary's Monitor in "Monitor the
    queue", Young in "Young people"), whose capital is the sentence's."""
    word = words[i]
    if word.lower() not in lower or word.isupper():
        return False  # an acronym (NHS) is written so anywhere
    if i + 1 < len(words) and words[i + 1][:1].isupper():
        gap = masked[starts[i] + len(word) : starts[i + 1]]
        if gap.isspace() and "\n" not in gap:
            return False  # the first word of a longer name
    return opens_sentence(masked, starts[i])


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
                if len(words) == 1 and dotted(form) is not None:
                    # N.H.S., as American papers write NHS: its letters, capitalised
                    by_first.setdefault(fold(form[0]), []).append((i, j, tuple(form), True))
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
    """The names index from the entities and each document's mentions, in corpus order.

    A person's surname that is a common word (Key, Fields) mentions them alone only in a
    document that also names them otherwise: elsewhere it is the common word, capitalised
    in a label or a class name."""
    weak = _common_surnames(entities)
    found: dict[int, list[tuple[str, Span]]] = {}
    for doc, mentions in per_doc:
        named = {(owner, form) for owner, _, _, form in mentions}
        for owner, start, end, form in mentions:
            if (owner, form) in weak and not any(
                (owner, other) in named
                for other in range(len(entities[owner].forms))
                if other != form
            ):
                continue
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


def _common_surnames(entities: Sequence[Entity]) -> set[tuple[int, int]]:
    """(entity, form) of each person's one-word form that is a common word (their
    surname alone: Key for Ken Key)."""
    return {
        (i, j)
        for i, entity in enumerate(entities)
        if entity.kind == "person"
        for j, form in enumerate(entity.forms)
        if " " not in form and is_common_word(form)
    }


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
    return [*found, *people_entities(people, titled)]


# --- normalising names for matching --------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)
def _keys_of(form: str) -> tuple[str, ...]:
    key = normalize(form)
    return (key, singular(key)) if key else ()
