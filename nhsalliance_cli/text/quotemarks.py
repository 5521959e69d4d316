"""Quotation marks written in two characters or as guillemets, read as “ and ”.

News typeset on typewriters (the New York Times's archive) writes ``…'' or ''…'', some
texts ‘‘…’’, French and Swiss texts « ». Every reader of quotations and cues sees one set
of marks on a copy of the text of the same length, so offsets still index the text.
"""

from __future__ import annotations

import re

_TWO_CHAR_MARK_RE = re.compile("``|‘‘|''|’’|[«»]")
_OPENS_AFTER = set("([{—–-/")


def unify_marks(text: str) -> str:
    """``text`` with each two-character double mark (`` '' ‘‘ ’’) written as a space and
    “ or ”, the space on the side away from the quoted words, and « » as “ ”: the same
    length, so offsets hold. '' opens after a space (or at a line's start), else closes."""
    if _TWO_CHAR_MARK_RE.search(text) is None:
        return text

    def one(m: re.Match[str]) -> str:
        mark = m.group()
        if mark == "«":
            return "“"
        if mark == "»":
            return "”"
        if mark in ("``", "‘‘"):
            return " “"
        before = text[m.start() - 1] if m.start() else "\n"
        return " “" if before.isspace() or before in _OPENS_AFTER else "” "

    return _TWO_CHAR_MARK_RE.sub(one, text)
