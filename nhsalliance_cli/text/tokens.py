"""The one tokenizer: tokens, case folding and paragraphs, all as offsets into the text.

A token is a run of letters and digits (AntConc's default). Apostrophes, hyphens,
white space and every other character separate tokens, so ``Dixon's`` is the two
tokens ``Dixon`` and ``s`` and ``practice-based`` is ``practice`` and ``based``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import accumulate

# Letters and digits in any script: \w without the underscore.
TOKEN_CHARS = r"[^\W_]"
TOKEN_RE = re.compile(TOKEN_CHARS + "+")
SEPARATOR = r"[\W_]+"
# A paragraph break: a blank line (lines holding only white space count as blank).
_BLANK_LINE_RE = re.compile(r"\n[^\S\n]*\n\s*")
_LINE_BREAK_RE = re.compile(r"\n")


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


def count_tokens(text: str) -> int:
    return len(TOKEN_RE.findall(text))


def fold(text: str) -> str:
    """Lower-case ``text`` character by character, keeping its length.

    ``str.lower`` can lengthen a string (``İ`` becomes two characters), which would
    shift every offset after it; such characters are left as they are.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of each paragraph, without surrounding white space.

    Blank lines always end a paragraph. Within a block between blank lines, a line
    break ends a paragraph too unless the block looks hard-wrapped (the text has
    blank lines and every line but the block's last is 30 to 100 characters long):
    texts written one line per paragraph, with or without blank lines, and lists
    split at each line; prose wrapped at a fixed width stays whole.
    """
    text = unify_line_breaks(text)
    has_blank_lines = _BLANK_LINE_RE.search(text) is not None
    spans: list[tuple[int, int]] = []
    for start, end in _blocks(text, _BLANK_LINE_RE, 0, len(text)):
        if has_blank_lines and _wrapped(text[start:end]):
            spans.append((start, end))
        else:
            spans.extend(_blocks(text, _LINE_BREAK_RE, start, end))
    return spans


def _wrapped(block: str) -> bool:
    lines = block.split("\n")
    return len(lines) > 1 and all(30 <= len(line.rstrip()) <= 100 for line in lines[:-1])


def _blocks(text: str, breaks: re.Pattern[str], start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = start
    for m in breaks.finditer(text, start, end):
        _add_trimmed(text, pos, m.start(), spans)
        pos = m.end()
    _add_trimmed(text, pos, end, spans)
    return spans


def _add_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


_SPLIT_RE = re.compile(f"({TOKEN_CHARS}+)")
_LONE_CR_RE = re.compile(r"\r(?!\n)")


def split_tokens(text: str) -> tuple[list[int], list[str]]:
    """Every token's start offset and the token itself, in text order.

    ``re.split`` with a capturing group does the scanning in C: the separators and tokens
    alternate, so the running sum of their lengths gives each token's start.
    """
    parts = _SPLIT_RE.split(text)
    ends = list(accumulate(map(len, parts)))
    return ends[0:-1:2], parts[1::2]


def term_positions(words: list[str]) -> dict[str, list[int]]:
    """Each distinct token with the positions (token numbers) where it stands, in order."""
    positions: defaultdict[str, list[int]] = defaultdict(list)
    for i, word in enumerate(words):
        positions[word].append(i)
    return positions


def unify_line_breaks(text: str) -> str:
    """``text`` with each lone carriage return (old Mac line ends) as a line feed, so that
    ``\\r``, ``\\n`` and ``\\r\\n`` all end a line. The length is kept: offsets still hold."""
    return _LONE_CR_RE.sub("\n", text) if "\r" in text else text
