"""Commands that run the pipeline on files: code, read, eval, demo."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import OrbitError
from ..export import EVENT_FORMATS
from . import cli
from .common import (PipelineRun, date_default_option, fail, make_settings, open_output, output_option, parse_date,
                     pipeline_options, progress_option)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "pub", callback=parse_date, help="publication date YYYY-MM-DD (default: found in the text, else today)")
@click.option("--format", "fmt", type=click.Choice(sorted(EVENT_FORMATS)), default="jsonl", show_default=True)
@click.option("--asserted-only", is_flag=True, help="leave out negated and hypothetical events")
@click.option("--all", "all_events", is_flag=True,
              help="gdelt: also negated and hypothetical events (asserted only by default), with a 62nd column "
                   "orbit_modality")
@click.option("--triage/--no-triage", default=True, show_default=True,
              help="parse only the sentences that can hold an event (faster; same events)")
@date_default_option
@output_option
@progress_option
@pipeline_options
def code(paths, pub, fmt, asserted_only, all_events, triage, output, date_default, progress, **opts):
    """Code the events in articles (.txt, .html, .jsonl files or directories; - reads one
    plain-text article from standard input)."""
    from ..export import Origin, write_events

    try:
        run = PipelineRun(paths, make_settings(triage=triage, **opts), pub, date_default, progress)
        # each event with its index in its document and the document's URL (GDELT's
        # GLOBALEVENTID and SOURCEURL); the index counts every event, filtered or not
        events = ((e, Origin(i, result.article.url)) for result in run for i, e in enumerate(result.events)
                  if not asserted_only or e.asserted)
        with open_output(output) as out:
            write_events(fmt, events, out, all_events)
    except OrbitError as err:
        fail(err)
    except OSError as err:
        fail(f"cannot write {output}: {err.strerror}")
    run.report()


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "pub", callback=parse_date, help="publication date YYYY-MM-DD")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@date_default_option
@output_option
@progress_option
@pipeline_options
def read(paths, pub, fmt, output, date_default, progress, **opts):
    """Full analysis of articles: actors, events, quotes, amounts, dates and places (one JSON per
    document; - reads one plain-text article from standard input)."""
    from ..export import write_documents

    try:
        run = PipelineRun(paths, make_settings(**opts), pub, date_default, progress)
        with open_output(output) as out:
            write_documents(fmt, iter(run), out)
    except OrbitError as err:
        fail(err)
    except OSError as err:
        fail(f"cannot write {output}: {err.strerror}")
    run.report()


@cli.command(name="eval")
@click.argument("events_file", type=click.Path(exists=True, dir_okay=False))
@click.argument("gold_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--show", type=click.IntRange(0, 10000), default=20, help="how many misses and extras to list")
def eval_command(events_file, gold_file, show):
    """Score coded events (JSONL from `orbit code`) against gold (seed anchors or benchmark records)."""
    from ..evaluate import evaluate_files

    try:
        report = evaluate_files(events_file, gold_file)
    except OrbitError as err:
        fail(err)
    click.echo(report.render(show))


@cli.command()
@click.option("--samples", type=click.Path(exists=True, file_okay=False), default=None,
              help="folder of articles (default: the bundled samples)")
@pipeline_options
def demo(samples, **opts):
    """Code the bundled sample articles and print a table of their events."""
    from ..demo import run_demo

    try:
        run_demo(make_settings(**opts), Path(samples) if samples else None)
    except OrbitError as err:
        fail(err)


