"""A query for every form of a name: CCG also finds CCGs and clinical commissioning groups.

The forms come from the names index (the glossary and the corpus's own acronym
definitions). A word query that names a known organisation, term or publication
exactly becomes one query whose pattern matches any of its forms, so every hit and
count still carries the query as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nhsalliance_cli.analyses.names.index import NameIndex
from nhsalliance_cli.text.namewords import dotted
from nhsalliance_cli.text.search import Query, compile_words


def with_variants(queries: Sequence[Query], index: NameIndex) -> list[Query]:
    """Each word query widened to every form of the name it is, an acronym to its dotted
    form too (NHS, N.H.S., as American papers write it); others as they were."""
    widened = []
    for q in queries:
        if q.is_regex:
            widened.append(q)
            continue
        forms = list(index.forms_of(q.text))
        forms += [d for form in (q.text, *forms) if (d := dotted(form)) is not None]
        widened.append(variant_query(q, forms))
    return widened


def variant_query(query: Query, forms: Sequence[str]) -> Query:
    """``query`` matching any of ``forms`` too (where two start at one place, the
    longer wins)."""
    case_sensitive = not query.folded
    phrases = dict.fromkeys(compile_words(form, case_sensitive).words for form in forms)
    phrases.pop(query.words, None)
    if not phrases:
        return query
    return replace(query, variants=tuple(phrases))


def hints(queries: Sequence[Query], index: NameIndex) -> list[str]:
    """'CCG is also written CCGs, clinical commissioning groups: add --variants' for each
    word query whose name the texts also write in other ways."""
    lines = []
    for q in queries:
        if q.is_regex:
            continue
        others = index.other_forms(q.text)
        if others:
            lines.append(f"{q.text} is also written {', '.join(others)}: add --variants")
    return lines
