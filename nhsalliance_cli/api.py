"""The library: a typed Python API over a corpus, one method for every command of the CLI.

The command line is a layer over this module: each command parses its options, calls the
method of the same name with the same options, and renders the records it gets back.
Records are frozen dataclasses whose ``as_dict()`` is the command's ``--json``; mistakes
raise :class:`UsageProblem`, and a result with nothing in it :class:`NoResult` (its subclass
:class:`EmptyResult` when the documents were chosen but nothing in them matched), with the
messages the CLI prints. Notes the CLI says on stderr (undated documents left out, a query
that found nothing beside others that did) go to the ``on_note`` callback, if any.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from nhsalliance_cli import defaults
from nhsalliance_cli.errors import EmptyResult, NoResult, UsageProblem
from nhsalliance_cli.results import (
    CountRow,
    Counts,
    DatedQuotation,
    Dispersion,
    GroupCounts,
    IndexStatus,
    Mentions,
    NameRow,
    ShownDocument,
)

if TYPE_CHECKING:
    from nhsalliance_cli.concordance import Hit
    from nhsalliance_cli.corpus import Corpus as CorpusModel
    from nhsalliance_cli.corpus import Document
    from nhsalliance_cli.lookup import Match
    from nhsalliance_cli.search import Query
    from nhsalliance_cli.stats import CollocateRow, KeywordRow, NgramRow, TrendRow, WordRow

__all__ = ["Corpus", "EmptyResult", "NoResult", "UsageProblem", "records_to_pandas"]

Where = Mapping[str, str] | Sequence[str] | None
# ID:LINE, the form search prints ("dixon-retirement:34").
_ID_LINE_RE = re.compile(r"(?P<id>.+):(?P<line>\d+)")
STATS_LIMIT = 30  # rows of the stats commands unless --limit says otherwise
Note = Callable[[str], None]


class Corpus:
    """A corpus to query: the bundled texts or a folder, opened with :meth:`open`.

    Every method takes the document filters of its command: ``since``/``until`` (YYYY,
    YYYY-MM or YYYY-MM-DD), ``where`` (``{"source": "nyt"}`` or ``["source=nyt"]``) and,
    where the command has it, ``doc`` (ids or unique parts of ids).
    """

    def __init__(
        self,
        corpus: CorpusModel | Callable[[], CorpusModel],
        *,
        selected: CorpusModel | None = None,
        folder: str | None = None,
        on_note: Note | None = None,
        hints: bool = False,
    ) -> None:
        # A callable is called on first use: a command checks its options before loading.
        self._load = corpus if callable(corpus) else (lambda: corpus)
        self._given = selected
        self._folder = folder
        self._note: Note = on_note or (lambda _: None)
        self._hints = hints  # notes that help a person at a terminal (variant forms)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        index: bool = True,
        strict: bool = False,
        on_note: Note | None = None,
    ) -> Corpus:
        """The bundled texts (``path`` None), or a folder or a .txt file, through the
        corpus index unless ``index=False`` (as ``--no-index``); ``strict`` makes a file that
        is not UTF-8 an error. Warnings about the folder go to ``on_note`` and
        :attr:`warnings`."""
        from nhsalliance_cli.corpus import load_corpus
        from nhsalliance_cli.index.location import disabled_by_environment

        folder = None if path is None else os.fspath(path)
        use_index = index and not disabled_by_environment()
        loaded = load_corpus(folder, use_index=use_index, strict=strict)
        for warning in loaded.warnings:
            (on_note or (lambda _: None))(warning)
        return cls(loaded, folder=folder, on_note=on_note)

    # --- the corpus --------------------------------------------------------------------

    @functools.cached_property
    def _whole(self) -> CorpusModel:
        return self._load()

    @functools.cached_property
    def _selected(self) -> CorpusModel:
        return self._whole if self._given is None else self._given

    @property
    def name(self) -> str:
        return self._whole.name

    @property
    def warnings(self) -> tuple[str, ...]:
        return self._whole.warnings

    @property
    def model(self) -> CorpusModel:
        """The document model underneath (as narrowed when this object was made)."""
        return self._selected

    def __len__(self) -> int:
        return len(self._selected)

    def __iter__(self) -> Iterator[Document]:
        return iter(self._selected)

    def narrowed(
        self, *, since: str | None = None, until: str | None = None, where: Where = None
    ) -> CorpusModel:
        """The documents dated from ``since`` to ``until`` whose fields match ``where``."""
        from nhsalliance_cli.corpus import check_date, date_within

        corpus = self._selected
        if since is None and until is None and not where:
            return corpus
        since = check_date(since, "--since") if since is not None else None
        until = check_date(until, "--until") if until is not None else None
        if since and until and not date_within(since, None, until):
            raise UsageProblem(f"--since {since} is after --until {until}")
        conditions = _conditions(where)
        corpus, undated = corpus.dated_between(since, until)
        bounds = [o for o, v in (("--since", since), ("--until", until)) if v]
        if undated:
            s = "" if undated == 1 else "s"
            self._note(f"{undated} undated document{s} left out by {' and '.join(bounds)}")
        if bounds and not len(corpus):
            if since and until:
                span = f"from {since} to {until}"
            else:
                span = f"{since} or later" if since else f"{until} or earlier"
            self._note(f"no documents dated {span}")
        if conditions and len(corpus):
            from nhsalliance_cli.where import narrow

            corpus = narrow(corpus, conditions)
        return corpus

    def within(
        self, *, since: str | None = None, until: str | None = None, where: Where = None
    ) -> Corpus:
        """This corpus narrowed once (see :meth:`narrowed`), for several queries of it."""
        return Corpus(
            self._load,
            selected=self.narrowed(since=since, until=until, where=where),
            folder=self._folder,
            on_note=self._note,
            hints=self._hints,
        )

    def _docs(
        self, doc: Sequence[str] | str | None, since: str | None, until: str | None, where: Where
    ) -> CorpusModel:
        chosen = [doc] if isinstance(doc, str) else list(doc or [])
        return self.narrowed(since=since, until=until, where=where).select(chosen)

    # --- documents ---------------------------------------------------------------------

    def documents(
        self,
        *,
        limit: int | None = None,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> list[Document]:
        """``list``: the documents, oldest first."""
        _check_limit(limit)
        rows = list(itertools.islice(self.narrowed(since=since, until=until, where=where), limit))
        if not rows:
            raise EmptyResult("no documents")
        return rows

    def show(self, doc_id: str, *, where: Where = None) -> ShownDocument:
        """``show``: one document (an id or any unique part of one); ``ID:LINE`` marks a
        line, as search prints it."""
        line: int | None = None
        m = _ID_LINE_RE.fullmatch(doc_id.strip())
        if m is not None:
            doc_id, line = m["id"], int(m["line"])
        shown = ShownDocument(self.narrowed(where=where).get(doc_id), line)
        count = len(shown.lines)
        if line is not None and not 1 <= line <= count:
            raise UsageProblem(
                f"no line {line} in {shown.document.id}: it has {count} line{'s' * (count != 1)}"
            )
        return shown

    # --- search ------------------------------------------------------------------------

    def queries(
        self,
        query: Sequence[str] | str | None = None,
        regex: Sequence[str] | str | None = None,
        case_sensitive: bool = False,
        variants: bool = False,
        hint: bool = True,
    ) -> list[Query]:
        """The compiled queries of a command: words and phrases, regexes, and with
        ``variants`` every known form of a name (``hint``: without, a note names them)."""
        return self._with_variants(self._compiled(query, regex, case_sensitive), variants, hint)

    def _compiled(
        self,
        query: Sequence[str] | str | None,
        regex: Sequence[str] | str | None,
        case_sensitive: bool,
    ) -> list[Query]:
        from nhsalliance_cli.search import compile_queries

        return compile_queries(_strings(query), _strings(regex), case_sensitive)

    def _with_variants(
        self,
        queries: list[Query],
        variants: bool,
        hint: bool = True,
        base: CorpusModel | None = None,
    ) -> list[Query]:
        """With ``variants`` each known name also matches its other forms; without, a
        person at a terminal is told those forms."""
        if not variants and not (hint and self._hints):
            return queries
        from nhsalliance_cli import variants as forms
        from nhsalliance_cli.analyses import names_index

        index = names_index(self._selected if base is None else base)
        if variants:
            return forms.with_variants(queries, index)
        for line in forms.hints(queries, index):
            self._note(line)
        return queries

    def search(
        self,
        query: Sequence[str] | str | None = None,
        *,
        regex: Sequence[str] | str | None = None,
        case_sensitive: bool = False,
        window: int | None = None,
        sort: str | None = None,
        doc: Sequence[str] | str | None = None,
        limit: int | None = None,
        variants: bool = False,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> Iterator[Hit]:
        """``search``: every hit in its context, as it is found (sorted first with
        ``sort``). Options are checked at the call; the iterator raises :class:`NoResult`
        at its end when nothing matched."""
        from nhsalliance_cli import concordance

        _check_limit(limit)
        queries = self._compiled(query, regex, case_sensitive)
        base = self.narrowed(since=since, until=until, where=where)
        queries = self._with_variants(queries, variants, base=base)
        keys = concordance.parse_sort(sort or "doc")
        window = defaults.CONTEXT_WINDOW if window is None else window
        concordance.check_window(window)
        corpus = base.select(_strings(doc))
        found = concordance.hits_from_spans(
            concordance.spans_by_document(corpus, queries), [q.text for q in queries], window
        )
        if any(k.side != "doc" for k in keys):
            found = iter(concordance.sort_hits(found, keys))
        return self._hits(corpus, itertools.islice(found, limit), _strings(query), limit)

    def _hits(
        self, corpus: CorpusModel, found: Iterable[Hit], words: list[str], limit: int | None
    ) -> Iterator[Hit]:
        matched: set[str] = set()
        for hit in found:
            matched.add(hit.query)
            yield hit
        if not matched:
            raise EmptyResult("no matches", hints=self.hints(corpus, words))
        if limit is None:
            self._unmatched(corpus, words, matched)

    def count(
        self,
        query: Sequence[str] | str | None = None,
        *,
        regex: Sequence[str] | str | None = None,
        case_sensitive: bool = False,
        doc: Sequence[str] | str | None = None,
        variants: bool = False,
        all_docs: bool = False,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> Counts:
        """``search --count``: hits per document (those with hits unless ``all_docs``),
        and the total over every document, per 1,000 words."""
        from nhsalliance_cli import concordance

        queries = self._compiled(query, regex, case_sensitive)
        base = self.narrowed(since=since, until=until, where=where)
        queries = self._with_variants(queries, variants, base=base)
        corpus = base.select(_strings(doc))
        rows, total = concordance.count_rows(corpus, queries)
        if not total["count"]:
            raise EmptyResult("no matches", hints=self.hints(corpus, _strings(query)))
        every = tuple(CountRow(**r) for r in rows)
        listed = every if all_docs else tuple(r for r in every if r.count)
        return Counts(listed, CountRow(**total), len(every))

    def count_by(
        self,
        query: Sequence[str] | str | None = None,
        *,
        by: str,
        regex: Sequence[str] | str | None = None,
        case_sensitive: bool = False,
        doc: Sequence[str] | str | None = None,
        variants: bool = False,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> GroupCounts:
        """``search --count --by FIELD``: the hits in the documents of each value."""
        from nhsalliance_cli.concordance import per_1000
        from nhsalliance_cli.stats import count_by
        from nhsalliance_cli.where import field_names, resolve

        queries = self._compiled(query, regex, case_sensitive)
        base = self.narrowed(since=since, until=until, where=where)
        queries = self._with_variants(queries, variants, base=base)
        corpus = base.select(_strings(doc))
        field = resolve(by, field_names(corpus), "--by")
        groups = tuple(count_by(corpus, queries, field))
        hits, words = sum(g.count for g in groups), sum(g.words for g in groups)
        if not hits:
            raise EmptyResult("no matches", hints=self.hints(corpus, _strings(query)))
        return GroupCounts(field, groups, CountRow(None, hits, words, per_1000(hits, words)))

    def dispersion(
        self,
        query: Sequence[str] | str | None = None,
        *,
        regex: Sequence[str] | str | None = None,
        case_sensitive: bool = False,
        doc: Sequence[str] | str | None = None,
        variants: bool = False,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> list[Dispersion]:
        """``search --plot``: where the hits fall in every document, as fractions."""
        from nhsalliance_cli.concordance import spans_by_document

        queries = self._compiled(query, regex, case_sensitive)
        base = self.narrowed(since=since, until=until, where=where)
        queries = self._with_variants(queries, variants, base=base)
        corpus = base.select(_strings(doc))
        rows = [
            Dispersion(d.id, tuple(s.start / max(len(d.text), 1) for s in spans))
            for d, spans in spans_by_document(corpus, queries)
        ]
        if not any(r.positions for r in rows):
            raise EmptyResult("no matches")
        return rows

    def hints(self, corpus: CorpusModel, words: Sequence[str]) -> tuple[str, ...]:
        """'Did you mean' lines for word queries that found nothing."""
        if not words or not len(corpus):
            return ()
        from nhsalliance_cli.vocabulary import search_hints

        return tuple(search_hints(corpus, words))

    def _unmatched(self, corpus: CorpusModel, words: Sequence[str], matched: set[str]) -> None:
        # Beside queries that found something, a word that found nothing is likely a typo.
        for word in dict.fromkeys(words):
            if word not in matched:
                self._note(f"no matches for {word!r}")
                for hint in self.hints(corpus, [word]):
                    self._note(hint)

    # --- quotations --------------------------------------------------------------------

    def quotes(
        self,
        *,
        speaker: str | None = None,
        contains: str | None = None,
        all_kinds: bool = False,
        kind: str | None = None,
        doc: Sequence[str] | str | None = None,
        limit: int | None = None,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> list[DatedQuotation]:
        """``quotes``: every quotation (speech unless ``all_kinds`` or ``kind``) with its
        speaker, document and date."""
        from nhsalliance_cli.analyses import names_index, quotations
        from nhsalliance_cli.choices import choice
        from nhsalliance_cli.quotation import KINDS
        from nhsalliance_cli.search import compile_words, find

        _check_limit(limit)
        kind = choice(kind, KINDS, "kind")
        if kind is not None and all_kinds:
            raise UsageProblem("--kind and --all cannot be used together: --kind keeps one kind")
        base = self.narrowed(since=since, until=until, where=where)
        corpus = base.select(_strings(doc))
        found = quotations(corpus, base)
        if kind is not None or not all_kinds:
            found = [q for q in found if q.kind == (kind or "speech")]
        if speaker is not None:
            known = {q.speaker for q in found if q.speaker}
            wanted = names_index(base).people_matching(speaker, known)
            if not wanted:
                from nhsalliance_cli.suggest import closest
                from nhsalliance_cli.where import listing

                near = closest(speaker, sorted(known), limit=5)
                others = sorted(known - set(near), key=str.casefold)
                listed = listing("speakers", [*near, *others]) if known else "no speakers at all"
                raise EmptyResult(f"no speaker matches {speaker!r}", hints=(listed,))
            found = [q for q in found if q.speaker in wanted]
        if contains is not None:
            forms = names_index(base).forms_of(contains)
            patterns = [compile_words(form) for form in forms]
            found = [q for q in found if find(q.text, patterns)]
        docs = {d.id: d for d in corpus}
        rows = [
            DatedQuotation(q, docs[q.doc].date, docs[q.doc].date_inferred) for q in found[:limit]
        ]
        if not rows:
            raise EmptyResult("no quotations match")
        return rows

    def quote(
        self,
        text: str,
        *,
        min_score: float = defaults.QUOTE_MIN_SCORE,
        limit: int = 3,
        doc: Sequence[str] | str | None = None,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> list[Match]:
        """``quote``: where a half-remembered quotation comes from, best first."""
        from nhsalliance_cli.analyses import quotations
        from nhsalliance_cli.candidates import candidates, distinct, once_per_text
        from nhsalliance_cli.lookup import closest, find_quote
        from nhsalliance_cli.search import check_text
        from nhsalliance_cli.stats import load_stopwords

        _check_limit(limit)
        _check_score(min_score)
        check_text(text, what="quotation")
        base = self.narrowed(since=since, until=until, where=where)
        corpus = base.select(_strings(doc))
        stopwords = load_stopwords()
        narrowed = candidates(corpus, text, stopwords)

        def score(unique: CorpusModel) -> list[Match]:
            quotes = quotations(unique, whole=base)
            return find_quote(unique, text, quotes, stopwords, min_score, len(unique) * 1000)

        matches = once_per_text(narrowed, score, limit)
        if matches:
            return matches
        unique, _ = distinct(narrowed)  # a copy of the closest passage is no rival to it
        near = closest(unique, text, quotations(unique, whole=base), stopwords, min_score)
        hints = (
            (
                f"closest: {near.score:g} (under --min-score {min_score:g}) in {near.doc}: "
                f"{_clipped(' '.join(near.passage.split()), 120)}",
            )
            if near is not None
            else ()
        )
        raise EmptyResult("no source found", hints=hints)

    # --- names -------------------------------------------------------------------------

    def names(
        self,
        query: str | None = None,
        *,
        kind: str | None = None,
        limit: int | None = None,
        min_score: float = defaults.NAME_MIN_SCORE,
        all_names: bool = False,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> list[NameRow]:
        """``names``: every name (``query`` None), or the names matching ``query``, best
        first."""
        _check_limit(limit)
        _check_score(min_score)
        base = self.narrowed(since=since, until=until, where=where)
        scored = self._names(base, query, kind, min_score, all_names)
        rows = [NameRow.of(entry.record(score)) for entry, score in scored[:limit]]
        if not rows:
            raise self._no_name(base, query)
        return rows

    def _no_name(self, base: CorpusModel, query: str | None) -> EmptyResult:
        from nhsalliance_cli.analyses import names_index

        hints: tuple[str, ...] = ()
        near = names_index(base).suggestions(query) if query is not None else []
        if near:
            hints = (
                "closest: "
                + "; ".join(
                    f"{e.entity.name} ({e.entity.kind}, score {score:g})" for e, score in near
                ),
            )
        return EmptyResult("no name matches" + (f" {query!r}" if query else ""), hints=hints)

    def _names(
        self,
        base: CorpusModel,
        query: str | None,
        kind: str | None,
        min_score: float,
        all_names: bool,
    ) -> list[tuple[Any, float | None]]:
        from nhsalliance_cli import names as names_lib
        from nhsalliance_cli.analyses import names_index
        from nhsalliance_cli.choices import choice

        kind = choice(kind, names_lib.KINDS, "kind")
        index = names_index(base)
        scored: list[tuple[Any, float | None]]
        if query is None:
            order = {k: i for i, k in enumerate(names_lib.KINDS)}
            entries = [e for e in index.entries if (all_names or e.mentions)]
            entries.sort(key=lambda e: (order[e.entity.kind], -len(e.mentions), e.entity.name))
            scored = [(e, None) for e in entries]
        else:
            scored = list(index.lookup(query, min_score))
        return [(e, s) for e, s in scored if kind is None or e.entity.kind == kind]

    def best_name(
        self,
        query: str,
        *,
        kind: str | None = None,
        min_score: float = defaults.NAME_MIN_SCORE,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> NameRow:
        """The name that matches ``query`` best: the one ``mentions`` shows."""
        found = self.names(
            query, kind=kind, min_score=min_score, limit=1, since=since, until=until, where=where
        )
        return found[0]

    def mentions(
        self,
        query: str,
        *,
        kind: str | None = None,
        limit: int | None = None,
        min_score: float = defaults.NAME_MIN_SCORE,
        window: int | None = None,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> Mentions:
        """``names NAME --mentions``: every mention of the best match (see
        :meth:`best_name`), in context."""
        from nhsalliance_cli import concordance
        from nhsalliance_cli.names import mention_spans

        _check_limit(limit)
        _check_score(min_score)
        window = defaults.CONTEXT_WINDOW if window is None else window
        concordance.check_window(window)
        base = self.narrowed(since=since, until=until, where=where)
        scored = self._names(base, query, kind, min_score, all_names=False)
        if not scored:
            raise self._no_name(base, query)
        entry = scored[0][0]
        spans = mention_spans(base, entry)
        hits = concordance.hits_from_spans(spans, entry.entity.forms, window)
        found = Mentions(entry.entity.name, entry.entity.kind, tuple(itertools.islice(hits, limit)))
        if not found.hits:
            raise EmptyResult(f"{found.name} is not mentioned in the {base.name} corpus")
        return found

    # --- statistics --------------------------------------------------------------------

    def trend(
        self,
        query: Sequence[str] | str | None = None,
        *,
        regex: Sequence[str] | str | None = None,
        case_sensitive: bool = False,
        doc: Sequence[str] | str | None = None,
        by: str = "doc",
        variants: bool = False,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> list[TrendRow]:
        """``trend``: how often each query occurs per document, year, month or value of a
        field, in date order, per 1,000 words."""
        from nhsalliance_cli import stats

        queries = self._compiled(query, regex, case_sensitive)
        narrowed = self.narrowed(since=since, until=until, where=where)
        by = self.period_or_field(by, narrowed)
        queries = self._with_variants(queries, variants, base=narrowed)
        corpus = narrowed.select(_strings(doc))
        rows = stats.trend(corpus, queries, by)
        undated = [d.id for d in corpus if not d.date]
        if undated and by in stats.TREND_PERIODS:
            verb = "has" if len(undated) == 1 else "have"
            self._note(
                f"{len(undated)} of {len(corpus)} documents {verb} no date; they are listed last"
            )
        if not any(r.count for r in rows):
            raise EmptyResult("no matches", hints=self.hints(corpus, _strings(query)))
        self._unmatched(corpus, _strings(query), {r.query for r in rows if r.count})
        return rows

    def period_or_field(self, by: str, corpus: CorpusModel | None = None) -> str:
        """``--by``: a period (any case) or a field of the documents (as they spell it)."""
        from nhsalliance_cli import stats
        from nhsalliance_cli.where import field_names, listing

        if by.strip().lower() in stats.TREND_PERIODS:
            return by.strip().lower()
        names = field_names(self._selected if corpus is None else corpus)
        folded = {n.casefold(): n for n in names}
        if by.strip().casefold() in folded:
            return folded[by.strip().casefold()]
        from nhsalliance_cli.suggest import closest

        near = closest(by, [*stats.TREND_PERIODS, *names], limit=3, cutoff=70)
        hint = f"; did you mean {' or '.join(near)}?" if near else ""
        raise UsageProblem(
            f"unknown period {by!r}: use {', '.join(stats.TREND_PERIODS)} or a field{hint} "
            f"({listing('fields', names)})"
        )

    def words(
        self,
        *,
        limit: int | None = None,
        no_stopwords: bool = False,
        min_count: int = 1,
        doc: Sequence[str] | str | None = None,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> list[WordRow]:
        """``stats words``: the most frequent words (30 unless ``limit``)."""
        from nhsalliance_cli.analyses import word_list

        _check_limit(limit)
        corpus = self._docs(doc, since, until, where)
        rows = word_list(corpus, _stopwords(no_stopwords), min_count, limit or STATS_LIMIT)
        if not rows:
            raise EmptyResult("no words")
        return rows

    def ngrams(
        self,
        *,
        size: int = 2,
        limit: int | None = None,
        min_count: int = 2,
        no_stopwords: bool = False,
        doc: Sequence[str] | str | None = None,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> list[NgramRow]:
        """``stats ngrams``: the most frequent sequences of ``size`` words."""
        from nhsalliance_cli.analyses import ngram_list

        _check_limit(limit)
        corpus = self._docs(doc, since, until, where)
        rows = ngram_list(corpus, size, min_count, _stopwords(no_stopwords))
        rows = rows[: limit or STATS_LIMIT]
        if not rows:
            raise EmptyResult(f"no {size}-grams occur {min_count} or more times")
        return rows

    def collocates(
        self,
        query: Sequence[str] | str | None = None,
        *,
        regex: Sequence[str] | str | None = None,
        case_sensitive: bool = False,
        window: int = 5,
        measure: str = "loglik",
        min_count: int = 2,
        limit: int | None = None,
        no_stopwords: bool = False,
        doc: Sequence[str] | str | None = None,
        variants: bool = False,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> list[CollocateRow]:
        """``stats collocates``: words near the node more often than chance predicts."""
        from nhsalliance_cli import stats
        from nhsalliance_cli.choices import choice
        from nhsalliance_cli.concordance import spans_by_document

        _check_limit(limit)
        queries = self._compiled(query, regex, case_sensitive)
        measure = choice(measure, stats.MEASURES, "measure") or "loglik"
        base = self.narrowed(since=since, until=until, where=where)
        queries = self._with_variants(queries, variants, hint=False, base=base)
        corpus = base.select(_strings(doc))
        stopwords = _stopwords(no_stopwords)
        rows = stats.collocates(corpus, queries, window, measure, min_count, stopwords)
        rows = rows[: limit or STATS_LIMIT]
        if rows:
            return rows
        if not any(spans for _, spans in spans_by_document(corpus, queries)):
            raise EmptyResult("no matches for the node", hints=self.hints(corpus, _strings(query)))
        raise EmptyResult("no collocates (try a lower --min-count or a wider --window)")

    def keywords(
        self,
        *,
        against: Where = None,
        size: int = 1,
        negative: bool = False,
        max_p: float = 0.01,
        min_count: int = 3,
        limit: int | None = None,
        no_stopwords: bool = False,
        doc: Sequence[str] | str | None = None,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> list[KeywordRow]:
        """``stats keywords``: what the documents chosen say more often (``negative``:
        less often) than the rest of the corpus, or than the documents of ``against``."""
        rows, about = self.keywords_of(
            against=against,
            size=size,
            negative=negative,
            max_p=max_p,
            min_count=min_count,
            limit=limit,
            no_stopwords=no_stopwords,
            doc=doc,
            since=since,
            until=until,
            where=where,
        )
        if not rows:
            raise no_keywords(negative, max_p, about)
        return rows

    def keywords_of(
        self,
        *,
        against: Where,
        size: int,
        negative: bool,
        max_p: float,
        min_count: int,
        limit: int | None,
        no_stopwords: bool,
        doc: Sequence[str] | str | None,
        since: str | None,
        until: str | None,
        where: Where,
    ) -> tuple[list[KeywordRow], str]:
        """As :meth:`keywords` (the list may be empty), and what was compared ('5 against 12
        documents')."""
        from nhsalliance_cli import stats
        from nhsalliance_cli.where import narrow

        _check_limit(limit)
        if size not in stats.KEYWORD_SIZES:
            raise UsageProblem(f"--size must be from 1 to 5, got {size}")
        if not 0 <= max_p <= 1:
            raise UsageProblem(f"--max-p must be from 0 to 1, got {max_p:g}")
        conditions = _conditions(against, "--against")
        target = self._docs(doc, since, until, where)
        chosen = {d.id for d in target}
        pool = narrow(self._whole, conditions, "--against") if conditions else self._whole
        reference = dataclasses.replace(
            pool, documents=tuple(d for d in pool if d.id not in chosen), results=None
        )
        if len(target) == len(self._whole) and not conditions:
            raise UsageProblem(
                "stats keywords compares a sub-corpus with the rest: choose it with --where "
                "FIELD=VALUE, --doc, --since or --until"
            )
        if not len(reference):
            raise UsageProblem(
                "the reference corpus is empty: every document of --against is in the sub-corpus"
            )
        stopwords = _stopwords(no_stopwords)
        rows = stats.keywords(
            stats.frequencies(target, size, stopwords),
            stats.frequencies(reference, size, stopwords),
            negative,
            max_p,
            min_count,
        )[: limit or STATS_LIMIT]
        return rows, f"{len(target)} against {len(reference)} documents"

    # --- the index ---------------------------------------------------------------------

    def index_status(self) -> IndexStatus:
        """``index status``: where the corpus's index is, how big, whether it is fresh."""
        from nhsalliance_cli.index.manage import status

        return IndexStatus(status(self._folder))

    def index_build(self) -> IndexStatus:
        """``index build``: the index built from scratch; its status after."""
        from nhsalliance_cli.index.manage import build

        build(self._folder)
        return self.index_status()

    def index_clear(self, *, everything: bool = False) -> list[str]:
        """``index clear``: remove the corpus's index (``everything``: every index);
        the index files removed."""
        return clear_indexes(self._folder, everything=everything)


def clear_indexes(folder: str | None, *, everything: bool = False) -> list[str]:
    """The index databases removed for ``folder`` (or every one): without opening it."""
    from nhsalliance_cli.index.manage import clear

    return [p for p in clear(folder, everything) if p.endswith(".sqlite3")]


def records_to_pandas(records: Iterable[Any]) -> Any:
    """A pandas DataFrame of records (anything with ``as_dict()``), one row each, the JSON
    fields as columns. pandas is not a dependency: install it to use this."""
    try:
        import pandas  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        raise ImportError(
            "records_to_pandas needs pandas, which nhsalliance does not install: pip install pandas"
        ) from None
    return pandas.DataFrame.from_records([r.as_dict() for r in records])


def no_keywords(negative: bool, max_p: float, about: str) -> EmptyResult:
    return EmptyResult(
        f"no {'negative ' if negative else ''}keywords at p < {max_p:g} ({about}; "
        "try --max-p 1 or a lower --min-count)"
    )


def _clipped(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _strings(value: Sequence[str] | str | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _conditions(where: Where, option: str = "--where") -> list[Any]:
    from nhsalliance_cli.where import parse

    if not where:
        return []
    if isinstance(where, Mapping):
        texts = [f"{k}={v}" for k, v in where.items()]
    else:
        texts = _strings(where)
    return [parse(text, option) for text in texts]


def _stopwords(no_stopwords: bool) -> frozenset[str]:
    if not no_stopwords:
        return frozenset()
    from nhsalliance_cli.stats import load_stopwords

    return load_stopwords()


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise UsageProblem(f"limit must be 1 or more, got {limit}")


def _check_score(score: float) -> None:
    if not 0 <= score <= 100:
        raise UsageProblem(f"min_score must be from 0 to 100, got {score:g}")
