"""Attributions reached from farther away: a cue under a preposition or an adjective whose
subject sits on the verb above it, and speakers carried across sentences. The sentences are
written for these tests."""
from __future__ import annotations

import pytest

from .test_quotes import by_cue, quotes_of


@pytest.mark.parametrize("text, cue, content, speaker", [
    ("The auditors checked the ledgers of the cooperative before confirming that no funds had gone missing.",
     "confirming", "no funds had gone missing", "The auditors"),
    ("Farmers in the valley are eager to point out that the new canal has doubled their harvest.",
     "point out", "the new canal has doubled their harvest", "Farmers"),
])
def test_a_cue_under_a_preposition_or_adjective_takes_the_verbs_subject(pipeline, text, cue, content, speaker):
    q = by_cue(quotes_of(pipeline, text), cue)
    assert q.text == content
    assert q.speaker is not None and q.speaker.text.startswith(speaker)


@pytest.mark.parametrize("text, cue, content", [
    ("The harbor workers' union backed the plan to keep the docks open at night.", "backed",
     "the plan to keep the docks open at night"),
    ("The opposition leader derided the budget as a gift to landlords.", "derided",
     "the budget as a gift to landlords"),
    ("The regional council portrayed the new dam as a lifeline for farmers.", "portrayed",
     "the new dam as a lifeline for farmers"),
])
def test_verbs_of_backing_and_portraying_report_their_object(pipeline, text, cue, content):
    assert by_cue(quotes_of(pipeline, text), cue).text == content


def test_an_object_and_the_quoted_words_that_call_it_are_one_report(pipeline):
    q = by_cue(quotes_of(pipeline, 'The senator called it "shameful and dangerous" on Monday.'), "called")
    assert q.text == 'it "shameful and dangerous"'
    assert q.speaker is not None and q.speaker.text == "The senator"


def test_a_quoted_transcript_is_one_statement_per_speaker_label(pipeline):
    text = ('The minutes of the hearing were released on Friday. "CHAIRWOMAN LINDQVIST: The committee will '
            'now hear from the port authority. MR. OKAFOR: Thank you. We have cut the waiting time at the '
            'docks by half."')
    quotes = [q for q in quotes_of(pipeline, text) if q.kind == "direct"]
    assert [q.text for q in quotes] == ["The committee will now hear from the port authority.",
                                        "Thank you. We have cut the waiting time at the docks by half."]
    assert [q.cue.text for q in quotes] == [":", ":"]
    assert "LINDQVIST" in quotes[0].speaker.text and "OKAFOR" in quotes[1].speaker.text


@pytest.mark.parametrize("text, cue, content", [
    ("She promised a full inquiry into the crash, if elected, starting with the pilots' records.",
     "promised", "a full inquiry into the crash, if elected, starting with the pilots' records"),
    ("The senators demanded an explanation for the director's letter to Congress Friday advising that agents "
     "were examining new evidence.", "demanded", "an explanation for the director's letter to Congress Friday "
     "advising that agents were examining new evidence"),
])
def test_a_stance_object_runs_on_through_a_time_word_or_a_participle(pipeline, text, cue, content):
    assert by_cue(quotes_of(pipeline, text), cue).text == content


@pytest.mark.parametrize("text, cue, content", [
    # the parser makes the clause a relative clause of "time"; ", even offering …" is the writer's aside
    ("The treasurer claimed at the time that she had repaid every loan, even offering to show the bank statements.",
     "claimed", "she had repaid every loan"),
])
def test_a_content_clause_after_a_time_phrase_is_reported(pipeline, text, cue, content):
    assert by_cue(quotes_of(pipeline, text), cue).text == content


