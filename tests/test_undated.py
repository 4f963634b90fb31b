"""Issue 17.3: a document with no date of its own is reported (W102), says so in its JSON
(`date_source`), and its relative dates are not resolved against today's date."""
from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from orbit.cli import cli
from orbit.extract.dates import UndatedDay, find_dates, undated, undated_today

STORY = ("Border talks\n\nRussia criticized Ukraine on Friday over the border talks, officials said. "
         "The ministers first met in Geneva in 2016 and met again last week.\n")


def by_text(refs):
    return {r.text: r.date for r in refs}


def test_relative_dates_stay_unresolved_without_a_publication_date():
    text = "They met on Friday, last week and in June; the deal of March 3, 2018 was signed two days later, in 2019."
    dated = by_text(find_dates(text, date(2018, 3, 10)))
    assert dated["Friday"] == "2018-03-09" and dated["last week"] and dated["June"] == "2017-06"
    got = by_text(find_dates(text, undated(date(2026, 12, 5))))
    assert got["Friday"] is None and got["last week"] is None and got["June"] is None
    # dates that carry their year are read as before, and so is a shift from one of them
    assert got["March 3, 2018"] == "2018-03-03" and got["two days later"] == "2018-03-05" and got["2019"] == "2019"
    assert isinstance(undated_today(), UndatedDay) and undated_today() == date.today()


def test_cli_read_reports_the_missing_date(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(STORY, encoding="utf-8")
    res = CliRunner().invoke(cli, ["read", str(f)])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["date_source"] == "today" and doc["date"] is None
    dates = by_text_dicts(doc["dates"])
    assert dates["Friday"] is None and dates["last week"] is None and dates["2016"] == "2016"
    assert all(e["date"] != _last_friday().isoformat() for e in doc["events"])
    assert "W102" in res.stderr and "1 document(s) had no date" in res.stderr

    res = CliRunner().invoke(cli, ["read", str(f), "--date", "2018-03-10"])
    doc = json.loads(res.stdout)
    assert doc["date_source"] == "given" and by_text_dicts(doc["dates"])["Friday"] == "2018-03-09"
    assert "W102" not in res.stderr


def test_ingest_records_it_and_show_json_gives_the_date_source(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "undated.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "in" / "dated.txt").write_text(STORY + "Talks go on.\n", encoding="utf-8")
    db = str(tmp_path / "o.db")
    res = CliRunner().invoke(cli, ["ingest", str(tmp_path / "in" / "undated.txt"), "--db", db, "--no-progress",
                                   "--no-cluster"])
    assert res.exit_code == 0, res.output
    assert "W102" in res.stderr and "1 document(s) with no date" in res.stderr
    res = CliRunner().invoke(cli, ["ingest", str(tmp_path / "in" / "dated.txt"), "--db", db, "--no-progress",
                                   "--no-cluster", "--date", "2018-03-10"])
    assert res.exit_code == 0, res.output

    shown = json.loads(CliRunner().invoke(cli, ["show", "undated", "--db", db, "--format", "json"]).stdout)
    assert shown["date_source"] == "today" and shown["date"] == date.today().isoformat()
    assert by_text_dicts(shown["dates"])["Friday"] is None
    shown = json.loads(CliRunner().invoke(cli, ["show", "dated", "--db", db, "--format", "json"]).stdout)
    assert shown["date_source"] == "given" and by_text_dicts(shown["dates"])["Friday"] == "2018-03-09"
    errors = CliRunner().invoke(cli, ["errors", "--db", db]).stdout
    assert "W102" in errors and "undated.txt" in errors

    # re-coding keeps the relative dates of the undated document unresolved
    res = CliRunner().invoke(cli, ["ingest", "--recode", "--recode-all", "--db", db, "--no-progress", "--no-cluster"])
    assert res.exit_code == 0, res.output
    shown = json.loads(CliRunner().invoke(cli, ["show", "undated", "--db", db, "--format", "json"]).stdout)
    assert by_text_dicts(shown["dates"])["Friday"] is None


def by_text_dicts(refs):
    return {r["text"]: r["date"] for r in refs}


def _last_friday() -> date:
    from datetime import timedelta

    today = date.today()
    return today - timedelta(days=(today.weekday() - 4) % 7)


def test_events_of_an_undated_document_get_no_date(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(STORY, encoding="utf-8")
    res = CliRunner().invoke(cli, ["code", str(f), "--coder", "rules"])
    assert res.exit_code == 0, res.output
    events = [json.loads(line) for line in res.stdout.splitlines()]
    assert events and all(e["date"] is None for e in events)
    # opting in dates them today (or by their own relative date), as before
    res = CliRunner().invoke(cli, ["code", str(f), "--coder", "rules", "--date-default", "today"])
    dated = [json.loads(line)["date"] for line in res.stdout.splitlines()]
    assert dated and all(d and d <= date.today().isoformat() for d in dated)


def test_python_read_without_a_date_is_undated():
    from orbit import read

    result = read("Russia criticized Ukraine on Friday over the border talks.")
    assert result.article.date_source == "today" and result.events
    assert all(e.date is None for e in result.events)
    assert {d.text: d.date for d in result.dates}.get("Friday", "missing") is None
    opted = read("Russia criticized Ukraine on Friday over the border talks.", date_default="today")
    assert all(e.date for e in opted.events)
