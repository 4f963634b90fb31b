"""The hostile-input corpus from scripts/make_bad_inputs.py: every kind gets its reason, no
crash, and nothing good is lost."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from click.testing import CliRunner

from orbit.cli import cli
from orbit.store.store import Store

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_bad_inputs.py"


def load_script():
    spec = importlib.util.spec_from_file_location("make_bad_inputs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_kind_is_recorded_and_good_ones_are_stored(tmp_path):
    corpus = tmp_path / "bad"
    expected = load_script().write(corpus, max_bytes=2_000_000)
    (corpus / "expected.json").unlink()
    assert len(expected) >= 30
    db = tmp_path / "orbit.db"
    res = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(db), "--max-bytes", "2000000", "--no-progress"])
    assert res.exit_code == 1, res.output
    with Store(db, readonly=True) as s:
        errors = {r["item"]: (r["code"], r["reason"]) for r in s.errors()}
        stored = {Path(r[0]).name if "/" in (r[0] or "") else r[0]
                  for r in s.conn.execute("SELECT coalesce(path, doc_key) FROM documents")}
    recorded = {}
    for item, value in errors.items():
        name = item.split(str(corpus) + "/", 1)[-1]
        recorded[name] = value
    for name, code in expected.items():
        if code == "stored":
            assert any(name == Path(s).name or s.startswith(name) for s in stored), (name, sorted(stored))
        else:
            assert name in recorded, f"{name} was not recorded; recorded: {sorted(recorded)}"
            assert recorded[name][0] == code, (name, recorded[name])
            assert len(recorded[name][1]) >= 10
