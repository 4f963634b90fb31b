"""GDELT export: stable GLOBALEVENTIDs, SOURCEURL from the document, and CSV codes kept as text."""
from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json

from click.testing import CliRunner

from orbit.cli import cli
from orbit.export import Origin, event_id, write_events

TEXT = "Turkey has not criticized Russia. Germany condemned Iran on Monday. China praised Brazil."


def run(*args, **kw):
    return CliRunner().invoke(cli, list(args), **kw)


def gdelt_rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def test_event_id_is_a_documented_deterministic_63_bit_integer():
    expected = int.from_bytes(hashlib.sha256("doc-1\x1f3".encode()).digest()[:8], "big") & (2**63 - 1)
    assert event_id("doc-1", 3) == expected == event_id("doc-1", 3)
    ids = {event_id(key, i) for key in ("a", "b", "doc-1", "ünïcode") for i in range(50)}
    assert len(ids) == 200 and all(0 <= i < 2**63 for i in ids)


def test_gdelt_ids_come_from_the_document_key_and_index_not_the_run(code):
    events = code(TEXT, "2024-05-06")
    events = [dataclasses.replace(e, doc_id="doc-A") for e in events]
    assert any(not e.asserted for e in events) and sum(e.asserted for e in events) >= 2
    first, second = io.StringIO(), io.StringIO()
    write_events("gdelt", events, first)
    # the same events in another run, after other documents: the same ids
    other = [dataclasses.replace(e, doc_id="doc-B") for e in events]
    write_events("gdelt", other + events, second)
    ids_first = [r[0] for r in gdelt_rows(first.getvalue())]
    ids_second = [r[0] for r in gdelt_rows(second.getvalue())]
    expected = [str(event_id("doc-A", i)) for i, e in enumerate(events) if e.asserted]
    assert ids_first == expected == ids_second[len(expected):]
    assert not set(ids_second[:len(expected)]) & set(expected)
    # ids are no longer 1..n
    assert ids_first != [str(i) for i in range(1, len(ids_first) + 1)]


def test_pairs_carry_the_index_url_and_cluster_into_every_format(code):
    events = code(TEXT, "2024-05-06")
    pairs = [(e, Origin(i + 10, "https://example.org/a", cluster_id=7)) for i, e in enumerate(events)]
    out = io.StringIO()
    write_events("gdelt", pairs, out)
    rows = gdelt_rows(out.getvalue())
    assert [r[0] for r in rows] == [str(event_id(e.doc_id, i + 10)) for i, e in enumerate(events) if e.asserted]
    assert all(len(r) == 61 and r[60] == "https://example.org/a" for r in rows)
    paired_ids = [str(event_id(e.doc_id, i + 10)) for i, e in enumerate(events)]
    plain_ids = [str(event_id(e.doc_id, i)) for i, e in enumerate(events)]
    for fmt in ("jsonl", "plover"):
        plain, paired = io.StringIO(), io.StringIO()
        assert write_events(fmt, events, plain) == write_events(fmt, pairs, paired) == len(events)
        got = [json.loads(line) for line in paired.getvalue().splitlines()]
        bare = [json.loads(line) for line in plain.getvalue().splitlines()]
        key = "event_id" if fmt == "jsonl" else "id"
        prefix = "" if fmt == "jsonl" else "ORBIT-"
        assert [r[key] for r in got] == [prefix + i for i in paired_ids]
        assert [r[key] for r in bare] == [prefix + i for i in plain_ids]
        assert [r["cluster_id"] for r in got] == [7] * len(events) and {r["cluster_id"] for r in bare} == {None}
    for fmt in ("tsv", "csv"):
        paired = io.StringIO()
        write_events(fmt, pairs, paired)
        table = list(csv.DictReader(io.StringIO(paired.getvalue()), delimiter="\t" if fmt == "tsv" else ","))
        assert [r["event_id"] for r in table] == paired_ids and {r["cluster_id"] for r in table} == {"7"}


def test_gdelt_all_adds_the_other_events_with_a_modality_column(code):
    events = code(TEXT, "2024-05-06")
    default, every = io.StringIO(), io.StringIO()
    write_events("gdelt", events, default)
    assert write_events("gdelt", events, every, all_events=True) == len(events) > len(gdelt_rows(default.getvalue()))
    rows = gdelt_rows(every.getvalue())
    assert all(len(r) == 62 for r in rows)
    assert [r[61] for r in rows] == [e.modality for e in events] and "negated" in {r[61] for r in rows}
    # the asserted rows are the default rows with the column added
    assert [r[:61] for r in rows if r[61] == "asserted"] == gdelt_rows(default.getvalue())


def test_an_undated_event_leaves_gdelt_date_columns_empty(code):
    event = dataclasses.replace(code(TEXT, "2024-05-06")[1], date=None)
    out = io.StringIO()
    write_events("gdelt", [event], out)
    row = gdelt_rows(out.getvalue())[0]
    assert row[1:5] == ["", "", "", ""] and len(row[59]) == 14


