"""Figures of speaker attribution against a hand-annotated table (news2_tables.py,
news3_tables.py): how many quotations are found as speech, how many get the right speaker by
how the text names them, how precise the list of speech is, and the people the names index
lists."""

from __future__ import annotations

from nhsalliance_cli.analyses.names.records import build_index
from nhsalliance_cli.corpus.model import Corpus
from nhsalliance_cli.records.quotation import Quotation
from nhsalliance_cli.text.namewords import normalize

Row = tuple[str, str, str, str | None, str]


def found(doc: str, starts: str, among: list[Quotation]) -> Quotation | None:
    return next((q for q in among if q.doc == doc and q.text.startswith(starts)), None)


def figures(rows: list[Row], among: list[Quotation]) -> dict[str, float]:
    speech = [r for r in rows if r[2] == "speech"]

    def right(kept: list[Row]) -> float:
        hits = [found(r[0], r[1], among) for r in kept]
        return sum(
            q is not None and q.kind == "speech" and q.speaker == r[3]
            for q, r in zip(hits, kept, strict=True)
        ) / len(kept)

    listed = [q for q in among if q.kind == "speech"]
    tabled = {id(found(r[0], r[1], among)) for r in speech}
    return {
        "found": sum(
            (q := found(r[0], r[1], among)) is not None and q.kind == "speech" for r in speech
        )
        / len(speech),
        "named": right([r for r in speech if r[4] in ("name", "org")]),
        "pronoun": right([r for r in speech if r[4] == "pronoun"]),
        "unnamed": right([r for r in speech if r[4] == "unnamed"]),
        "precision": sum(id(q) in tabled for q in listed) / len(listed),
    }


def people_figures(corpus: Corpus, gold: dict[str, set[str]]) -> tuple[float, float]:
    """Precision and recall of the people the names index lists as mentioned."""
    wanted = {normalize(p) for people in gold.values() for p in people}
    listed = [
        normalize(e.entity.name)
        for e in build_index(corpus).entries
        if e.entity.kind == "person" and e.mentions
    ]
    right = [name for name in listed if name in wanted]
    return len(right) / len(listed), len(set(right)) / len(wanted)
