"""``--where FIELD=VALUE``: documents narrowed by their fields.

A field is one of a document's own attributes (``date``, ``kind``, ``source``, …) or one
of the folder's fields (a metadata table's columns, a file-name pattern's parts,
``folder``). Options are ANDed; a comma within one is OR; ``!=`` negates; ``*``, ``?`` and
``[…]`` are globs. Names and values compare case-insensitively; a date matches at the
coarser precision of the two, as ``--since``/``--until`` do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

from nhsalliance_cli.errors import NoResult, UsageProblem

if TYPE_CHECKING:
    from nhsalliance_cli.corpus.model import Corpus, Document

# The document attributes that are fields, in the order listed to users.
ATTRIBUTES = ("date", "kind", "author", "publisher", "source", "id", "title", "file")
SHOWN = 5  # candidates a "did you mean" lists at most
_CONDITION_RE = re.compile(r"\s*(?P<field>[^=!]+?)\s*(?P<op>!=|=)(?P<values>.*)", re.S)


@dataclass(frozen=True)
class Condition:
    field: str
    values: tuple[str, ...]
    negated: bool = False

    @property
    def text(self) -> str:
        return f"{self.field}{'!=' if self.negated else '='}{','.join(self.values)}"


def parse(text: str, option: str = "--where") -> Condition:
    """One ``--where`` value: FIELD=VALUE, FIELD!=VALUE, FIELD=V1,V2 (either one)."""
    m = _CONDITION_RE.fullmatch(text)
    values = tuple(v.strip() for v in m["values"].split(",")) if m else ()
    if m is None or not all(values):
        raise UsageProblem(
            f"{option} {text!r}: use FIELD=VALUE, FIELD!=VALUE or FIELD=VALUE1,VALUE2 "
            f"(e.g. {option} source=nyt)"
        )
    return Condition(m["field"].strip(), values, m["op"] == "!=")


def value_of(doc: Document, field: str) -> str | None:
    """A document's value for a field (already resolved to its spelling), or None."""
    if field in ATTRIBUTES:
        value = getattr(doc, field)
        return str(value) if value is not None else None
    for name, value in doc.extra:
        if name == field:
            return value
    return None


def field_names(docs: Iterable[Document]) -> list[str]:
    """Every field the documents have: the folder's own (sorted), then the attributes."""
    own = sorted({name for doc in docs for name, _ in doc.extra} - set(ATTRIBUTES))
    return [*own, *ATTRIBUTES]


def resolve(field: str, names: Sequence[str], option: str = "--where") -> str:
    """A field name as the documents spell it (any case), or a usage error with the
    closest names."""
    folded = {n.casefold(): n for n in names}
    found = folded.get(field.casefold())
    if found is not None:
        return found
    from nhsalliance_cli.text.suggest import closest

    near = closest(field, names, limit=3, cutoff=70)
    hint = f"; did you mean {' or '.join(near)}?" if near else ""
    raise UsageProblem(f"{option}: no field {field!r}{hint} ({listing('fields', names)})")


def listing(what: str, items: Sequence[str]) -> str:
    """``fields: a, b, c, d, e and 12 more``: at most :data:`SHOWN` named, fewer when
    they are long (a message stays one short line)."""
    named = few(items)
    more = f" and {len(items) - len(named)} more" if len(items) > len(named) else ""
    return f"{what}: {', '.join(named)}{more}"


def few(items: Sequence[str], room: int = 150) -> list[str]:
    """The first items, at most :data:`SHOWN` and about ``room`` characters (one at
    least, cut to ``room`` if it is that long)."""
    named: list[str] = []
    used = 0
    for item in items[:SHOWN]:
        if named and used + len(item) + 2 > room:
            break
        named.append(item if len(item) <= room else item[: room - 1] + "…")
        used += len(item) + 2
    return named


def matches(value: str | None, condition: Condition) -> bool:
    """Whether a document's value meets the condition (no value meets only ``!=``)."""
    if value is None:
        return condition.negated
    folded = value.casefold()
    hit = any(_one(folded, v.casefold(), condition.field == "date") for v in condition.values)
    return hit != condition.negated


def _one(value: str, wanted: str, date: bool) -> bool:
    if any(c in wanted for c in "*?["):
        return fnmatchcase(value, wanted)
    if date:  # 2016 holds 2016-01-04, and 2016-01-04 falls within a document dated 2016
        size = min(len(value), len(wanted))
        return value[:size] == wanted[:size]
    return value == wanted


def narrow(corpus: Corpus, conditions: Sequence[Condition], option: str = "--where") -> Corpus:
    """The documents meeting every condition; exit 1 with the closest values when none
    does."""
    if not conditions:
        return corpus
    names = field_names(corpus)
    resolved = [replace(c, field=resolve(c.field, names, option)) for c in conditions]
    kept = tuple(
        d for d in corpus.documents if all(matches(value_of(d, c.field), c) for c in resolved)
    )
    if not kept and len(corpus):
        raise NoResult(
            f"no documents where {' and '.join(c.text for c in resolved)}",
            hints=_value_hints(corpus, resolved),
        )
    return replace(corpus, documents=kept, results=None)


def _value_hints(corpus: Corpus, conditions: Sequence[Condition]) -> tuple[str, ...]:
    """For each plain value no document has: the closest values of its field."""
    hints = []
    for c in conditions:
        if c.negated:
            continue
        values = sorted({v for d in corpus if (v := value_of(d, c.field)) is not None})
        for wanted in c.values:
            if any(ch in wanted for ch in "*?[") or any(
                _one(v.casefold(), wanted.casefold(), c.field == "date") for v in values
            ):
                continue
            from nhsalliance_cli.text.suggest import closest

            near = closest(wanted, values, limit=3)
            hint = f"; did you mean {' or '.join(near)}?" if near else ""
            shown = listing(f"values of {c.field}", values) if values else f"no {c.field} at all"
            hints.append(f"no document has {c.field} {wanted!r}{hint} ({shown})")
    return tuple(hints)
