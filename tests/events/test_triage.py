"""Sentence triage (`orbit code`) must give the events the full pipeline gives."""
from __future__ import annotations

from datetime import date

import pytest

from orbit.clean.title import body_start
from orbit.model import RawDocument
from orbit.pipeline import Pipeline, article_ranges

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


class _CountingTokenizer:
    """The pipeline's tokenizer, counting the texts it is given."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.texts: list[str] = []

    def __call__(self, text):
        self.texts.append(text)
        return self.tokenizer(text)

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)


def test_triage_tokenizes_each_text_once(pipeline, both):
    """The pipeline goes on from the tokens triage read: no text is tokenized twice, and the
    events are the ones the run tokenizing the kept text again gave (`both`)."""
    docs = _documents()
    nlp = pipeline.nlp
    triaging = Pipeline(pipeline.settings.replace(triage=True), nlp=nlp)
    triage = triaging.triage  # built first: its matcher may tokenize the dictionary's names
    counting = _CountingTokenizer(nlp.tokenizer)
    nlp.tokenizer = triage.tokenizer = counting
    try:
        triaged = list(triaging.process(docs))
    finally:
        nlp.tokenizer = triage.tokenizer = counting.tokenizer
    # one tokenization per text analysed (an article, or its title and body apart), reduced or not
    articles = list(pipeline.clean(docs))
    pieces = [a.text[start:end] for a in articles
              for start, end in article_ranges(a.text, body_start(a.text, a.title), pipeline.piece_chars)]
    assert counting.texts == pieces
    assert [sorted(map(_key, r.events)) for r in triaged] == [sorted(map(_key, r.events)) for r in both[1]]
    assert [sorted(map(_key, r.events)) for r in triaged] == [sorted(map(_key, r.events)) for r in both[0]]


def test_kept_tokens_are_the_kept_texts_tokens(pipeline):
    """The Doc cut from triage's tokens is the kept text as the tokenizer makes it: the same
    words, spaces and norms, a blank line between ranges taking in the whitespace that opens
    the next one; the whole Doc, untouched, when every sentence is kept."""
    triage = Pipeline(pipeline.settings.replace(triage=True), nlp=pipeline.nlp).triage
    texts = ["Germany criticized Russia. The weather was mild. Tickets were cheap. Prices rose. \n\n Later, "
             "France condemned Iran. The museum reopened. It rained. Fans sang. Turkey didn't condemn Iraq's strike.",
             "Germany criticized Russia. France condemned Iran's strike."]
    articles = list(pipeline.clean([RawDocument(f"t{i}", t, "text", date(2024, 3, 1)) for i, t in enumerate(texts)]))
    (reduced, offsets, tokens), (whole, no_map, all_tokens) = map(triage.reduce_with_tokens, articles)
    assert offsets is not None and "Prices" not in reduced.text and "Fans" not in reduced.text
    assert "cheap.\n\n\n\n Later" in reduced.text  # the separator and the whitespace after "Prices rose."
    want = pipeline.nlp.make_doc(reduced.text)
    assert tokens.text == reduced.text
    assert [(t.text, t.whitespace_, t.norm_) for t in tokens] == [(t.text, t.whitespace_, t.norm_) for t in want]
    assert "n't" in [t.text for t in tokens] and "not" in [t.norm_ for t in tokens]
    assert whole is articles[1] and no_map is None and all_tokens.text == whole.text
    assert not all_tokens.has_annotation("SENT_START")  # triage's sentence splitter left no mark
