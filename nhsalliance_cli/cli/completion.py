"""Shell completion of values: document ids, speakers and names, from the corpus in use."""

from __future__ import annotations

import contextlib
import io
import os

import typer

from nhsalliance_cli.cli.options import CORPUS_ENV
from nhsalliance_cli.corpus.model import Corpus
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.index.opening import load_corpus


def document_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    corpus = _corpus(ctx)
    if corpus is None:
        return []
    return [i for i in corpus.ids if i.startswith(incomplete.casefold())]


def speakers(ctx: typer.Context, incomplete: str) -> list[str]:
    from nhsalliance_cli.analyses.merge import quotations

    corpus = _corpus(ctx)
    if corpus is None:
        return []
    return _completing({q.speaker for q in quotations(corpus) if q.speaker}, incomplete)


def names(ctx: typer.Context, incomplete: str) -> list[str]:
    from nhsalliance_cli.analyses.merge import names_index

    corpus = _corpus(ctx)
    if corpus is None:
        return []
    found = {
        form
        for entry in names_index(corpus).entries
        if entry.mentions
        for form in entry.entity.forms
    }
    return _completing(found, incomplete)


def _completing(values: set[str], incomplete: str) -> list[str]:
    """The values that begin with what was typed, in its case: shells keep only candidates
    that begin with the word as typed, and --speaker and names match any case."""
    typed = incomplete.casefold()
    found = {
        value if value.startswith(incomplete) else value.casefold()
        for value in values
        if value.casefold().startswith(typed)
    }
    return sorted(found)


def _corpus(ctx: typer.Context) -> Corpus | None:
    """The corpus the command line names (--corpus here or before the command), if loadable."""
    folder = None
    here: typer.Context | None = ctx
    while here is not None and folder is None:
        folder = here.params.get("corpus_dir") or here.params.get("corpus")
        here = here.parent  # type: ignore[assignment]
    from nhsalliance_cli.index.location import disabled_by_environment

    try:
        # Through the index, as the command itself will read it: completing is instant
        # once the corpus has been used. Nothing may be printed while completing.
        with contextlib.redirect_stderr(io.StringIO()):
            return load_corpus(
                folder or os.environ.get(CORPUS_ENV), use_index=not disabled_by_environment()
            )
    except UsageProblem:
        return None
