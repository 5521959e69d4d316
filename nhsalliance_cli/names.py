"""The names index: people, organisations, places, terms and publications, and their mentions.

Two sources, merged: the curated glossary shipped in ``data/glossary.toml`` (reference
data about the NHS, not about any corpus) and names extracted from whatever corpus is
loaded: acronym definitions (Schwartz & Hearst's algorithm), people with titles or
quoted by name, and capitalised names of organisations and publications. Mentions are
found with the search engine, the longest name winning where two overlap.

This module is the names' API; the work is done in modules of their own:
:mod:`nameentity` (the records), :mod:`nameindex` (look-up and scores),
:mod:`namerecords` (per-document records and their merge), :mod:`nameacronyms`,
:mod:`namephrases` and :mod:`namepeople` (what a document names), :mod:`namelines`
(where capitals say nothing of a name).
"""

from __future__ import annotations

from nhsalliance_cli.nameacronyms import PAREN_RE as _PAREN_RE
from nhsalliance_cli.nameacronyms import acronym_entity as _acronym_entity
from nhsalliance_cli.nameacronyms import acronyms as _acronyms
from nhsalliance_cli.nameacronyms import is_short_form as _is_short_form
from nhsalliance_cli.nameacronyms import long_form as long_form
from nhsalliance_cli.nameentity import KINDS as KINDS
from nhsalliance_cli.nameentity import Entity as Entity
from nhsalliance_cli.nameentity import Indexed as Indexed
from nhsalliance_cli.nameindex import NameIndex as NameIndex
from nhsalliance_cli.namerecords import DocNames as DocNames
from nhsalliance_cli.namerecords import MentionTables as MentionTables
from nhsalliance_cli.namerecords import RecordMentions as RecordMentions
from nhsalliance_cli.namerecords import assemble_index as assemble_index
from nhsalliance_cli.namerecords import build_index as build_index
from nhsalliance_cli.namerecords import document_names as document_names
from nhsalliance_cli.namerecords import entities_key as entities_key
from nhsalliance_cli.namerecords import extract as extract
from nhsalliance_cli.namerecords import head as head
from nhsalliance_cli.namerecords import load_glossary as load_glossary
from nhsalliance_cli.namerecords import mention_spans as mention_spans
from nhsalliance_cli.namerecords import merge as merge
from nhsalliance_cli.namerecords import merge_names as merge_names
from nhsalliance_cli.namerecords import names_entities as names_entities
from nhsalliance_cli.namerecords import record_mentions as record_mentions
from nhsalliance_cli.namewords import ORG_WORDS as ORG_WORDS
from nhsalliance_cli.namewords import PUBLICATION_WORDS as PUBLICATION_WORDS
from nhsalliance_cli.namewords import normalize as normalize
from nhsalliance_cli.namewords import singular as singular

__all__ = [
    "KINDS",
    "ORG_WORDS",
    "PUBLICATION_WORDS",
    "_PAREN_RE",
    "DocNames",
    "Entity",
    "Indexed",
    "MentionTables",
    "NameIndex",
    "RecordMentions",
    "_acronym_entity",
    "_acronyms",
    "_is_short_form",
    "assemble_index",
    "build_index",
    "document_names",
    "entities_key",
    "extract",
    "head",
    "load_glossary",
    "long_form",
    "mention_spans",
    "merge",
    "merge_names",
    "names_entities",
    "normalize",
    "record_mentions",
    "singular",
]
