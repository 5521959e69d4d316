"""Speakers merged across documents: one name per person, from the per-document records
alone (no text read)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from nhsalliance_cli.analyses.attribution.personwords import shorter_form, surname
from nhsalliance_cli.records.quotation import Quotation


def merge_speakers(per_doc: Iterable[Sequence[Quotation]]) -> list[Quotation]:
    """The quotations with one name per person across documents: a speaker named by a
    shorter form in one document (Rendell, Ed Rendell) takes the fullest form another
    gives (Edward G. Rendell) where exactly one fuller name fits: the same surname, and
    the shorter form's other words among the fuller one's. Linear in the records; reads
    no text."""
    docs = [list(quotes) for quotes in per_doc]
    fuller: dict[str, set[str]] = {}  # surname -> speakers of two words or more
    for quotes in docs:
        for quote in quotes:
            words = (quote.speaker or "").split()
            if len(words) >= 2:
                fuller.setdefault(surname(words), set()).add(quote.speaker or "")
    renamed: dict[str, str | None] = {}

    def fullest(name: str) -> str | None:
        if name not in renamed:
            words = name.split()
            fits = [
                other
                for other in fuller.get(surname(words), ())
                if other != name and shorter_form(words, other.split())
            ]
            longest = max((len(f.split()) for f in fits), default=0)
            best = [f for f in fits if len(f.split()) == longest]
            renamed[name] = best[0] if len(best) == 1 and _only_one(best[0], fits) else None
        return renamed[name]

    merged: list[Quotation] = []
    for quotes in docs:
        for quote in quotes:
            name = fullest(quote.speaker) if quote.speaker else None
            merged.append(replace(quote, speaker=name) if name else quote)
    return merged


def _only_one(best: str, fits: Sequence[str]) -> bool:
    """Whether every other fitting name is a shorter form of ``best``: "Ed Rendell" and
    "Edward G. Rendell" are one man; "Eric Trump" and "Donald J. Trump" are two."""
    words = best.split()
    return all(f == best or shorter_form(f.split(), words) for f in fits)
