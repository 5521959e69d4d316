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

from nhsalliance_cli.api.base import Note, Where
from nhsalliance_cli.api.frames import records_to_pandas
from nhsalliance_cli.api.index import IndexMethods, clear_indexes
from nhsalliance_cli.api.names import NameMethods
from nhsalliance_cli.api.quotations import QuotationMethods
from nhsalliance_cli.api.search import SearchMethods
from nhsalliance_cli.api.statistics import StatisticsMethods, no_keywords
from nhsalliance_cli.errors import EmptyResult, NoResult, UsageProblem

__all__ = [
    "Corpus",
    "EmptyResult",
    "NoResult",
    "Note",
    "UsageProblem",
    "Where",
    "clear_indexes",
    "no_keywords",
    "records_to_pandas",
]


class Corpus(SearchMethods, QuotationMethods, NameMethods, StatisticsMethods, IndexMethods):
    """A corpus to query: the bundled texts or a folder, opened with :meth:`open`.

    Every method takes the document filters of its command: ``since``/``until`` (YYYY,
    YYYY-MM or YYYY-MM-DD), ``where`` (``{"source": "nyt"}`` or ``["source=nyt"]``) and,
    where the command has it, ``doc`` (ids or unique parts of ids).
    """
