"""CLI conventions: `-` reads an article from standard input; -o/--output writes to a file."""
from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from orbit.cli import cli

ARTICLE = "Berlin talks\nGermany condemned Iran on Monday.\n"


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_code_reads_standard_input_with_date():
    res = run("code", "-", "--date", "2024-05-06", "--coder", "rules", input=ARTICLE)
    assert res.exit_code == 0, res.output
    events = [json.loads(line) for line in res.stdout.splitlines()]
    assert events and events[0]["doc_id"] == "stdin"
    # --date applies: "on Monday" is read against it
    assert any(e["date"] == "2024-05-06" for e in events)
    assert any(e["source"] and e["source"]["country"] == "DEU" for e in events)


def test_read_reads_standard_input():
    res = run("read", "-", "--date", "2024-05-06", input=ARTICLE)
    assert res.exit_code == 0, res.output
    (doc,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert doc["title"] == "Berlin talks" and doc["date"] == "2024-05-06"
    assert doc["events"]


def test_empty_standard_input_is_reported_like_an_empty_file():
    res = run("code", "-", input="")
    assert res.exit_code == 2
    assert "skipped -: E103" in res.stderr


def test_output_option_writes_to_a_file(tmp_path):
    out = tmp_path / "events.jsonl"
    res = run("code", "-", "--date", "2024-05-06", "--coder", "rules", "-o", str(out), input=ARTICLE)
    assert res.exit_code == 0, res.output
    assert res.stdout == ""
    assert [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()][0] == "stdin"
    doc = tmp_path / "doc.jsonl"
    res = run("read", "-", "--date", "2024-05-06", "--output", str(doc), input=ARTICLE)
    assert res.exit_code == 0, res.output
    assert res.stdout == "" and json.loads(doc.read_text(encoding="utf-8"))["events"]


def test_stdin_and_files_together_keep_their_order(tmp_path):
    f = tmp_path / "paris.txt"
    f.write_text("Paris\nFrance praised Japan on Tuesday.\n", encoding="utf-8")
    res = run("code", str(f), "-", "--date", "2024-05-06", "--coder", "rules", "--format", "tsv", input=ARTICLE)
    assert res.exit_code == 0, res.output
    docs = [line.split("\t")[0] for line in res.stdout.splitlines()[1:]]
    assert docs and docs[0] == "paris" and docs[-1] == "stdin"


def test_unwritable_output_fails_cleanly(tmp_path):
    res = run("code", "-", "-o", str(tmp_path / "no" / "such" / "dir.jsonl"), input=ARTICLE)
    assert res.exit_code == 2 and "cannot write" in res.stderr


def test_subprocess_pipe(tmp_path):
    out = tmp_path / "e.tsv"
    proc = subprocess.run([sys.executable, "-m", "orbit", "code", "-", "--date", "2024-05-06", "--coder", "rules",
                           "--format", "tsv", "--output", str(out)], input=ARTICLE.encode(), capture_output=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("stdin\t2024-05-06")
