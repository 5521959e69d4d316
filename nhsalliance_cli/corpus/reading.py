"""Documents from a folder's files: text decoded, metadata gathered from the manifest, a
metadata table, the file name and the text itself, and the corpus assembled."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from nhsalliance_cli.corpus.folder import FileStat, Listing, file_label, reason
from nhsalliance_cli.corpus.manifest import read_manifest
from nhsalliance_cli.corpus.model import (
    MANIFEST_NAME,
    TITLE_MAX,
    Corpus,
    Document,
    TextStore,
    sort_key,
)
from nhsalliance_cli.errors import UsageProblem
from nhsalliance_cli.text import tokens

if TYPE_CHECKING:
    from nhsalliance_cli.corpus.decoding import Decoded
    from nhsalliance_cli.corpus.metadata import Found, Table


@dataclass(frozen=True)
class Facts:
    """What a document's metadata takes from its text: worked out once, kept by the index."""

    title: str  # the first line with words on it
    date: tuple[str, str] | None  # a date found in the opening lines, with its evidence
    sha256: str | None = None
    words: int | None = None
    paragraphs: int | None = None
    encoding: str = "UTF-8"  # what the file was read as: see decoding.py


def facts_of(
    text: str, data: bytes | None = None, words: int | None = None, encoding: str = "UTF-8"
) -> Facts:
    """A text's facts; with its bytes ``data`` also the digest and counts an index keeps
    (``words``, the number of tokens, if the caller has tokenized the text already)."""
    return Facts(
        encoding=encoding,
        title=first_line(text),
        date=date_in_text(text),
        sha256=_sha256(data) if data is not None else None,
        words=(words if words is not None else tokens.count_tokens(text))
        if data is not None
        else None,
        paragraphs=len(tokens.paragraph_spans(text)) if data is not None else None,
    )


def read_text(file: FileStat, corpus: str) -> tuple[bytes, Decoded]:
    """A corpus file's bytes and its text, decoded as :mod:`decoding` does; one line
    naming the file when it cannot be read. (``corpus`` is the corpus's name, for the
    message.)"""
    from nhsalliance_cli.corpus.decoding import decode as decoded

    label = file_label(corpus, file.rel)
    try:
        data = file.read_bytes()
    except OSError as e:
        raise UsageProblem(f"{label}: cannot read the file ({reason(e)})") from e
    return data, decoded(data)


def decode(data: bytes, label: str) -> str:
    """A file's text, decoded as when it was first read (``label`` names it)."""
    from nhsalliance_cli.corpus.decoding import decode as decoded

    return decoded(data).text


def checked_encodings(corpus: Corpus, listing: Listing, strict: bool) -> Corpus:
    """The corpus without the files that are no text in any encoding, and a line for each
    file read in another encoding than UTF-8; with ``strict``, a usage error for the first
    file that is not UTF-8 (as before such files were read)."""
    odd = [d for d in corpus.documents if d.encoding != Document.encoding]  # UTF-8
    if not odd:
        return corpus
    from nhsalliance_cli.corpus.decoding import UNDECODABLE
    from nhsalliance_cli.corpus.decoding import decode as decoded

    if strict:
        doc = min(odd, key=lambda d: d.file)
        bad = decoded(listing.files[doc.file].read_bytes()).first_bad or (0, 0)
        if doc.encoding == UNDECODABLE:
            raise UsageProblem(
                f"{file_label(corpus.name, doc.file)}: not text in any encoding (byte "
                f"0x{bad[1]:02x} at offset {bad[0]}); move it out of the folder"
            )
        raise UsageProblem(
            f"{file_label(corpus.name, doc.file)}: not UTF-8 text (byte 0x{bad[1]:02x} at offset "
            f"{bad[0]}); convert it, e.g. from Windows-1252: iconv -f WINDOWS-1252 -t UTF-8"
        )
    lines = [
        f"{file_label(corpus.name, d.file)}: not text in UTF-8, a byte-order mark or any encoding "
        "detected; left out"
        if d.encoding == UNDECODABLE
        else f"{file_label(corpus.name, d.file)}: not UTF-8; read as {d.encoding}"
        for d in sorted(odd, key=lambda d: d.file)
    ]
    kept = tuple(d for d in corpus.documents if d.encoding != UNDECODABLE)
    return replace(corpus, documents=kept, warnings=(*corpus.warnings, *lines))


