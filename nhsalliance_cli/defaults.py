"""Defaults shared by the library and the command line, in one place.

Kept in a module of their own so the command line can show them in --help without
importing the modules that use them (which would slow every command's start).
"""

CONTEXT_WINDOW = 8  # words of context either side of a concordance hit
NAME_MIN_SCORE = 80.0  # names: the lowest look-up score that counts as a match
NAME_HINT_SCORE = 55.0  # names: the lowest score still offered as a hint
QUOTE_MIN_SCORE = 66.0  # quote: the lowest score that counts as a source
