"""What the names index holds: an entity (a name, its kind and aliases) and an entity with
what the corpus says of it (its mentions, documents and dates)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nhsalliance_cli.text.search import Span

KINDS = ("person", "organisation", "place", "term", "publication")


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    origin: str = "glossary"  # glossary, corpus, or glossary+corpus
    note: str | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        """The name and its aliases: every way a text may write it."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Indexed:
    """An entity with what the corpus says of it."""

    entity: Entity
    # (doc id, span) in corpus order; span.query indexes entity.forms (what matched)
    mentions: Sequence[tuple[str, Span]]
    docs: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None

    def record(self, score: float | None = None) -> dict[str, Any]:
        """The JSON fields of ``names``."""
        e = self.entity
        return {
            "name": e.name,
            "kind": e.kind,
            "aliases": list(e.aliases),
            "score": score,
            "mentions": len(self.mentions),
            "docs": list(self.docs),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "origin": e.origin,
            "note": e.note,
        }
