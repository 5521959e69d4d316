"""Per-document analyses: a document's names record and quotations depend on it alone; the
corpus's names index and speakers are merges of the stored records."""

from __future__ import annotations

import dataclasses
import json

from nhsalliance_cli.analyses.attribution.merging import merge_speakers
from nhsalliance_cli.analyses.names.records import (
    DocNames,
    build_index,
    document_names,
    merge_names,
)
from nhsalliance_cli.analyses.quotations import corpus_quotations, document_quotations
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.index.opening import load_bundled
from nhsalliance_cli.records.quotation import Quotation


def doc(id_: str, text: str, date: str | None = None) -> Document:
    return Document(id=id_, file=f"{id_}.txt", text=text, title=id_, date=date)


def plain(value: object) -> bool:
    """Whether a record field holds only tuples of str and int (storable as rows)."""
    if isinstance(value, (str, int)):
        return True
    return isinstance(value, tuple) and all(plain(v) for v in value)


def test_a_names_record_is_plain_rows() -> None:
    record = document_names(load_bundled().documents[0])
    for f in dataclasses.fields(DocNames):
        assert plain(getattr(record, f.name)), f.name
    # The round trip through JSON gives lists: as tuples again, the same record.
    raw = json.loads(json.dumps(dataclasses.asdict(record)))
    again = DocNames(**{k: _tuples(v) for k, v in raw.items()})  # type: ignore[arg-type]
    assert again == record


def _tuples(value: object) -> object:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def test_the_corpus_index_is_the_merge_of_its_documents_records() -> None:
    corpus = load_bundled()
    merged = merge_names([document_names(d) for d in corpus])
    built = build_index(corpus)
    assert [e.entity for e in merged.entries] == [e.entity for e in built.entries]
    assert [list(e.mentions) for e in merged.entries] == [list(e.mentions) for e in built.entries]
    assert [(e.first_seen, e.last_seen) for e in merged.entries] == [
        (e.first_seen, e.last_seen) for e in built.entries
    ]


def test_a_surname_alone_in_one_document_mentions_the_person_named_in_another() -> None:
    full = doc("a", "Dr Harriet Vallance said the ward would reopen.\n", "2015-01-02")
    alone = doc("b", "The plan was Vallance's, the board heard on Monday.\n", "2016-03-04")
    index = merge_names([document_names(full), document_names(alone)])
    (person,) = [e for e in index.entries if e.entity.name == "Harriet Vallance"]
    assert person.docs == ("a", "b")
    assert (person.first_seen, person.last_seen) == ("2015-01-02", "2016-03-04")
    b_text = alone.text
    (span,) = [s for d, s in person.mentions if d == "b"]
    assert b_text[span.start : span.end] == "Vallance"
    # The record of "b" alone knows nobody of that name.
    alone_index = merge_names([document_names(alone)])
    assert not [e for e in alone_index.entries if e.entity.origin != "glossary"]


def test_a_lower_case_long_form_defined_in_a_document_is_found_there() -> None:
    text = "Each primary care network (PCN) met. The primary care network chose a lead.\n"
    index = merge_names([document_names(doc("a", text))])
    (entry,) = [e for e in index.entries if "PCN" in e.entity.aliases]
    found = [text[s.start : s.end] for _, s in entry.mentions]
    assert found.count("primary care network") == 2


def test_a_documents_quotations_do_not_depend_on_the_others() -> None:
    first = doc("a", "“The beds are full,” said Dr Ruth Okonjo, the trust’s medical director.\n")
    other = doc("b", "Ruth Barnes, a nurse, said: “We are tired.” Okonjo disagreed.\n")
    alone = document_quotations(first)
    together = list(corpus_quotations(Corpus("t", (first, other))))
    assert [q for q in together if q.doc == "a"] == alone
    assert [q.speaker for q in alone] == ["Ruth Okonjo"]


def quote(doc_id: str, speaker: str | None) -> Quotation:
    return Quotation(doc_id, speaker, None, None, "speech", "cue", 0.9, "words", 0, 5, 1)


def test_merging_speakers_gives_each_person_their_fullest_name() -> None:
    per_doc = [
        [quote("a", "Edward G. Rendell"), quote("a", "Michael Dell")],
        [quote("b", "Rendell"), quote("b", "Ed Rendell"), quote("b", None)],
        [quote("c", "Trump"), quote("c", "Donald Trump"), quote("c", "Eric Trump")],
        [quote("d", "Donald J. Trump"), quote("d", "Dell")],
    ]
    merged = merge_speakers(per_doc)
    assert [q.speaker for q in merged] == [
        "Edward G. Rendell",
        "Michael Dell",
        "Edward G. Rendell",
        "Edward G. Rendell",
        None,
        "Trump",  # Donald or Eric: no one
        "Donald J. Trump",
        "Eric Trump",
        "Donald J. Trump",
        "Michael Dell",
    ]
    assert [q.doc for q in merged] == ["a", "a", "b", "b", "b", "c", "c", "c", "d", "d"]


def test_merging_speakers_of_one_document_changes_nothing_it_has_not_got() -> None:
    quotes = [quote("a", "Ann Lee"), quote("a", "Lee")]
    assert merge_speakers([quotes]) == [
        quotes[0],
        dataclasses.replace(quotes[1], speaker="Ann Lee"),
    ]


def test_a_speaker_is_matched_by_whole_words_of_their_names() -> None:
    corpus = Corpus(
        "t",
        (
            doc("a", "“We will invest,” said Michael Dell. “Taxes are too high,” said Ed Rendell."),
            doc("b", "Dr Jane Okafor said: “It is late.” “So it is,” Dr Okafor said."),
        ),
    )
    index = build_index(corpus)
    speakers = {"Michael Dell", "Ed Rendell", "Jane Okafor"}
    assert index.people_matching("rendell", speakers) == {"Ed Rendell"}
    assert index.people_matching("dell", speakers) == {"Michael Dell"}
    assert index.people_matching("ed rendell", speakers) == {"Ed Rendell"}
    assert index.people_matching("rendel", speakers) == {"Ed Rendell"}  # a slip
    assert index.people_matching("dr okafor", speakers) == {"Jane Okafor"}  # a form
    assert index.people_matching("smith", speakers) == set()
