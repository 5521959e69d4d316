"""Bringing an index up to date: only the blocks of documents that changed are analysed.

Documents are grouped in blocks (at most BLOCK_DOCS documents or BLOCK_BYTES bytes); a
block's postings are rebuilt whole when any of its files is added, changed or removed.
A renamed file (same size, time and inode under another name) keeps its analysis. Every
change goes in one transaction: a build that is killed leaves the index as it was.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from nhsalliance_cli.corpus.folder import FileStat, Listing
from nhsalliance_cli.corpus.reading import facts_of, read_text
from nhsalliance_cli.index import workers
from nhsalliance_cli.index.store import Store, pack, unpack
from nhsalliance_cli.text.tokens import fold, split_tokens, term_positions

BLOCK_DOCS = 128
BLOCK_BYTES = 4_000_000
PARALLEL_BYTES = 8_000_000  # below this, worker processes cost more than they save

Progress = Callable[[int, int], None]  # files and bytes done so far


@dataclass(frozen=True)
class Plan:
    """What an update does, worked out from the stored rows and the folder's listing."""

    removed: tuple[int, ...]
    renamed: tuple[tuple[int, str], ...]
    blocks: dict[int, list[tuple[int, FileStat]]]  # every file of each block to rebuild

    @property
    def empty(self) -> bool:
        return not (self.removed or self.renamed or self.blocks)

    @property
    def files(self) -> int:
        return sum(len(b) for b in self.blocks.values())

    @property
    def bytes(self) -> int:
        return sum(f.size for b in self.blocks.values() for _, f in b)


def plan(store: Store, listing: Listing, recent: dict[str, str] | None = None) -> Plan:
    """The update that brings the index in line with ``listing``. ``recent`` holds the
    content digests of files changed too recently for their time stamp to tell a second
    change from the first (see :func:`recent_digests`)."""
    texts = listing.texts
    rows = store.file_rows()
    digests = dict(store.digests()) if recent else {}
    by_rel = {r[1]: r for r in rows}
    # New names by what tells a file: one of them may be an indexed file renamed. Two
    # names can share it (hard links, two links to one file): each is a document.
    keys: dict[tuple[int, int, int], list[str]] = defaultdict(list)
    for rel, f in texts.items():
        if rel not in by_rel:
            keys[f.key].append(rel)
    removed: list[int] = []
    renamed: list[tuple[int, str]] = []
    dirty: set[int] = set()
    members: dict[int, dict[int, FileStat]] = defaultdict(dict)
    for ordinal, rel, size, mtime_ns, inode, block in rows:
        now = texts.get(rel)
        if now is None:
            same = keys.get((size, mtime_ns, inode))
            new_rel = same.pop(0) if same else None
            if new_rel is not None:
                renamed.append((ordinal, new_rel))
                members[block][ordinal] = texts[new_rel]
            else:
                removed.append(ordinal)
                dirty.add(block)
            continue
        members[block][ordinal] = now
        if now.key != (size, mtime_ns, inode) or (
            recent and rel in recent and recent[rel] != digests.get(ordinal)
        ):
            dirty.add(block)
    added = [texts[rel] for rel in sorted(r for rels in keys.values() for r in rels)]
    if added:
        next_ord = max((r[0] for r in rows), default=-1) + 1
        block = max((r[5] for r in rows), default=0)
        docs = len(members[block])
        size = sum(f.size for f in members[block].values())
        for file in added:
            if docs and (docs >= BLOCK_DOCS or size + file.size > BLOCK_BYTES):
                block, docs, size = block + 1, 0, 0
            members[block][next_ord] = file
            dirty.add(block)
            next_ord, docs, size = next_ord + 1, docs + 1, size + file.size
    blocks = {b: sorted(members[b].items()) for b in sorted(dirty)}
    return Plan(tuple(removed), tuple(renamed), blocks)


