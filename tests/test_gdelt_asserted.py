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
