"""Issue 17: long runs show progress with a total and the time left (on stderr, only when
asked or on a terminal); files of other types in a directory are skipped with a count,
not listed as errors, while a named one is still an error."""
from __future__ import annotations

import json

from click.testing import CliRunner

from orbit.cli import cli
from orbit.cli.progress import count_documents

GOOD = "Russia attacked Ukraine on Monday, and Ukrainian forces struck back on Tuesday, officials said."


def folder(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("A\n\n" + GOOD, encoding="utf-8")
    (d / "sub" / "b.txt").write_text("B\n\n" + GOOD.replace("Monday", "Friday"), encoding="utf-8")
    (d / "c.jsonl").write_text("\n".join(json.dumps({"id": f"r{i}", "text": GOOD.replace("Monday", f"day {i}"),
                                                     "date": f"2024-01-0{i}"})
                                         for i in range(1, 4)) + "\n\n", encoding="utf-8")
    (d / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    (d / "sub" / "table.csv").write_text("a,b\n", encoding="utf-8")
    (d / "notes.md").write_text("# notes\n", encoding="utf-8")  # ignored outright, as before
    return d


def test_the_total_counts_documents_as_the_readers_find_them(tmp_path):
    d = folder(tmp_path)
    assert count_documents([str(d)]) == 2 + 3
    assert count_documents([str(d / "photo.png"), "-"]) == 2  # named files are items (reported)


def test_a_directory_skips_other_types_with_a_count(tmp_path):
    d = folder(tmp_path)
    res = CliRunner().invoke(cli, ["code", str(d), "--coder", "rules", "--date", "2024-01-01"])
    assert res.exit_code == 0, res.output
    assert "2 file(s) in directories not read (not a type orbit reads: 1 .csv, 1 .png)" in res.stderr
    assert "E102" not in res.stderr and "notes.md" not in res.stderr
    named = CliRunner().invoke(cli, ["code", str(d / "photo.png"), "--coder", "rules"])
    assert named.exit_code == 2 and "E102" in named.stderr
    db = tmp_path / "s.db"
    stored = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--no-progress", "--date", "2024-01-01"])
    assert stored.exit_code == 0, stored.output
    assert "5 document(s) stored" in stored.stderr and "2 file(s) in directories not read" in stored.stderr


def test_progress_shows_done_of_total_and_time_left_only_when_asked(tmp_path):
    d = folder(tmp_path)
    shown = CliRunner().invoke(cli, ["code", str(d), "--coder", "rules", "--date", "2024-01-01", "--progress"])
    assert shown.exit_code == 0, shown.output
    assert "5/5" in shown.stderr and "ETA" in shown.stderr
    quiet = CliRunner().invoke(cli, ["code", str(d), "--coder", "rules", "--date", "2024-01-01"])
    assert "ETA" not in quiet.stderr and quiet.stdout == shown.stdout  # not a terminal: no bar
    db = tmp_path / "s.db"
    ingest = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db), "--progress", "--date", "2024-01-01"])
    assert ingest.exit_code == 0 and "5/5" in ingest.stderr and "ETA" in ingest.stderr
