"""'Did you mean' suggestions, with rapidfuzz (imported only when a suggestion is needed)."""

from __future__ import annotations

from collections.abc import Iterable


def closest(query: str, choices: Iterable[str], limit: int = 3, cutoff: float = 60.0) -> list[str]:
    """The choices nearest to ``query``, best first, case-insensitively."""
    from rapidfuzz import fuzz, process, utils

    options = list(dict.fromkeys(choices))
    found = process.extract(
        query,
        options,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=cutoff,
    )
    return [choice for choice, _score, _index in found]
