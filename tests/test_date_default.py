"""Issue 17.4: `--date-default today` (code, read, ingest) opts back into dating an undated
document today with its relative dates read against that date; the default leaves them
unresolved. Either way the document says `date_source: "today"` and W102 is reported."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from orbit.cli import cli
from orbit.extract.dates import UndatedDay
from orbit.ingest import stand_in_day

from .test_undated import STORY, _last_friday, by_text_dicts


def run(*args):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture()
def story(tmp_path):
    f = tmp_path / "undated.txt"
    f.write_text(STORY, encoding="utf-8")
    return f


def test_stand_in_day():
    assert isinstance(stand_in_day(), UndatedDay) and isinstance(stand_in_day("none"), UndatedDay)
    assert not isinstance(stand_in_day("today"), UndatedDay)
    with pytest.raises(ValueError):
        stand_in_day("yesterday")


def test_read_with_date_default_today_resolves_relative_dates(story):
    res = run("read", str(story), "--date-default", "today")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["date_source"] == "today"
    dates = by_text_dicts(doc["dates"])
    assert dates["Friday"] == _last_friday().isoformat() and dates["last week"]
    assert "W102" in res.stderr and "--date-default today" in res.stderr

    res = run("read", str(story))  # the default: left unresolved
    assert by_text_dicts(json.loads(res.stdout)["dates"])["Friday"] is None


def test_code_with_date_default_today(story):
    events = [json.loads(line) for line in run("code", str(story), "--date-default", "today").stdout.splitlines()]
    assert any(e["date"] == _last_friday().isoformat() for e in events), events
    events = [json.loads(line) for line in run("code", str(story)).stdout.splitlines()]
    assert all(e["date"] != _last_friday().isoformat() for e in events)
    assert run("code", str(story), "--date-default", "yesterday").exit_code == 2


def test_ingest_with_date_default_today_and_recode_keep_it(tmp_path, story):
    db = str(tmp_path / "o.db")
    res = run("ingest", str(story), "--db", db, "--no-progress", "--no-cluster", "--date-default", "today")
    assert res.exit_code == 0, res.output
    assert "W102" in res.stderr

    def shown():
        out = json.loads(run("show", "undated", "--db", db, "--format", "json").stdout)
        assert out["date_source"] == "today"
        return by_text_dicts(out["dates"])["Friday"]

    assert shown() == _last_friday().isoformat()
    res = run("ingest", "--recode", "--recode-all", "--db", db, "--no-progress", "--no-cluster")
    assert res.exit_code == 0, res.output
    assert shown() == _last_friday().isoformat()  # the run's --date-default is kept on recode
