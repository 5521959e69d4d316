"""Where capitalised words say nothing of a name: headlines, headings and labels, whose
words are capitalised whatever they are; a sentence's first word; common words, which a
text capitalises at a sentence's start and in a heading but which name nothing alone."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from nhsalliance_cli.text.tokens import tokens

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


def without_headlines(text: str, headings: bool = False) -> str:
    """``text`` with its headlines (see :func:`prose_paragraphs`) blanked out, the same
    length: "Mayor Unveils Budget With Deep Cuts" names no one. Short headings go too
    with ``headings``; else they stay, for a byline (By Karen Whitfield) names its
    writer."""
    prose = set(prose_paragraph_spans(text, headings))
    from nhsalliance_cli.text.tokens import paragraph_spans

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


def prose_paragraph_spans(text: str, headings: bool = True) -> Iterator[tuple[int, int]]:
    """Paragraphs that are not title-case headlines or headings (whose capitals say
    nothing).

    A headline has no closing sentence punctuation and mostly capitalised words; a
    heading (a menu label, a list item) none and every word capitalised but the small
    words that join a name's (of, and, the); ``headings`` False keeps headings.
    """
    from nhsalliance_cli.text.tokens import paragraph_spans

    for start, end in paragraph_spans(text):
        paragraph = text[start:end]
        if paragraph.rstrip("”’\"' ").endswith((".", "!", "?")):
            yield start, end
            continue
        words = [w for w in tokens(paragraph) if w[0].isalpha()]
        capitals = sum(1 for w in words if w[0].isupper())
        if len(words) >= 4 and capitals / len(words) >= 0.6:
            continue  # a headline
        if headings and words and all(w[0].isupper() or w in JOINING_WORDS for w in words):
            continue  # a heading, a label or a list item: Requests and Responses, Layer Groups
        yield start, end


# Lower-case words a name may hold between capitalised ones (Royal College of GPs, King's
# Fund: the tokens King, s, Fund).
JOINING_WORDS = frozenset(
    "of for and the s in on at to upon de del della der di du da van von le la y al bin".split()
)
# Words no dictionary of content words holds, and which name nothing alone.
_FUNCTION_WORDS = frozenset(
    "a an the of for and or nor but in on at to by with from into onto upon as than then "
    "so if is are was were be been not no yes all any each every some this that these "
    "those it its our their his her your my we they he she you i although though unless "
    "until whereas whether because since while also only just even still yet however "
    "therefore thus hence otherwise either neither both such same other another".split()
)
# A sentence or a line opens after these (and white space, quotation marks, brackets,
# bullets and menu paths' arrows between: Layer → New Layer Group).
_OPENING_MARKS = "\"“‘'([*•·–—-#\t "
_MENU_MARKS = "→»>|"


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` is the first of a sentence, a line, a list item or a
    menu path's step: nothing before it but white space, quotation marks, brackets and
    bullets since the text's or a line's start, a sentence's end (., !, ?, :, ;) or a
    menu path's arrow (Layer → New Layer Group)."""
    i = start
    while i > 0 and text[i - 1] in _OPENING_MARKS:
        i -= 1
    return i == 0 or text[i - 1] in ".!?:;\n" or text[i - 1] in _MENU_MARKS


@functools.lru_cache(maxsize=1 << 16)
def is_common_word(word: str) -> bool:
    """Whether ``word``, case aside, is a common word of English: a function word or a
    word WordNet holds (in any of its base forms: Groups, Parameters) and writes in lower
    case, whose capital says only that it opens a sentence or a heading. WordNet's proper
    names (Ockham, Bede, London: data/wordnet-proper.txt) are not common words."""
    from nhsalliance_cli.analyses.lookup.thesaurus import bases, thesaurus

    folded = word.lower().rstrip(".")
    if folded in _FUNCTION_WORDS:
        return True
    if not folded.isalpha() or len(folded) < 2:
        return False
    table = thesaurus()
    proper = _proper_words()
    # Fields: W. C. Fields's name, and the plural of field
    return any(b not in proper and _frequent(table.entry(b)) for b in bases(folded))


def _frequent(entry: tuple[list[str], list[str], list[str]] | None) -> bool:
    """Whether WordNet gives a lemma a frequent sense shared with other words, a family
    or an opposite: a word in everyday use, not one it lists for a rare sense alone
    (kestrel, google)."""
    return entry is not None and any(entry)


@functools.cache
def _proper_words() -> frozenset[str]:
    """data/wordnet-proper.txt: WordNet's words written only with a capital."""
    from importlib import resources

    raw = (resources.files("nhsalliance_cli") / "data" / "wordnet-proper.txt").read_text("utf-8")
    return frozenset(line for line in raw.splitlines() if line and not line.startswith("#"))


@functools.lru_cache(maxsize=1 << 16)
def is_inflected_word(word: str) -> bool:
    """Whether ``word`` is the plural or a verb form in -s of a common word (Loads,
    Returns, Parameters; not Marsh): a surname seldom is (Fields, Banks)."""
    from nhsalliance_cli.analyses.lookup.thesaurus import bases, thesaurus

    folded = word.lower()
    if not folded.isalpha() or not folded.endswith("s") or folded.endswith(("ss", "us", "is")):
        return False
    table = thesaurus()
    proper = _proper_words()
    return any(b not in proper and _frequent(table.entry(b)) for b in bases(folded)[1:])


def lower_words(text: str) -> frozenset[str]:
    """The words of three letters or more ``text`` writes in lower case."""
    return frozenset(_LOWER_WORD_RE.findall(text))


_LOWER_WORD_RE = re.compile(r"(?<![\w’'-])[a-z]{3,}\b")
