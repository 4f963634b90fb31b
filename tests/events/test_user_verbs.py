"""User verb dictionaries: PETRARCH format and orbit's JSONL, loaded with --verbs."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from orbit.cli import cli
from orbit.events.petrarch_verbs import petrarch_verb_records

from ..conftest import SHARED, need_shared

PETRARCH_VERBS = """\
# a user's additions, PETRARCH layout
--- SNUB [114] ---
SNUB
+SHUN

--- RAIL [111] ---
RAIL
- * AGAINST $ [112]
- * TALKS [999]
"""

TEXT = "Russia snubbed Ukraine at the summit. Moscow shunned Kyiv. Russia railed against Ukraine."


def code(tmp_path, *options) -> list[dict]:
    article = tmp_path / "a.jsonl"
    article.write_text(json.dumps({"id": "x", "date": "2024-01-02", "text": TEXT}) + "\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["code", str(article), *options])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines()]


def codes(events) -> list[tuple]:
    return [(e["cameo"], e["source"]["country"], e["target"]["country"]) for e in events]


def test_petrarch_verb_file_changes_the_coding(tmp_path):
    verbs = tmp_path / "my.verbs.txt"
    verbs.write_text(PETRARCH_VERBS, encoding="utf-8")
    without = code(tmp_path)
    assert ("114", "RUS", "UKR") not in codes(without)
    with_file = code(tmp_path, "--verbs", str(verbs))
    # block code, synonym, and a phrase whose preposition names the target
    assert codes(with_file) == [("114", "RUS", "UKR"), ("114", "RUS", "UKR"), ("112", "RUS", "UKR")]
    assert all(e["rule"].startswith("my.verbs:") for e in with_file)  # rules name their file


def test_petrarch_records_skip_what_orbit_cannot_use():
    records = petrarch_verb_records(PETRARCH_VERBS)
    assert records.skipped == 1  # [999] is not a CAMEO code
    phrase = next(r for r in records if r["code"] == "112")
    assert phrase["target"] == ["against"] and phrase["target_required"]
    # the phrase is tried before the block's default for the same verb
    order = [r["code"] for r in records if r["verb"] == "rail"]
    assert order == ["112", "111"]


def test_jsonl_verb_file(tmp_path):
    verbs = tmp_path / "mine.jsonl"
    verbs.write_text(json.dumps({"id": "snub-hard", "verb": "snub", "code": "1246", "target": ["dobj"]}) + "\n",
                     encoding="utf-8")
    events = code(tmp_path, "--verbs", str(verbs))
    assert ("1246", "RUS", "UKR") in codes(events)


def test_bad_verb_file_is_a_clear_error(tmp_path):
    verbs = tmp_path / "bad.jsonl"
    verbs.write_text('{"id": "x", "verb": "snub", "code": "9999"}\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    res = CliRunner().invoke(cli, ["code", str(article), "--verbs", str(verbs)])
    assert res.exit_code != 0
    assert "9999" in res.output


def test_petrarch_validation_verbs_load():
    need_shared()
    text = (SHARED / "benchmarks" / "petrarch2_unittest" / "PETR.Validate.verbs.txt").read_text(encoding="utf-8")
    records = petrarch_verb_records(text)
    assert len(records) > 300
    assert {r["verb"] for r in records} >= {"meet", "ask", "acknowledge"}
    assert all(len(r["code"]) >= 3 for r in records)
