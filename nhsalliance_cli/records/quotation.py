"""A quotation record: what ``quotes`` lists and the index keeps.

In a module of its own so that reading cached quotations back (and ``quote``) need not load
the attribution rules, whose many regular expressions take a while to compile.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nhsalliance_cli.records.record import Record

KINDS = ("speech", "title", "name", "scare")


@dataclass(frozen=True)
class Quotation(Record):
    """A quotation: the JSON fields of ``quotes``."""

    doc: str
    speaker: str | None
    role: str | None  # the speaker's title or role, kept out of the name
    cue: str | None
    kind: str
    rule: str  # the rule that decided kind and speaker
    confidence: float
    text: str  # the quoted words, without the marks that open continued paragraphs
    start: int  # first quoted character in the document's text
    end: int  # one past the last
    paragraphs: int
    # 0 for a quotation in running text, 1 for one inside another
    depth: int = field(default=0, metadata={"public": False})
