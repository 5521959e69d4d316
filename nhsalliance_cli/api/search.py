"""list, show and search (with its count, count by field and dispersion)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from nhsalliance_cli import defaults
from nhsalliance_cli.api.base import (
    Base,
    Where,
    check_limit,
    strings,
)
from nhsalliance_cli.errors import EmptyResult, UsageProblem

if TYPE_CHECKING:
    from nhsalliance_cli.analyses.concordance import Hit
    from nhsalliance_cli.api.results import Counts, Dispersion, GroupCounts, ShownDocument
    from nhsalliance_cli.corpus.model import Corpus as CorpusModel
    from nhsalliance_cli.corpus.model import Document


# ID:LINE, the form search prints ("dixon-retirement:34").
_ID_LINE_RE = re.compile(r"(?P<id>.+):(?P<line>\d+)")


class SearchMethods(Base):
    def documents(
        self,
        *,
        limit: int | None = None,
        since: str | None = None,
        until: str | None = None,
        where: Where = None,
    ) -> list[Document]:
        """``list``: the documents, oldest first."""
        check_limit(limit)
        rows = list(itertools.islice(self.narrowed(since=since, until=until, where=where), limit))
        if not rows:
            raise EmptyResult("no documents")
        return rows

    def show(self, doc_id: str, *, where: Where = None) -> ShownDocument:
        """``show``: one document (an id or any unique part of one); ``ID:LINE`` marks a
        line, as search prints it."""
        from nhsalliance_cli.api.results import ShownDocument

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
        from nhsalliance_cli.analyses import concordance

        check_limit(limit)
        queries = self._compiled(query, regex, case_sensitive)
        base = self.narrowed(since=since, until=until, where=where)
        queries = self._with_variants(queries, variants, base=base)
        keys = concordance.parse_sort(sort or "doc")
        window = defaults.CONTEXT_WINDOW if window is None else window
        concordance.check_window(window)
        corpus = base.select(strings(doc))
        found = concordance.hits_from_spans(
            concordance.spans_by_document(corpus, queries), [q.text for q in queries], window
        )
        if any(k.side != "doc" for k in keys):
            found = iter(concordance.sort_hits(found, keys))
        return self._hits(corpus, itertools.islice(found, limit), strings(query), limit)

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
        from nhsalliance_cli.analyses import concordance
        from nhsalliance_cli.api.results import CountRow, Counts

        queries = self._compiled(query, regex, case_sensitive)
        base = self.narrowed(since=since, until=until, where=where)
        queries = self._with_variants(queries, variants, base=base)
        corpus = base.select(strings(doc))
        rows, total = concordance.count_rows(corpus, queries)
        if not total["count"]:
            raise EmptyResult("no matches", hints=self.hints(corpus, strings(query)))
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
        from nhsalliance_cli.analyses.concordance import per_1000
        from nhsalliance_cli.analyses.stats import count_by
        from nhsalliance_cli.api.results import CountRow, GroupCounts
        from nhsalliance_cli.corpus.where import field_names, resolve

        queries = self._compiled(query, regex, case_sensitive)
        base = self.narrowed(since=since, until=until, where=where)
        queries = self._with_variants(queries, variants, base=base)
        corpus = base.select(strings(doc))
        field = resolve(by, field_names(corpus), "--by")
        groups = tuple(count_by(corpus, queries, field))
        hits, words = sum(g.count for g in groups), sum(g.words for g in groups)
        if not hits:
            raise EmptyResult("no matches", hints=self.hints(corpus, strings(query)))
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
        from nhsalliance_cli.analyses.concordance import spans_by_document
        from nhsalliance_cli.api.results import Dispersion

        queries = self._compiled(query, regex, case_sensitive)
        base = self.narrowed(since=since, until=until, where=where)
        queries = self._with_variants(queries, variants, base=base)
        corpus = base.select(strings(doc))
        rows = [
            Dispersion(d.id, tuple(s.start / max(len(d.text), 1) for s in spans))
            for d, spans in spans_by_document(corpus, queries)
        ]
        if not any(r.positions for r in rows):
            raise EmptyResult("no matches")
        return rows
