"""The quotations of a document, attributed with the names it mentions (the names and
attribution analyses joined), and of a corpus, document by document."""

from __future__ import annotations

from collections.abc import Iterator

from nhsalliance_cli.analyses.attribution.people import People
from nhsalliance_cli.analyses.attribution.quotes import extract
from nhsalliance_cli.analyses.names.records import DocNames, document_names, merge_names
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.records.quotation import Quotation
from nhsalliance_cli.text.namewords import normalize


def document_quotations(doc: Document, names: DocNames | None = None) -> list[Quotation]:
    """The quotations in ``doc``, in text order, attributed from the document alone and
    curated data (the glossary, first names, titles): what the index keeps per document.
    ``names`` is the document's names record, when the caller has it."""
    index = merge_names([names if names is not None else document_names(doc)])
    people: list[tuple[int, int, str]] = []
    known: dict[str, str] = {}
    persons: dict[str, str] = {}
    for entry in index.entries:
        if entry.entity.kind == "person":
            people.extend((span.start, span.end, entry.entity.name) for _, span in entry.mentions)
            for form in entry.entity.forms:
                persons.setdefault(normalize(form), entry.entity.name)
        else:
            for form in entry.entity.forms:
                known.setdefault(normalize(form), entry.entity.kind)
    return extract(doc, People(tuple(sorted(people))), known, persons)


def corpus_quotations(corpus: Corpus) -> Iterator[Quotation]:
    """Every quotation in the corpus, document by document, in text order, each
    document's attributed on its own (see :func:`merge_speakers` for one name per person
    across documents)."""
    for doc in corpus:
        yield from document_quotations(doc)
