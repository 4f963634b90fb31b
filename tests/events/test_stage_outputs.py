"""Issue 18: each stage appends only to its own outputs. The actors stage's list is final
when it ends; actors the events stage infers (a country-and-role group read from "officials
from Uganda") go to doc._.orbit_inferred_actors and ride on the events that use them. The
pattern coder keeps no per-document state, so one coder codes documents in any order."""
from __future__ import annotations

from datetime import date

TEXT = "Officials from Kenya and Uganda met in Kampala to discuss the border dispute."
OTHER = "Russian troops shelled the Ukrainian city of Kharkiv overnight."


def _run(nlp, text):
    doc = nlp.make_doc(text)
    doc._.orbit_date = date(2024, 1, 1)
    after_actors = None
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "orbit_actors":
            after_actors = list(doc._.orbit_actors)
    return doc, after_actors


def test_the_events_stage_leaves_the_actor_list_as_the_actors_stage_made_it(pipeline):
    doc, after_actors = _run(pipeline.nlp, TEXT)
    assert [a.id for a in doc._.orbit_actors] == [a.id for a in after_actors]
    inferred = doc._.orbit_inferred_actors or []
    assert inferred and all(a not in after_actors for a in inferred)
    used = {e.source.code for e in doc._.orbit_events} | {e.target.code for e in doc._.orbit_events if e.target}
    assert "UGAGOV" in used and "KENGOV" in used


def test_the_pattern_coder_gives_a_document_the_same_events_whatever_it_coded_before(pipeline):
    from orbit.events.coder import EventCoder

    coder = pipeline.nlp.get_pipe("orbit_events")
    assert isinstance(coder, EventCoder)
    first, _ = _run(pipeline.nlp, TEXT)
    _run(pipeline.nlp, OTHER)
    again, _ = _run(pipeline.nlp, TEXT)
    key = lambda d: [(e.source.code, e.target.code if e.target else None, e.cameo, e.date) for e in d._.orbit_events]
    assert key(first) == key(again) and key(first)
    assert not hasattr(coder, "_home_country") and not hasattr(coder, "_place_heads")
