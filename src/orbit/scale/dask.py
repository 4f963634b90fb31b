"""Scale-out on Dask: partitions of documents coded on workers, written as Parquet, loaded into the store.

The driver reads inputs and cuts them into partitions; a partition's id is a hash of its
documents, so a re-run recognises the partitions it already finished. Each worker loads
the spaCy pipeline once (the same `pipeline.process_batch` single-machine ingest uses:
there is no second implementation of coding) and writes, per partition, a folder

    <out>/part-<id>/{documents,events,actors,quotes,amounts,places,dates,failures}.parquet
    <out>/part-<id>/results.pickle      (the ArticleResults, for loading into the store)
    <out>/part-<id>/_SUCCESS

The Parquet files can be read directly by DuckDB (`SELECT * FROM 'out/*/events.parquet'`),
Spark or pandas; their columns are the store's columns (see README, "Parquet output").
The driver loads each finished partition into the store (idempotent: documents already
there are skipped) as it completes. Failed partitions are retried (Dask retries) and, if
they still fail, recorded as errors; the rest of the run goes on.
"""
from __future__ import annotations

import hashlib
import logging
import pickle
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from ..errors import NoDate, PartitionFailed
from ..ingest import IngestReport, Progress, ingest_run, no_date_reason, stand_in_day
from ..model import ArticleResult, InputFailure, RawDocument
from ..pipeline import coding_versions, process_batch
from ..settings import Settings
from ..store.store import Store, content_hash

log = logging.getLogger(__name__)

PARTITION_DOCS = 100  # documents per partition: a few seconds of work per task
RETRIES = 2
TABLES = ("documents", "events", "actors", "quotes", "amounts", "places", "dates", "failures")

Item = Union[RawDocument, InputFailure]


def partitions(items: Iterable[Item], size: int = PARTITION_DOCS, salt: str = "") -> Iterator[tuple[str, list[Item]]]:
    """Batches of `size` items with their ids. `salt` (how the run dates undated
    documents) goes into the id, so a re-run with other dating options codes afresh
    instead of reusing partitions coded another way; "" leaves the ids of earlier runs."""
    batch: list[Item] = []

    def ident(b: list[Item]) -> str:
        h = hashlib.sha1(salt.encode("utf-8")) if salt else hashlib.sha1()
        for it in b:
            h.update((it.doc_id if isinstance(it, RawDocument) else it.item).encode("utf-8", "surrogatepass"))
            h.update(hashlib.sha1((it.content if isinstance(it, RawDocument) else it.reason)
                                  .encode("utf-8", "surrogatepass")).digest())
        return h.hexdigest()[:16]

    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield ident(batch), batch
            batch = []
    if batch:
        yield ident(batch), batch


def _write_parquet(folder: Path, outcomes: list, versions: dict) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..store.rows import document_row, event_row, result_rows

    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for i, out in enumerate(outcomes):
        if isinstance(out, InputFailure):
            rows["failures"].append({"item": out.item, "code": out.code, "reason": out.reason})
            continue
        h = content_hash(out.article.text)
        doc = document_row(out.article, h, None, versions, "")
        doc.pop("run_id", None)
        rows["documents"].append(dict(doc, document=i))
        pub = out.article.date.isoformat()
        rows["events"] += [dict(event_row(e, i, pub, versions), doc_key=out.article.doc_id, content_hash=h)
                           for e in out.events]
        for table, trows in result_rows(out, i).items():
            rows[table] += [dict(r, content_hash=h) for r in trows]
    for table, trows in rows.items():
        if trows:
            pq.write_table(pa.Table.from_pylist(trows), folder / f"{table}.parquet", compression="zstd")


def code_partition(part_id: str, items: list[Item], settings: Settings, out_dir: str,
                   today: Optional[date] = None) -> str:
    """Worker task: code one partition and write its folder. Returns the folder. `today`:
    the date of documents with none (ingest.stand_in_day), chosen once by the driver."""
    folder = Path(out_dir) / f"part-{part_id}"
    if (folder / "_SUCCESS").exists():
        return str(folder)
    folder.mkdir(parents=True, exist_ok=True)
    outcomes = process_batch(items, settings, today)
    versions = coding_versions(settings)
    _write_parquet(folder, outcomes, versions)
    tmp = folder / "results.pickle.tmp"
    with open(tmp, "wb") as fh:
        pickle.dump(outcomes, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(folder / "results.pickle")
    (folder / "_SUCCESS").write_text(part_id)
    return str(folder)


def _client(address: str):
    import dask
    from dask.distributed import Client, LocalCluster

    # the scheduler's INFO chatter would drown the progress line
    for name in ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.core",
                 "distributed.http.proxy", "distributed.worker"):
        logging.getLogger(name).setLevel(logging.WARNING)
    dask.config.set({"distributed.admin.system-monitor.gil.enabled": False})

    if address.startswith("local"):
        n = int(address.split(":", 1)[1]) if ":" in address else 2
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.WARNING)
        return Client(cluster), cluster
    return Client(address), None


