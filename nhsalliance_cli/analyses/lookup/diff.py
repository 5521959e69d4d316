"""The word diff of a quotation and its source: [-typed only-] {+source only+}, in the
user's and the source's own spellings."""

from __future__ import annotations

from collections.abc import Sequence

from nhsalliance_cli.analyses.lookup.words import Unit, Word


def diff(
    typed_words: Sequence[Word],
    query: Sequence[Unit],
    words: Sequence[Word],
    source: Sequence[Unit],
    pairs: Sequence[tuple[int, int, float]],
) -> str:
    """[-typed only-] {+source only+}, word by word, in the user's and the source's own
    spellings: a contraction is one word, equal to two when its expansion is."""
    exact = {i: j for i, j, s in pairs if s == 1.0}
    back = {j: i for i, j in exact.items()}
    q_words = list(dict.fromkeys(u.word for u in query))
    s_words = list(dict.fromkeys(u.word for u in source))
    # The source words each typed word's units pair with exactly, and the other way.
    q_to: dict[int, set[int] | None] = {w: set() for w in q_words}
    s_to: dict[int, set[int] | None] = {w: set() for w in s_words}
    for i, u in enumerate(query):
        partners = q_to[u.word]
        if partners is not None:
            q_to[u.word] = partners | {source[exact[i]].word} if i in exact else None
    for j, u in enumerate(source):
        partners = s_to[u.word]
        if partners is not None:
            s_to[u.word] = partners | {query[back[j]].word} if j in back else None
    out: list[str] = []
    qi = si = 0
    while qi < len(q_words) or si < len(s_words):
        gone: list[str] = []
        added: list[str] = []
        while qi < len(q_words) and not _equal(q_words[qi], q_to, s_to):
            gone.append(typed_words[q_words[qi]].text)
            qi += 1
        while si < len(s_words) and not _equal(s_words[si], s_to, q_to):
            added.append(words[s_words[si]].text)
            si += 1
        if gone:
            out.append("[-" + " ".join(gone) + "-]")
        if added:
            out.append("{+" + " ".join(added) + "+}")
        if qi >= len(q_words) or si >= len(s_words):
            rest_q = [typed_words[w].text for w in q_words[qi:]]
            rest_s = [words[w].text for w in s_words[si:]]
            out += ["[-" + " ".join(rest_q) + "-]"] if rest_q else []
            out += ["{+" + " ".join(rest_s) + "+}"] if rest_s else []
            break
        # Equal words: one typed word and the source words it stands for ("wasn't":
        # "was not"), or the other way round.
        taken_q, taken_s = {q_words[qi]}, set(q_to[q_words[qi]] or ())
        qi += 1
        while si < len(s_words) and s_words[si] in taken_s:
            taken_q |= s_to[s_words[si]] or set()
            out.append(words[s_words[si]].text)
            si += 1
        while qi < len(q_words) and q_words[qi] in taken_q:
            qi += 1
    return " ".join(out)


def _equal(word: int, mine: dict[int, set[int] | None], theirs: dict[int, set[int] | None]) -> bool:
    """A word is equal when all its units pair exactly with words whose units all do."""
    partners = mine[word]
    return bool(partners) and all(
        theirs.get(p) is not None and word in (theirs[p] or ()) for p in partners or ()
    )
