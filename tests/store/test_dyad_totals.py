"""Issue 19: all-time top dyads and actors read dyad_totals (one row per dyad), which stays
equal to the sum of the monthly aggregates through ingest and re-coding."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from orbit.cli import cli
from orbit.store.queries import top_actors, top_dyads, window_rows

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def totals(db) -> tuple[dict, dict]:
    with sqlite3.connect(db) as conn:
        kept = {(r[0], r[1]): r[2:] for r in conn.execute(
            "SELECT source_country, target_country, events, cooperation, conflict, round(goldstein_sum, 6) "
            "FROM dyad_totals")}
        summed = {(r[0], r[1]): r[2:] for r in conn.execute(
            "SELECT source_country, target_country, sum(events), sum(cooperation), sum(conflict), "
            "round(sum(goldstein_sum), 6) FROM dyad_monthly GROUP BY source_country, target_country")}
    return kept, summed


def test_totals_follow_ingest_and_recode_and_serve_all_time_queries(tmp_path):
    db = tmp_path / "o.db"
    run = CliRunner().invoke
    assert run(cli, ["ingest", str(SAMPLES), "--db", str(db), "--no-progress", "--no-cluster"]).exit_code == 0
    kept, summed = totals(db)
    assert kept and kept == summed
    assert run(cli, ["ingest", "--recode", "--recode-all", "--db", str(db), "--no-progress",
                     "--no-cluster"]).exit_code == 0
    assert totals(db)[0] == totals(db)[1] == kept
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        sql, params = window_rows("0001-01-01", "9999-12-31")
        assert "dyad_totals" in sql and not params
        # the all-time answer equals the answer over a window that covers every event
        assert top_dyads(conn, None, None, 10) == top_dyads(conn, "1900-01-01", "2100-12-31", 10)
        assert top_actors(conn, None, None, 10) == top_actors(conn, "1900-01-01", "2100-12-31", 10)
