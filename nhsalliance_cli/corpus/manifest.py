"""A folder's manifest.toml: one entry a document, checked field by field, with a clear
message for each mistake."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from nhsalliance_cli.corpus.folder import FileStat, file_label, reason
from nhsalliance_cli.corpus.metadata import ID_RE
from nhsalliance_cli.corpus.model import DATE_RE, MANIFEST_KEYS, MANIFEST_NAME
from nhsalliance_cli.errors import UsageProblem

if TYPE_CHECKING:
    from nhsalliance_cli.corpus.metadata import Pattern


def read_manifest(path: FileStat, corpus: str) -> tuple[list[dict[str, Any]], Pattern | None]:
    """The manifest's [[documents]] entries, and its file_pattern if it declares one."""
    import tomllib

    label = file_label(corpus, MANIFEST_NAME)
    try:
        raw = path.read_bytes().decode("utf-8")
        data = tomllib.loads(raw)
    except OSError as e:
        raise UsageProblem(f"{label}: cannot read the manifest ({reason(e)})") from e
    except UnicodeDecodeError as e:
        raise UsageProblem(f"{label}: not UTF-8 text") from e
    except tomllib.TOMLDecodeError as e:
        raise UsageProblem(f"{label}: not valid TOML: {e}") from e
    except RecursionError as e:  # tomllib recurses once per level of nesting
        raise UsageProblem(f"{label}: nested too deeply to read") from e
    unknown = set(data) - {"documents", "file_pattern"}
    if unknown:
        raise UsageProblem(
            f"{label}: unknown top-level key {sorted(unknown)[0]!r} "
            "(expected file_pattern and [[documents]] tables)"
        )
    pattern = None
    if "file_pattern" in data:
        from nhsalliance_cli.corpus.metadata import parse_pattern

        if not isinstance(data["file_pattern"], str):
            raise UsageProblem(
                f"{label}: 'file_pattern' must be a string, not {_toml_type(data['file_pattern'])}"
            )
        pattern = parse_pattern(data["file_pattern"], label)
    entries = data.get("documents", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise UsageProblem(f"{label}: 'documents' must be an array of tables ([[documents]])")
    for number, entry in enumerate(entries, start=1):
        _check_entry(entry, f"{label}: document {number}")
    return [_normalized(entry) for entry in entries], pattern


def _normalized(entry: dict[str, Any]) -> dict[str, Any]:
    """A TOML date (``date = 2013-01-02``, unquoted) as the ISO string the model holds."""
    import datetime

    date = entry.get("date")
    if isinstance(date, datetime.date) and not isinstance(date, datetime.datetime):
        return {**entry, "date": date.isoformat()}
    return entry


_TYPE_NAMES = {str: "a string (in quotes)", bool: "true or false"}


def _check_entry(entry: Mapping[str, Any], where: str) -> None:
    for key, value in entry.items():
        if key not in MANIFEST_KEYS:
            known = ", ".join(MANIFEST_KEYS)
            raise UsageProblem(f"{where}: unknown key {key!r} (known keys: {known})")
        expected, _ = MANIFEST_KEYS[key]
        if key == "date" and _is_toml_date(value):
            continue  # checked below, as its ISO string
        if not isinstance(value, expected):
            raise UsageProblem(
                f"{where}: {key!r} must be {_TYPE_NAMES.get(expected, expected.__name__)}, "
                f"not {_toml_type(value)}"
            )
    for key, (_, required) in MANIFEST_KEYS.items():
        if required and key not in entry:
            raise UsageProblem(f"{where}: missing {key!r}")
    if "id" in entry and not ID_RE.fullmatch(entry["id"]):
        raise UsageProblem(
            f"{where}: id {entry['id']!r} must be letters, digits, '.', '_' or '-' "
            "and start with a letter or digit"
        )
    if "date" in entry:
        _check_date(entry["date"], where)


def _check_date(value: Any, where: str) -> None:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a day the calendar has (not 2013-02-30)."""
    import datetime

    if _is_toml_date(value):
        return  # tomllib has checked the calendar
    if not DATE_RE.fullmatch(value):
        raise UsageProblem(f"{where}: date {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day, *_ = [*(int(p) for p in value.split("-")), 1, 1]
    try:
        datetime.date(year, month, day)
    except ValueError as e:
        raise UsageProblem(f"{where}: date {value!r} is not a calendar date ({e})") from e


def _is_toml_date(value: Any) -> bool:
    import datetime

    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def _toml_type(value: Any) -> str:
    import datetime

    kinds = (
        (bool, "true or false"),
        (int, "a number"),
        (float, "a number"),
        (str, "a string"),
        (datetime.datetime, "a date and time"),
        (datetime.date, "a date"),
        (datetime.time, "a time"),
        (list, "an array"),
        (dict, "a table"),
    )
    return next((name for kind, name in kinds if isinstance(value, kind)), "another type")
