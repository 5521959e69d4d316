"""Records as a pandas DataFrame, when pandas is installed (it is not a dependency)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass


def records_to_pandas(records: Iterable[Any]) -> Any:
    """A pandas DataFrame of records (anything with ``as_dict()``), one row each, the JSON
    fields as columns. pandas is not a dependency: install it to use this."""
    try:
        import pandas  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        raise ImportError(
            "records_to_pandas needs pandas, which nhsalliance does not install: pip install pandas"
        ) from None
    return pandas.DataFrame.from_records([r.as_dict() for r in records])