def apply(
    store: Store,
    work: Plan,
    name: str,
    state: str,
    progress: Progress,
    held: Sequence[int] = (),
) -> None:
    """Carry out ``work`` in one transaction. ``held`` are file descriptors (the lock
    files) that worker processes must not keep open."""
    store.begin()
    old = list(_totals(store.block_totals(work.blocks), -1))  # read before any write
    digests = store.digests_of_blocks(work.blocks)
    store.delete_files(work.removed)
    for ordinal, rel in work.renamed:
        store.rename_file(ordinal, rel)
    store.adjust_terms(old)
    store.clear_blocks(work.blocks)
    files = done = 0
    for block, (postings, rows) in zip(work.blocks, _analysed(work, name, held), strict=True):
        store.put_files(rows)
        store.put_postings(block, postings)
        store.adjust_terms(_totals(((t, d) for t, d, _ in postings), 1))
        files += len(rows)
        done += sum(f.size for _, f in work.blocks[block])
        progress(files, done)
    store.drop_unused_terms(term for term, _, _ in old)
    store.drop_unused_analyses(digests)
    updates = int(store.meta("generation") or 0) + (0 if work.empty else 1)
    store.set_meta(
        {"complete": "1", "state": state, "built": str(time.time()), "generation": str(updates)}
    )
    store.commit()


def _totals(rows: Iterable[tuple[str, bytes]], sign: int) -> Iterator[tuple[str, int, int]]:
    """(term, occurrences, documents) of postings rows, times ``sign``."""
    for term, blob in rows:
        docs = unpack(blob)
        yield term, sign * sum(docs[1::2]), sign * (len(docs) // 2)


BlockResult = tuple[list[tuple[str, bytes, bytes]], list[tuple[object, ...]]]


def _analysed(work: Plan, name: str, held: Sequence[int]) -> Iterator[BlockResult]:
    items = [(block, members, name) for block, members in work.blocks.items()]
    many = work.bytes >= PARALLEL_BYTES and len(items) >= 2
    yield from workers.mapped(_analyse_block, items, workers.cores() if many else 1, held)


def _analyse_block(item: tuple[int, Sequence[tuple[int, FileStat]], str]) -> BlockResult:
    """One block's postings rows and file rows, from the texts: a pure function of them."""
    block, members, name = item
    by_term: defaultdict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    rows: list[tuple[object, ...]] = []
    for ordinal, file in members:
        data, decoded = read_text(file, name)
        text = decoded.text
        starts, words = split_tokens(fold(text))
        facts = facts_of(text, data, len(words), decoded.encoding)
        for term, places in term_positions(words).items():
            docs, positions = by_term[term]
            docs += (ordinal, len(places))
            positions += places
        date, evidence = facts.date if facts.date is not None else (None, None)
        rows.append(
            (
                ordinal,
                file.rel,
                file.size,
                file.mtime_ns,
                file.inode,
                block,
                facts.title,
                date,
                evidence,
                facts.sha256,
                facts.words,
                facts.paragraphs,
                pack(starts),
                facts.encoding,
            )
        )
    postings = [(t, pack(d), pack(p)) for t, (d, p) in sorted(by_term.items())]
    return postings, rows


# A file changed less than this long ago may change again within the same tick of the
# file system's clock (2 s on FAT), keeping its size and time: its content is checked.
RACY_NS = 2_000_000_000


def recent_digests(listing: Listing) -> dict[str, str]:
    """The content digest of each file modified in the last RACY_NS (usually none)."""
    import hashlib

    since = time.time_ns() - RACY_NS
    found = {}
    for rel, f in listing.files.items():
        if f.mtime_ns >= since:
            try:
                found[rel] = hashlib.sha256(f.read_bytes()).hexdigest()
            except OSError:
                found[rel] = "unreadable"
    return found


def state_of(listing: Listing, recent: dict[str, str]) -> str:
    """A digest of what tells one state of the folder from another without reading it:
    each file's name, size, time and inode (and the content of a recently changed file
    that is not a text: the manifest or a metadata table). A text changed twice within
    one tick of the clock is caught by :func:`fresh` instead, so that a text leaving
    the recent window does not make a new state."""
    import hashlib

    texts = listing.texts
    lines = [
        f"{rel}\0{f.size}\0{f.mtime_ns}\0{f.inode}\0"
        + ("" if rel in texts else recent.get(rel, ""))
        for rel, f in sorted(listing.files.items())
    ]
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def fresh(store: Store, state: str, recent: dict[str, str]) -> bool:
    """Whether the index holds this state of the folder: the same listing, and every
    recently changed text as it is now."""
    if not store.complete or store.meta("state") != state:
        return False
    if not recent:
        return True
    indexed = store.digests_by_path(sorted(recent))
    return all(indexed.get(rel, digest) == digest for rel, digest in recent.items())


def generation(store: Store) -> str:
    """What results are kept for: the folder's state and how many updates made it."""
    return f"{store.meta('state')}:{store.meta('generation') or 0}"
