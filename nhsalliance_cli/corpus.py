"""Documents and corpora: the immutable model every command works on, and its loading.

A corpus is a folder of UTF-8 ``.txt`` files with an optional ``manifest.toml``
describing them. The bundled NHS Alliance texts are one such folder, shipped inside
the package; ``--corpus DIR`` points the tool at any other.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from nhsalliance_cli import tokens
from nhsalliance_cli.errors import UsageProblem

MANIFEST_NAME = "manifest.toml"
BUNDLED_NAME = "bundled"
_DATE_RE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_TITLE_MAX = 100


@dataclass(frozen=True)
class Document:
    id: str
    file: str
    text: str = field(repr=False)
    title: str
    title_supplied: bool = False
    date: str | None = None
    date_inferred: bool = False
    date_evidence: str | None = None
    kind: str | None = None
    author: str | None = None
    publisher: str | None = None
    source: str | None = None

    @cached_property
    def words(self) -> int:
        return tokens.count_tokens(self.text)

    @cached_property
    def paragraphs(self) -> int:
        return len(tokens.paragraph_spans(self.text))

    def metadata(self) -> dict[str, Any]:
        """The document's public record: the JSON fields of ``list`` and ``show``."""
        return {
            "id": self.id,
            "title": self.title,
            "title_supplied": self.title_supplied,
            "date": self.date,
            "date_inferred": self.date_inferred,
            "date_evidence": self.date_evidence,
            "kind": self.kind,
            "author": self.author,
            "publisher": self.publisher,
            "source": self.source,
            "file": self.file,
            "words": self.words,
            "paragraphs": self.paragraphs,
        }


