"""quotes and quote: the quotations, and the source of a remembered one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from nhsalliance_cli import defaults
from nhsalliance_cli.api.base import (
    Base,
    Where,
    check_limit,
    check_score,
    clipped,
    strings,
)
from nhsalliance_cli.errors import EmptyResult, UsageProblem

if TYPE_CHECKING:
    from nhsalliance_cli.analyses.lookup.find import Match
    from nhsalliance_cli.api.results import DatedQuotation
    from nhsalliance_cli.corpus.model import Corpus as CorpusModel


class QuotationMethods(Base):
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
        from nhsalliance_cli.analyses.merge import names_index, quotations
        from nhsalliance_cli.api.choices import choice
        from nhsalliance_cli.api.results import DatedQuotation
        from nhsalliance_cli.records.quotation import KINDS
        from nhsalliance_cli.text.search import compile_words, find

        check_limit(limit)
        kind = choice(kind, KINDS, "kind")
        if kind is not None and all_kinds:
            raise UsageProblem("--kind and --all cannot be used together: --kind keeps one kind")
        base = self.narrowed(since=since, until=until, where=where)
        corpus = base.select(strings(doc))
        found = quotations(corpus, base)
        if kind is not None or not all_kinds:
            found = [q for q in found if q.kind == (kind or "speech")]
        if speaker is not None:
            known = {q.speaker for q in found if q.speaker}
            wanted = names_index(base).people_matching(speaker, known)
            if not wanted:
                from nhsalliance_cli.corpus.where import listing
                from nhsalliance_cli.text.suggest import closest

                near = closest(speaker, sorted(known), limit=5)
                others = sorted(known - set(near), key=str.casefold)
                listed = listing("speakers", [*near, *others]) if known else "no speakers at all"
                raise EmptyResult(f"no speaker matches {speaker!r}", hints=(listed,))
            found = [q for q in found if q.speaker in wanted]
        if contains is not None:
            compile_words(contains)  # a query with no words is the user's mistake, said as such
            forms = names_index(base).forms_of(contains)
            patterns = [compile_words(form) for form in forms]
            found = [q for q in found if find(q.text, patterns)]
        docs = {d.id: d for d in corpus}
        rows = [
            DatedQuotation.of(q, docs[q.doc].date, docs[q.doc].date_inferred) for q in found[:limit]
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
        from nhsalliance_cli.analyses.lookup.candidates import candidates, distinct, once_per_text
        from nhsalliance_cli.analyses.lookup.find import closest, find_quote
        from nhsalliance_cli.analyses.merge import quotations
        from nhsalliance_cli.text.search import check_text
        from nhsalliance_cli.text.stopwords import load_stopwords

        check_limit(limit)
        check_score(min_score)
        check_text(text, what="quotation")
        base = self.narrowed(since=since, until=until, where=where)
        corpus = base.select(strings(doc))
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
                f"{clipped(' '.join(near.passage.split()), 120)}",
            )
            if near is not None
            else ()
        )
        raise EmptyResult("no source found", hints=hints)
