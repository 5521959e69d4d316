"""English function words (data/stopwords.txt): set aside by the word lists and by the
quotation look-up, which must not match on them alone. A module of its own, so that a
look-up does not import the statistics to read them."""

from __future__ import annotations

from functools import cache


@cache
def load_stopwords() -> frozenset[str]:
    from importlib import resources

    raw = (resources.files("nhsalliance_cli") / "data" / "stopwords.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )
