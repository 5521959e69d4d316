"""Opening a corpus: the bundled texts, a folder or one text file, through the corpus index
or straight from the files. Above both the document model (:mod:`.corpus`) and the index,
which builds its corpus objects from that model."""

from __future__ import annotations

from dataclasses import replace
from importlib.resources.abc import Traversable
from pathlib import Path

from nhsalliance_cli.corpus.folder import FileStat, Listing, bundled_root, locate, scan
from nhsalliance_cli.corpus.model import BUNDLED_NAME, Corpus
from nhsalliance_cli.corpus.reading import assemble, checked_encodings, metadata_warnings
from nhsalliance_cli.index.open import indexed


def load_bundled(use_index: bool = False) -> Corpus:
    return _load(bundled_root(), BUNDLED_NAME, use_index)


def load_corpus(folder: str | None, use_index: bool = False, strict: bool = False) -> Corpus:
    """The bundled texts (``folder`` None), a folder of texts, or a single text file.

    With ``use_index`` the corpus comes through its on-disk index, brought up to date
    first (see :mod:`nhsalliance_cli.index`); the documents and every result are the same.
    With ``strict`` a file that is not UTF-8 is an error, not read in another encoding.
    """
    root, name = locate(folder)
    return _load(root, name, use_index, strict)


def _load(root: Traversable, name: str, use_index: bool, strict: bool = False) -> Corpus:
    if not isinstance(root, Path):  # texts inside an archive: nothing to index or walk
        files = {p.name: FileStat(p.name, p, 0, 0, 0) for p in root.iterdir() if p.is_file()}
        return checked_encodings(assemble(name, Listing(files), None), Listing(files), strict)
    listing = scan(root, name)
    corpus = None
    notes: list[str] = []  # the index's own: rebuilt, or not kept
    if use_index:
        corpus = indexed(root, name, listing, notes=notes)
    if corpus is None:
        corpus = assemble(name, listing, None)
    corpus = checked_encodings(corpus, listing, strict)
    unfit = metadata_warnings(listing, name)
    if notes or unfit:
        return replace(corpus, warnings=(*notes, *corpus.warnings, *unfit))
    return corpus
