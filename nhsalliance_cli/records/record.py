"""Records: the frozen dataclasses commands print, and their JSON fields."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, ClassVar


class Record:
    """Mixed into a frozen dataclass: ``record()`` gives its public fields, in order, and
    ``as_dict()`` the same: exactly the JSON fields the command's ``--json`` prints.

    A field declared with ``metadata={"public": False}`` stays out of the JSON.
    """

    _public: ClassVar[dict[type, tuple[str, ...]]] = {}

    def record(self) -> dict[str, Any]:
        cls = type(self)
        names = Record._public.get(cls)
        if names is None:  # worked out once per class: searches make many records
            names = tuple(
                f.name
                for f in fields(self)  # type: ignore[arg-type]
                if f.metadata.get("public", True)
            )
            Record._public[cls] = names
        return {name: getattr(self, name) for name in names}

    def as_dict(self) -> dict[str, Any]:
        """The record's documented JSON fields, as ``--json`` prints them."""
        return self.record()
