"""Attributions the parse leaves loose: a closing "…, X records show." with no subject in the
parse, a stance verb's object with the phrase that says what for, and a second statement after
a quotation's closing mark. The sentences are written for these tests."""
from __future__ import annotations

import pytest

from .test_quotes import by_cue, quotes_of


@pytest.mark.parametrize("text, cue, content, speaker", [
    # the parser makes "records show" one noun compound with no subject
    ("The fund moved $12.4 million to the county party and $3.1 million to local candidates "
     "as of March 31, state filing records show.", "show",
     "The fund moved $12.4 million to the county party and $3.1 million to local candidates as of March 31",
     "records"),
    # the parser hangs "told" on the first clause as a conjunct, the source as an apposition
    ("The governor isn't planning any more large dinners that raise money for the party, the "
     "party's state treasurer, Olga Brandt, told The Harbor Gazette earlier this month.", "told",
     "The governor isn't planning any more large dinners that raise money for the party", "Brandt"),
])
def test_a_closing_attribution_reports_the_clause_before_it(pipeline, text, cue, content, speaker):
    q = by_cue(quotes_of(pipeline, text), cue)
    assert q.text == content
    assert q.speaker is not None and speaker in q.speaker.text


def test_a_closing_attribution_keeps_lists_and_modifiers_apart(pipeline):
    q = by_cue(quotes_of(pipeline, "The clinic received $2.5 million from the fund last year, county tax "
                                   "records show."), "show")
    assert q.text == "The clinic received $2.5 million from the fund last year"
    # a list before the source is not taken for it, and a modifier after it is not its head
    q = by_cue(quotes_of(pipeline, "The envoy flew to Lisbon, Madrid, and Rome, two aides said."), "said")
    assert q.text == "The envoy flew to Lisbon, Madrid, and Rome"
    assert q.speaker is not None and q.speaker.text == "two aides"
    q = by_cue(quotes_of(pipeline, "The talks will resume next week, an official familiar with the matter said."),
               "said")
    assert q.speaker is not None and q.speaker.text == "an official"


@pytest.mark.parametrize("text, cue, content", [
    ("The mayor blasted the council for negligence in approving the budget without a hearing.", "blasted",
     "the council for negligence in approving the budget without a hearing"),
    ("The coach praised the players for their discipline in defending the lead.", "praised",
     "the players for their discipline in defending the lead"),
])
def test_a_stance_object_takes_what_it_is_for(pipeline, text, cue, content):
    assert by_cue(quotes_of(pipeline, text), cue).text == content
    # but not when it was taken
    q = by_cue(quotes_of(pipeline, "The union endorsed the senator on Tuesday."), "endorsed")
    assert q.text == "the senator"


def test_a_second_statement_after_a_closing_mark_ends_the_first(pipeline):
    quotes = quotes_of(pipeline, "The senator told reporters that the leak was “deeply troubling,” before noting "
                                 "that her aide is “a decent person.”")
    q = by_cue(quotes, "told")
    assert q.text == "the leak was “deeply troubling,”"
    assert "decent" not in q.text
