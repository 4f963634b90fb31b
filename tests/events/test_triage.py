"""Sentence triage (`orbit code`) must give the events the full pipeline gives."""
from __future__ import annotations

from datetime import date

import pytest

from orbit.model import RawDocument
from orbit.pipeline import Pipeline

from ..conftest import ROOT, SAMPLES, SEED, SHARED, load_jsonl


def _key(e):
    return (e.trigger.span, e.span, e.source.code if e.source else None, e.target.code if e.target else None,
            e.cameo, e.modality, e.rule)


def _documents() -> list[RawDocument]:
    docs = [RawDocument(p.stem, p.read_text(encoding="utf-8"), "text", date(2024, 3, 1)) for p in sorted(SAMPLES.glob("*.txt"))]
    if SEED.with_suffix(".txt").exists():
        docs.append(RawDocument("seed", SEED.with_suffix(".txt").read_text(encoding="utf-8"), "text", date(2023, 2, 28)))
    for r in load_jsonl(ROOT / "tests" / "data" / "dev_items" / "items.jsonl"):
        docs.append(RawDocument(r["id"], r["text"], "text", date.fromisoformat(r.get("date", "2024-01-10"))))
    # officials named only by a place ("the mayor of Kharkiv"): no dictionary name in the sentence
    docs.append(RawDocument("place-offices", "It rained. The mayor of Kharkiv criticized the governor of Texas on "
                            "Monday.", "text", date(2024, 1, 10)))
    cameo = SHARED / "benchmarks" / "conflibert_cameo" / "cameo_test.jsonl"
    if cameo.exists():  # one-sentence examples of every kind of event, constructions included
        docs += [RawDocument(r["id"], r["text"], "text", date(2024, 1, 10)) for r in load_jsonl(cameo)[:200]]
    return docs


@pytest.fixture(scope="module")
def both(pipeline):
    triage = Pipeline(pipeline.settings.replace(triage=True), nlp=pipeline.nlp)
    docs = _documents()
    return list(pipeline.process(docs)), list(triage.process(docs))


def test_triage_gives_the_same_events(both):
    full, triaged = both
    assert len(full) == len(triaged)
    n_events = 0
    for a, b in zip(full, triaged):
        assert a.article.doc_id == b.article.doc_id
        assert sorted(map(_key, a.events)) == sorted(map(_key, b.events)), a.article.doc_id
        n_events += len(a.events)
    assert n_events > 100


def test_triage_parses_less(pipeline):
    triage = Pipeline(pipeline.settings.replace(triage=True), nlp=pipeline.nlp).triage
    text = ("The weather in the capital was mild on Monday. Traffic was light and the markets were calm. "
            "Later, Germany criticized Russia over the detention of a journalist. "
            "The museum reopened after a long renovation. Tickets sold out within an hour.")
    (article,) = pipeline.clean([RawDocument("s", text, "text", date(2024, 3, 1))])
    reduced, offsets = triage.reduce(article)
    assert reduced is not None and offsets is not None
    assert "criticized Russia" in reduced.text and "weather" not in reduced.text and "Traffic" not in reduced.text
    (nothing,) = pipeline.clean([RawDocument("w", "It rained all week in the hills. The harvest was late.", "text",
                                             date(2024, 3, 1))])
    assert triage.reduce(nothing) == (None, None)
