"""The command line: output formats, errors and exit codes."""
from __future__ import annotations

import json

from click.testing import CliRunner

from orbit.cli import cli

from .conftest import SEED, need_shared


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_code_seed_jsonl():
    need_shared()
    res = run("code", str(SEED.with_suffix(".txt")), "--date", "2023-02-28", "--format", "jsonl")
    assert res.exit_code == 0, res.output
    events = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(events) >= 10
    for field in ("doc_id", "sentence", "span", "source", "target", "cameo", "root", "quad_class", "goldstein",
                  "plover", "negated", "hypothetical", "date", "place", "rule"):
        assert field in events[0]
    assert events[0]["doc_id"] == "blinken-central-asia"


def test_code_tsv_has_a_header():
    need_shared()
    res = run("code", str(SEED.with_suffix(".txt")), "--date", "2023-02-28", "--format", "tsv")
    assert res.exit_code == 0
    assert res.stdout.splitlines()[0].startswith("doc_id\tdate\tsource")


def test_read_gives_one_document(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Talks in Astana\n\nMr. Blinken met Mr. Tokayev in Astana on Tuesday.", encoding="utf-8")
    res = run("read", str(f), "--date", "2023-02-28")
    assert res.exit_code == 0, res.output
    (doc,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert doc["title"] == "Talks in Astana" and doc["date"] == "2023-02-28"
    assert {a["name"] for a in doc["actors"]} >= {"Antony Blinken", "Kassym-Jomart Tokayev"}
    assert doc["events"] and doc["dates"]


def test_missing_file_is_a_clear_error(tmp_path):
    res = run("code", str(tmp_path / "nope.txt"))
    assert res.exit_code == 2
    assert "nope.txt" in res.stderr and "no such file" in res.stderr


def test_bad_items_are_skipped_and_reported(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Russia attacked Ukraine on Monday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "broken.jsonl").write_text('{"id": "a", "text": "Iran criticized Israel."}\n{not json\n',
                                           encoding="utf-8")
    res = run("code", str(tmp_path), "--date", "2024-01-01")
    assert res.exit_code == 1
    assert "empty.txt" in res.stderr and "binary" in res.stderr and "broken.jsonl:2" in res.stderr
    docs = {json.loads(line)["doc_id"] for line in res.stdout.splitlines()}
    assert docs == {"good", "a"}


def test_bad_date_option():
    res = run("code", "x.txt", "--date", "28/02/2023")
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output


def test_unknown_model_is_a_clear_error(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Russia attacked Ukraine.", encoding="utf-8")
    res = run("code", str(f), "--model", "no_such_model_xyz")
    assert res.exit_code == 2 and "not installed" in res.stderr


def test_eval_command(tmp_path):
    need_shared()
    events = tmp_path / "ev.jsonl"
    res = run("code", str(SEED.with_suffix(".txt")), "--date", "2023-02-28")
    events.write_text(res.stdout, encoding="utf-8")
    out = run("eval", str(events), str(SEED.with_suffix(".events.jsonl")))
    assert out.exit_code == 0 and "must: 10/10" in out.stdout


def test_demo_prints_a_table():
    res = run("demo")
    assert res.exit_code == 0, res.output
    assert "CAMEO" in res.stdout and "events" in res.stdout


def test_workers_give_the_same_events(tmp_path):
    lines = [json.dumps({"id": f"d{i}", "text": t, "date": "2024-03-01"}) for i, t in enumerate([
        "Russia attacked Ukraine on Monday.", "Iran criticized Israel.", "China and Russia held talks in Beijing.",
        "Japan pledged aid to Ukraine.", "Turkey threatened to strike Syria."] * 3)]
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join(lines), encoding="utf-8")
    one = run("code", str(f), "--format", "tsv")
    two = run("code", str(f), "--format", "tsv", "--workers", "2", "--batch-size", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) > 10


def test_written_dates_in_records_are_read(tmp_path):
    f = tmp_path / "c.jsonl"
    rows = [("a", "17 December 2016"), ("b", "Wed Nov 23, 2016 | 4:58pm EST"), ("c", "2016-12-01T10:00:00Z")]
    f.write_text("".join(json.dumps({"id": i, "date": d, "text": "Russia criticized Ukraine on Monday."}) + "\n"
                         for i, d in rows), encoding="utf-8")
    res = CliRunner().invoke(cli, ["read", str(f)])
    assert res.exit_code == 0, res.output
    dates = [json.loads(line)["date"] for line in res.stdout.splitlines()]
    assert dates == ["2016-12-17", "2016-11-23", "2016-12-01"]
