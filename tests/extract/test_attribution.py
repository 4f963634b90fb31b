"""Attribution beyond "X said": participles, statements issued, topics, reporting nouns, poll
findings, and how a reported clause and the quotation inside it fit together. The sentences
are written for these tests."""
from __future__ import annotations

import pytest

from orbit.extract.quotes import noun_cues
from .test_quotes import quotes_of


def one(quotes, kind: str = "indirect", cue: str | None = None):
    found = [q for q in quotes if q.kind == kind and (cue is None or (q.cue and q.cue.text == cue))]
    assert len(found) == 1, [(q.kind, q.cue and q.cue.text, q.text) for q in quotes]
    return found[0]


def test_participle_after_a_noun_takes_the_noun_as_speaker(pipeline):
    q = one(quotes_of(pipeline, "Markets were calm on Monday, with economists saying a weak jobs report "
                                "would delay the rate cut."), cue="saying")
    assert q.speaker is not None and q.speaker.text == "economists"
    assert q.text == "a weak jobs report would delay the rate cut"


def test_a_statement_speaks_for_whoever_issued_it(pipeline):
    q = one(quotes_of(pipeline, "The transport ministry issued a statement saying the new rail line would "
                                "open in March."), cue="saying")
    assert q.speaker is not None and "ministry" in q.speaker.text
    assert "statement" not in q.speaker.text


@pytest.mark.parametrize("text, content, speaker", [
    # the topic of a warning is its content
    ("The minister warned of rising food prices across the region.", "rising food prices across the region",
     "The minister"),
    # a report can note things
    ("The quarterly report noted that exports fell for a third month in a row.",
     "exports fell for a third month in a row", "The quarterly report"),
])
def test_content_and_speaker_of_one_attribution(pipeline, text, content, speaker):
    q = one(quotes_of(pipeline, text))
    assert q.text == content
    assert q.speaker is not None and q.speaker.text == speaker


def test_spoke_on_condition_of_anonymity_is_not_a_topic(pipeline):
    quotes = quotes_of(pipeline, "An aide spoke on condition of anonymity because the talks were private.")
    assert not [q for q in quotes if "anonymity" in q.text]


def test_allegations_that_carry_their_clause_without_a_speaker(pipeline):
    q = one(quotes_of(pipeline, "Amid allegations that the mayor misused city funds, the council met on Friday."))
    assert q.cue is not None and q.cue.text == "allegations"
    assert q.text == "the mayor misused city funds"
    assert q.speaker is None


def test_a_possessor_holds_the_claim(pipeline):
    q = one(quotes_of(pipeline, "The union's claim that wages had fallen for years was disputed by the employers."),
            cue="claim")
    assert q.text == "wages had fallen for years"
    assert q.speaker is not None and q.speaker.text.startswith("The union")


def test_a_decision_is_not_a_reporting_noun(pipeline):
    assert "decision" not in noun_cues()
    quotes = quotes_of(pipeline, "The decision to close the steel plant upset hundreds of workers.")
    assert not [q for q in quotes if q.cue and q.cue.text == "decision"]


def test_a_poll_finding_keeps_its_with_phrase(pipeline):
    q = one(quotes_of(pipeline, "The latest poll shows the challenger with a narrow lead in the northern provinces."))
    assert q.text == "the challenger with a narrow lead in the northern provinces"


def test_a_clause_ending_in_a_quotation_takes_it_whole(pipeline):
    quotes = quotes_of(pipeline, "The coach assured fans that the club takes the matter “very seriously.”")
    clause, quoted = one(quotes, "indirect"), one(quotes, "direct")
    assert clause.text.startswith("the club takes the matter")
    # the quotation, period included, lies inside the clause that reports it
    assert clause.span[0] <= quoted.span[0] and quoted.span[1] <= clause.span[1]


def test_a_quotation_after_a_colon_is_not_part_of_the_clause(pipeline):
    quotes = quotes_of(pipeline, "The manager said the team was exhausted after the trip: “We need a long rest.”")
    assert one(quotes, "indirect").text == "the team was exhausted after the trip"
    assert one(quotes, "direct").text == "We need a long rest."


@pytest.mark.parametrize("text, content", [
    ("The governor says lawmakers wasting months on the budget.", "lawmakers wasting months on the budget"),
])
def test_a_clause_parsed_as_an_object_is_still_reported(pipeline, text, content):
    q = one(quotes_of(pipeline, text))
    assert q.text == content
    assert q.speaker is not None and q.speaker.text == "The governor"
