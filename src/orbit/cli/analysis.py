"""Commands for clusters, stories, series, networks and plots."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import OrbitError
from . import cli
from .common import fail
from ..serialize import json_line
from .store import DB_OPTION, _open


def _print_frame(frame, fmt: str) -> None:
    if fmt == "csv":
        click.echo(frame.to_csv(index=False), nl=False)
    elif fmt == "jsonl":
        for rec in frame.to_dict(orient="records"):
            click.echo(json_line(rec))
    else:
        click.echo(frame.to_string(index=False) if not frame.empty else "(nothing)")


FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table",
                      show_default=True)


def dyad_window(command):
    """SOURCE TARGET, the store, and the frequency and dates of a dyad series."""
    for option in reversed([click.argument("source"), click.argument("target"), DB_OPTION,
                            click.option("--freq", type=click.Choice(["day", "week", "month", "year"]), default="month",
                                         show_default=True),
                            click.option("--since"), click.option("--until")]):
        command = option(command)
    return command


@cli.command()
@DB_OPTION
@click.option("--rebuild", is_flag=True, help="forget all clusters and cluster every event again")
def cluster(db_path, rebuild):
    """Group event mentions into clusters (one real event, many reports) and articles into stories."""
    from ..analysis.clusters import cluster_pending

    try:
        result = cluster_pending(_open(db_path, readonly=False), rebuild=rebuild)
    except OrbitError as err:
        fail(err)
    click.echo(f"{result['mentions']} mention(s) clustered: {result['merged']} joined existing clusters, "
               f"{result['clusters_created']} new clusters, {result['stories_touched']} stories updated")


@cli.command()
@DB_OPTION
@click.option("--source")
@click.option("--target")
@click.option("--root")
@click.option("--since")
@click.option("--until")
@click.option("--min-mentions", type=click.IntRange(1), default=1, show_default=True)
@click.option("--limit", type=click.IntRange(1, 100_000), default=100, show_default=True)
@click.option("--id", "cluster_id", type=int, default=None, help="one cluster with its mentions and merge reasons")
@FORMAT
def clusters(db_path, source, target, root, since, until, min_mentions, limit, cluster_id, fmt):
    """List event clusters (or one cluster with why each mention joined it)."""
    try:
        store = _open(db_path)
        if cluster_id is not None:
            for m in store.cluster_members(cluster_id):
                click.echo(f"{m['doc_key']}  {m['date']}  {m['source_code']}->{m['target_code']} {m['cameo']}  "
                           f"\"{m['trigger_text']}\"  [{m['reason']}]")
            return
        rows = store.cluster_rows(source, target, root, since, until, min_mentions, limit)
    except OrbitError as err:
        fail(err)
    import pandas as pd

    cols = ["id", "source_country", "target_country", "cameo", "first_day", "last_day", "mentions", "documents",
            "sources", "label"]
    _print_frame(pd.DataFrame([{c: r[c] for c in cols} for r in rows], columns=cols), fmt)


@cli.command()
@DB_OPTION
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
def stories(db_path, limit):
    """Articles grouped into stories by the events they share."""
    try:
        rows = _open(db_path).stories(limit)
    except OrbitError as err:
        fail(err)
    for r in rows:
        click.echo(f"{r['id']:>5}  {r['documents']} articles  {r['first_date']}..{r['last_date']}  {r['label']}")


@cli.command()
@dyad_window
@click.option("--both", is_flag=True, help="both directions")
@FORMAT
def series(source, target, db_path, freq, since, until, both, fmt):
    """Dyad time series: events by QuadClass and root, Goldstein sum and mean."""
    from ..analysis import dyad_series

    try:
        frame = dyad_series(_open(db_path), source, target, freq, since, until, both_directions=both)
    except OrbitError as err:
        fail(err)
    _print_frame(frame, fmt)


@cli.command()
@DB_OPTION
@click.option("--since")
@click.option("--until")
@click.option("--top", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--what", type=click.Choice(["dyads", "actors"]), default="dyads", show_default=True)
@FORMAT
def top(db_path, since, until, top, what, fmt):
    """Top dyads or actors in a date window."""
    from ..analysis import top_actors, top_dyads

    try:
        store = _open(db_path)
        frame = top_dyads(store, since, until, top) if what == "dyads" else top_actors(store, since, until, top)
    except OrbitError as err:
        fail(err)
    _print_frame(frame, fmt)


@cli.command()
@DB_OPTION
@click.option("--before", nargs=2, required=True, metavar="SINCE UNTIL")
@click.option("--after", nargs=2, required=True, metavar="SINCE UNTIL")
@click.option("--top", type=click.IntRange(1, 10_000), default=20, show_default=True)
@FORMAT
def changed(db_path, before, after, top, fmt):
    """What changed between two date windows: dyads that moved most."""
    from ..analysis import what_changed

    try:
        frame = what_changed(_open(db_path), tuple(before), tuple(after), top)
    except OrbitError as err:
        fail(err)
    _print_frame(frame, fmt)


@cli.group()
def plot():
    """Plots as PNG and SVG."""


@plot.command("dyad")
@dyad_window
@click.option("-o", "--output", default=None, help="file name without suffix (default dyad-A-B)")
def plot_dyad_cmd(source, target, db_path, freq, since, until, output):
    """Cooperation and conflict between two countries over time."""
    from ..analysis.plots import plot_dyad

    try:
        paths = plot_dyad(_open(db_path), source, target, Path(output or f"dyad-{source.upper()}-{target.upper()}"),
                          freq, since, until)
    except OrbitError as err:
        fail(err)
    click.echo("\n".join(str(p) for p in paths))


@plot.command("network")
@DB_OPTION
@click.option("--since")
@click.option("--until")
@click.option("--min-events", type=click.IntRange(1), default=1, show_default=True)
@click.option("-o", "--output", default="network")
def plot_network_cmd(db_path, since, until, min_events, output):
    """The actor network: cooperation and conflict edges between countries."""
    from ..analysis.plots import plot_network

    try:
        paths = plot_network(_open(db_path), Path(output), since, until, min_events)
    except OrbitError as err:
        fail(err)
    click.echo("\n".join(str(p) for p in paths))
