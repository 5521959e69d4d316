"""The machine formats: JSON, JSON lines and CSV, each field clean of surrogates and control
characters, written the same whether streamed or at once."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from nhsalliance_cli.output.shapes import Format, Record

if TYPE_CHECKING:
    pass


def json_text(row: Any, indent: bool = False) -> str:
    """JSON text: orjson (compact, UTF-8) for speed; the standard library's encoder only
    for what orjson refuses (integers beyond 64 bits, lone surrogates from undecodable
    arguments, which become U+FFFD)."""
    import orjson

    option = orjson.OPT_INDENT_2 if indent else 0
    try:
        return orjson.dumps(row, option=option).decode()
    except TypeError:
        pass
    try:
        return orjson.dumps(_without_surrogates(row), option=option).decode()
    except TypeError:  # an integer beyond 64 bits: the same layout from the standard library
        import json

        separators = (",", ": ") if indent else (",", ":")
        text = json.dumps(
            _without_surrogates(row),
            ensure_ascii=False,
            indent=2 if indent else None,
            separators=separators,
        )
        return text


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any) -> Any:
    """``value`` with each lone surrogate (an undecodable byte of an argument or a file
    name) as U+FFFD, so that the JSON is UTF-8."""
    if isinstance(value, str):
        return _SURROGATE_RE.sub("\ufffd", value)
    if isinstance(value, Mapping):
        return {k: _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_without_surrogates(v) for v in value]
    return value


def stream_part(rows: Sequence[Record], fmt: Format, before: int) -> str:
    part = encode_part(rows, fmt)
    if fmt is Format.JSON:
        return ("[\n" if not before else ",\n") + part
    if fmt is Format.CSV and before:
        return part.split("\n", 1)[1]
    return part


def encode_part(rows: Sequence[Record], fmt: Format) -> str:
    """Records encoded as one chunk of a JSON, JSON lines or CSV listing (the JSON one
    without its brackets, the CSV one with its header row): see :meth:`Output.stream`."""
    if not rows:
        return ""
    if fmt is Format.JSON:
        return ",\n".join(map(json_text, rows))
    if fmt is Format.JSONL:
        return "".join(json_text(r) + "\n" for r in rows)
    if fmt is Format.CSV:
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        keys = list(rows[0])
        writer.writerow(keys)
        writer.writerows([_csv_cell(row.get(k)) for k in keys] for row in rows)
        return buffer.getvalue()
    raise ValueError(f"{fmt} is not a structured format")


def csv_line(cells: Sequence[Any]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Mapping):  # a document's fields: name=value; name=value
        return "; ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return value
