"""The pipeline: the single place where stage order is written down.

    raw document --clean--> Article --spaCy + orbit components--> Doc --to_model--> ArticleResult

`Pipeline.process` handles batches with `nlp.pipe`; `process_parallel` spreads batches
over worker processes that each load the pipeline once (the same function Dask
workers call), and returns results in input order.
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date
from typing import Iterable, Iterator, Optional, Union

from .clean import clean_document
from .clean.title import body_start
from .errors import AnalysisFailed, InputError, OrbitError
from .model import Article, ArticleResult, InputFailure, RawDocument
from .settings import Settings

log = logging.getLogger(__name__)

Outcome = Union[ArticleResult, InputFailure]
_BLANK_LINE = re.compile(r"\n\n")


class Pipeline:
    def __init__(self, settings: Settings, nlp=None):
        self.settings = settings
        self._nlp = nlp

    @property
    def nlp(self):
        """The spaCy pipeline, loaded on first use (a run with nothing to analyse never loads it)."""
        if self._nlp is None:
            from .nlp.loader import load_nlp

            self._nlp = load_nlp(self.settings)
        return self._nlp

    # -- stage 1 -----------------------------------------------------------------
    def clean(self, items: Iterable[Union[RawDocument, Article, InputFailure]], today: Optional[date] = None
              ) -> Iterator[Union[Article, InputFailure]]:
        return clean_items(items, self.settings, today)

    # -- stages 2-4 --------------------------------------------------------------
    @property
    def piece_chars(self) -> int:
        """The longest text analysed as one Doc: spaCy refuses longer ones (E088)."""
        limit = self.nlp.max_length
        return min(limit, self.settings.piece_chars) if self.settings.piece_chars > 0 else limit

    def analyse(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Stages 2-4 for a stream of articles, in order. A text longer than `piece_chars`
        is analysed in paragraph-aligned pieces whose results are joined (`join_pieces`)."""
        jobs: deque = deque()  # (article, its piece ranges or None when analysed whole)

        def pieces():
            limit = None
            for article in articles:
                if limit is None:
                    limit = self.piece_chars
                body = body_start(article.text, article.title)
                if len(article.text) <= limit and not body:
                    jobs.append((article, None))
                    yield article
                    continue
                ranges = article_ranges(article.text, body, limit)
                if len(article.text) > limit:
                    log.info("%s: %s characters, analysed in %d pieces", article.doc_id,
                             f"{len(article.text):,}", len(ranges))
                jobs.append((article, ranges))
                for start, end in ranges:
                    yield replace(article, text=article.text[start:end], original="",
                                  dateline=_dateline_in(article.dateline, start, end))

        parts: list[ArticleResult] = []
        for result in self._analyse_whole(pieces()):
            article, ranges = jobs[0]
            if ranges is None:
                jobs.popleft()
                yield result
                continue
            parts.append(result)
            if len(parts) == len(ranges):
                jobs.popleft()
                yield join_pieces(article, [(start, part) for (start, _), part in zip(ranges, parts)])
                parts = []

    def _analyse_whole(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Stages 2-4 for a stream of articles short enough for spaCy. With `settings.triage` (events
        only) sentences that cannot hold an event are not parsed (events/triage.py); not with
        the trained coder, which reads every sentence that names an actor."""
        from .nlp.to_model import doc_to_result

        # the trained coder scores every pair of actors a sentence names, not only sentences
        # with a pattern word: triage (which keeps those) would hide most of its candidates
        if not self.settings.triage or self.settings.coder != "rules":
            pending: deque[Article] = deque()

            def docs():
                for article in articles:
                    pending.append(article)
                    yield make_article_doc(self.nlp, article)

            for doc in self.nlp.pipe(docs(), batch_size=self.settings.batch_size):
                yield doc_to_result(doc, pending.popleft())
            return

        from .events.triage import empty_result, restore_events

        triage = self.triage
        queue: deque = deque()  # (article, reduced article or None, offsets)

        def reduced_docs():
            for article in articles:
                # triage tokenized the text to choose its sentences: the pipeline goes on from
                # those tokens (cut to the kept sentences) instead of tokenizing again
                reduced, offsets, tokens = triage.reduce_with_tokens(article)
                queue.append((article, reduced, offsets))
                if reduced is not None:
                    yield make_article_doc(self.nlp, reduced, tokens)

        def drain_empty():
            while queue and queue[0][1] is None:
                yield empty_result(queue.popleft()[0])

        for doc in self.nlp.pipe(reduced_docs(), batch_size=self.settings.batch_size):
            yield from drain_empty()
            article, reduced, offsets = queue.popleft()
            yield restore_events(doc_to_result(doc, reduced), article, offsets)
        yield from drain_empty()

    @property
    def triage(self):
        if getattr(self, "_triage", None) is None:
            from .events.triage import SentenceTriage

            self._triage = SentenceTriage(self.nlp, tuple(self.settings.actor_files), tuple(self.settings.verb_files))
        return self._triage

    @property
    def versions(self) -> dict[str, str]:
        return coding_versions(self.settings)

    def process(self, items: Iterable[Union[RawDocument, Article, InputFailure]], today: Optional[date] = None
                ) -> Iterator[Outcome]:
        """Results and failures in input order."""
        buffer: list[Outcome] = []
        articles: list[Article] = []

        def flush():
            try:
                results = iter(list(self.analyse(articles)))
            except Exception as err:  # noqa: BLE001 - one article must not lose the batch
                log.warning("a batch of %d failed in analysis (%s: %s); analysing its articles one by one",
                            len(articles), type(err).__name__, err)
                results = iter([self._analyse_one(a) for a in articles])
            for slot in buffer:
                yield next(results) if slot is None else slot
            buffer.clear()
            articles.clear()

        for item in self.clean(items, today):
            if isinstance(item, InputFailure):
                buffer.append(item)
            else:
                buffer.append(None)
                articles.append(item)
                if len(articles) >= self.settings.batch_size:
                    yield from flush()
        yield from flush()

    def _analyse_one(self, article: Article) -> Outcome:
        """One article alone; a failure of the pipeline becomes a recorded `InputFailure`."""
        try:
            return next(iter(self.analyse([article])))
        except Exception as err:  # noqa: BLE001 - recorded, and the batch goes on
            log.debug("analysis of %s failed", article.doc_id, exc_info=True)
            return InputFailure(article.path or article.doc_id, AnalysisFailed.code,
                                f"the text could not be analysed ({type(err).__name__}: {str(err)[:300]})")

    def read(self, text: str, pub: Optional[date] = None, doc_id: str = "doc", title: str = "",
             date_default: str = "none") -> ArticleResult:
        """One text. With no `pub` and no date in the text, the result is undated
        (`article.date_source` "today", events with no date of their own keep none, relative
        dates unresolved) unless `date_default` is "today"."""
        from .extract.dates import undated_today

        raw = RawDocument(doc_id=doc_id, content=text, kind="text", date=pub, title=title or None)
        today = date.today() if date_default == "today" else undated_today()
        out = next(iter(self.process([raw], today)))
        if isinstance(out, InputFailure):
            raise OrbitError(out.reason)
        return out


def clean_items(items: Iterable[Union[RawDocument, Article, InputFailure]], settings: Settings,
                today: Optional[date] = None) -> Iterator[Union[Article, InputFailure]]:
    """Stage 1 alone (no model needed): raw documents -> cleaned articles or failures."""
    for item in items:
        if isinstance(item, (InputFailure, Article)):
            yield item  # failures pass through; articles are already clean
            continue
        try:
            yield clean_document(item, settings, today)
        except InputError as err:
            yield InputFailure(item.path or item.doc_id, err.code, err.message)


# a piece is cut at the last of these before the limit, trying them in order; a cut that
# would leave a piece shorter than MIN_PIECE_SHARE of the limit tries the next separator
PIECE_SEPARATORS = ("\n\n", "\n", ". ", " ")
MIN_PIECE_SHARE = 0.25


def piece_ranges(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) ranges covering `text`, each at most `limit` characters, cut after a
    paragraph break where possible (else a line break, a sentence end, a space; a word
    longer than the limit is cut where it must be)."""
    if limit < 1:
        raise ValueError("the piece limit must be positive")
    ranges: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        end = start + limit
        floor = start + max(1, int(limit * MIN_PIECE_SHARE))
        cut = end
        for sep in PIECE_SEPARATORS:
            i = text.rfind(sep, start, end)
            if i >= 0 and i + len(sep) >= floor:
                cut = i + len(sep)
                break
        ranges.append((start, cut))
        start = cut
    ranges.append((start, n))
    return ranges


def article_ranges(text: str, body: int, limit: int) -> list[tuple[int, int]]:
    """The pieces an article is analysed in: its title (the text before `body`, when it
    opens with one) on its own, so the wire dateline opening the body stays at the head of
    a piece, where the stages read it; then the body, in pieces of at most `limit`."""
    head = [(0, body)] if body else []
    return head + [(start + body, end + body) for start, end in piece_ranges(text[body:], limit)]


def _dateline_in(dateline: Optional[tuple[int, int]], start: int, end: int) -> Optional[tuple[int, int]]:
    """The dateline in the offsets of the piece [start, end) that opens with it, else None."""
    if dateline is None or dateline[0] != start or dateline[1] > end:
        return None
    return 0, dateline[1] - start


def join_pieces(article: Article, parts: list[tuple[int, ArticleResult]]) -> ArticleResult:
    """One result for `article` from the results of its pieces, each given with the
    offset where its piece starts: spans moved by it, actors merged by id (their mentions
    joined), amounts' event indices moved past the events of earlier pieces."""
    actors: dict[str, object] = {}
    events, quotes, amounts, places, dates = [], [], [], [], []
    for offset, part in parts:
        def at(span):
            return span[0] + offset, span[1] + offset

        def ref(r):
            return None if r is None else replace(r, span=at(r.span))

        for a in part.actors:
            mentions = tuple(replace(m, span=at(m.span)) for m in a.mentions)
            known = actors.get(a.id)
            actors[a.id] = replace(a, mentions=mentions) if known is None else \
                replace(known, mentions=known.mentions + mentions)
        first_event = len(events)
        events += [replace(e, sentence_span=at(e.sentence_span), span=at(e.span), trigger=ref(e.trigger),
                           source=ref(e.source), target=ref(e.target), place=ref(e.place)) for e in part.events]
        quotes += [replace(q, span=at(q.span), speaker=ref(q.speaker), cue=ref(q.cue)) for q in part.quotes]
        amounts += [replace(a, span=at(a.span),
                            event_index=None if a.event_index is None else a.event_index + first_event)
                    for a in part.amounts]
        places += [ref(p) for p in part.places]
        dates += [ref(d) for d in part.dates]
    return ArticleResult(article=article, actors=tuple(actors.values()), events=tuple(events), quotes=tuple(quotes),
                         amounts=tuple(amounts), places=tuple(places), dates=tuple(dates))


def coding_versions(settings: Settings) -> dict[str, str]:
    """orbit's version and the version of the dictionaries and patterns that code events."""
    from . import __version__
    from .events.patterns import load_patterns
    from .lexicon.actor_files import load_actor_dictionary

    actors = load_actor_dictionary(tuple(settings.actor_files)).version
    patterns = load_patterns(tuple(settings.verb_files)).version
    return {"orbit": __version__, "dict": f"{actors}-{patterns}"}


def make_article_doc(nlp, article: Article, tokens=None):
    """The tokenised Doc for an article, with orbit's context set before the parser runs.
    `tokens`: the article's text already tokenized (a Doc fresh from the tokenizer)."""
    doc = nlp.make_doc(article.text) if tokens is None else tokens
    doc._.orbit_date = article.date
    doc._.orbit_doc_id = article.doc_id
    # a paragraph starts a sentence: the parser sometimes runs one across a blank line.
    # A blank line is always inside a whitespace token (a token's trailing whitespace is at
    # most one space); found by searching the text, as a loop over Tokens costs more.
    starts = None
    for m in _BLANK_LINE.finditer(article.text):
        if starts is None:
            starts = doc.to_array("IDX").tolist()
        i = bisect_right(starts, m.start()) - 1  # the whitespace token holding the blank line
        if 0 <= i < len(doc) - 1 and doc[i].is_space and not doc[i + 1].is_space:
            doc[i + 1].is_sent_start = True
    if article.dateline:
        end = article.dateline[1]
        doc._.orbit_dateline_end = end
        # the dateline is a sentence of its own, so "(Reuters)" never joins the subject; the
        # word after its first is kept in that sentence: told only where the dateline ends, the
        # parser made "President" or "Gov." a sentence alone ("DHAKA - Prime Minister Sheikh
        # Hasina resigned": "Prime" | "Minister ...") and the title's mention ran across the break
        for tok in doc:
            if tok.idx >= end:
                tok.is_sent_start = True
                if tok.i + 1 < len(doc) and not doc[tok.i + 1].is_space:
                    doc[tok.i + 1].is_sent_start = False
                break
    return doc


# -- worker processes -----------------------------------------------------------
_WORKER: Optional[Pipeline] = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Pipeline(settings)


def process_batch(items: list[Union[RawDocument, InputFailure]], settings: Optional[Settings] = None,
                  today: Optional[date] = None) -> list[Outcome]:
    """Process one batch in this process, loading the pipeline once per process."""
    global _WORKER
    if _WORKER is None:
        _WORKER = Pipeline(settings or Settings())
    return list(_WORKER.process(items, today))


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def process_parallel(items: Iterable[Union[RawDocument, InputFailure]], settings: Settings,
                     today: Optional[date] = None) -> Iterator[Outcome]:
    if settings.workers <= 1:
        yield from Pipeline(settings).process(items, today)
        return
    with ProcessPoolExecutor(max_workers=settings.workers, initializer=_init_worker, initargs=(settings,)) as pool:
        # a bounded window of batches in flight keeps memory flat on long inputs
        window = settings.workers * 2
        futures = []
        for batch in _batches(items, settings.batch_size):
            futures.append(pool.submit(process_batch, batch, settings, today))
            if len(futures) >= window:
                yield from futures.pop(0).result()
        for f in futures:
            yield from f.result()
