"""Progress on stderr for long runs: documents done of the total, rate and time left.

Shown only when stderr is a terminal (or asked for with --progress), so pipes, logs and
CI output stay clean. The total is counted before the run from the inputs themselves (a
file is one document, a JSONL file one per non-blank line, standard input one); a feed
counts as one until it is read, so the total is an estimate where feeds are given.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Optional

from ..io import SUPPORTED_SUFFIXES


def _jsonl_records(path: Path) -> int:
    """Non-blank lines of a JSONL file (read as bytes: no decoding, no parsing)."""
    try:
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1


def count_documents(paths: Iterable[str]) -> int:
    """How many documents the inputs hold, as the readers will find them (unreadable and
    unsupported files count as one item each where they are reported, none where skipped)."""
    from ..io.readers import walk_inputs

    total = 0
    for raw in paths:
        if str(raw) == "-":
            total += 1
            continue
        for path, named in walk_inputs(Path(raw)):
            if not named and path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue  # skipped in directories, never an item
            total += _jsonl_records(path) if path.suffix.lower() == ".jsonl" else 1
    return total


def shown(progress: Optional[bool]) -> bool:
    """--progress/--no-progress, defaulting to whether stderr is a terminal."""
    return sys.stderr.isatty() if progress is None else progress


class ProgressBar:
    """A rich progress bar on stderr: `advance()` per document done, `describe()` for the
    running counts; does nothing when not enabled."""

    def __init__(self, enabled: bool, total: Optional[int] = None):
        self.progress = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=False)
        self.task = self.progress.add_task("documents", total=total)
        self.progress.start()

    def advance(self, n: int = 1) -> None:
        if self.progress:
            self.progress.advance(self.task, n)

    def update(self, completed: int, description: Optional[str] = None) -> None:
        if self.progress:
            task = self.progress.tasks[0]
            if task.total is not None and completed > task.total:
                task.total = completed  # the estimate was short (feeds): grow it rather than overflow
            self.progress.update(self.task, completed=completed,
                                 **({"description": description} if description else {}))

    def stop(self) -> None:
        if self.progress:
            self.progress.stop()
            self.progress = None
