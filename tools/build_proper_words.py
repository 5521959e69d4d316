"""Build the list of WordNet's one-word lemmas that are proper names only (run at
development time, beside tools/build_thesaurus.py).

    apt-get install wordnet-base     # the database, under /usr/share/wordnet
    python tools/build_proper_words.py [/usr/share/wordnet]

WordNet's index holds its lemmas in lower case, but its data files write each word as
it is written: "Ockham", "Bede", "Aachen" only with a capital, "key" and "young" in
lower case in some sense. Writes nhsalliance_cli/data/wordnet-proper.txt, one lemma a
line (lower case, sorted): those WordNet never writes in lower case, which the names
index must not take for common words (nhsalliance_cli/analyses/names/lines.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "nhsalliance_cli" / "data" / "wordnet-proper.txt"


def main(folder: str = "/usr/share/wordnet") -> None:
    capitalised: set[str] = set()
    lower: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (Path(folder) / f"data.{pos}").read_text("latin-1").splitlines():
            if line.startswith("  "):
                continue  # the licence at the head of the file
            fields = line.split()
            count = int(fields[3], 16)
            for k in range(count):
                word = fields[4 + 2 * k].split("(")[0]  # adjectives: word(a), word(p)
                if not word.isalpha():
                    continue  # phrases (New_York) and hyphenated words
                (lower if word.islower() else capitalised).add(word.lower())
    proper = sorted(capitalised - lower)
    header = "# WordNet 3.0's one-word lemmas written only with a capital (see WORDNET-LICENSE).\n"
    OUT.write_text(header + "".join(f"{w}\n" for w in proper), "utf-8")
    print(f"{len(proper)} proper words -> {OUT}")


if __name__ == "__main__":
    main(*sys.argv[1:])
