from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Invoke
from nhsalliance_cli.analyses.attribution.people import People
from nhsalliance_cli.analyses.attribution.quotes import extract
from nhsalliance_cli.analyses.attribution.spans import quoted_spans
from nhsalliance_cli.analyses.lookup.find import Match, find_quote, word_diff
from nhsalliance_cli.analyses.quotations import corpus_quotations
from nhsalliance_cli.corpus.model import Corpus, Document
from nhsalliance_cli.index.opening import load_bundled
from nhsalliance_cli.records.quotation import Quotation
from nhsalliance_cli.text.stopwords import load_stopwords

BUNDLED = load_bundled()
BUNDLED_QUOTES = list(corpus_quotations(BUNDLED))


def quotes_in(*paragraphs: str, author: str | None = None) -> list[Quotation]:
    text = "\n".join(paragraphs)
    doc = Document(id="t", file="t.txt", text=text, title="t", author=author)
    return list(corpus_quotations(Corpus("test", (doc,))))


def summary(found: list[Quotation]) -> list[tuple[str, str, str | None]]:
    return [(q.text, q.kind, q.speaker) for q in found]


# --- texts written for the tests: each hard case --------------------------------------


def test_curly_and_straight_marks_pair() -> None:
    found = quotes_in("Dr Jane Roe said: ‘We will put our full weight behind it.'")
    assert summary(found) == [("We will put our full weight behind it.", "speech", "Jane Roe")]


def test_wrong_glyph_as_opening_mark() -> None:
    found = quotes_in(
        "Dr Jane Roe warned the plan was ’unworkable’ in its present form.",
        "”This is wrong,” said Dr Roe.",
    )
    assert summary(found) == [
        ("unworkable", "speech", "Jane Roe"),
        ("This is wrong,", "speech", "Jane Roe"),
    ]


def test_apostrophes_are_not_quote_marks() -> None:
    text = "It’s the patients’ choice, Dixon's view and today’s news, at six hours’ notice."
    assert quoted_spans(text) == []
    assert quotes_in(text) == []


def test_quotation_over_several_paragraphs() -> None:
    found = quotes_in(
        "Sam Okafor said: “First paragraph of the speech goes here.",
        "“Second paragraph goes on.",
        "“Third and last paragraph ends here.”",
        "Next paragraph is narrative, with a ‘scare’ word.",
    )
    speech, scare = found
    assert speech.kind == "speech" and speech.speaker == "Sam Okafor"
    assert speech.paragraphs == 3
    assert speech.text == (
        "First paragraph of the speech goes here.\nSecond paragraph goes on.\n"
        "Third and last paragraph ends here."
    )
    assert speech.confidence == 0.95
    assert (scare.text, scare.kind) == ("scare", "scare")


def test_offsets_of_a_multi_paragraph_quotation() -> None:
    text = "A Person said: “One.\n“Two.”"
    doc = Document(id="t", file="t.txt", text=text, title="t")
    (q,) = extract(doc, People(((0, 8, "A Person"),)))
    assert text[q.start : q.end] == "One.\n“Two."
    assert q.text == "One.\nTwo."


def test_an_unclosed_quotation_ends_with_its_paragraph() -> None:
    found = quotes_in("Dr Jane Roe said: “This never closes.", "A new paragraph.")
    assert summary(found) == [("This never closes.", "speech", "Jane Roe")]
    assert found[0].confidence < 0.95


def test_quotes_inside_quotes_double_inside_double() -> None:
    found = quotes_in("Dr Jane Roe said: “We called it “Project Hope” at the time.”")
    assert summary(found) == [
        ("We called it “Project Hope” at the time.", "speech", "Jane Roe"),
        ("Project Hope", "title", None),
    ]


def test_quotation_interrupted_by_its_cue() -> None:
    found = quotes_in(
        "Dr Ann Lee opened the meeting. “The first part,” she said. “And the second.”"
    )
    assert summary(found) == [
        ("The first part,", "speech", "Ann Lee"),
        ("And the second.", "speech", "Ann Lee"),
    ]
    assert found[0].cue == found[1].cue == "she said"


def test_partial_quotation_in_reported_speech() -> None:
    found = quotes_in(
        "Dr Jane Roe said commissioning risked becoming a ‘Marie Celeste' if leaders left."
    )
    assert summary(found) == [("Marie Celeste", "speech", "Jane Roe")]
    assert found[0].cue == "Dr Jane Roe said"


