"""Build the thesaurus `quote` uses from the WordNet 3.0 database (run at development time).

    apt-get install wordnet-base     # the database, under /usr/share/wordnet
    python tools/build_thesaurus.py [/usr/share/wordnet]

Writes two sorted text files under nhsalliance_cli/data/, read a line at a time by binary
search (nhsalliance_cli/analyses/lookup/thesaurus.py), so a look-up reads only the lines
of its words:

- wordnet-words.txt: ``word<TAB>senses<TAB>family<TAB>antonyms``, one line per one-word
  lemma or phrasal verb (``come_back``). ``senses`` are the ids (base 36) of the sense
  groups of its most frequent senses; ``family`` its derivationally related forms
  (disillusion: disillusionment); ``antonyms`` the words of opposite meaning: the words
  of a sense group WordNet gives as the opposite of one of its frequent senses (for a
  satellite adjective, of its cluster's head), and the other way round. An irregular
  form has the line ``form<TAB>=base`` (became: =become).
  A fifth field lists every sense of the word (``v2k3``: part of speech and offset in
  base 36), rare ones included, for every lemma WordNet has; a sixth, the senses opposite
  to one of those or to a sense just above one (:data:`ABOVE`); a seventh, for a lemma
  that is also an irregular form (given, left), its base (``=give``).
- wordnet-senses.txt: ``id<TAB>words``: the words of one sense group (a synset) that is
  a frequent sense of some word, for the groups of two words or more.
- wordnet-links.txt: ``sense<TAB>senses``: each sense's neighbours (broader and narrower
  senses, similar adjectives, "see also", verb groups, derived forms, pertainyms,
  attributes, entailments and causes), in both directions; antonyms are not links. Two
  words a few links apart are related; words with no short path are unrelated.

WordNet's licence is copied beside them as WORDNET-LICENSE.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "nhsalliance_cli" / "data"
POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
# The particles of the phrasal verbs kept ("come back": return); the table and
# nhsalliance_cli/analyses/lookup/thesaurus.py share this list.
PARTICLES = frozenset("back forward up down out off in into on over away".split())
TOP_SENSES = 3  # a word's most frequent senses: the rest are mostly rare or figurative
# The pointers that make two senses neighbours (antonyms excluded): hypernym, instance
# hypernym, hyponym, instance hyponym, similar to, also see, verb group, derivation,
# pertainym, attribute, entailment, cause.
LINKS = frozenset("@ @i ~ ~i & ^ $ + \\ = * >".split())
# The senses just above one (hypernym, instance hypernym, similar adjective), whose
# opposites are the word's opposites too: recognise is a way to accept, whose opposite
# is reject.
ABOVE = frozenset("@ @i &".split())

LICENCE = """WordNet Release 3.0

The files wordnet-words.txt, wordnet-senses.txt and wordnet-links.txt are derived from
the WordNet 3.0 database by tools/build_thesaurus.py, and wordnet-proper.txt by
tools/build_proper_words.py. WordNet is distributed under this licence:

This software and database is being provided to you, the LICENSEE, by Princeton
University under the following license.  By obtaining, using and/or copying this software
and database, you agree that you have read, understood, and will comply with these terms
and conditions.:

Permission to use, copy, modify and distribute this software and database and its
documentation for any purpose and without fee or royalty is hereby granted, provided that
you agree to comply with the following copyright notice and statements, including the
disclaimer, and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal use or for
distribution.

WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.

THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF EXAMPLE, BUT NOT
LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-
ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE,
DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS,
TRADEMARKS OR OTHER RIGHTS.

