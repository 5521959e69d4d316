"""nhsalliance: query the NHS Alliance texts from the command line, or from Python.

``from nhsalliance_cli import Corpus`` gives the library (see docs/api.md); it is imported
on first use, so that ``import nhsalliance_cli`` and the command line's start stay quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from nhsalliance_cli.api import Corpus, records_to_pandas
    from nhsalliance_cli.errors import EmptyResult, NoResult, UsageProblem

__all__ = ["Corpus", "EmptyResult", "NoResult", "UsageProblem", "records_to_pandas"]

_HOMES = {
    "Corpus": "nhsalliance_cli.api",
    "records_to_pandas": "nhsalliance_cli.api",
    "EmptyResult": "nhsalliance_cli.errors",
    "NoResult": "nhsalliance_cli.errors",
    "UsageProblem": "nhsalliance_cli.errors",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'nhsalliance_cli' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(home), name)
