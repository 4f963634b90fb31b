"""Series, top dyads, changes, plots, network export and doctor, from the CLI over a real store.

Expected numbers are counted from the events table with plain SQL, so the analysis
code (which reads the dyad aggregates) is checked against an independent path.
"""
from __future__ import annotations

import json
import sqlite3

import networkx as nx
import pytest
from click.testing import CliRunner

from orbit.cli import cli

ITEMS = [
    ("j1", "2024-01-10", "Russian forces shelled Ukraine's border villages on Tuesday, officials said."),
    ("j2", "2024-01-20", "Russia attacked Ukraine with drones overnight."),
    ("m1", "2024-03-05", "Russia attacked Ukraine on Monday. The United States condemned Russia for the attack."),
    ("m2", "2024-03-12", "Russia bombed Ukraine's power plants. Ukraine accused Russia of war crimes."),
    ("m3", "2024-03-15", "China and Russia held talks in Beijing on Tuesday. Japan pledged aid to Ukraine."),
]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def jsonl(res) -> list[dict]:
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("analysis")
    corpus = folder / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "date": d, "text": t}) + "\n" for i, d, t in ITEMS), encoding="utf-8")
    path = folder / "orbit.db"
    res = run("ingest", corpus, "--db", path, "--no-progress")
    assert res.exit_code == 0, res.output
    return path


def sql(db, query, *params):
    with sqlite3.connect(db) as conn:
        return conn.execute(query, params).fetchall()


ASSERTED = "negated = 0 AND hypothetical = 0"


def test_series_matches_the_events(db):
    rows = jsonl(run("series", "RUS", "UKR", "--db", db, "--format", "jsonl"))
    expected = dict(sql(db, f"SELECT substr(day, 1, 7) || '-01', count(*) FROM events WHERE source_country = 'RUS' "
                            f"AND target_country = 'UKR' AND {ASSERTED} GROUP BY 1"))
    assert expected and {r["period"]: r["events"] for r in rows if r["events"]} == expected
    assert all(r["q4"] + r["q3"] + r["q2"] + r["q1"] == r["events"] for r in rows)


def test_top_dyads_in_order(db):
    rows = jsonl(run("top", "--db", db, "--format", "jsonl"))
    counts = sql(db, f"SELECT source_country, target_country, count(*) FROM events WHERE {ASSERTED} "
                     f"AND source_country IS NOT NULL AND target_country IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC")
    assert (rows[0]["source"], rows[0]["target"], rows[0]["events"]) == counts[0]
    assert sorted((r["source"], r["target"], r["events"]) for r in rows) == sorted(counts)


def test_changed_between_windows(db):
    rows = jsonl(run("changed", "--db", db, "--before", "2024-01-01", "2024-01-31",
                     "--after", "2024-03-01", "2024-03-31", "--format", "jsonl"))
    by_dyad = {(r["source"], r["target"]): r for r in rows}
    # Japan's aid to Ukraine is new in March; Russia-Ukraine stayed at the same count
    assert by_dyad[("JPN", "UKR")]["events_change"] == 1
    assert ("RUS", "UKR") not in by_dyad or by_dyad[("RUS", "UKR")]["events_change"] == 0


def test_plots_write_png_and_svg(db, tmp_path):
    res = run("plot", "dyad", "RUS", "UKR", "--db", db, "-o", tmp_path / "dyad")
    assert res.exit_code == 0, res.output
    res = run("plot", "network", "--db", db, "-o", tmp_path / "net")
    assert res.exit_code == 0, res.output
    for stem in ("dyad", "net"):
        assert (tmp_path / f"{stem}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert "<svg" in (tmp_path / f"{stem}.svg").read_text(encoding="utf-8")


def test_plot_of_an_unknown_country_is_an_error(db, tmp_path):
    res = run("plot", "dyad", "RUS", "not a code", "--db", db, "-o", tmp_path / "x")
    assert res.exit_code != 0 and "orbit:" in res.output


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_export(db, tmp_path, fmt):
    out = tmp_path / f"net.{fmt}"
    res = run("export", "--db", db, "--format", fmt, "-o", out)
    assert res.exit_code == 0, res.output
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    expected = sql(db, f"SELECT count(*) FROM events WHERE source_country = 'RUS' AND target_country = 'UKR' AND {ASSERTED}")
    assert int(graph.edges["RUS", "UKR"]["events"]) == expected[0][0]
    assert {"RUS", "UKR", "JPN"} <= set(graph.nodes)


def test_doctor(db, tmp_path):
    res = run("doctor", "--db", db)
    assert res.exit_code == 0, res.output
    assert "checks passed" in res.output and "[FAIL]" not in res.output
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    res = run("doctor", "--db", broken)
    assert res.exit_code == 1 and "[FAIL]" in res.output