@dataclass(frozen=True)
class Dating:
    """How a run dates documents: `pub` those that carry no date (--date), and
    `date_default` those with none given or found (--date-default, see ingest.stand_in_day)."""

    pub: Optional[date] = None
    date_default: str = "none"

    @property
    def salt(self) -> str:
        """What goes into partition ids: nothing for the default dating (ids of earlier runs stay)."""
        if self.pub is None and self.date_default == "none":
            return ""
        return f"date={self.pub.isoformat() if self.pub else ''};date_default={self.date_default}"


def ingest_with_dask(paths: Iterable[str], store: Store, settings: Settings, address: str,
                     out_dir: Optional[str] = None, args: Optional[dict] = None, progress: Optional[Progress] = None,
                     cluster: bool = True, partition_docs: int = PARTITION_DOCS,
                     dating: Dating = Dating()) -> IngestReport:
    """`orbit ingest --dask`: like ingest.ingest, with the coding on a Dask cluster.
    `dating`: --date and --date-default, handled as the single-process ingest does (an
    undated document is stored with a W102 warning; a run's date_default is recorded in
    its args, so `orbit ingest --recode` dates alike)."""
    stand_in_day(dating.date_default)  # an unknown date_default fails here, before the cluster starts
    versions = coding_versions(settings)
    out = Path(out_dir or f"{store.path}.parquet")
    out.mkdir(parents=True, exist_ok=True)
    args = dict(args or {}, dask=address, parquet=str(out))
    if dating.date_default != "none":
        args["date_default"] = dating.date_default
    with ingest_run(store, "ingest-dask", args, versions, progress, cluster) as report:
        client, local = _client(address)
        try:
            _code_and_load(client, paths, settings, out, partition_docs, store, versions, report, progress, dating)
        finally:
            client.close()
            if local is not None:
                local.close()
    return report


def _code_and_load(client, paths, settings: Settings, out: Path, partition_docs: int, store: Store, versions: dict,
                   report: IngestReport, progress: Optional[Progress], dating: Dating) -> None:
    """Submit the partitions not yet loaded, and load each one's results as it finishes."""
    from dask.distributed import as_completed

    from ..io import iter_documents

    today = stand_in_day(dating.date_default)  # one day for every partition, chosen here
    futures = {}
    for part_id, items in partitions(iter_documents(paths, settings, dating.pub), partition_docs, dating.salt):
        folder = out / f"part-{part_id}"
        if (folder / "_SUCCESS").exists() and (folder / "_LOADED").exists():
            report.skipped += sum(1 for it in items if isinstance(it, RawDocument))
            continue
        fut = client.submit(code_partition, part_id, items, settings, str(out), today, retries=RETRIES,
                            key=f"orbit-part-{part_id}", pure=False)
        futures[fut] = (part_id, len(items))
    for fut in as_completed(futures):
        part_id, n = futures[fut]
        try:
            folder = Path(fut.result())
        except Exception as err:  # a partition that failed after its retries is reported, the run goes on
            failure = InputFailure(f"partition {part_id}", PartitionFailed.code,
                                   f"partition failed after {RETRIES} retries: {type(err).__name__}: {err}"[:500])
            store.store_batch([], [failure], report.run_id, versions)
            report.failed += n
            report.failures.append(failure)
            continue
        _load(folder, store, versions, report, dating.date_default)
        report.tick(progress)


def _load(folder: Path, store: Store, versions: dict, report: IngestReport, date_default: str) -> None:
    """Store one finished partition's results, with a W102 warning for each new undated document."""
    with open(folder / "results.pickle", "rb") as fh:
        outcomes = pickle.load(fh)
    results = [o for o in outcomes if isinstance(o, ArticleResult)]
    failures = [o for o in outcomes if isinstance(o, InputFailure)]
    known = store.known_hashes(content_hash(r.article.text) for r in results)
    warnings = [InputFailure(r.article.path or r.article.doc_id, NoDate.code,
                             no_date_reason(date_default, f"stored with today's date ({r.article.date.isoformat()})"))
                for r in results if r.article.date_source == "today" and content_hash(r.article.text) not in known]
    stored, skipped, events = store.store_batch(results, failures, report.run_id, versions, warnings)
    (folder / "_LOADED").write_text(str(report.run_id))
    report.stored += stored
    report.skipped += skipped
    report.events += events
    report.failed += len(failures)
    report.failures += failures
    report.warnings += warnings
