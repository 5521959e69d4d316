"""The command line: thin Typer commands over the library (:mod:`nhsalliance_cli.api`).

Each module holds one group of commands; importing them registers the commands on
``app``, in the order ``--help`` lists them.
"""

from nhsalliance_cli.cli import documents, search, names, statistics, quotations, index  # noqa: F401, I001
from nhsalliance_cli.cli.app import app, main

__all__ = ["app", "main"]