def test_the_statement_and_the_spokeswoman_speak_for_the_earlier_named_speaker(pipeline):
    text = ("Harbour board reports record cargo.\n\n"
            "The Ministry of Finance said in a statement on Monday that revenues had risen by a fifth. "
            "The statement said the deficit had fallen to 2 percent.\n\n"
            "The spokeswoman added that taxes would not rise.")
    quotes = quotes_of(pipeline, text)
    by_text = {q.text: q for q in quotes if q.kind == "indirect"}
    statement = by_text["the deficit had fallen to 2 percent"]
    assert statement.speaker.text == "The statement" and statement.speaker.name == "Ministry of Finance"
    spokeswoman = by_text["taxes would not rise"]
    assert spokeswoman.speaker.text == "The spokeswoman" and spokeswoman.speaker.name == "Ministry of Finance"


def test_a_statement_never_introduced_stays_unresolved(pipeline):
    text = ("Harbour board reports record cargo.\n\n"
            "Finance Minister Maria Okonkwo said on Monday that revenues had risen by a fifth. "
            "The statement said the deficit had fallen to 2 percent.")
    q = {q.text: q for q in quotes_of(pipeline, text)}["the deficit had fallen to 2 percent"]
    assert q.speaker.text == "The statement" and q.speaker.name is None


def test_an_infinitive_with_its_own_subject_is_what_is_wanted(pipeline):
    q = by_cue(quotes_of(pipeline, "Most Republicans polled want the party to remain behind its nominee."), "want")
    assert q.text == "the party to remain behind its nominee"


@pytest.mark.parametrize("text, cue, content, speaker", [
    ("The opposition is portrayed by the state broadcaster as corrupt and divided.", "portrayed",
     "The opposition as corrupt and divided", "the state broadcaster"),
    # the subject is the relative pronoun; nobody is named as the source
    ("The senator, who was accused of taking bribes from a developer, resigned on Friday.", "accused",
     "who of taking bribes from a developer", None),
])
def test_a_stance_verb_in_the_passive_reports_its_subject_as_what_it_is_taken_for(pipeline, text, cue, content,
                                                                                    speaker):
    q = by_cue(quotes_of(pipeline, text), cue)
    assert q.text == content
    assert (q.speaker.text if q.speaker is not None else None) == speaker


@pytest.mark.parametrize("text, cue, content, speaker", [
    ("The plan to close the northern ferry was first reported by The Harbour Gazette.", "reported",
     "The plan to close the northern ferry", "The Harbour Gazette"),
    ("The memo disclosed by the union on Wednesday made no mention of the pension fund.", "disclosed",
     "The memo", "the union"),
])
def test_a_report_in_the_passive_is_its_subject_said_by_the_agent(pipeline, text, cue, content, speaker):
    q = by_cue(quotes_of(pipeline, text), cue)
    assert q.text == content
    assert q.speaker is not None and q.speaker.text == speaker


@pytest.mark.parametrize("text, content", [
    # the parser makes the object a second complement
    ('In a letter to Congress, Diaz called Fed Chair Ruth Ann Moss the "biggest hurdle" to progress on a drive to '
     'force banks to disclose their lobbying spending.',
     'Fed Chair Ruth Ann Moss the "biggest hurdle" to progress on a drive to force banks to disclose their '
     'lobbying spending'),
    # the parser makes the quoted complement an apposition of the object
    ('Senator Ortiz called Budget Director Lena Marie Hollis the "chief obstacle" to reform.',
     'Budget Director Lena Marie Hollis the "chief obstacle" to reform'),
])
def test_naming_someone_with_quoted_words_reports_the_object_and_the_words(pipeline, text, content):
    assert by_cue(quotes_of(pipeline, text), "called").text == content


def test_a_stance_verb_with_a_gerund_reports_what_the_gerund_says(pipeline):
    assert by_cue(quotes_of(pipeline, "She denied taking money from the developers."), "denied").text == \
        "taking money from the developers"


@pytest.mark.parametrize("text, cue, content", [
    ("The mayor credited the volunteers with rebuilding the levee in a week.", "credited",
     "the volunteers with rebuilding the levee in a week"),
    ("The coach thanked the referees for their patience during the storm delay.", "thanked",
     "the referees for their patience during the storm delay"),
])
def test_verbs_of_crediting_and_thanking_report_their_object(pipeline, text, cue, content):
    assert by_cue(quotes_of(pipeline, text), cue).text == content