def test_titles_names_and_scare_quotes_are_not_speech() -> None:
    found = quotes_in(
        "The report “Fixing The Future” came from the “Widget Trust” and was called ‘bold’."
    )
    assert summary(found) == [
        ("Fixing The Future", "title", None),
        ("Widget Trust", "name", None),
        ("bold", "scare", None),
    ]


def test_cues_before_the_quotation() -> None:
    found = quotes_in(
        "Jane Roe: “We agree with the plan.”",
        "Sam Okafor, chief executive, Widget Trust said: “We will grow.”",
        "He said: “And we will hire.”",
    )
    assert summary(found) == [
        ("We agree with the plan.", "speech", "Jane Roe"),
        ("We will grow.", "speech", "Sam Okafor"),
        ("And we will hire.", "speech", "Sam Okafor"),
    ]
    assert found[1].cue == "Sam Okafor, chief executive, Widget Trust said"


def test_a_paragraph_continuing_the_quotation_keeps_its_speaker() -> None:
    found = quotes_in(
        "Dr Jane Roe said: ‘There is a problem with the plan as it stands.'",
        "‘It would also be the opposite of what is needed here.'",
    )
    assert [q.speaker for q in found] == ["Jane Roe", "Jane Roe"]
    assert found[1].confidence == 0.7


ALPHABET = "ab A\n.,’‘'\"“”:"


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=80))
def test_property_never_crashes_and_spans_lie_inside(text: str) -> None:
    # A paragraph with a quotation, whatever the text before it holds.
    text += "\n\nA said: “ab ab ab.”"
    doc = Document(id="t", file="t.txt", text=text, title="t")
    found = extract(doc, People(()))
    assert found
    for q in found:
        assert 0 <= q.start <= q.end <= len(text)
        assert q.kind in {"speech", "title", "name", "scare"}
        assert q.paragraphs >= 1
        if q.paragraphs == 1:
            assert q.text == text[q.start : q.end]


# --- the bundled texts ------------------------------------------------------------------


def bundled(doc: str, starts: str) -> Quotation:
    return next(q for q in BUNDLED_QUOTES if q.doc == doc and q.text.startswith(starts))


@pytest.mark.parametrize(
    ("doc", "starts", "kind", "speaker"),
    [
        ("dixon-retirement", "The NHS is transforming", "speech", "Michael Dixon"),
        ("dixon-retirement", "Michael has been", "speech", "Rick Stern"),
        ("dixon-retirement", "We have continually", "speech", "Michael Dixon"),
        ("dixon-retirement", "hospitals", "scare", None),
        ("dixon-retirement", "Culm Valley", "name", None),
        ("dixon-retirement", "The Human Effect", "title", None),
        ("ccgs-emasculated", "emasculated", "speech", "Michael Dixon"),
        ("ccgs-emasculated", "put its full weight", "speech", "Michael Dixon"),
        ("ccgs-emasculated", "a tacit message", "speech", "Michael Dixon"),
        ("ccgs-emasculated", "Marie Celeste", "speech", "Michael Dixon"),
        ("ccgs-emasculated", "The new CCGs", "speech", "Michael Dixon"),
        ("ccgs-emasculated", "bureaucratic", "scare", None),
        ("ccgs-emasculated", "get", "scare", None),
        ("new-year-message-2013", "Restoring the Vision", "title", None),
        ("new-year-message-2013", "D-Day", "scare", None),
        ("westminster-health-forum-2013", "payment by results", "name", None),
        ("westminster-health-forum-2013", "is the lunacy", "speech", "Michael Dixon"),
        ("nottingham-address-2009", "In just a few years", "speech", "Michael Dixon"),
        ("nottingham-address-2009", "official model", "speech", "Michael Dixon"),
    ],
)
def test_bundled_quotations(doc: str, starts: str, kind: str, speaker: str | None) -> None:
    q = bundled(doc, starts)
    assert (q.kind, q.speaker) == (kind, speaker)


def test_bundled_multi_paragraph_quotations() -> None:
    text = {d.id: d.text for d in BUNDLED}["dixon-retirement"]
    q = bundled("dixon-retirement", "The NHS is transforming")
    assert q.paragraphs == 6
    assert text[q.start : q.end].startswith("The NHS is transforming")
    assert text[q.start : q.end].endswith("what ‘was’.")
    assert bundled("nottingham-address-2009", "In just a few years").paragraphs == 2
    texts = {d.id: d.text for d in BUNDLED}
    assert {q.doc for q in BUNDLED_QUOTES} <= set(texts)
    assert all(0 <= q.start < q.end <= len(texts[q.doc]) for q in BUNDLED_QUOTES)


