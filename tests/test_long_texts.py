"""Issue 17.1: a text longer than spaCy's max_length is analysed in pieces, and a text
that still fails is recorded and skipped while the rest of the batch is coded."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import pytest

from orbit.model import ArticleResult, InputFailure, RawDocument
from orbit.pipeline import Pipeline, piece_ranges

SENTENCES = [
    "Russia attacked Ukraine on the eastern front, officials said.",
    "France criticized Germany over the new trade rules.",
    "The weather in the capital stayed mild for most of the week.",
    "China signed an agreement with Kenya to build a railway.",
    "Local markets were busy as farmers brought in the harvest.",
    "Japan praised South Korea for its help after the storm.",
]


def long_text(paragraphs: int) -> str:
    """Paragraphs of varied sentences, each paragraph a different rotation of them."""
    out = []
    for i in range(paragraphs):
        k = i % len(SENTENCES)
        out.append(" ".join(SENTENCES[k:] + SENTENCES[:k]))
    return "Long report\n\n" + "\n\n".join(out) + "\n"


@contextmanager
def max_length(nlp, limit: int):
    """Lower spaCy's max_length on the session's shared model for one test."""
    old = nlp.max_length
    nlp.max_length = limit
    try:
        yield
    finally:
        nlp.max_length = old


def test_piece_ranges_cover_the_text_at_paragraph_breaks():
    text = long_text(60)
    ranges = piece_ranges(text, 2000)
    assert len(ranges) > 5
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    for (s1, e1), (s2, _) in zip(ranges, ranges[1:]):
        assert e1 == s2  # no gap, no overlap
        assert text[e1 - 2:e1] == "\n\n"  # cut after a blank line
    assert all(e - s <= 2000 for s, e in ranges)
    # no paragraph break: cut after a sentence, then at a space, then anywhere
    flat = " ".join(SENTENCES * 50)
    assert all(flat[e - 2:e] == ". " for _, e in piece_ranges(flat, 500)[:-1])
    assert all(e - s <= 7 for s, e in piece_ranges("x" * 50, 7))


def test_long_text_is_coded_with_offsets_into_the_whole_text(pipeline, settings):
    text = long_text(40)  # ~13,000 characters
    raw = RawDocument(doc_id="long", content=text, kind="text", date=date(2024, 3, 1))
    with max_length(pipeline.nlp, 3000):
        # without pieces spaCy refuses the text outright (E088)
        with pytest.raises(ValueError, match="E088"):
            pipeline.nlp(text)
        (result,) = list(Pipeline(settings, nlp=pipeline.nlp).process([raw]))
    assert isinstance(result, ArticleResult)
    body = result.article.text
    assert len(body) > 3 * 3000
    dyads = {(e.source.code, e.target.code, e.root) for e in result.events if e.source and e.target}
    assert ("RUS", "UKR", "19") in dyads or ("RUS", "UKR", "18") in dyads
    assert ("FRA", "DEU", "11") in dyads
    # events all through the text, not only in its first piece, each span pointing at its words
    assert max(e.span[0] for e in result.events) > len(body) - 3000
    for e in result.events:
        assert body[e.trigger.span[0]:e.trigger.span[1]] == e.trigger.text
        assert body[e.sentence_span[0]:e.sentence_span[1]] == e.sentence
        for ref in (e.source, e.target):
            if ref is not None:
                assert body[ref.span[0]:ref.span[1]] == ref.text
    # one actor per id, with its mentions from every piece
    ids = [a.id for a in result.actors]
    assert len(ids) == len(set(ids))
    russia = next(a for a in result.actors if a.code == "RUS")
    assert len(russia.mentions) >= 30
    assert all(body[m.span[0]:m.span[1]] == m.text for m in russia.mentions)
    for place in result.places:
        assert body[place.span[0]:place.span[1]] == place.text


def test_piece_setting_lowers_the_limit(pipeline, settings):
    text = long_text(12)
    raw = RawDocument(doc_id="long", content=text, kind="text", date=date(2024, 3, 1))
    whole = Pipeline(settings, nlp=pipeline.nlp)
    pieces = Pipeline(settings.replace(piece_chars=1500), nlp=pipeline.nlp)
    assert pieces.piece_chars == 1500 and whole.piece_chars == pipeline.nlp.max_length
    (a,) = list(whole.process([raw]))
    (b,) = list(pieces.process([raw]))
    # every paragraph holds the same six sentences: the same events, at the same places
    key = lambda e: (e.trigger.span, e.source and e.source.code, e.target and e.target.code, e.cameo)  # noqa: E731
    assert sorted(map(key, b.events)) == sorted(map(key, a.events))


class _NoPieces(Pipeline):
    """A pipeline configured with a piece size above what spaCy takes."""

    @property
    def piece_chars(self) -> int:
        return 10 ** 9


def test_a_text_that_fails_is_recorded_and_the_batch_goes_on(pipeline, settings):
    good = [RawDocument(doc_id=f"good{i}", content=SENTENCES[i] + "\n", kind="text", date=date(2024, 3, 1))
            for i in (0, 1)]
    bad = RawDocument(doc_id="long", content=long_text(30), kind="text", date=date(2024, 3, 1), path="long.txt")
    with max_length(pipeline.nlp, 3000):
        out = list(_NoPieces(settings, nlp=pipeline.nlp).process([good[0], bad, good[1]]))
    assert [type(o) for o in out] == [ArticleResult, InputFailure, ArticleResult]
    assert out[1].code == "E109" and out[1].item == "long.txt" and "E088" in out[1].reason
    assert out[0].events and out[2].events


def test_ingest_stores_a_long_file_with_the_others(tmp_path, pipeline, settings):
    from orbit.ingest import ingest
    from orbit.io import iter_documents
    from orbit.store.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Short one\n\n" + SENTENCES[0] + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(long_text(30), encoding="utf-8")
    (folder / "c.txt").write_text("Short two\n\n" + SENTENCES[3] + "\n", encoding="utf-8")
    store = Store(str(tmp_path / "o.db"))
    try:
        with max_length(pipeline.nlp, 3000):
            report = ingest(iter_documents([folder], settings, date(2024, 3, 1)), store, settings)
        assert (report.stored, report.failed) == (3, 0)
        n = store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        long_events = store.conn.execute(
            "SELECT count(*) FROM events e JOIN documents d ON d.id = e.document_id WHERE d.doc_key = 'b'"
        ).fetchone()[0]
    finally:
        store.close()
    assert n == 3 and long_events >= 30
