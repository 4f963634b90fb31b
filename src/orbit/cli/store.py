"""Commands over a store: ingest, watch, events, search, show, stats, errors, export, migrate."""
from __future__ import annotations

import json
import sys
import time

import click

from ..errors import OrbitError
from ..export import EVENT_FORMATS
from ..serialize import json_line
from . import cli
from .common import (date_default_option, fail, make_settings, parse_date, pipeline_options, progress_option,
                     skipped_summary)

# formats only a store can fill (a table of every record, or a graph of the dyads)
STORE_ONLY_FORMATS = ("parquet", "graphml", "gexf")

EXIT_SERVER = 3  # `orbit serve`: the server could not start (the port is taken)
DB_OPTION = click.option("--db", "db_path", default="orbit.db", show_default=True, envvar="ORBIT_DB",
                         type=click.Path(dir_okay=False), help="the store (SQLite file)")


def filter_options(f):
    options = [
        click.option("--actor", help="country or actor code on either side (USA, USAGOV)"),
        click.option("--source", help="source country or actor code"),
        click.option("--target", help="target country or actor code"),
        click.option("--dyad", nargs=2, help="source and target: --dyad USA KAZ"),
        click.option("--code", help="CAMEO code prefix (04, 043, 0431)"),
        click.option("--root", help="CAMEO root (two digits)"),
        click.option("--quad", "quad_class", type=click.IntRange(1, 4), help="QuadClass 1-4"),
        click.option("--since", help="from this day, YYYY-MM-DD"),
        click.option("--until", help="to this day, YYYY-MM-DD"),
        click.option("--doc", "document", help="one document: its key (the input's id), or #N for row id N"),
        click.option("--text", help="documents matching these words (full text)"),
        click.option("--all", "include_all", is_flag=True, help="also negated and hypothetical events"),
        click.option("--limit", type=click.IntRange(1, 100_000), default=None),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _filter(opts: dict):
    from ..store.queries import EventFilter

    dyad = opts.pop("dyad", None)
    if dyad:
        opts["source"], opts["target"] = dyad
    return EventFilter(**{k: v for k, v in opts.items() if v is not None}).validate()


def _open(db_path: str, readonly: bool = True):
    from ..store.store import Store

    return Store(db_path, readonly=readonly)


class _IngestProgress:
    """The ingest's progress bar: documents done (stored, already stored or failed) of the
    inputs' total, the time left, and the running counts."""

    def __init__(self, enabled: bool, paths=()):
        from .progress import ProgressBar, count_documents

        self.bar = ProgressBar(enabled, count_documents(paths) if enabled and paths else None)

    def __call__(self, report) -> None:
        self.bar.update(report.stored + report.skipped + report.failed,
                        f"stored {report.stored}  already {report.skipped}  failed {report.failed}  "
                        f"events {report.events}")

    def stop(self) -> None:
        self.bar.stop()


def _summary(report, verb: str = "ingested") -> None:
    click.echo(f"{verb}: {report.stored} document(s) stored, {report.skipped} already stored, {report.failed} "
               f"failed, {report.events} events, {report.seconds:.1f}s ({report.docs_per_second:.1f} docs/s), "
               f"run {report.run_id}", err=True)
    if report.clustering:
        c = report.clustering
        click.echo(f"clustered: {c['mentions']} mention(s), {c['merged']} joined clusters, {c['clusters_created']} "
                   f"new clusters", err=True)
    warnings = getattr(report, "warnings", [])
    if warnings:
        undated = sum(1 for w in warnings if w.code == "W102")
        click.echo(f"warnings: {len(warnings)} ({undated} document(s) with no date); all are listed by "
                   f"`orbit errors --run {report.run_id}`", err=True)
    for w in warnings[:20]:
        click.echo(f"  warning {w.item}: {w.code}: {w.reason}", err=True)
    for f in report.failures[:20]:
        click.echo(f"  failed {f.item}: {f.code}: {f.reason}", err=True)
    if len(report.failures) > 20:
        click.echo(f"  ... {len(report.failures) - 20} more: `orbit errors --run {report.run_id}`", err=True)


@cli.command()
@click.argument("paths", nargs=-1)
@DB_OPTION
@click.option("--recode", is_flag=True, help="re-code stored documents with the current dictionaries")
@click.option("--recode-all", is_flag=True, help="with --recode: also documents coded with the current dictionaries")
@click.option("--commit-every", type=click.IntRange(1), default=None, help="documents per transaction")
@progress_option
@click.option("--dask", "dask_address", default=None, help="scheduler address, or local[:N] for a local cluster")
@click.option("--cluster/--no-cluster", "do_cluster", default=True, show_default=True,
              help="group the new events into clusters when the ingest ends")
@click.option("--date", "pub", callback=parse_date, help="publication date for documents that carry none")
@date_default_option
@pipeline_options
def ingest(paths, db_path, recode, recode_all, commit_every, progress, dask_address, do_cluster, pub, date_default,
           **opts):
    """Code files, directories, JSONL corpora and feed files into the store."""
    from ..ingest import ingest as run_ingest
    from ..ingest import recode as run_recode
    from ..io import iter_documents

    if not paths and not recode:
        raise click.UsageError("give files or directories to ingest, or --recode")
    from .progress import shown

    bar = _IngestProgress(shown(progress), paths)
    skipped: list = []
    try:
        settings = make_settings(commit_every=commit_every, db_path=db_path, **opts)
        store = _open(db_path, readonly=False)
        args = {"paths": list(paths), "workers": settings.workers, "recode": recode}
        if recode:
            report = run_recode(store, settings, only_outdated=not recode_all, progress=bar, args=args,
                                cluster=do_cluster)
            bar.stop()
            _summary(report, "re-coded")
            return
        if dask_address:
            from ..scale.dask import Dating, ingest_with_dask

            report = ingest_with_dask(paths, store, settings, dask_address, args=args, progress=bar,
                                      cluster=do_cluster, dating=Dating(pub, date_default))
        else:
            notices: list = []
            report = run_ingest(iter_documents(paths, settings, pub, warn=notices.append, skip=skipped.append),
                                store, settings,
                                args=args, progress=bar, cluster=do_cluster, warnings=notices,
                                date_default=date_default)
    except OrbitError as err:
        bar.stop()
        fail(err)
    bar.stop()
    _summary(report)
    if skipped:
        click.echo(skipped_summary(skipped), err=True)
    if report.failed and not (report.stored or report.skipped):
        sys.exit(2)
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("feed_urls", nargs=-1, required=True)
@DB_OPTION
@click.option("--interval", type=click.FloatRange(1), default=300, show_default=True, help="seconds between polls")
@click.option("--rate", "min_interval", type=click.FloatRange(0), default=1.0, show_default=True,
              help="seconds between requests to one host")
@click.option("--timeout", type=click.FloatRange(0.1), default=15.0, show_default=True)
@click.option("--polls", type=click.IntRange(1), default=None, help="stop after this many polls")
@pipeline_options
def watch(feed_urls, db_path, interval, min_interval, timeout, polls, **opts):
    """Poll RSS/Atom feeds, fetch new article pages politely, and ingest them."""
    from ..feeds import PoliteFetcher, watch_once
    from ..ingest import ingest as run_ingest

    try:
        settings = make_settings(db_path=db_path, **opts)
        store = _open(db_path, readonly=False)
        fetcher = PoliteFetcher(max_bytes=settings.max_bytes, timeout=timeout, min_interval=min_interval)
        seen = {r[0] for r in store.conn.execute("SELECT url FROM documents WHERE url IS NOT NULL")}
        n = 0
        while True:
            n += 1
            report = run_ingest(watch_once(list(feed_urls), fetcher, seen, settings), store, settings,
                                args={"feeds": list(feed_urls)}, command="watch")
            _summary(report, f"poll {n}")
            if polls is not None and n >= polls:
                break
            time.sleep(interval)
    except OrbitError as err:
        fail(err)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


@cli.command()
@DB_OPTION
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "tsv"]), default="table", show_default=True)
def events(db_path, fmt, **opts):
    """Query stored events."""
    try:
        f = _filter(opts)
        store = _open(db_path)
        if fmt == "table":
            _event_table(store, f)
        else:
            from ..export import write_events

            write_events(fmt, store.events(f), sys.stdout)
    except OrbitError as err:
        fail(err)