def test_no_bundled_quotation_is_an_apostrophe() -> None:
    assert not any(q.text in {"s", "notice", "t"} for q in BUNDLED_QUOTES)
    assert all(len(q.text) > 2 for q in BUNDLED_QUOTES)


# --- look-up ------------------------------------------------------------------------------

STOP = load_stopwords()


def lookup(typed: str) -> list[Match]:
    return find_quote(BUNDLED, typed, BUNDLED_QUOTES, STOP)


def test_lookup_exact_paraphrase_and_numbers() -> None:
    (exact, *_) = lookup("18 years is as long as any chair should serve")
    assert exact.score == 100.0 and exact.speaker == "Michael Dixon" and exact.quoted
    (words, *_) = lookup("eighteen years is as long as any chair should serve")
    assert words.passage == "18 years is as long as any chair should serve."  # the sentence
    (para, *_) = lookup("the new CCGs risk becoming bureaucratic")
    assert para.doc == "ccgs-emasculated" and para.speaker == "Michael Dixon"
    assert para.passage.startswith("The new CCGs are under threat")


def test_lookup_unquoted_words_take_the_author() -> None:
    (m, *_) = lookup("we will only survive if we keep our old friends")
    assert m.doc == "new-year-message-2013"
    assert m.speaker == "Michael Dixon" and not m.quoted
    assert m.passage.startswith("We shall only survive")


@pytest.mark.parametrize(
    "fabricated",
    [
        "we will abolish all hospitals by next tuesday",
        "the cat sat on the mat and purred loudly",
        "GPs should be replaced by robots within five years",
        "the NHS is the best in the world",
    ],
)
def test_lookup_rejects_fabricated_quotes(fabricated: str) -> None:
    assert lookup(fabricated) == []


def test_word_diff() -> None:
    assert word_diff("the new CCGs risk becoming", "The new CCGs are becoming") == (
        "The new CCGs [-risk-] {+are+} becoming"
    )


# --- the commands -----------------------------------------------------------------------

QUOTE_FIELDS = [
    "doc", "speaker", "role", "cue", "kind", "rule", "confidence", "text", "start", "end",
    "paragraphs", "date", "date_inferred",
]  # fmt: skip


def test_quotes_command(invoke: Invoke) -> None:
    rows = json.loads(invoke(["quotes", "--json"]).stdout)
    assert rows and all(list(r) == QUOTE_FIELDS and r["kind"] == "speech" for r in rows)
    texts = {d.id: d.text for d in BUNDLED}
    for r in rows:
        assert 0 <= r["start"] < r["end"] <= len(texts[r["doc"]])
    everything = json.loads(invoke(["quotes", "--all", "--json"]).stdout)
    assert {r["kind"] for r in everything} == {"speech", "title", "name", "scare"}
    stern = json.loads(invoke(["quotes", "--speaker", "rick stern", "--json"]).stdout)
    assert [r["speaker"] for r in stern] == ["Rick Stern"]
    dixon = json.loads(
        invoke(["quotes", "--speaker", "dixon", "--contains", "CCG", "--json"]).stdout
    )
    assert dixon and all(r["speaker"] == "Michael Dixon" and "CCG" in r["text"] for r in dixon)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["quotes", "--kind", "gossip"], 2, "unknown kind 'gossip'"),
        (["quotes", "--speaker", "nobody at all"], 1, "no speaker matches 'nobody at all'"),
        (["quotes", "--contains", "zyxwv"], 1, "no quotations match"),
        (["quote", ""], 2, "empty quotation"),
        (["quote", "..."], 2, "has no letters or digits"),
        (["quote", "we will abolish all hospitals by next tuesday"], 1, "no source found"),
    ],
)
def test_quote_commands_errors(invoke: Invoke, args: list[str], code: int, message: str) -> None:
    result = invoke(args)
    assert result.exit_code == code
    assert message in result.stderr


