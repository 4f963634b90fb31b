"""A real Dask local cluster (2 worker processes) gives the same events as one process."""
from __future__ import annotations

import json

import pytest

from orbit.ingest import ingest
from orbit.io import iter_documents
from orbit.scale.dask import ingest_with_dask
from orbit.settings import load_settings
from orbit.store.store import Store

SENTENCES = ["{a} accused {b} of shelling border villages on Monday.", "{a} and {b} held talks on trade.",
             "{a} pledged humanitarian aid to {b}.", "{a} imposed sanctions on {b}."]
COUNTRIES = ["Russia", "Ukraine", "China", "Japan", "Iran", "Israel", "Turkey", "Greece"]


def event_set(db) -> set:
    with Store(db, readonly=True) as s:
        return {tuple(r) for r in s.conn.execute(
            "SELECT d.doc_key, e.source_code, e.target_code, e.cameo, e.negated, e.hypothetical, e.span_start "
            "FROM events e JOIN documents d ON d.id = e.document_id")}


@pytest.mark.slow
def test_dask_local_cluster_matches_single_process(tmp_path):
    corpus = tmp_path / "c.jsonl"
    with open(corpus, "w", encoding="utf-8") as fh:
        for i in range(24):
            a, b = COUNTRIES[i % 8], COUNTRIES[(i * 3 + 1) % 8]
            fh.write(json.dumps({"id": f"d{i}", "date": "2024-05-01",
                                 "text": " ".join(s.format(a=a, b=b) for s in SENTENCES) + f" Report {i}."}) + "\n")
        fh.write("{broken json\n")
    settings = load_settings()
    single, dasked = tmp_path / "one.db", tmp_path / "dask.db"
    ingest(iter_documents([corpus], settings), Store(single), settings)
    report = ingest_with_dask([str(corpus)], Store(dasked), settings, "local:2", partition_docs=5)
    assert report.stored == 24 and report.failed == 1
    assert event_set(single) == event_set(dasked) and len(event_set(single)) > 50
    parts = list((tmp_path / "dask.db.parquet").glob("part-*"))
    assert len(parts) == 5 and all((p / "_SUCCESS").exists() and (p / "events.parquet").exists() for p in parts)
    import pyarrow.parquet as pq

    assert sum(pq.read_table(p / "events.parquet").num_rows for p in parts) == len(event_set(dasked))
    again = ingest_with_dask([str(corpus)], Store(dasked), settings, "local:2", partition_docs=5)
    assert again.stored == 0 and again.skipped == 24  # finished partitions are skipped
