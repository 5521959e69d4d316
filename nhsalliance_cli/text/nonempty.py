"""A regular expression's non-empty matches, as a regular expression of its own.

A pattern that can match the empty string (``x*``, ``\\b``, ``(\\w+\\s?)*$``) matches it at
almost every character, and a search that must step over each empty match pays for every
one. The search only keeps non-empty matches, so it runs the pattern rewritten to match
exactly those: for a sequence ``AB``, either A matches something, or A matches nothing
(only its zero-width assertions are left: ``emp(A)``) and B matches something; a
repetition matches something when one of its turns does (the empty turns are dropped);
an assertion never does. ``x*`` becomes ``x(?:x)*``; ``\\b`` becomes nothing at all.

Works on RE2 syntax that RE2 has already accepted. The rewrite can grow with the number
of optional parts in a row; past a size limit :func:`nonempty` gives up (None) and the
caller searches with the pattern as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LIMIT = 20_000  # characters of rewritten pattern before giving up
_REPEAT = re.compile(r"\{(\d+)(?:(,)(\d*))?\}\??")
_GROUP = re.compile(r"\(\?(?:P<\w+>|<\w+>|([imsU-]*):|([imsU-]+)\))|\(")
_POSIX = re.compile(r"\[:\^?[a-z]+:\]")


@dataclass(frozen=True)
class _Node:
    kind: str  # "char" (consumes one or more), "assert", "empty", "seq", "alt", "group", "repeat"
    text: str = ""  # char, assert: the source; group: its opening, "(?:" or "(?i:"
    parts: tuple[_Node, ...] = ()
    low: int = 0  # repeat: the bounds (high -1: no bound) and "?" if lazy
    high: int = -1
    lazy: bool = False


_EMPTY = _Node("empty")


def nonempty(pattern: str) -> str | bool | None:
    """The pattern that matches just the non-empty matches of ``pattern``; False when it
    has none (``\\b``, ``^$``); True when ``pattern`` cannot match the empty string (it
    is its own answer); None when the rewrite would be too large."""
    try:
        tree, end = _Parser(pattern).alternation(0, "")
    except (IndexError, ValueError):
        return None  # not syntax this parser knows: search as it is
    if end != len(pattern):
        return None
    if not _nullable(tree):
        return True
    found = _ne(tree)
    if found is None:
        return False
    text = _render(found)
    return text if len(text) <= _LIMIT else None


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.p = pattern

    def alternation(self, i: int, flags: str) -> tuple[_Node, int]:
        branches: list[_Node] = []
        while True:
            seq, i, flags = self.sequence(i, flags)
            branches.append(seq)
            if i < len(self.p) and self.p[i] == "|":
                i += 1
                continue
            return (branches[0] if len(branches) == 1 else _Node("alt", parts=tuple(branches))), i

    def sequence(self, i: int, flags: str) -> tuple[_Node, int, str]:
        items: list[_Node] = []
        p = self.p
        while i < len(p) and p[i] not in "|)":
            m = _GROUP.match(p, i) if p[i] == "(" else None
            if m is not None and m.group(2) is not None:  # (?i): the rest of the group
                flags += m.group(2)
                i = m.end()
                continue
            if m is not None:
                opening = f"(?{m.group(1)}:" if m.group(1) else "(?:"
                inner, i = self.alternation(m.end(), "")
                if p[i] != ")":
                    raise ValueError("unclosed group")
                atom = _Node("group", opening, (inner,))
                i += 1
            else:
                atom, i = self.atom(i)
            if flags:
                atom = _Node("group", f"(?{flags}:", (atom,))
            atom, i = self.quantified(atom, i)
            items.append(atom)
        if len(items) == 1:
            return items[0], i, flags
        return (_Node("seq", parts=tuple(items)) if items else _EMPTY), i, flags

    def atom(self, i: int) -> tuple[_Node, int]:
        p = self.p
        c = p[i]
        if c in "^$":
            return _Node("assert", c), i + 1
        if c == "[":
            return _Node("char", p[i : self.class_end(i)]), self.class_end(i)
        if c != "\\":
            return _Node("char", c), i + 1
        e = p[i + 1]
        if e in "AzbB":
            return _Node("assert", p[i : i + 2]), i + 2
        if e == "Q":
            end = p.find("\\E", i + 2)
            stop = len(p) if end < 0 else end + 2
            body = p[i + 2 : len(p) if end < 0 else end]
            return (_Node("char", p[i:stop]) if body else _EMPTY), stop
        return _Node("char", p[i : self.escape_end(i)]), self.escape_end(i)

    def escape_end(self, i: int) -> int:
        p = self.p
        e = p[i + 1]
        if e in "xpP" and p[i + 2 : i + 3] == "{":
            return p.index("}", i) + 1
        if e == "x":
            return i + 4
        if e in "pP":
            return i + 3
        if e == "0":
            j = i + 2
            while j < min(len(p), i + 4) and p[j] in "01234567":
                j += 1
            return j
        return i + 2

    def class_end(self, i: int) -> int:
        p = self.p
        j = i + 1
        j += p.startswith("^", j)
        j += p.startswith("]", j)
        while p[j] != "]":
            posix = _POSIX.match(p, j)
            if posix is not None:
                j = posix.end()
            elif p[j] == "\\":
                j = self.escape_end(j)
            else:
                j += 1
        return j + 1

    def quantified(self, atom: _Node, i: int) -> tuple[_Node, int]:
        p = self.p
        while i < len(p):
            c = p[i]
            if c in "*+?":
                low, high, j = (0 if c != "+" else 1), (1 if c == "?" else -1), i + 1
            else:
                m = _REPEAT.match(p, i) if c == "{" else None
                if m is None:
                    return atom, i
                low = int(m.group(1))
                high = low if not m.group(2) else (int(m.group(3)) if m.group(3) else -1)
                j = i + len(m.group(0)) - m.group(0).endswith("?")
            lazy = p.startswith("?", j)
            atom = _Node("repeat", parts=(atom,), low=low, high=high, lazy=lazy)
            i = j + lazy
        return atom, i


def _nullable(n: _Node) -> bool:
    if n.kind == "char":
        return False
    if n.kind in ("assert", "empty"):
        return True
    if n.kind == "seq":
        return all(_nullable(x) for x in n.parts)
    if n.kind == "alt":
        return any(_nullable(x) for x in n.parts)
    if n.kind == "group":
        return _nullable(n.parts[0])
    return n.low == 0 or _nullable(n.parts[0])  # repeat


def _emp(n: _Node) -> _Node | None:
    """What is left of ``n`` when it matches the empty string: its assertions; None when
    it cannot."""
    if n.kind == "char":
        return None
    if n.kind in ("assert", "empty"):
        return n
    if n.kind == "seq":
        parts = [_emp(x) for x in n.parts]
        kept = tuple(x for x in parts if x is not None and x.kind != "empty")
        if any(x is None for x in parts):
            return None
        return _Node("seq", parts=kept) if len(kept) > 1 else (kept[0] if kept else _EMPTY)
    if n.kind == "alt":
        options = [x for x in (_emp(x) for x in n.parts) if x is not None]
        if not options:
            return None
        if any(x.kind == "empty" for x in options):
            return _EMPTY
        return _Node("alt", parts=tuple(options)) if len(options) > 1 else options[0]
    if n.kind == "group":
        inner = _emp(n.parts[0])
        if inner is None or inner.kind == "empty":
            return inner
        return _Node("group", n.text, (inner,))
    if n.low == 0:  # repeat
        return _EMPTY
    return _emp(n.parts[0])


def _ne(n: _Node) -> _Node | None:
    """``n`` restricted to its non-empty matches; None when it has none."""
    if n.kind == "char":
        return n
    if n.kind in ("assert", "empty"):
        return None
    if n.kind == "alt":
        options = tuple(x for x in (_ne(x) for x in n.parts) if x is not None)
        return (
            None
            if not options
            else (_Node("alt", parts=options) if len(options) > 1 else options[0])
        )
    if n.kind == "group":
        inner = _ne(n.parts[0])
        return None if inner is None else _Node("group", n.text, (inner,))
    if n.kind == "repeat":
        once = _ne(n.parts[0])
        if once is None or n.high == 0:
            return None
        rest_high = -1 if n.high < 0 else n.high - 1
        rest = _Node("repeat", parts=n.parts, low=max(n.low - 1, 0), high=rest_high, lazy=n.lazy)
        return _Node("seq", parts=(once, rest)) if rest_high != 0 else once
    choices: list[_Node] = []  # seq: the first part to match something is part i
    for i, part in enumerate(n.parts):
        first = _ne(part)
        if first is not None:
            before = [_emp(x) for x in n.parts[:i]]
            assert all(x is not None for x in before)
            kept = [x for x in before if x is not None and x.kind != "empty"]
            choices.append(_Node("seq", parts=(*kept, first, *n.parts[i + 1 :])))
        if not _nullable(part):
            break
    if not choices:
        return None
    return _Node("alt", parts=tuple(choices)) if len(choices) > 1 else choices[0]


def _render(n: _Node) -> str:
    if n.kind in ("char", "assert"):
        return n.text
    if n.kind == "empty":
        return ""
    if n.kind == "seq":
        return "".join(_render_in_seq(x) for x in n.parts)
    if n.kind == "alt":
        return "|".join(_render(x) for x in n.parts)
    if n.kind == "group":
        return n.text + _render(n.parts[0]) + ")"
    inner = n.parts[0]
    body = _render(inner)
    if not (inner.kind == "group" or (inner.kind == "char" and _single(inner.text))):
        body = f"(?:{body})"
    if n.high < 0:
        count = {0: "*", 1: "+"}.get(n.low, f"{{{n.low},}}")
    elif n.low == 0 and n.high == 1:
        count = "?"
    else:
        count = f"{{{n.low}}}" if n.low == n.high else f"{{{n.low},{n.high}}}"
    return body + count + ("?" if n.lazy else "")


def _render_in_seq(n: _Node) -> str:
    return f"(?:{_render(n)})" if n.kind == "alt" else _render(n)


def _single(text: str) -> bool:
    """Whether a char node is one atom (a character, an escape, a class), not \\Q...\\E."""
    return not text.startswith("\\Q")
