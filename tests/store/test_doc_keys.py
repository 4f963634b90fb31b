"""Issue 17.4: document keys are never confused with row ids; duplicate ids and texts are
reported (W103, W104) instead of passing in silence; an empty id is refused."""
from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from orbit.cli import cli

TEXTS = {
    "x1": "Russia attacked Ukraine near the border on Monday, officials said.",
    "x2": "France criticized Germany over the new trade rules on Monday.",
    "x3": "China signed an agreement with Kenya to build a railway on Monday.",
    "2": "Japan praised South Korea for its help after the storm on Monday.",
}


def run(*args):
    return CliRunner().invoke(cli, list(args))


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def ingest(db, path):
    return run("ingest", str(path), "--db", str(db), "--no-progress", "--no-cluster")


def events_of(db, doc):
    res = run("events", "--db", str(db), "--doc", doc, "--all", "--format", "jsonl")
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines()]


def test_a_numeric_key_is_a_key_and_row_ids_need_a_hash(tmp_path):
    db = tmp_path / "o.db"
    records = [{"id": k, "text": t, "date": "2024-03-04"} for k, t in TEXTS.items()]
    assert ingest(db, write_jsonl(tmp_path / "a.jsonl", records)).exit_code == 0
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT doc_key, id FROM documents"))
    assert rows["x2"] == 2 and rows["2"] == 4  # key "2" is row 4; row 2 is "x2"

    shown = json.loads(run("show", "2", "--db", str(db), "--format", "json").stdout)
    assert shown["doc_id"] == "2" and shown["id"] == 4 and "Japan" in shown["text"]
    shown = json.loads(run("show", "#2", "--db", str(db), "--format", "json").stdout)
    assert shown["doc_id"] == "x2" and "France" in shown["text"]
    assert {e["source"]["code"] for e in shown["events"] if e["source"]} == {"FRA"}

    by_key = events_of(db, "2")
    assert by_key and {e["doc_id"] for e in by_key} == {"2"}
    by_row = events_of(db, "#2")
    assert by_row and {e["doc_id"] for e in by_row} == {"x2"}
    # a number that is no document's key is not a row id either
    res = run("show", "3", "--db", str(db))
    assert res.exit_code == 2 and "no document '3'" in res.stderr
    assert events_of(db, "3") == []


def test_duplicate_ids_and_texts_are_reported(tmp_path):
    db = tmp_path / "o.db"
    first = [{"id": "x1", "text": TEXTS["x1"], "date": "2024-03-04"},
             {"id": "x2", "text": TEXTS["x2"], "date": "2024-03-04"}]
    assert ingest(db, write_jsonl(tmp_path / "a.jsonl", first)).exit_code == 0
    # a re-run of the same records is quiet: already stored, nothing to warn about
    res = ingest(db, tmp_path / "a.jsonl")
    assert res.exit_code == 0 and "already stored" in res.stderr and "W10" not in res.stderr

    second = [{"id": "x1", "text": TEXTS["x3"], "date": "2024-03-04"},   # a new text under a used id
              {"id": "new", "text": TEXTS["x2"], "date": "2024-03-04"},  # a stored text under a new id
              {"id": "y", "text": TEXTS["2"], "date": "2024-03-04"},
              {"id": "y", "text": TEXTS["2"] + " More talks are planned.", "date": "2024-03-04"}]
    res = ingest(db, write_jsonl(tmp_path / "b.jsonl", second))
    assert res.exit_code == 0, res.output
    assert "W103" in res.stderr and "'x1' is already used" in res.stderr and "#1" in res.stderr
    assert "W104" in res.stderr and "same text as document 'x2'" in res.stderr
    assert "'y' is already used" in res.stderr  # the same id twice in one run
    with sqlite3.connect(db) as conn:
        keys = [k for (k,) in conn.execute("SELECT doc_key FROM documents ORDER BY id")]
        stored = conn.execute("SELECT code, item FROM errors ORDER BY id").fetchall()
    assert keys == ["x1", "x2", "x1", "y", "y"]  # both texts kept; "new" not stored twice
    assert [c for c, _ in stored] == ["W103", "W104", "W103"]
    errors = run("errors", "--db", str(db)).stdout
    assert "W103" in errors and "W104" in errors and "b.jsonl:2" in errors
    # the first "x1" is what its key gives; the second is reachable by its row id
    assert "Russia" in json.loads(run("show", "x1", "--db", str(db), "--format", "json").stdout)["text"]
    assert "China" in json.loads(run("show", "#3", "--db", str(db), "--format", "json").stdout)["text"]


def test_an_empty_id_is_refused(tmp_path):
    db = tmp_path / "o.db"
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "", "text": TEXTS["x1"]}, {"id": "  ", "text": TEXTS["x2"]},
                                              {"id": "ok", "text": TEXTS["x3"], "date": "2024-03-04"}])
    res = ingest(db, path)
    assert res.exit_code == 1, res.output
    assert res.stderr.count('E106: "id" is empty') == 2 and "a.jsonl:1" in res.stderr and "a.jsonl:2" in res.stderr
    with sqlite3.connect(db) as conn:
        assert [k for (k,) in conn.execute("SELECT doc_key FROM documents")] == ["ok"]
