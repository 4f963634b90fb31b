"""`orbit demo`: code the bundled sample articles and show their events as a table."""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Optional

from rich.console import Console
from rich.table import Table

from .model import InputFailure
from .settings import Settings


def samples_dir() -> Path:
    here = Path(__file__).resolve()
    for candidate in (here.parents[2] / "samples", Path(str(resources.files("orbit").joinpath("data/samples")))):
        if candidate.is_dir():
            return candidate
    return here.parents[2] / "samples"


def run_demo(settings: Settings, folder: Optional[Path] = None, console: Optional[Console] = None) -> int:
    from .io import iter_documents
    from .pipeline import process_parallel

    console = console or Console()
    folder = folder or samples_dir()
    total = 0
    for item in process_parallel(iter_documents([folder], settings), settings):
        if isinstance(item, InputFailure):
            console.print(f"[red]skipped[/red] {item.item}: {item.reason}")
            continue
        a = item.article
        table = Table(title=f"{a.title or a.doc_id}  ({a.date.isoformat()})", title_justify="left", show_lines=False)
        for col in ("source", "target", "CAMEO", "event", "mode", "evidence"):
            table.add_column(col, overflow="fold")
        for e in item.events:
            evidence = e.sentence[e.span[0] - e.sentence_span[0]:e.span[1] - e.sentence_span[0]]
            style = None if e.asserted else "dim"
            table.add_row(e.source.code if e.source else "", (e.target.code or "?") if e.target else "-",
                          e.cameo, e.plover.event or "", e.modality, " ".join(evidence.split())[:90], style=style)
            total += 1
        console.print(table)
    console.print(f"{total} events; dimmed rows are negated or hypothetical.")
    return total
