"""The corpus's words, for 'did you mean' when a query finds nothing."""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Iterator, Sequence

from nhsalliance_cli.corpus import Corpus
from nhsalliance_cli.search import compile_words, find
from nhsalliance_cli.tokens import fold, tokens

_QUERY_WORD_CUTOFF = 75.0


def word_forms(corpus: Corpus) -> dict[str, Counter[str]]:
    """Each folded word with the spellings it takes in the corpus and their counts."""
    # Count the spellings first: each distinct one is then folded once.
    spellings: Counter[str] = Counter()
    for doc in corpus:
        spellings.update(tokens(doc.text))
    forms: dict[str, Counter[str]] = {}
    for token, count in spellings.items():
        forms.setdefault(fold(token), Counter())[token] = count
    return forms


def suggest_query(
    corpus: Corpus, query: str, forms: dict[str, Counter[str]] | None = None
) -> tuple[str, int] | None:
    """A respelling of ``query`` whose words all occur in the corpus, and its hit count.

    Each word that does not occur is replaced by the most frequent of the closest
    corpus words; None when no respelling finds anything. ``forms`` is
    :func:`word_forms` of the corpus, if the caller has it.
    """
    from rapidfuzz import fuzz, process

    forms = forms if forms is not None else word_forms(corpus)
    counts = {word: sum(spellings.values()) for word, spellings in forms.items()}
    words = tokens(query.replace("*", ""))
    if not words or "*" in query:
        return None
    changed = False
    respelt = []
    for word in words:
        if fold(word) in counts:
            respelt.append(word)
            continue
        near = process.extract(
            fold(word), list(counts), scorer=fuzz.ratio, limit=5, score_cutoff=_QUERY_WORD_CUTOFF
        )
        if not near:
            return None
        best = max(near, key=lambda n: (n[1], counts[n[0]]))[0]
        respelt.append(forms[best].most_common(1)[0][0])
        changed = True
    if not changed:
        return None
    alternative = " ".join(respelt)
    compiled = compile_words(alternative, case_sensitive=False)
    total = sum(len(find(doc.text, [compiled])) for doc in corpus)
    return (alternative, total) if total else None


def search_hints(corpus: Corpus, words: Sequence[str]) -> Iterator[str]:
    """'Did you mean' lines for queries that found nothing: a respelling from the corpus's
    words (whatever case the search asked for), else a known name from the names index."""
    from nhsalliance_cli.names import NameIndex, build_index

    forms = word_forms(corpus)
    index: NameIndex | None = None
    for word in words:
        suggestion = suggest_query(corpus, word, forms)
        if suggestion is not None:
            alternative, hits = suggestion
            yield f"did you mean {alternative!r}? ({hits} {_plural(hits, 'hit')})"
            continue
        index = index or build_index(corpus)
        known = [entry for entry, _ in index.lookup(word) if entry.mentions]
        if known:
            n = len(known[0].mentions)
            yield (
                f"did you mean {known[0].entity.name!r}? ({known[0].entity.kind}, "
                f"{n} {_plural(n, 'mention')}: nhsalliance names {shlex.quote(word)} --mentions)"
            )


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"