The name of Princeton University or Princeton may not be used in advertising or publicity
pertaining to distribution of the software and/or database.  Title to copyright in this
software, database and any associated documentation shall at all times remain with
Princeton University and LICENSEE agrees to preserve same.
"""

Synset = tuple[str, int]  # part of speech, offset


def _word(raw: str) -> str | None:
    """A lemma as `quote` compares words: lower case, one ASCII word or a phrasal verb
    (``come_back``, ``put_forward``: a word and a particle), else None."""
    w = raw.split("(")[0].lower()
    head, _, particle = w.partition("_")
    if particle and (particle not in PARTICLES or not head.isalpha()):
        return None
    return w if w.isascii() and head.isalpha() else None


def read(
    folder: Path,
) -> tuple[
    dict[Synset, list[str | None]],
    dict[tuple[Synset, int], list[tuple[Synset, int]]],
    dict[tuple[Synset, int], list[tuple[Synset, int]]],
    dict[Synset, list[Synset]],
    dict[Synset, set[Synset]],
    dict[Synset, set[Synset]],
]:
    """Each synset's words; the antonym and derivation pointers between words (a synset
    and the position of a word in it; position 0 for the whole synset); each satellite
    adjective's head synsets; each synset's neighbours (:data:`LINKS`, both ways); and
    the synsets just above it (:data:`ABOVE`)."""
    words: dict[Synset, list[str | None]] = {}
    antonyms: dict[tuple[Synset, int], list[tuple[Synset, int]]] = defaultdict(list)
    family: dict[tuple[Synset, int], list[tuple[Synset, int]]] = defaultdict(list)
    heads: dict[Synset, list[Synset]] = defaultdict(list)
    links: dict[Synset, set[Synset]] = defaultdict(set)
    above: dict[Synset, set[Synset]] = defaultdict(set)
    for name, pos in POS.items():
        for line in (folder / f"data.{name}").open(encoding="latin-1"):
            if line.startswith(" "):
                continue
            fields = line.split(" | ")[0].split()
            here: Synset = (pos, int(fields[0]))
            count = int(fields[3], 16)
            words[here] = [_word(fields[4 + 2 * i]) for i in range(count)]
            k = 4 + 2 * count
            for p in range(int(fields[k])):
                symbol, offset, their_pos, link = fields[k + 1 + 4 * p : k + 5 + 4 * p]
                there: Synset = ("a" if their_pos == "s" else their_pos, int(offset))
                source, target = int(link[:2], 16), int(link[2:], 16)
                if symbol == "!":
                    antonyms[(here, source)].append((there, target))
                elif symbol == "+":
                    family[(here, source)].append((there, target))
                elif symbol == "&" and fields[2] == "s":
                    heads[here].append(there)
                if symbol in LINKS and there != here:
                    links[here].add(there)
                    links[there].add(here)
                if symbol in ABOVE:
                    above[here].add(there)
    return words, antonyms, family, heads, links, above


def senses(folder: Path, top: int | None = TOP_SENSES) -> dict[str, list[Synset]]:
    """Each word's most frequent senses (all of them with ``top`` None), in every part
    of speech."""
    found: dict[str, list[Synset]] = defaultdict(list)
    for name, pos in POS.items():
        for line in (folder / f"index.{name}").open(encoding="latin-1"):
            if line.startswith(" "):
                continue
            fields = line.split()
            word = _word(fields[0])
            if word is None:
                continue
            count = int(fields[2])
            offsets = fields[-count:]
            found[word] += [(pos, int(o)) for o in offsets[:top]]
    return found


def base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def sense_id(s: Synset) -> str:
    return s[0] + base36(s[1])


def build(folder: Path) -> tuple[list[str], list[str], list[str]]:
    words, antonyms, family, heads, links, above = read(folder)
    opposite_senses: dict[Synset, set[Synset]] = defaultdict(set)
    for (s, _i), targets in antonyms.items():
        for t, _j in targets:
            opposite_senses[s].add(t)
            opposite_senses[t].add(s)
    frequent = senses(folder)
    every = senses(folder, None)
    # Sense groups: the words of a synset for which it is one of their frequent senses.
    members: dict[Synset, list[str]] = defaultdict(list)
    for word, synsets in frequent.items():
        for s in synsets:
            if word in words.get(s, ()):
                members[s].append(word)
    # A word's synonyms are all the words of its frequent senses, however rare that
    # sense is for them ("come back" is, first, "return" in "her old vigour returned").
    everyone = {s: sorted({w for w in words.get(s, ()) if w}) for s in members}
    kept = sorted(s for s, ws in everyone.items() if len(ws) > 1)
    ids = {s: base36(i) for i, s in enumerate(kept)}

    def at(s: Synset, i: int) -> list[str]:
        """The word at position i of synset s (1-based), or all its words (0)."""
        ws = words.get(s, [])
        picked = ws if i == 0 else ws[i - 1 : i]
        return [w for w in picked if w]

    related: dict[str, set[str]] = defaultdict(set)
    opposite: dict[str, set[str]] = defaultdict(set)
    for (s, i), targets in family.items():
        for w in at(s, i):
            for t, j in targets:
                related[w].update(x for x in at(t, j) if x != w and x[:3] == w[:3])

    # Antonyms between sense groups: every word for which the synset is a frequent sense
    # (or the very word the pointer names) is opposed to every such word of the other.
    def sense_words(s: Synset, i: int) -> set[str]:
        return set(members.get(s, ())) | set(at(s, i))

    opposed: dict[Synset, set[str]] = defaultdict(set)
    for (s, _i), targets in antonyms.items():
        for t, j in targets:
            opposed[s] |= sense_words(t, j)
    for s, hs in heads.items():  # a satellite adjective: its cluster head's antonyms
        for h in hs:
            opposed[s] |= opposed.get(h, set())
    for word, synsets in frequent.items():
        near = {word}
        for s in synsets:
            near.update(members.get(s, ()))
            opposite[word] |= opposed.get(s, set())
        opposite[word] -= near
    for word, others in list(opposite.items()):
        for other in others:
            opposite[other].add(word)
    lines = []
    for word in sorted(set(frequent) | set(related) | set(every)):
        groups = sorted({ids[s] for s in frequent.get(word, ()) if s in ids})
        fam = sorted(related.get(word, ()))
        opp = sorted(opposite.get(word, ()))
        mine = set(every.get(word, ()))
        own = sorted({sense_id(s) for s in mine})
        wide = mine.union(*(above.get(s, set()) for s in mine))
        against = sorted({sense_id(t) for s in wide for t in opposite_senses.get(s, ())})
        if groups or fam or opp or own:
            fields = (
                ",".join(groups),
                ",".join(fam),
                ",".join(opp),
                ",".join(own),
                ",".join(against),
            )
            lines.append(word + "\t" + "\t".join(fields))
    bases = {line.split("\t", 1)[0]: i for i, line in enumerate(lines)}
    for name in POS:
        for line in (folder / f"{name}.exc").open(encoding="latin-1"):
            form, base, *_ = line.split()
            if not (_word(form) and _word(base) and base in bases) or form == base:
                continue
            if form not in bases:
                bases[form] = len(lines)
                lines.append(f"{form}\t={base}")
            elif "\t=" not in lines[bases[form]]:
                # A lemma that is also an irregular form ("given", "left"): its base
                # in a sixth field, so that its senses are the base's too.
                lines[bases[form]] += f"\t={base}"
    lines.sort()
    groups_out = sorted(f"{ids[s]}\t{' '.join(everyone[s])}" for s in kept)
    links_out = sorted(
        f"{sense_id(s)}\t{','.join(sorted(sense_id(t) for t in ts))}" for s, ts in links.items()
    )
    return lines, groups_out, links_out


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    lines, groups, links = build(folder)
    (OUT / "wordnet-words.txt").write_text("\n".join(lines) + "\n", encoding="ascii")
    (OUT / "wordnet-senses.txt").write_text("\n".join(groups) + "\n", encoding="ascii")
    (OUT / "wordnet-links.txt").write_text("\n".join(links) + "\n", encoding="ascii")
    (OUT / "WORDNET-LICENSE").write_text(LICENCE, encoding="ascii")
    print(f"{len(lines):,} words, {len(groups):,} sense groups written to {OUT}")


if __name__ == "__main__":
    main()