def assemble(
    name: str,
    listing: Listing,
    known: Mapping[str, tuple[int, Facts]] | None,
    store: TextStore | None = None,
) -> Corpus:
    """The corpus from its files and manifest. ``known`` holds each file's ordinal and
    facts from an index (its texts then load lazily through ``store``); without it every
    text is read now."""
    texts = listing.texts
    manifest_file = listing.manifest
    described, pattern = (
        read_manifest(manifest_file, name) if manifest_file is not None else ([], None)
    )
    if not texts:
        raise UsageProblem(f"{name}: no .txt files in the corpus folder")
    table = _read_table(listing, name)
    from nhsalliance_cli.corpus.metadata import found_for

    entries: dict[str, Mapping[str, Any]] = {}
    for entry in described:
        file = entry["file"]
        if file not in texts:
            raise UsageProblem(
                f"{file_label(name, MANIFEST_NAME)}: {file}: no such file in the folder"
            )
        if file in entries:
            raise UsageProblem(f"{file_label(name, MANIFEST_NAME)}: {file} is described twice")
        entries[file] = entry
    documents = [
        _document(
            texts[file],
            entries.get(file, {"file": file}),
            found_for(file, table, pattern),
            name,
            known,
            store,
        )
        for file in (*entries, *(f for f in texts if f not in entries))
    ]
    seen: dict[str, str] = {}
    for doc in documents:
        if doc.id in seen:
            raise UsageProblem(
                f"{name}: duplicate document id {doc.id!r} ({seen[doc.id]} and {doc.file}); "
                "give them distinct ids in manifest.toml"
            )
        seen[doc.id] = doc.file
    return Corpus(
        name=name, documents=tuple(sorted(documents, key=sort_key)), warnings=listing.problems
    )


def _read_table(listing: Listing, corpus: str) -> Table | None:
    from nhsalliance_cli.corpus.metadata import read_table

    file = listing.table
    if file is None:
        return None
    label = file_label(corpus, file.rel)
    try:
        data = file.read_bytes()
    except OSError as e:
        raise UsageProblem(f"{label}: cannot read the table ({reason(e)})") from e
    return read_table(data, file.rel, label, listing.texts)


def metadata_warnings(listing: Listing, corpus: str) -> list[str]:
    """One line for each text whose name does not fit the manifest's file_pattern (a few
    named, then a count): computed from the names alone, so that an index serves them."""
    manifest = listing.manifest
    try:
        declared = manifest is not None and b"file_pattern" in manifest.read_bytes()
    except OSError:
        declared = False  # reported when the manifest is read
    if manifest is None or not declared:  # most manifests: not parsed a second time
        return []
    _, pattern = read_manifest(manifest, corpus)
    if pattern is None:
        return []
    from nhsalliance_cli.corpus.metadata import unfit_files

    return unfit_files(pattern, list(listing.texts), lambda rel: file_label(corpus, rel))


def _document(
    file: FileStat,
    entry: Mapping[str, Any],
    found: Found,
    corpus: str,
    known: Mapping[str, tuple[int, Facts]] | None,
    store: TextStore | None,
) -> Document:
    label = file_label(corpus, file.rel)
    text: str | None = None
    if known is not None and file.rel in known:
        ordinal, facts = known[file.rel]
    else:
        data, decoded = read_text(file, corpus)
        ordinal, text = -1, decoded.text
        facts = facts_of(text, data if entry.get("sha256") else None, encoding=decoded.encoding)
    digest = entry.get("sha256")
    if digest and facts.sha256 != digest.lower():
        raise UsageProblem(f"{label}: the file differs from the sha256 in {MANIFEST_NAME}")
    date, date_inferred, evidence = (
        entry.get("date"),
        bool(entry.get("date_inferred", False)),
        entry.get("date_evidence"),
    )
    if date is not None and evidence is None:
        evidence = MANIFEST_NAME
    if date is None and found.date is not None:
        date, date_inferred, evidence = found.date, False, found.evidence
    if date is None and facts.date is not None:
        date, date_inferred, evidence = facts.date[0], True, facts.date[1]
    given = {**dict(found.attributes), **entry}
    stem = file.rel.rsplit(".", 1)[0]
    values: dict[str, Any] = {
        "id": given.get("id") or slug(stem),
        "file": file.rel,
        "title": given.get("title") or facts.title or stem.rsplit("/", 1)[-1],
        "title_supplied": bool(entry.get("title_supplied", False)),
        "date": date,
        "date_inferred": date_inferred,
        "date_evidence": evidence,
        "kind": given.get("kind"),
        "author": given.get("author"),
        "publisher": given.get("publisher"),
        "source": given.get("source"),
        "extra": found.fields,
        "encoding": facts.encoding,
        "word_count": facts.words,
        "paragraph_count": facts.paragraphs,
    }
    if text is None:
        assert store is not None
        return Document.lazy(store, ordinal, **values)
    return Document(text=text, **values)


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


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


_QUOTED_LINE_RE = re.compile(r"(['\"‘“])(.+)(['\"’”])")
_PAIRS = {"'": "'’", '"': '"”', "‘": "’'", "“": '”"'}


def _unquoted(line: str) -> str:
    """A headline in quote marks without them (a British paper quotes a headline that
    reports someone's words): 'Junior doctors' strike suspended' is the title."""
    m = _QUOTED_LINE_RE.fullmatch(line)
    if m is None or m[3] not in _PAIRS[m[1]]:
        return line
    return m[2].strip()


def first_line(text: str) -> str:
    """The first line with words on it, white space squeezed, cut at 100 characters."""
    text = tokens.unify_line_breaks(text[:4096])
    pos = 0
    while pos < min(len(text), 4096):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = _unquoted(" ".join(text[pos:end].replace("\ufeff", "").split()))
        if line:
            return line if len(line) <= TITLE_MAX else line[: TITLE_MAX - 1].rstrip() + "…"
        pos = end + 1
    return ""
