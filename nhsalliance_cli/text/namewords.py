"""Words that tell what a name names, and names normalised for matching: the layer below
both the names index (:mod:`names`) and the reading of speakers (:mod:`speakers`), so that
neither imports the other.
"""

from __future__ import annotations

import functools
import re

# Head words that make a capitalised name an organisation's or a publication's; quotes.py
# uses them too, to tell a quoted name from a quoted person.

ORG_WORDS = frozenset(
    "Alliance Association Authority Board Boards Centre College Commission Commissioners "
    "Committee Confederation Council Department Forum Foundation Fund Group Groups Guild "
    "Hospital Institute Network Office Partnership School Service Society Surgery Trust "
    "Trusts Unit University Agency".split()
)
PUBLICATION_WORDS = frozenset(
    "Act Bill Strategy View Review Mandate Plan Paper Report Manifesto Charter Framework "
    "Enquiry Inquiry".split()
)


def dotted(form: str) -> str | None:
    """An acronym of two to six capitals written with a full stop after each, as American
    papers write them (NHS: N.H.S.); None for anything else."""
    if 2 <= len(form) <= 6 and form.isalpha() and form.isupper():
        return ".".join(form) + "."
    return None


_DOTTED_RE = re.compile(r"(?<![^\W_])(?:[^\W\d_]\.){2,}(?![^\W_])")


@functools.lru_cache(maxsize=1 << 16)  # the glossary's forms, normalised for each document
def normalize(text: str) -> str:
    """Case, apostrophes, '&' and punctuation folded away: "King’s Fund" → "kings fund";
    a dotted acronym is one word: "N.H.S." → "nhs"."""
    text = _DOTTED_RE.sub(lambda m: m.group().replace(".", ""), text)
    text = re.sub(r"[’‘'`´]", "", text.casefold()).replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def singular(key: str) -> str:
    return _singular_words(key)


def _singular_words(text: str) -> str:
    head, _, last = text.rpartition(" ")
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return f"{head} {last}" if head else last
