"""The corpus a library call works on: opening, the document filters, queries and notes."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Self

from nhsalliance_cli.errors import UsageProblem

if TYPE_CHECKING:
    from nhsalliance_cli.corpus.model import Corpus as CorpusModel
    from nhsalliance_cli.corpus.model import Document
    from nhsalliance_cli.text.search import Query


Where = Mapping[str, str] | Sequence[str] | None
STATS_LIMIT = 30  # rows of the stats commands unless --limit says otherwise
Note = Callable[[str], None]


class Base:
    """The corpus and its filters, which every group of methods shares."""

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
    ) -> Self:
        """The bundled texts (``path`` None), or a folder or a .txt file, through the
        corpus index unless ``index=False`` (as ``--no-index``); ``strict`` makes a file that
        is not UTF-8 an error. Warnings about the folder go to ``on_note`` and
        :attr:`warnings`."""
        from nhsalliance_cli.index.location import disabled_by_environment
        from nhsalliance_cli.index.opening import load_corpus

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
        from nhsalliance_cli.corpus.model import check_date, date_within

        corpus = self._selected
        if since is None and until is None and not where:
            return corpus
        since = check_date(since, "--since") if since is not None else None
        until = check_date(until, "--until") if until is not None else None
        if since and until and not date_within(since, None, until):
            raise UsageProblem(f"--since {since} is after --until {until}")
        conditions = where_conditions(where)
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
            from nhsalliance_cli.corpus.where import narrow

            corpus = narrow(corpus, conditions)
        return corpus

    def within(
        self, *, since: str | None = None, until: str | None = None, where: Where = None
    ) -> Self:
        """This corpus narrowed once (see :meth:`narrowed`), for several queries of it."""
        return type(self)(
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
        from nhsalliance_cli.text.search import compile_queries

        return compile_queries(strings(query), strings(regex), case_sensitive)

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
        from nhsalliance_cli.analyses.merge import names_index
        from nhsalliance_cli.analyses.names import variants as forms

        index = names_index(self._selected if base is None else base)
        if variants:
            return forms.with_variants(queries, index)
        for line in forms.hints(queries, index):
            self._note(line)
        return queries

    def hints(self, corpus: CorpusModel, words: Sequence[str]) -> tuple[str, ...]:
        """'Did you mean' lines for word queries that found nothing."""
        if not words or not len(corpus):
            return ()
        from nhsalliance_cli.analyses.vocabulary import search_hints

        return tuple(search_hints(corpus, words))

    def _unmatched(self, corpus: CorpusModel, words: Sequence[str], matched: set[str]) -> None:
        # Beside queries that found something, a word that found nothing is likely a typo.
        for word in dict.fromkeys(words):
            if word not in matched:
                self._note(f"no matches for {word!r}")
                for hint in self.hints(corpus, [word]):
                    self._note(hint)


def clipped(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def strings(value: Sequence[str] | str | None) -> list[str]:
    """A string or a sequence of strings as a list; anything else (``regex=True``, a number)
    is the caller's mistake, said as one."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
        raise UsageProblem(f"expected a string or a list of strings, got {value!r}")
    return list(value)


def where_conditions(where: Where, option: str = "--where") -> list[Any]:
    from nhsalliance_cli.corpus.where import parse

    if not where:
        return []
    texts = [f"{k}={v}" for k, v in where.items()] if isinstance(where, Mapping) else strings(where)
    return [parse(text, option) for text in texts]


def stopword_set(no_stopwords: bool) -> frozenset[str]:
    if not no_stopwords:
        return frozenset()
    from nhsalliance_cli.text.stopwords import load_stopwords

    return load_stopwords()


def check_limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise UsageProblem(f"limit must be 1 or more, got {limit}")


def check_score(score: float) -> None:
    if not 0 <= score <= 100:
        raise UsageProblem(f"min_score must be from 0 to 100, got {score:g}")