def _event_table(store, f) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("id", "date", "source", "target", "CAMEO", "modality", "trigger", "document"):
        table.add_column(col, overflow="fold")
    n = 0
    for row in store.event_rows(f):
        table.add_row(str(row["id"]), row["date"], row["source_code"] or "", row["target_code"] or "-", row["cameo"],
                      row["modality"], row["trigger_text"], row["doc_key"])
        n += 1
        if f.limit is None and n >= 200:
            break
    Console().print(table)
    click.echo(f"{n} event(s) shown" + ("" if f.limit or n < 200 else " (first 200; use --limit or --format jsonl)"))


@cli.command()
@click.argument("text")
@DB_OPTION
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def search(text, db_path, limit, fmt):
    """Full-text search over stored articles, best matches first."""
    try:
        rows = _open(db_path).search(text, limit)
    except OrbitError as err:
        fail(err)
    if fmt == "jsonl":
        for r in rows:
            click.echo(json_line(dict(r)))
        return
    for r in rows:
        click.echo(f"{r['id']:>6}  {r['date']}  {r['doc_key']}  {r['title'] or ''}\n        {r['snippet']}")
    click.echo(f"{len(rows)} document(s)")


@cli.command()
@click.argument("doc_id")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(doc_id, db_path, fmt):
    """One stored document with its actors, events, quotes and other facts.

    DOC_ID is the document's key (the input's id: JSONL "id", file name without its
    extension, URL); #N is the document stored as row N."""
    from ..corpus import Corpus
    from ..serialize import with_date_source

    try:
        corpus = Corpus(db_path)
        doc = corpus.document(doc_id)
        if doc is not None:
            doc = with_date_source(doc, corpus.store)
    except OrbitError as err:
        fail(err)
    if doc is None:
        click.echo(f"orbit: no document {doc_id!r} in {db_path}", err=True)
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps(doc, ensure_ascii=False, indent=1))
        return
    undated = "  (no date of its own: dated when stored)" if doc["date_source"] == "today" else ""
    click.echo(f"{doc['title']}  ({doc['date']})  [{doc['doc_id']}, #{doc['id']}]{undated}\n")
    click.echo(doc["text"][:2000] + ("…" if len(doc["text"]) > 2000 else "") + "\n")
    click.echo("actors: " + ", ".join(f"{a['name']} ({a['code'] or '?'})" for a in doc["actors"]))
    click.echo(f"events ({len(doc['events'])}):")
    for e in doc["events"]:
        click.echo(f"  {e['source']['code'] if e['source'] else ''} -> {e['target']['code'] if e['target'] else '-'}"
                   f"  {e['cameo']}  {e['modality']}  \"{e['trigger']['text']}\"  [{e['rule']}]")
    click.echo(f"quotes: {len(doc['quotes'])}  amounts: {len(doc['amounts'])}  places: {len(doc['places'])}  "
               f"dates: {len(doc['dates'])}")


