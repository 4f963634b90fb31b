"""`orbit code` start-up: one actor phrase matcher shared by the component and triage, a
fresh tokenizer cache, and no quote or amount extraction in an events-only run."""
from __future__ import annotations

from dataclasses import replace

import pytest

from orbit.model import RawDocument
from orbit.pipeline import Pipeline

TEXT = ("Talks in Astana\n\nSecretary of State Antony Blinken met President Kassym-Jomart Tokayev in Astana on "
        "Tuesday. \"We support your sovereignty,\" Blinken said. The United States pledged $25 million in aid "
        "to Kazakhstan.")


@pytest.fixture(scope="module")
def code_pipeline(settings):
    return Pipeline(replace(settings, triage=True))


def test_triage_shares_the_components_matcher(code_pipeline):
    nlp = code_pipeline.nlp
    assert code_pipeline.triage.matcher is nlp.get_pipe("orbit_actors").matcher


def test_events_only_runs_skip_quotes_and_amounts_but_not_events(code_pipeline, pipeline):
    raw = RawDocument(doc_id="t", content=TEXT, kind="text", date=None, title="")
    events_only = next(iter(code_pipeline.process([raw])))
    full = next(iter(pipeline.process([raw])))
    assert not events_only.quotes and not events_only.amounts
    assert full.quotes and full.amounts
    key = lambda r: [(e.cameo, e.span, e.source and e.source.code, e.target and e.target.code) for e in r.events]
    assert key(events_only) == key(full) and events_only.events


def test_the_tokenizer_cache_is_fresh_after_loading(code_pipeline):
    # the rules were set again after the matcher tokenized the dictionary: the special
    # cases are still there ("U.S." stays one token, "can't" splits as spaCy splits it)
    tok = code_pipeline.nlp.tokenizer
    assert [t.text for t in tok("The U.S. can't wait.")] == ["The", "U.S.", "ca", "n't", "wait", "."]
