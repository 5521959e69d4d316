"""names: the names index, and the mentions of a name."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from nhsalliance_cli import defaults
from nhsalliance_cli.api.base import (
    Base,
    Where,
    check_limit,
    check_score,
)
from nhsalliance_cli.errors import EmptyResult

if TYPE_CHECKING:
    from nhsalliance_cli.api.results import Mentions, NameRow
    from nhsalliance_cli.corpus.model import Corpus as CorpusModel


class NameMethods(Base):
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
        from nhsalliance_cli.api.results import NameRow

        check_limit(limit)
        check_score(min_score)
        base = self.narrowed(since=since, until=until, where=where)
        scored = self._names(base, query, kind, min_score, all_names)
        rows = [NameRow.of(entry.record(score)) for entry, score in scored[:limit]]
        if not rows:
            raise self._no_name(base, query)
        return rows

    def _no_name(self, base: CorpusModel, query: str | None) -> EmptyResult:
        from nhsalliance_cli.analyses.merge import names_index

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
        from nhsalliance_cli.analyses.merge import names_index
        from nhsalliance_cli.analyses.names.entity import KINDS
        from nhsalliance_cli.api.choices import choice

        kind = choice(kind, KINDS, "kind")
        index = names_index(base)
        scored: list[tuple[Any, float | None]]
        if query is None:
            order = {k: i for i, k in enumerate(KINDS)}
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
        from nhsalliance_cli.analyses import concordance
        from nhsalliance_cli.analyses.names.records import mention_spans
        from nhsalliance_cli.api.results import Mentions

        check_limit(limit)
        check_score(min_score)
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