@cli.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(db_path, fmt):
    """What the store holds."""
    try:
        s = _open(db_path).stats()
    except OrbitError as err:
        fail(err)
    if fmt == "json":
        click.echo(json.dumps(s, indent=1))
        return
    for k, v in s.items():
        click.echo(f"{k}: {v}")


@cli.command()
@DB_OPTION
@click.option("--run", "run_id", type=int, default=None, help="only this ingest run")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def errors(db_path, run_id, fmt):
    """Inputs that could not be ingested, with their reasons."""
    try:
        rows = _open(db_path).errors(run_id)
    except OrbitError as err:
        fail(err)
    for r in rows:
        if fmt == "jsonl":
            click.echo(json_line(dict(r)))
        else:
            click.echo(f"run {r['run_id']}  {r['code']}  {r['item']}: {r['reason']}")
    if fmt == "text":
        warned = sum(1 for r in rows if r["code"].startswith("W"))
        click.echo(f"{len(rows) - warned} error(s), {warned} warning(s)")


def _located_events(store, f):
    """Stored events as (event, Origin) pairs: the event's 0-based index among all its
    document's stored events (in insertion order, whatever the filter keeps: the event id
    every export writes), the document's URL (GDELT's SOURCEURL) and the event's cluster.
    Events come in id order, so a document's ids are looked up once while its events pass."""
    from ..export import Origin
    from ..store.rows import event_from_row

    doc, positions, clusters = None, {}, {}
    for row in store.event_rows(f):
        if row["document_id"] != doc:
            doc = row["document_id"]
            positions = {r[0]: i for i, r in enumerate(store.conn.execute(
                "SELECT id FROM events WHERE document_id = ? ORDER BY id", (doc,)))}
            clusters = dict(store.conn.execute(
                "SELECT cm.event_id, cm.cluster_id FROM cluster_members cm JOIN events e ON e.id = cm.event_id "
                "WHERE e.document_id = ?", (doc,)).fetchall())
        yield event_from_row(row), Origin(positions.get(row["id"], 0), row["doc_url"], clusters.get(row["id"]))


@cli.command()
@DB_OPTION
@filter_options
@click.option("--format", "fmt", type=click.Choice(sorted(EVENT_FORMATS) + list(STORE_ONLY_FORMATS)),
              default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="output file (required for parquet, graphml, gexf; default stdout)")
def export(db_path, fmt, output, **opts):
    """Export stored events (streaming: memory does not grow with the store). Asserted events
    only unless --all; with --all, GDELT rows get a 62nd column, orbit_modality."""
    all_events = bool(opts.get("include_all"))
    try:
        f = _filter(opts)
        store = _open(db_path)
        if fmt in STORE_ONLY_FORMATS:
            if not output:
                raise click.UsageError(f"--format {fmt} needs --output FILE")
            if fmt == "parquet":
                from ..export.parquet import write_events_parquet

                n = write_events_parquet(_located_events(store, f), output)
            else:
                from ..export.network import write_network

                n = write_network(store, f, output, fmt)
        else:
            from ..export import write_events

            out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
            try:
                n = write_events(fmt, _located_events(store, f), out, all_events)
            finally:
                if output:
                    out.close()
    except OrbitError as err:
        fail(err)
    click.echo(f"{n} record(s) exported", err=True)


