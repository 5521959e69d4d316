"""What a folder says of its documents beyond their texts: a metadata table at its root,
a file-name pattern declared in the manifest, and the paths themselves.

Pure functions of names and bytes. Each source overrides the ones after it: the manifest,
``metadata.csv``/``metadata.tsv``, the manifest's ``file_pattern``, the path (a date in the
file name or its folders, the first-level sub-folder as the field ``folder``), and last the
date found in the text (see :func:`nhsalliance_cli.corpus.reading.date_in_text`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from nhsalliance_cli.errors import UsageProblem

TABLE_NAMES = ("metadata.csv", "metadata.tsv")
# Columns and pattern parts that fill the document's own attributes rather than `fields`.
ATTRIBUTES = ("id", "title", "date", "kind", "author", "publisher", "source")
FOLDER_FIELD = "folder"
ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A date as people write it in names: 2016-01-04, 2016_01_04, 20160104, 2016-01.
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_FULL = re.compile(rf"(?<![0-9]){_YEAR}(?P<s>[-_]?)(?P<m>\d\d)(?P=s)(?P<d>\d\d)(?![0-9])")
_MONTH = re.compile(rf"(?<![0-9]){_YEAR}[-_](?P<m>\d\d)(?![0-9]|[-_]\d)")
_PART_DATE = r"(?:19|20)\d\d(?:[-_]?\d\d(?:[-_]?\d\d)?)?"
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Table:
    """A metadata table: each file's non-empty cells by column, with the table's name."""

    name: str
    rows: Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Pattern:
    """A file-name pattern such as ``{source}_{date}_{slug}``."""

    text: str
    regex: re.Pattern[str]
    names: tuple[str, ...]


@dataclass(frozen=True)
class Found:
    """What the table, the pattern and the path say of one file, before the manifest and
    the text: the date with its evidence, the attributes and the other fields."""

    date: str | None = None
    evidence: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    unfit: bool = False  # the file name does not fit the pattern


# --- dates -----------------------------------------------------------------------------


def iso_date(year: str, month: str | None = None, day: str | None = None) -> str | None:
    """The ISO date of these parts when the calendar has it, else None."""
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(p for p in (year, month, day) if p)


def date_in_name(name: str) -> str | None:
    """The first date written in a file or folder name: a full date, else a month."""
    for m in _FULL.finditer(name):
        found = iso_date(m["y"], m["m"], m["d"])
        if found:
            return found
    for m in _MONTH.finditer(name):
        found = iso_date(m["y"], m["m"])
        if found:
            return found
    return None


def date_in_path(rel: str) -> tuple[str, str] | None:
    """A date in a file's path, with its evidence: in the file name, else in its folders
    (one named for a date, or year/month/day folders: ``2016/01/04/…``, ``2016/…``)."""
    *folders, name = rel.split("/")
    found = date_in_name(name.rsplit(".", 1)[0])
    if found:
        return found, "file name"
    best: str | None = None
    for i, folder in enumerate(folders):
        named = date_in_name(folder)
        if named is None and re.fullmatch(_YEAR, folder):
            month = folders[i + 1] if i + 1 < len(folders) else None
            day = folders[i + 2] if i + 2 < len(folders) else None
            named = folder
            if month and re.fullmatch(r"\d\d", month) and iso_date(folder, month):
                named = f"{folder}-{month}"
                if day and re.fullmatch(r"\d\d", day) and iso_date(folder, month, day):
                    named = f"{folder}-{month}-{day}"
        if named and (best is None or len(named) > len(best)):
            best = named
    return (best, "folder name") if best else None


def check_date(value: str, where: str) -> str:
    """A date cell or pattern part as an ISO date: YYYY, YYYY-MM or YYYY-MM-DD (also
    with ``_`` or no separators); one line naming ``where`` otherwise."""
    text = value.strip()
    m = re.fullmatch(rf"{_YEAR}(?:(?P<s>[-_]?)(?P<m>\d\d)(?:(?P=s)(?P<d>\d\d))?)?", text)
    found = iso_date(m["y"], m["m"], m["d"]) if m else None
    if found is None:
        raise UsageProblem(f"{where}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return found


# --- the table ------------------------------------------------------------------------


def read_table(data: bytes, name: str, label: str, files: Iterable[str]) -> Table:
    """A metadata table (``name`` ending .csv or .tsv) of the folder holding ``files``.

    Every mistake is one line naming the table, the row and the column: no ``file``
    column, a row for a file that is not in the folder, a file described twice, an
    impossible date, an id that cannot be one.
    """
    import csv
    import io

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UsageProblem(f"{label}: not UTF-8 text (byte 0x{data[e.start]:02x})") from e
    delimiter = "\t" if name.endswith(".tsv") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise UsageProblem(f"{label}: not a valid table ({e})") from e
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise UsageProblem(f"{label}: empty table; it needs a header row with a 'file' column")
    header = [clean(c) for c in rows[0]]
    for number, column in enumerate(header, start=1):
        if not column:
            raise UsageProblem(f"{label}: row 1, column {number}: empty column name")
        if header.index(column) != number - 1:
            raise UsageProblem(f"{label}: row 1, column {number}: {column!r} is there twice")
    if "file" not in header:
        shown = ", ".join(header[:5]) + (", …" if len(header) > 5 else "")
        raise UsageProblem(f"{label}: no 'file' column (the header has {shown})")
    known = set(files)
    table: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
            raise UsageProblem(
                f"{label}: row {number}: {len(row)} cells, the header has {len(header)}"
            )
        cells = {c: clean(v) for c, v in zip(header, row, strict=False) if clean(v)}
        file = cells.pop("file", "").replace("\\", "/").removeprefix("./")
        if not file:
            raise UsageProblem(f"{label}: row {number}, column file: empty")
        if file not in known:
            raise UsageProblem(
                f"{label}: row {number}, column file: no file {file!r} in the folder"
            )
        if file in table:
            raise UsageProblem(f"{label}: row {number}, column file: {file!r} is there twice")
        for column, value in cells.items():
            where = f"{label}: row {number}, column {column}"
            if column == "date":
                cells[column] = check_date(value, where)
            elif column == "id" and not ID_RE.fullmatch(value):
                raise UsageProblem(
                    f"{where}: id {value!r} must be letters, digits, '.', '_' or '-'"
                )
        table[file] = cells
    return Table(name, table)


def clean(value: str) -> str:
    """A cell as a field value: white space squeezed, control characters dropped."""
    return " ".join(_CONTROL_RE.sub(" ", value).split())


# --- the pattern ----------------------------------------------------------------------


def parse_pattern(text: str, where: str) -> Pattern:
    """A file-name pattern: literal text and ``{name}`` parts (``{_}`` skips a part).

    ``{date}`` matches a date as :func:`date_in_name` reads it, the last part whatever is
    left; each other part as little as it can.
    """
    parts: list[str] = []
    names: list[str] = []
    pos = 0
    previous_was_part = False
    for m in re.finditer(r"\{([^{}]*)\}|[{}]", text):
        literal = text[pos : m.start()]
        if literal:
            parts.append(re.escape(literal))
            previous_was_part = False
        pos = m.end()
        if m.group(1) is None:
            raise UsageProblem(
                f"{where}: file_pattern {text!r}: unbalanced {m.group()!r} at character "
                f"{m.start() + 1}"
            )
        name = m.group(1).strip()
        if not _NAME_RE.fullmatch(name):
            raise UsageProblem(
                f"{where}: file_pattern {text!r}: {{{name}}} is not a field name "
                "(letters, digits and '_'; {_} skips a part)"
            )
        if previous_was_part:
            raise UsageProblem(
                f"{where}: file_pattern {text!r}: {{{name}}} follows another part directly; "
                "put a separator between them, as in {source}_{date}"
            )
        if name != "_" and name in names:
            raise UsageProblem(f"{where}: file_pattern {text!r}: {{{name}}} is there twice")
        if name == "_":
            parts.append(".+?")
        else:
            names.append(name)
            body = _PART_DATE if name == "date" else ".+?"
            parts.append(f"(?P<{name}>{body})")
        previous_was_part = True
    parts.append(re.escape(text[pos:]))
    if not names:
        raise UsageProblem(f"{where}: file_pattern {text!r} names no field, as in {{source}}")
    return Pattern(text, re.compile("".join(parts), re.IGNORECASE), tuple(names))


def fit(pattern: Pattern, rel: str) -> dict[str, str] | None:
    """The parts of a file's name (without folders and extension) by the pattern's
    field names, or None when the name does not fit."""
    stem = rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    m = pattern.regex.fullmatch(stem)
    if m is None:
        return None
    values = {n: clean(m[n]) for n in pattern.names}
    if "date" in values:
        try:
            values["date"] = check_date(values["date"], "")
        except UsageProblem:
            return None
    return values


def unfit_files(
    pattern: Pattern, files: Sequence[str], label: Callable[[str], str], limit: int = 5
) -> list[str]:
    """Warning lines for the files whose names do not fit the pattern: at most ``limit``
    named (as ``label`` shows them), then a count of the rest."""
    unfit = [f for f in files if fit(pattern, f) is None]
    lines = [
        f"{label(f)}: the name does not fit file_pattern {pattern.text!r}; "
        "the pattern's fields are left empty"
        for f in unfit[:limit]
    ]
    if len(unfit) > limit:
        lines.append(f"and {len(unfit) - limit} more files do not fit file_pattern")
    return lines


# --- all together ---------------------------------------------------------------------


# A file named as scrapers name them, the outlet then the date: nyt_2016-01-04_slug.txt.
_SOURCE_BEFORE_DATE_RE = re.compile(
    r"(?P<source>[A-Za-z][A-Za-z0-9&+.-]{0,39}?)_(?:19|20)\d\d(?:[-_]?\d\d){0,2}(?:[_.-]|$)"
)


def found_for(rel: str, table: Table | None, pattern: Pattern | None) -> Found:
    """What the table, the pattern and the path say of the file ``rel``, each overriding
    the ones after it (the manifest and the text are the caller's)."""
    layers: list[tuple[str, Mapping[str, str]]] = []
    unfit = False
    if table is not None and rel in table.rows:
        layers.append((table.name, table.rows[rel]))
    if pattern is not None:
        parts = fit(pattern, rel)
        unfit = parts is None
        layers.append(("file name", {k: v for k, v in (parts or {}).items() if k != "_"}))
    path: dict[str, str] = {}
    dated = date_in_path(rel)
    if dated is not None:
        path["date"] = dated[0]
        outlet = _SOURCE_BEFORE_DATE_RE.match(rel.rsplit("/", 1)[-1])
        if pattern is None and outlet is not None:
            path["source"] = outlet["source"]  # nyt_2016-01-04_slug.txt: a scraped folder
    if "/" in rel:
        path[FOLDER_FIELD] = rel.split("/", 1)[0]
    layers.append((dated[1] if dated else "path", path))
    merged: dict[str, str] = {}
    evidence: str | None = None
    for source, values in reversed(layers):
        for key, value in values.items():
            merged[key] = value
            if key == "date":
                evidence = source
    date = merged.pop("date", None)
    attributes = tuple((k, merged.pop(k)) for k in ATTRIBUTES if k in merged)
    return Found(date, evidence if date else None, attributes, tuple(sorted(merged.items())), unfit)
