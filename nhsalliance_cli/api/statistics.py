"""trend and the stats commands: words, n-grams, collocates and keywords."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from nhsalliance_cli.api.base import (
    STATS_LIMIT,
    Base,
    Where,
    check_limit,
    stopword_set,
    strings,
    where_conditions,
)
from nhsalliance_cli.errors import EmptyResult, UsageProblem

if TYPE_CHECKING:
    from nhsalliance_cli.analyses.stats import CollocateRow, KeywordRow, NgramRow, TrendRow, WordRow
    from nhsalliance_cli.corpus.model import Corpus as CorpusModel


class StatisticsMethods(Base):
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
        from nhsalliance_cli.analyses import stats

        queries = self._compiled(query, regex, case_sensitive)
        narrowed = self.narrowed(since=since, until=until, where=where)
        by = self.period_or_field(by, narrowed)
        queries = self._with_variants(queries, variants, base=narrowed)
        corpus = narrowed.select(strings(doc))
        rows = stats.trend(corpus, queries, by)
        undated = [d.id for d in corpus if not d.date]
        if undated and by in stats.TREND_PERIODS:
            verb, it = ("has", "it is") if len(undated) == 1 else ("have", "they are")
            self._note(
                f"{len(undated)} of {len(corpus)} documents {verb} no date; {it} listed last"
            )
        if not any(r.count for r in rows):
            raise EmptyResult("no matches", hints=self.hints(corpus, strings(query)))
        self._unmatched(corpus, strings(query), {r.query for r in rows if r.count})
        return rows

    def period_or_field(self, by: str, corpus: CorpusModel | None = None) -> str:
        """``--by``: a period (any case) or a field of the documents (as they spell it)."""
        from nhsalliance_cli.analyses import stats
        from nhsalliance_cli.corpus.where import field_names, listing

        if by.strip().lower() in stats.TREND_PERIODS:
            return by.strip().lower()
        names = field_names(self._selected if corpus is None else corpus)
        folded = {n.casefold(): n for n in names}
        if by.strip().casefold() in folded:
            return folded[by.strip().casefold()]
        from nhsalliance_cli.text.suggest import closest

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
        from nhsalliance_cli.analyses.merge import word_list

        check_limit(limit)
        corpus = self._docs(doc, since, until, where)
        rows = word_list(
            corpus, stopword_set(no_stopwords), min_count, limit or STATS_LIMIT, self._whole
        )
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
        from nhsalliance_cli.analyses.merge import ngram_list

        check_limit(limit)
        corpus = self._docs(doc, since, until, where)
        rows = ngram_list(corpus, size, min_count, stopword_set(no_stopwords), self._whole)
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
        from nhsalliance_cli.analyses import stats
        from nhsalliance_cli.analyses.concordance import spans_by_document
        from nhsalliance_cli.api.choices import choice

        check_limit(limit)
        queries = self._compiled(query, regex, case_sensitive)
        measure = choice(measure, stats.MEASURES, "measure") or "loglik"
        base = self.narrowed(since=since, until=until, where=where)
        queries = self._with_variants(queries, variants, hint=False, base=base)
        corpus = base.select(strings(doc))
        stopwords = stopword_set(no_stopwords)
        rows = stats.collocates(corpus, queries, window, measure, min_count, stopwords)
        rows = rows[: limit or STATS_LIMIT]
        if rows:
            return rows
        if not any(spans for _, spans in spans_by_document(corpus, queries)):
            raise EmptyResult("no matches for the node", hints=self.hints(corpus, strings(query)))
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
        from nhsalliance_cli.analyses import stats
        from nhsalliance_cli.analyses.merge import keyword_list
        from nhsalliance_cli.corpus.where import narrow

        check_limit(limit)
        if size not in stats.KEYWORD_SIZES:
            raise UsageProblem(f"--size must be from 1 to 5, got {size}")
        if not 0 <= max_p <= 1:
            raise UsageProblem(f"--max-p must be from 0 to 1, got {max_p:g}")
        conditions = where_conditions(against, "--against")
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
        options = (size, negative, max_p, min_count)
        found = keyword_list(self._whole, target, reference, options, stopword_set(no_stopwords))
        rows = found[: limit or STATS_LIMIT]
        return rows, f"{len(target)} against {len(reference)} documents"


def no_keywords(negative: bool, max_p: float, about: str) -> EmptyResult:
    return EmptyResult(
        f"no {'negative ' if negative else ''}keywords at p < {max_p:g} ({about}; "
        "try --max-p 1 or a lower --min-count)"
    )