def test_orbit_code_fills_sourceurl_from_jsonl_and_ids_are_stable(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in [
        {"id": "u1", "date": "2024-05-06", "text": "Germany condemned Iran on Monday.", "url": "https://example.org/u1"},
        {"id": "u2", "date": "2024-05-06", "text": "China praised Brazil on Tuesday."},
    ]) + "\n", encoding="utf-8")
    first = run("code", str(f), "--format", "gdelt", "--coder", "rules")
    second = run("code", str(f), "--format", "gdelt", "--coder", "rules")
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    rows = gdelt_rows(first.stdout)
    by_actor = {r[7]: r for r in rows}
    assert by_actor["DEU"][60] == "https://example.org/u1" and by_actor["DEU"][0] == str(event_id("u1", 0))
    assert by_actor["CHN"][60] == "" and by_actor["CHN"][0] == str(event_id("u2", 0))


def test_orbit_export_gdelt_from_a_store_has_urls_and_stable_ids(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in [
        {"id": "s1", "date": "2024-05-06", "url": "https://example.org/s1",
         "text": "Turkey has not criticized Russia. Germany condemned Iran on Monday."},
        {"id": "s2", "date": "2024-05-07", "text": "China praised Brazil on Tuesday."},
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "orbit.db"
    assert run("ingest", str(f), "--db", str(db), "--no-progress").exit_code == 0
    coded = run("code", str(f), "--format", "gdelt")
    exported = run("export", "--db", str(db), "--format", "gdelt")
    assert exported.exit_code == 0, exported.output
    rows = gdelt_rows(exported.stdout)
    assert {r[0] for r in rows} == {r[0] for r in gdelt_rows(coded.stdout)}
    deu = next(r for r in rows if r[7] == "DEU")
    assert deu[60] == "https://example.org/s1"
    # the index counts the document's negated event too: the same id when the filter drops others
    only = run("export", "--db", str(db), "--format", "gdelt", "--source", "DEU")
    assert only.exit_code == 0, only.output
    assert deu[0] in {r[0] for r in gdelt_rows(only.stdout)}


def test_store_exports_carry_the_same_event_ids_and_the_cluster_ids(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in [
        {"id": "k1", "date": "2024-05-06", "text": "Germany condemned Iran on Monday. China praised Brazil."},
        {"id": "k2", "date": "2024-05-06", "text": "Germany condemned Iran on Monday in a statement."},
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "orbit.db"
    assert run("ingest", str(f), "--db", str(db), "--no-progress", "--coder", "rules").exit_code == 0
    import sqlite3

    with sqlite3.connect(db) as conn:
        clusters = dict(conn.execute("SELECT e.id, cm.cluster_id FROM events e JOIN cluster_members cm "
                                     "ON cm.event_id = e.id ORDER BY e.id").fetchall())
    assert clusters and len(set(clusters.values())) < len(clusters)  # the two reports share a cluster
    jsonl = [json.loads(line) for line in run("export", "--db", str(db)).stdout.splitlines()]
    assert [r["cluster_id"] for r in jsonl] == list(clusters.values())
    gdelt_ids = {r[0] for r in gdelt_rows(run("export", "--db", str(db), "--format", "gdelt").stdout)}
    assert {r["event_id"] for r in jsonl} == gdelt_ids
    table = list(csv.DictReader(io.StringIO(run("export", "--db", str(db), "--format", "csv").stdout)))
    assert [r["event_id"] for r in table] == [r["event_id"] for r in jsonl]
    assert [int(r["cluster_id"]) for r in table] == list(clusters.values())
    out = tmp_path / "e.parquet"
    assert run("export", "--db", str(db), "--format", "parquet", "-o", str(out)).exit_code == 0
    import pyarrow.parquet as pq

    frame = pq.read_table(out).to_pydict()
    assert frame["event_id"] == [r["event_id"] for r in jsonl] and frame["cluster_id"] == list(clusters.values())


def test_csv_quotes_text_so_cameo_keeps_its_leading_zero(code):
    events = [e for e in code("Germany condemned Iran on Monday. China praised Brazil.", "2024-05-06")]
    assert any(e.cameo.startswith("0") for e in events)
    out = io.StringIO()
    write_events("csv", events, out)
    lines = out.getvalue().splitlines()
    header = next(csv.reader([lines[0]]))
    ci = header.index("cameo")
    # the code is written quoted (text); numbers such as quad_class are not
    for line, e in zip(lines[1:], events):
        assert f'"{e.cameo}"' in line and f'"{e.root}"' in line
    records = list(csv.reader(io.StringIO(out.getvalue()), quoting=csv.QUOTE_NONNUMERIC))
    assert [r[ci] for r in records[1:]] == [e.cameo for e in events]
    # pandas infers types even in quoted cells: a dtype keeps the zero (documented in writers.py)
    import pandas as pd

    frame = pd.read_csv(io.StringIO(out.getvalue()), dtype={"cameo": str, "root": str})
    assert list(frame["cameo"]) == [e.cameo for e in events]
