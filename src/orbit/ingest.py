"""Ingest: documents in, coded and stored, resumable, with every failure recorded.

Cleaning runs in this process and identifies each document by the hash of its cleaned
text, so documents already in the store (a re-run, or a resume after a crash) are
skipped before any NLP. New documents go through the pipeline (in worker processes with
--workers) and are committed in batches, each batch one transaction: a kill at any
moment loses at most the batch in flight, which the next run redoes.
"""
from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable, Iterator, Optional, Union

from .clean.title import locate_dateline
from .errors import DuplicateId, DuplicateText, NoDate
from .extract.dates import undated, undated_today
from .model import Article, ArticleResult, InputFailure, RawDocument
from .pipeline import clean_items, coding_versions, process_parallel
from .settings import Settings
from .store.store import Store, content_hash

log = logging.getLogger(__name__)


# --date-default: what an undated document is dated with (see stand_in_day)
DATE_DEFAULTS = ("none", "today")


def stand_in_day(date_default: str = "none") -> date:
    """The date of a document with no date given or found: today, marked undated (its
    relative dates stay unresolved) unless `date_default` is "today" (they are read against it)."""
    if date_default not in DATE_DEFAULTS:
        raise ValueError(f"date_default is one of {DATE_DEFAULTS}, not {date_default!r}")
    return date.today() if date_default == "today" else undated_today()


def no_date_reason(date_default: str, what: str) -> str:
    """The W102 message for a document with no date of its own; `what` says what was done with it."""
    if date_default == "today":
        return (f"no publication date given or found: {what} (date_source \"today\", --date-default today); "
                f"relative dates such as \"on Friday\" are read against it")
    return (f"no publication date given or found: {what} (date_source \"today\"); relative dates such as "
            f"\"on Friday\" are left unresolved (give one with --date or a \"date\" field, or use "
            f"--date-default today)")


@dataclass
class IngestReport:
    run_id: int
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    seconds: float = 0.0
    failures: list[InputFailure] = field(default_factory=list)
    warnings: list[InputFailure] = field(default_factory=list)  # W... codes: stored with a caveat
    clustering: Optional[dict] = None
    started: float = field(default_factory=time.perf_counter)

    @property
    def docs_per_second(self) -> float:
        return (self.stored + self.skipped) / self.seconds if self.seconds else 0.0

    def tick(self, progress: Optional["Progress"] = None) -> None:
        self.seconds = time.perf_counter() - self.started
        if progress:
            progress(self)


Progress = Callable[[IngestReport], None]


@contextmanager
def ingest_run(store: Store, command: str, args: Optional[dict], versions: dict, progress: Optional[Progress] = None,
               cluster: bool = True) -> Iterator[IngestReport]:
    """One run in the store's run log: recorded as finished only if the body completes (a
    kill or an error leaves it "interrupted"), clustered at the end, timed either way."""
    report = IngestReport(run_id=store.begin_run(command, args or {}, versions))
    status = "interrupted"
    try:
        yield report
        cluster_new_events(store, report, cluster)
        status = "finished"
    finally:
        report.seconds = time.perf_counter() - report.started
        store.finish_run(report.run_id, status)
        report.tick(progress)


def _clean_and_filter(items: Iterable[Union[RawDocument, InputFailure]], settings: Settings, store: Store,
                      report: IngestReport, batch: int, warn: Callable[[InputFailure], None],
                      date_default: str = "none") -> Iterator[Union[Article, InputFailure]]:
    """Cleaned articles not yet in the store, and failures (passed through). A text
    already stored (or met earlier in the run) under the same key is a re-run and skipped
    quietly; under another key it is skipped with a W104 warning. A new text whose key is
    already taken is stored with a W103 warning (its row id tells the two apart). A
    document with no date is stored with a W102 warning."""
    pending: list[Article] = []
    seen: dict[str, str] = {}  # content hash -> key, this run
    keys_seen: dict[str, str] = {}  # key -> where it was first met, this run

    def flush():
        hashes = [content_hash(a.text) for a in pending]
        known = store.hash_keys(hashes)
        taken = store.key_rows(a.doc_id for a in pending)
        for a, h in zip(pending, hashes):
            item = a.path or a.doc_id
            first = known.get(h, seen.get(h))
            if first is not None:
                report.skipped += 1
                if first != a.doc_id:
                    warn(InputFailure(item, DuplicateText.code,
                                      f"the same text as document {first!r}, already stored: not stored again "
                                      f"under the id {a.doc_id!r}"))
                continue
            seen[h] = a.doc_id
            if a.doc_id in taken or a.doc_id in keys_seen:
                rows = ", ".join(f"#{n}" for n in taken.get(a.doc_id, ())) or keys_seen[a.doc_id]
                warn(InputFailure(item, DuplicateId.code,
                                  f"the id {a.doc_id!r} is already used by another text ({rows}): both are kept; "
                                  f"`orbit show {a.doc_id}` shows the first, `orbit show #ROW` either"))
            keys_seen.setdefault(a.doc_id, item)
            if a.date_source == "today":
                warn(InputFailure(item, NoDate.code,
                                  no_date_reason(date_default, f"stored with today's date ({a.date.isoformat()})")))
            yield a
        pending.clear()

    for item in clean_items(items, settings, stand_in_day(date_default)):
        if isinstance(item, InputFailure):
            yield item
            continue
        pending.append(item)
        if len(pending) >= batch:
            yield from flush()
    yield from flush()


