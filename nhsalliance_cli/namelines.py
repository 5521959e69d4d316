"""Where capitalised words say nothing of a name: headlines and headings, whose words are
capitalised whatever they are."""

from __future__ import annotations

from collections.abc import Iterator

from nhsalliance_cli.tokens import tokens

# A capitalised word of a name: an initial (with its period, or a masked one), Jr. or
# Sr., or a word opening with a capital (O'Neill, Jean-Luc).
CAP_WORD = r"(?:(?:Jr|Sr)[.\x00]|[A-Z][.\x00](?= )|[A-Z][^\W\d_]*(?:[’'-][A-Za-z][^\W\d_]*)*)"
# Capitalised words that open a sentence or a role, never a name.
NOT_NAME_WORDS = frozenset(
    "The This That These Those A An It He She They We Our Their His Her Its In On At For "
    "And But Or If When While As Since From To Of By With Without After Before Many Most "
    "Some All Every Each Today Yesterday Happy Please Notes Dear Chair Chairman Chairwoman "
    "Chief President Director Secretary Minister Editor".split()
)


def without_headlines(text: str) -> str:
    """``text`` with its headlines (see :func:`prose_paragraphs`) blanked out, the same
    length: "Mayor Unveils Budget With Deep Cuts" names no one."""
    prose = set(prose_paragraph_spans(text))
    from nhsalliance_cli.tokens import paragraph_spans

    pieces: list[str] = []
    pos = 0
    for start, end in paragraph_spans(text):
        if (start, end) not in prose:
            pieces += [text[pos:start], " " * (end - start)]
            pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def prose_paragraphs(text: str) -> Iterator[str]:
    for start, end in prose_paragraph_spans(text):
        yield text[start:end]


def prose_paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Paragraphs that are not title-case headlines (whose capitals say nothing).

    A headline has mostly capitalised words and no closing sentence punctuation.
    """
    from nhsalliance_cli.tokens import paragraph_spans

    for start, end in paragraph_spans(text):
        paragraph = text[start:end]
        if paragraph.rstrip("”’\"' ").endswith((".", "!", "?")):
            yield start, end
            continue
        words = [w for w in tokens(paragraph) if w[0].isalpha()]
        capitals = sum(1 for w in words if w[0].isupper())
        if len(words) < 4 or capitals / len(words) < 0.6:
            yield start, end