@cli.command()
@DB_OPTION
def migrate(db_path):
    """Create the store or bring its schema up to date."""
    try:
        store = _open(db_path, readonly=False)
    except OrbitError as err:
        fail(err)
    click.echo(f"{db_path}: schema version {store.schema_version}")


@cli.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="server processes sharing the port (about one per CPU core); each reads the one store")
@click.option("--max-body", type=click.IntRange(1024), default=None, help="largest request body in bytes")
@click.option("--read-timeout", type=click.FloatRange(0.1), default=None,
              help="seconds a client has to send a whole request (default 15)")
@click.option("--allow-host", "allow_hosts", multiple=True,
              help="a Host name to answer to besides localhost, 127.0.0.1 and --host; repeatable")
@click.option("--detach", is_flag=True, help="run in the background; return once the server answers")
@click.option("--pid-file", type=click.Path(dir_okay=False), default=None, help="with --detach: write its pid here")
@click.option("--log", "log_file", type=click.Path(dir_okay=False), default="orbit-server.log", show_default=True,
              help="with --detach: the server's output")
def serve(db_path, host, port, workers, max_body, read_timeout, allow_hosts, detach, pid_file, log_file):
    """The HTTP API and the dashboard. Writes need ORBIT_TOKEN set in the environment.

    Exits 3 (E601) when it cannot listen on HOST:PORT, e.g. another program holds the port."""
    import ipaddress
    import os

    from ..api import create_app
    from ..api.app import MAX_BODY_BYTES
    from ..api.server import REQUEST_READ_TIMEOUT
    from ..api.server import serve as run_server
    from ..settings import load_settings

    from ..api.server import bind
    from ..errors import ServerError

    if detach:
        from ..demo import start_server

        try:
            pid = start_server(db_path, host, port, log_file, pid_file, allow_hosts=allow_hosts)
        except ServerError as err:
            click.echo(f"orbit: {err}", err=True)
            sys.exit(EXIT_SERVER)
        click.echo(f"orbit dashboard: http://{host}:{port}/   (API docs: http://{host}:{port}/api/docs; "
                   f"server pid {pid})")
        return
    try:
        sock = bind(host, port)  # first: a taken port is said at once, before the store or the app
    except ServerError as err:
        click.echo(f"orbit: {err}", err=True)
        sys.exit(EXIT_SERVER)
    try:
        _open(db_path, readonly=False).close()  # create or migrate the store before serving it
        bound = () if host in ("0.0.0.0", "::") else (host,)  # a wildcard address is no Host name
        app_args = {"db_path": str(db_path), "max_body": max_body or MAX_BODY_BYTES,
                    "allowed_hosts": [*bound, *allow_hosts]}
        # with --workers each worker process builds its own app from app_args; this one checks them first
        app = create_app(app_args["db_path"], load_settings(db_path=db_path), max_body=app_args["max_body"],
                         allowed_hosts=app_args["allowed_hosts"])
    except OrbitError as err:
        sock.close()
        fail(err)
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False  # a host name other than localhost may resolve to any address
    if not loopback and not os.environ.get("ORBIT_TOKEN"):
        click.echo(f"orbit: warning: serving on {host}, which is not a loopback address, with no ORBIT_TOKEN set: "
                   f"every read (the whole store) is open to anyone who can reach {host}:{port}, and writes are "
                   f"refused. Put it behind an authenticating proxy or a firewall, and set ORBIT_TOKEN to accept "
                   f"POST /api/documents.", err=True)
    processes = f" ({workers} worker processes)" if workers > 1 else ""
    click.echo(f"orbit dashboard and API on http://{host}:{port}/{processes}  (API docs: http://{host}:{port}/api/docs)",
               err=True)
    run_server(app, host, port, read_timeout or REQUEST_READ_TIMEOUT, sock=sock, workers=workers, app_args=app_args)


@cli.command()
@click.option("--db", "db_path", default=None, type=click.Path(dir_okay=False), help="also check this store")
@pipeline_options
def doctor(db_path, **opts):
    """Check the installation: model, dictionaries, patterns, store schema, disk."""
    from ..doctor import run_checks

    checks = run_checks(make_settings(**opts), db_path)
    for c in checks:
        click.echo(f"[{'ok' if c.ok else 'FAIL'}] {c.name}: {c.detail}" + (f"\n       fix: {c.fix}" if c.fix and not c.ok else ""))
    failed = [c for c in checks if not c.ok]
    click.echo(f"{len(checks) - len(failed)}/{len(checks)} checks passed")
    sys.exit(1 if failed else 0)