@dataclass(frozen=True)
class Corpus:
    name: str
    documents: tuple[Document, ...]

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.documents]

    def get(self, query: str) -> Document:
        """The document whose id is ``query`` or, failing that, starts with it."""
        wanted = query.strip().casefold()
        if not wanted:
            raise UsageProblem("empty document id")
        exact = [d for d in self.documents if d.id.casefold() == wanted]
        if exact:
            return exact[0]
        matches = [d for d in self.documents if d.id.casefold().startswith(wanted)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            listed = ", ".join(d.id for d in matches[:-1]) + " or " + matches[-1].id
            raise UsageProblem(f"ambiguous document id {query!r}: could be {listed}")
        from nhsalliance_cli.suggest import closest

        near = closest(query, self.ids, limit=3)
        hint = f"; did you mean {' or '.join(near)}?" if near else ""
        raise UsageProblem(
            f"no document {query!r} in the {self.name} corpus{hint} (see 'nhsalliance list')"
        )

    def select(self, queries: Iterable[str]) -> Corpus:
        """The corpus narrowed to the documents named (each by id or unique prefix)."""
        chosen = {self.get(q).id for q in queries}
        if not chosen:
            return self
        return Corpus(self.name, tuple(d for d in self.documents if d.id in chosen))


def sort_key(doc: Document) -> tuple[int, str, str]:
    """Date order, undated documents last, ties by id."""
    return (0 if doc.date else 1, doc.date or "", doc.id)


# --- loading -------------------------------------------------------------------------


def bundled_root() -> Traversable:
    """The bundled texts: package data in a wheel, the checkout's corpus/ when editable."""
    packaged = resources.files("nhsalliance_cli") / "corpus_data"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "corpus"
    if checkout.is_dir():
        return checkout
    raise UsageProblem(
        "the bundled corpus is missing from this installation; reinstall nhsalliance"
    )


def load_bundled() -> Corpus:
    return load_folder(bundled_root(), name=BUNDLED_NAME)


def load_corpus(folder: str | None) -> Corpus:
    if folder is None or folder == "":
        return load_bundled()
    path = Path(folder).expanduser()
    if not path.exists():
        raise UsageProblem(f"corpus folder {folder} does not exist")
    if not path.is_dir():
        raise UsageProblem(f"corpus folder {folder} is not a folder")
    return load_folder(path, name=str(folder))


def load_folder(root: Traversable, name: str) -> Corpus:
    try:
        files = _files(root)
    except OSError as e:
        raise UsageProblem(f"{name}: cannot read the folder ({_reason(e)})") from e
    texts = {n: files[n] for n in sorted(files) if n.lower().endswith(".txt")}
    manifest_file = files.get(MANIFEST_NAME)
    described = _read_manifest(manifest_file, name) if manifest_file is not None else []
    if not texts:
        raise UsageProblem(f"{name}: no .txt files in the corpus folder")

    documents: list[Document] = []
    listed: set[str] = set()
    for entry in described:
        file = entry["file"]
        if file not in texts:
            raise UsageProblem(f"{_label(name, MANIFEST_NAME)}: {file}: no such file in the folder")
        if file in listed:
            raise UsageProblem(f"{_label(name, MANIFEST_NAME)}: {file} is described twice")
        listed.add(file)
        documents.append(_document(texts[file], entry, name))
    for file, path in texts.items():
        if file not in listed:
            documents.append(_document(path, {"file": file}, name))

    seen: dict[str, str] = {}
    for doc in documents:
        if doc.id in seen:
            raise UsageProblem(
                f"{name}: duplicate document id {doc.id!r} ({seen[doc.id]} and {doc.file}); "
                "give them distinct ids in manifest.toml"
            )
        seen[doc.id] = doc.file
    return Corpus(name=name, documents=tuple(sorted(documents, key=sort_key)))


def _files(root: Traversable) -> dict[str, _File]:
    """The folder's files by name. A real folder is listed with os.scandir, which is much
    quicker than pathlib on a folder of thousands of texts."""
    if isinstance(root, Path):
        with os.scandir(root) as listing:
            return {e.name: _File(e.name, e.path) for e in listing if e.is_file()}
    return {p.name: _File(p.name, p) for p in root.iterdir() if p.is_file()}


@dataclass(frozen=True)
class _File:
    name: str
    where: str | Traversable

    def read_bytes(self) -> bytes:
        if isinstance(self.where, str):
            return read_file(self.where)
        return self.where.read_bytes()


def read_file(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _document(path: _File, entry: Mapping[str, Any], corpus: str) -> Document:
    file = path.name
    stem = file.rsplit(".", 1)[0]
    label = _label(corpus, file)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UsageProblem(f"{label}: cannot read the file ({_reason(e)})") from e
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise UsageProblem(
            f"{label}: not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "convert it with iconv -t UTF-8"
        ) from e
    digest = entry.get("sha256")
    if digest and _sha256(data) != digest.lower():
        raise UsageProblem(f"{label}: the file differs from the sha256 in {MANIFEST_NAME}")
    date, date_inferred, evidence = (
        entry.get("date"),
        bool(entry.get("date_inferred", False)),
        entry.get("date_evidence"),
    )
    if date is None:
        found = date_in_text(text)
        if found is not None:
            date, date_inferred, evidence = found[0], True, found[1]
    return Document(
        id=entry.get("id") or slug(stem),
        file=file,
        text=text,
        title=entry.get("title") or first_line(text) or stem,
        title_supplied=bool(entry.get("title_supplied", False)),
        date=date,
        date_inferred=date_inferred,
        date_evidence=evidence,
        kind=entry.get("kind"),
        author=entry.get("author"),
        publisher=entry.get("publisher"),
        source=entry.get("source"),
    )


# key -> (type, required)
_MANIFEST_KEYS: dict[str, tuple[type, bool]] = {
    "file": (str, True),
    "id": (str, False),
    "title": (str, False),
    "title_supplied": (bool, False),
    "date": (str, False),
    "date_inferred": (bool, False),
    "date_evidence": (str, False),
    "kind": (str, False),
    "author": (str, False),
    "publisher": (str, False),
    "source": (str, False),
    "sha256": (str, False),
}
_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _read_manifest(path: _File, corpus: str) -> list[dict[str, Any]]:
    import tomllib

    label = _label(corpus, MANIFEST_NAME)
    try:
        raw = path.read_bytes().decode("utf-8")
        data = tomllib.loads(raw)
    except OSError as e:
        raise UsageProblem(f"{label}: cannot read the manifest ({_reason(e)})") from e
    except UnicodeDecodeError as e:
        raise UsageProblem(f"{label}: not UTF-8 text") from e
    except tomllib.TOMLDecodeError as e:
        raise UsageProblem(f"{label}: not valid TOML: {e}") from e
    except RecursionError as e:  # tomllib recurses once per level of nesting
        raise UsageProblem(f"{label}: nested too deeply to read") from e
    unknown = set(data) - {"documents"}
    if unknown:
        raise UsageProblem(
            f"{label}: unknown top-level key {sorted(unknown)[0]!r} (expected [[documents]] tables)"
        )
    entries = data.get("documents", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise UsageProblem(f"{label}: 'documents' must be an array of tables ([[documents]])")
    for number, entry in enumerate(entries, start=1):
        _check_entry(entry, f"{label}: document {number}")
    return [_normalized(entry) for entry in entries]


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
        if key not in _MANIFEST_KEYS:
            known = ", ".join(_MANIFEST_KEYS)
            raise UsageProblem(f"{where}: unknown key {key!r} (known keys: {known})")
        expected, _ = _MANIFEST_KEYS[key]
        if key == "date" and _is_toml_date(value):
            continue  # checked below, as its ISO string
        if not isinstance(value, expected):
            raise UsageProblem(
                f"{where}: {key!r} must be {_TYPE_NAMES.get(expected, expected.__name__)}, "
                f"not {_toml_type(value)}"
            )
    for key, (_, required) in _MANIFEST_KEYS.items():
        if required and key not in entry:
            raise UsageProblem(f"{where}: missing {key!r}")
    if "id" in entry and not _ID_RE.fullmatch(entry["id"]):
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
    if not _DATE_RE.fullmatch(value):
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


_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH = r"(?P<month>" + "|".join(m.capitalize() for m in _MONTHS) + r")"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DATE_RES = (
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-3]\d)\b"),
)


def date_in_text(text: str) -> tuple[str, str] | None:
    """The first full date in a text's first three lines, as (ISO date, evidence).

    For documents a manifest does not date: press releases and posts usually open with
    theirs. It is only a guess (the first date may be an event's), so it counts as inferred.
    """
    import datetime

    head = "\n".join([line for line in text[:2000].splitlines() if line.strip()][:3])
    found = [m for r in _DATE_RES for m in r.finditer(head)]
    for m in sorted(found, key=lambda m: m.start()):
        month = m["month"]
        number = int(month) if month.isdigit() else _MONTHS.index(month.lower()) + 1
        try:
            day = datetime.date(int(m["year"]), number, int(m["day"]))
        except ValueError:
            continue
        return day.isoformat(), f"The first date in the text's opening lines: '{m.group()}'."
    return None


def slug(stem: str) -> str:
    """A readable id from a file name: lower case, runs of other characters as '-'."""
    text = re.sub(r"[\W_]+", "-", stem.casefold()).strip("-")
    return text or "document"


def first_line(text: str) -> str:
    """The first line with words on it, white space squeezed, cut at 100 characters."""
    pos = 0
    while pos < min(len(text), 4096):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = " ".join(text[pos:end].replace("\ufeff", "").split())
        if line:
            return line if len(line) <= _TITLE_MAX else line[: _TITLE_MAX - 1].rstrip() + "…"
        pos = end + 1
    return ""


def _label(corpus: str, file: str) -> str:
    return file if corpus == BUNDLED_NAME else f"{corpus.rstrip('/')}/{file}"


def _reason(error: OSError) -> str:
    return error.strerror or error.__class__.__name__
