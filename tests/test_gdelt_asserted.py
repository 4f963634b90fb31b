"""GDELT rows are events that happened: a negated or hypothetical event is left out."""
from __future__ import annotations

import io

from orbit import read
from orbit.export.writers import write_events


def test_gdelt_export_leaves_out_negated_and_hypothetical_events():
    result = read("Turkey has not criticized Russia. Germany condemned Iran on Monday.",
                       date="2024-05-06")
    kinds = {(e.source.country if e.source else None, e.negated or e.hypothetical) for e in result.events}
    assert ("DEU", False) in kinds and ("TUR", True) in kinds
    out = io.StringIO()
    written = write_events("gdelt", result.events, out)
    rows = [line.split("\t") for line in out.getvalue().splitlines()]
    assert written == len(rows) == sum(1 for e in result.events if not (e.negated or e.hypothetical))
    assert all(r[7] != "TUR" for r in rows) and any(r[7] == "DEU" for r in rows)


def test_all_on_the_command_line_adds_the_modality_column(tmp_path):
    from click.testing import CliRunner

    from orbit.cli import cli

    f = tmp_path / "a.txt"
    f.write_text("Turkey has not criticized Russia. Germany condemned Iran on Monday.\n", encoding="utf-8")
    run = CliRunner().invoke
    default = run(cli, ["code", str(f), "--date", "2024-05-06", "--format", "gdelt", "--coder", "rules"])
    every = run(cli, ["code", str(f), "--date", "2024-05-06", "--format", "gdelt", "--coder", "rules", "--all"])
    assert default.exit_code == every.exit_code == 0, every.output
    rows = [line.split("\t") for line in every.stdout.splitlines()]
    assert {len(r) for r in rows} == {62} and {(r[5], r[61]) for r in rows} >= {("TUR", "negated"), ("DEU", "asserted")}
    assert {len(line.split("\t")) for line in default.stdout.splitlines()} == {61}
    db = tmp_path / "s.db"
    assert run(cli, ["ingest", str(f), "--db", str(db), "--date", "2024-05-06", "--no-progress"]).exit_code == 0
    stored = run(cli, ["export", "--db", str(db), "--format", "gdelt", "--all"])
    assert sorted(stored.stdout.splitlines()) == sorted(every.stdout.splitlines())
