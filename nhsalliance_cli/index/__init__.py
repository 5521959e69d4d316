"""The corpus index: a cache on disk of each corpus's documents, postings and results.

Layered like SQLite's own pieces: :mod:`.location` finds the database file, :mod:`.store`
keeps rows and blobs in it (and nothing else), :mod:`.build` brings it up to date from the
files with the same pure analyses that run without an index, :mod:`.postings` answers
searches from it, and :mod:`.open` hands the commands a corpus backed by it.
"""
