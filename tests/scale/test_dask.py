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



def _dated(db) -> dict:
    """doc key -> (date, date_source, the dates read in its text)."""
    with Store(db, readonly=True) as s:
        return {r["doc_key"]: (r["date"], r["date_source"], tuple(
            tuple(d) for d in s.conn.execute("SELECT text, date FROM dates WHERE document_id = ? ORDER BY id",
                                             (r["id"],))))
                for r in s.conn.execute("SELECT id, doc_key, date, date_source FROM documents")}


@pytest.mark.slow
def test_dask_ingest_keeps_date_and_date_default(tmp_path):
    """`orbit ingest --dask --date D` dates the undated documents D, and `--date-default
    today` reads their relative dates against today, exactly as the single-process ingest
    does (--date used to be dropped with --dask, --date-default refused)."""
    from click.testing import CliRunner

    from orbit.cli import cli

    text = "Russia accused Ukraine of shelling border villages on Friday. Japan pledged aid to Ukraine."
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "undated", "text": text}) + "\n"
                      + json.dumps({"id": "dated", "text": "Iran said: " + text, "date": "2024-05-01"}) + "\n",
                      encoding="utf-8")

    def ingest_cli(db, *options):
        res = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / db), "--no-progress",
                                       "--no-cluster", *options])
        assert res.exit_code == 0, res.output
        return res

    ingest_cli("one-date.db", "--date", "2024-05-08")
    ingest_cli("dask-date.db", "--dask", "local:1", "--date", "2024-05-08")
    given = _dated(tmp_path / "dask-date.db")
    assert given == _dated(tmp_path / "one-date.db")
    assert given["undated"][:2] == ("2024-05-08", "given") and given["dated"][:2] == ("2024-05-01", "given")
    assert ("Friday", "2024-05-03") in given["undated"][2]

    ingest_cli("one-today.db", "--date-default", "today")
    res = ingest_cli("dask-today.db", "--dask", "local:1", "--date-default", "today")
    today = _dated(tmp_path / "dask-today.db")
    assert today == _dated(tmp_path / "one-today.db")
    assert today["undated"][1] == "today" and all(d for _, d in today["undated"][2])  # "Friday" is resolved
    assert "W102" in res.stderr  # the undated document is reported, as without --dask
    with Store(tmp_path / "dask-today.db", readonly=True) as s:
        assert [r["code"] for r in s.errors()] == ["W102"]
        assert json.loads(s.runs()[0]["args_json"])["date_default"] == "today"  # so --recode dates alike
