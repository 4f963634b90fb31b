"""The hostile-input corpus from scripts/make_bad_inputs.py: every kind gets its reason, no
crash, and nothing good is lost."""
from __future__ import annotations

import importlib.util
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
        rows = list(s.errors())
        stored = {Path(r[0]).name if "/" in (r[0] or "") else r[0]
                  for r in s.conn.execute("SELECT coalesce(path, doc_key) FROM documents")}
    recorded: dict[str, dict[str, str]] = {}
    for r in rows:
        recorded.setdefault(r["item"].split(str(corpus) + "/", 1)[-1], {})[r["code"]] = r["reason"]
    skipped = [name for name, code in expected.items() if code == "skipped"]
    assert f"{len(skipped)} file(s) in directories not read" in res.stderr
    for name, code in expected.items():
        if code == "skipped":
            assert name not in recorded and name not in stored, name
            continue
        if code == "stored" or code in ("W101", "W102", "W103"):
            assert any(name == Path(s).name or s.startswith(name) for s in stored) or name.startswith("corpus.jsonl"), \
                (name, sorted(stored))
        if code == "stored":
            continue
        assert name in recorded, f"{name} was not recorded; recorded: {sorted(recorded)}"
        assert code in recorded[name], (name, recorded[name])
        assert len(recorded[name][code]) >= 10
        if code.startswith("E"):
            assert not any(k.startswith("E") and k != code for k in recorded[name]), (name, recorded[name])
