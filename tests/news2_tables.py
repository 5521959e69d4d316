"""The annotations of tests/data/news2 (tuned) and tests/data/news2-unseen (written before
the rules they measure, and kept aside): every quotation's kind and speaker, how the text
names the speaker, and the people each text names."""

from __future__ import annotations

# (document, how the quotation starts, kind, speaker, how the text gives the speaker):
# "name" a name (or a title and surname) in the cue, "pronoun" he/she, "unnamed" an
# unnamed source (a spokesman for X, officials), "org" an organisation, "" not speech.
Row = tuple[str, str, str, str | None, str]

UNSEEN: list[Row] = [
    ("pipeline-vote", "This is about jobs", "speech", "Walter J. Brennan", "name"),
    ("pipeline-vote", "People in my district", "speech", "Walter J. Brennan", "name"),
    ("pipeline-vote", "a gift to the industry", "speech", "Donna M. Keating", "name"),
    ("pipeline-vote", "We have seen what", "speech", "Donna M. Keating", "name"),
    ("pipeline-vote", "Landowners lose", "speech", "Donna M. Keating", "name"),
    ("pipeline-vote", "It guts the one", "speech", "Aaron Whitfield", "name"),
    ("pipeline-vote", "reviewing the text", "speech", None, "unnamed"),
    ("pipeline-vote", "Nobody in this room", "speech", "Marisol Ortega", "pronoun"),
    ("pipeline-vote", "Certainty is what", "speech", "Gerald P. Hanlon Jr.", "name"),
    ("pipeline-vote", "Certainty for whom", "speech", "Donna M. Keating", "pronoun"),
    ("care-home", "left without heating", "speech", None, "unnamed"),
    ("care-home", "She was shaking", "speech", "Margaret Ellery", "name"),
    ("care-home", "The staff were doing", "speech", "Margaret Ellery", "name"),
    ("care-home", "The safety and comfort", "speech", None, "unnamed"),
    ("care-home", "We are sorry", "speech", None, "unnamed"),
    ("care-home", "I have been told", "speech", "Peter Stanton", "pronoun"),
    ("care-home", "Nobody rang us back", "speech", "David Ellery", "pronoun"),
    ("care-home", "It's as if", "speech", "David Ellery", "pronoun"),
    ("care-home", "far from rare", "speech", "Anthony Greaves", "name"),
    ("care-home", "Every winter", "speech", "Anthony Greaves", "pronoun"),
    ("care-home", "We've been given", "speech", None, "unnamed"),
    ("studio-cuts", "We have to build", "speech", "Carla Benedetti", "name"),
    ("studio-cuts", "That means hard", "speech", "Carla Benedetti", "name"),
    ("studio-cuts", "Nobody here is", "speech", None, "unnamed"),
    ("studio-cuts", "We saw the numbers", "speech", None, "unnamed"),
    ("studio-cuts", "Our partnership", "speech", None, "unnamed"),
    ("studio-cuts", "They spent like", "speech", "Howard Tsai", "name"),
    ("studio-cuts", "The slate is not", "speech", "Carla Benedetti", "name"),
    ("studio-cuts", "Audiences will see", "speech", "Carla Benedetti", "name"),
    ("studio-cuts", "deeply concerned", "speech", "Writers Guild of America West", "org"),
    ("summit", "Nous ne signerons", "speech", "Élodie Marchand", "name"),
    ("summit", "We will not sign", "speech", "Élodie Marchand", "pronoun"),
    ("summit", "We came a long way", "speech", "Raymond K. Ostrowski", "pronoun"),
    ("summit", "There is a deal", "speech", "Raymond K. Ostrowski", "pronoun"),
    ("summit", "wider than it looks", "speech", "Élodie Marchand", "pronoun"),
    ("summit", "I have heard that", "speech", "Raymond K. Ostrowski", "pronoun"),
    ("summit", "Every negotiation", "speech", "Raymond K. Ostrowski", "pronoun"),
    ("summit", "If they will not move", "speech", "Linda Farrow", "pronoun"),
    ("summit", "Threats are not", "speech", "Hans Bergmann", "pronoun"),
    ("summit", "The president has asked", "speech", "Raymond K. Ostrowski", "pronoun"),
    ("summit", "and I will", "speech", "Raymond K. Ostrowski", "pronoun"),
]

# Every person each text names (the fullest form it gives).
UNSEEN_PEOPLE: dict[str, set[str]] = {
    "pipeline-vote": {
        "Karen Ellsworth",
        "Walter J. Brennan",
        "Donna M. Keating",
        "Aaron Whitfield",
        "Marisol Ortega",
        "Gerald P. Hanlon Jr.",
    },
    "care-home": {"Margaret Ellery", "David Ellery", "Peter Stanton", "Anthony Greaves"},
    "studio-cuts": {"Carla Benedetti", "Howard Tsai"},
    "summit": {"Élodie Marchand", "Raymond K. Ostrowski", "Linda Farrow", "Hans Bergmann"},
}