def ingest(items: Iterable[Union[RawDocument, InputFailure]], store: Store, settings: Settings,
           args: Optional[dict] = None, progress: Optional[Progress] = None, command: str = "ingest",
           cluster: bool = True, warnings: Optional[list[InputFailure]] = None,
           date_default: str = "none") -> IngestReport:
    """Code and store `items`. `warnings` is a list the reader of `items` appends its
    warnings to (`iter_documents(..., warn=warnings.append)`): they are stored with the
    run's errors and listed in `report.warnings`, with the warnings ingest itself gives.
    `date_default` "today": undated documents have their relative dates read against
    today's date (recorded in the run's args, so `recode` does the same)."""
    if date_default != "none":
        args = {**(args or {}), "date_default": date_default}
    versions = coding_versions(settings)
    pending_warnings = warnings if warnings is not None else []
    with ingest_run(store, command, args, versions, progress, cluster) as report:
        fresh = _clean_and_filter(items, settings, store, report, settings.commit_every, pending_warnings.append,
                                  date_default)
        results: list[ArticleResult] = []
        failures: list[InputFailure] = []
        for out in process_parallel(fresh, settings):
            if isinstance(out, InputFailure):
                failures.append(out)
                report.failures.append(out)
                report.failed += 1
            else:
                results.append(out)
            if len(results) + len(failures) >= settings.commit_every:
                _commit(store, results, failures, report.run_id, versions, report, pending_warnings)
                report.tick(progress)
        _commit(store, results, failures, report.run_id, versions, report, pending_warnings)
    return report


def cluster_new_events(store: Store, report: IngestReport, cluster: bool) -> None:
    """Put the events this run stored into clusters (incremental: old clusters are kept)."""
    if cluster and report.stored:
        from .analysis.clusters import cluster_pending

        report.clustering = cluster_pending(store)


def _commit(store: Store, results: list, failures: list, run_id: int, versions: dict, report: IngestReport,
            warnings: Optional[list] = None) -> None:
    warnings = warnings if warnings is not None else []
    if not results and not failures and not warnings:
        return
    stored, skipped, events = store.store_batch(results, failures, run_id, versions, warnings)
    report.stored += stored
    report.skipped += skipped
    report.events += events
    report.warnings += warnings
    results.clear()
    failures.clear()
    warnings.clear()


def recode(store: Store, settings: Settings, only_outdated: bool = True, progress: Optional[Progress] = None,
           args: Optional[dict] = None, cluster: bool = True) -> IngestReport:
    """Re-code stored documents with the current dictionaries; events are swapped per document."""
    versions = coding_versions(settings)
    rows = list(store.documents_for_recode(versions["dict"] if only_outdated else None))
    dated_today = store.runs_with_arg("date_default", "today")  # ingested with --date-default today
    by_key = {}
    articles = []
    for row in rows:
        key = f"{row['id']}"
        by_key[key] = row["id"]
        day = date.fromisoformat(row["date"])
        if row["date_source"] == "today" and row["run_id"] not in dated_today:
            day = undated(day)  # an undated document keeps its relative dates unresolved when re-coded too
        # the stored text is the text as coded; its title and dateline are found in it as
        # cleaning found them, so unchanged dictionaries give the same events
        title = row["title"] or ""
        articles.append(Article(doc_id=key, text=row["text"], date=day,
                                title=title, url=row["url"], source=row["source"], path=row["path"],
                                date_source=row["date_source"] or "given",
                                dateline=locate_dateline(row["text"], title)))
    with ingest_run(store, "recode", args, versions, progress, cluster) as report:
        for out in process_parallel(articles, settings):
            if isinstance(out, InputFailure):
                report.failed += 1
                report.failures.append(out)
                continue
            report.events += store.replace_results(by_key[out.article.doc_id], out, versions)
            report.stored += 1
            if report.stored % settings.commit_every == 0:
                report.tick(progress)
    return report