def test_quote_command_outputs(invoke: Invoke) -> None:
    rows = json.loads(invoke(["quote", "the new CCGs risk becoming bureaucratic", "--json"]).stdout)
    texts = {d.id: d.text for d in BUNDLED}
    assert rows[0]["doc"] == "ccgs-emasculated"
    for r in rows:
        assert texts[r["doc"]][r["start"] : r["end"]] == r["passage"]
    none = invoke(["quote", "we will abolish all hospitals by next tuesday", "--json"])
    assert none.exit_code == 1 and json.loads(none.stdout) == []
    cite = invoke(["quote", "keep our old friends and also develop many more new ones", "--cite"])
    assert cite.stdout == (
        "Michael Dixon, “Chairman’s New Year Message 2013” (signed message, NHS Alliance), "
        "2 January 2013.\n"
    )
    inferred = invoke(["quote", "risked becoming a Marie Celeste", "--cite"]).stdout
    assert inferred.endswith("January 2012 (date inferred).\n")


def test_a_pronoun_cue_with_no_one_named_is_speech_by_someone_unknown() -> None:
    (q,) = quotes_in("The board met. “We are ready,” he said.")
    assert (q.kind, q.speaker, q.cue, q.confidence) == ("speech", None, "he said", 0.5)


def test_every_bundled_speech_quotation_has_its_speaker() -> None:
    speech = [q for q in BUNDLED_QUOTES if q.kind == "speech"]
    assert len(speech) == 22
    stern = [q for q in speech if q.speaker == "Rick Stern"]
    assert [q.text[:16] for q in stern] == ["Michael has been"]
    assert all(q.speaker == "Michael Dixon" for q in speech if q not in stern)
    assert all(q.cue for q in speech)


# --- citations ----------------------------------------------------------------------------


def test_a_quoted_person_is_never_cited_as_the_author_of_a_news_report() -> None:
    from nhsalliance_cli.analyses.lookup.find import citation

    report = Document(
        id="r", file="r.txt", text="", title="GPs warned", date="2012-01", kind="news report"
    )
    assert citation(report, "Michael Dixon", quoted=True) == (
        "Michael Dixon, quoted in “GPs warned” (news report), January 2012."
    )
    assert citation(report, None, quoted=False) == "“GPs warned” (news report), January 2012."
    assert citation(report, None, quoted=True) == (
        "Unattributed quotation in “GPs warned” (news report), January 2012."
    )
    release = Document(
        id="p", file="p.txt", text="", title="Plan", kind="press release", publisher="NHS Alliance"
    )
    assert citation(release, None) == "NHS Alliance, “Plan” (press release), undated."
    signed = Document(id="s", file="s.txt", text="", title="Message", author="Jane Roe")
    assert citation(signed, "Jane Roe", quoted=True) == "Jane Roe, “Message”, undated."
    assert citation(signed, "Sam Okafor", quoted=True) == (
        "Sam Okafor, quoted in “Message”, undated."
    )


def test_quote_cite_on_a_quoted_passage(invoke: Invoke) -> None:
    out = invoke(["quote", "the new CCGs risk becoming bureaucratic", "--cite"]).stdout
    assert out.startswith("Michael Dixon, quoted in “Dixon warns commissioning groups")
    unquoted = invoke(["quote", "risked becoming a Marie Celeste", "--cite"]).stdout
    assert not unquoted.startswith("Michael Dixon")


def test_the_names_index_keeps_a_person_named_with_and_without_a_first_name() -> None:
    from nhsalliance_cli.analyses.names.records import build_index

    doc = Document(
        id="t",
        file="t.txt",
        text="Dr John Smith said: “We have no choice.”\nLater, Dr Smith said he was tired.",
        title="t",
    )
    people = [e for e in build_index(Corpus("t", (doc,))).entries if e.entity.origin == "corpus"]
    assert [(e.entity.name, len(e.mentions)) for e in people] == [("John Smith", 2)]
    bundled = [e for e in build_index(BUNDLED).entries if e.entity.name == "Michael Dixon"]
    assert bundled[0].entity.origin == "glossary+corpus"


@pytest.mark.parametrize("text", ["“a " * 3000, "x said “we act " * 2000, "“a ‘b " * 1500 + "”"])
def test_stray_open_marks_give_spans_linear_in_the_text(text: str) -> None:
    """Marks opened and never closed inside another quotation each run only to the next
    one: the spans cover the paragraph about twice in all (the outer one and the inner
    ones), never once per mark, so reading them is linear in the text."""
    from nhsalliance_cli.analyses.attribution.spans import quoted_spans

    spans = quoted_spans(text)
    assert len(spans) >= 1500
    assert sum(s.end - s.start for s in spans) <= 2 * len(text)
