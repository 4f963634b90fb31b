"""Streaming writers: each takes an iterable of model objects and a text stream.

Writers never hold more than one record, so exports of a large store stay flat in memory.
Binary formats (Parquet) and the network (GraphML/GEXF) live in their own modules.

`write_events` takes events, or `(event, Origin)` pairs carrying the event's index in its
document, the document's URL and the event's cluster. Every format writes the event id
(GDELT's GLOBALEVENTID, `export.event_id`: stable across runs, the same in every format)
and the cluster id (empty outside a clustered store); GDELT also fills SOURCEURL.

CSV: every text cell (booleans as True/False too) is quoted and numbers are not
(csv.QUOTE_NONNUMERIC; empty cells are written ""), so codes such as
cameo "040" and root "04" are marked as text and keep their leading zero for readers that
honour quoting (Python's csv, spreadsheet imports with "quoted field as text"). pandas
infers types even in quoted cells: read with `pd.read_csv(path, dtype={"cameo": str,
"root": str})` (or `dtype=str`), else "040" becomes 40.
"""
from __future__ import annotations

import csv
from typing import Callable, Iterable, Iterator, Optional, TextIO, Union

from ..model import ArticleResult, Event
from ..serialize import event_dict, json_line, result_dict
from .gdelt import Origin, event_id, gdelt_row
from .plover import plover_record

TSV_COLUMNS = ["doc_id", "date", "source", "target", "cameo", "root", "quad", "goldstein", "modality", "rule", "evidence",
               "event_id", "cluster_id"]
CSV_COLUMNS = ["doc_id", "date", "source_code", "source_country", "source_name", "source_text", "target_code",
               "target_country", "target_name", "target_text", "cameo", "root", "quad_class", "goldstein",
               "plover_event", "plover_mode", "negated", "hypothetical", "modality", "trigger", "span_start",
               "span_end", "sentence", "rule", "confidence", "place", "place_country", "lat", "lon", "event_id",
               "cluster_id"]


def _clean_cell(text) -> str:
    return " ".join(str(text).split())


def evidence_text(e: Event) -> str:
    return e.sentence[e.span[0] - e.sentence_span[0]:e.span[1] - e.sentence_span[0]]


def _write_json_lines(items: Iterable, out: TextIO, to_dict) -> int:
    n = 0
    for item in items:
        out.write(json_line(to_dict(item)) + "\n")
        n += 1
    return n


Located = tuple[Event, Origin]


def with_origins(items: Iterable[Union[Event, Located]]) -> Iterator[Located]:
    """Pairs (event, origin). A bare event's index is counted along the stream: its position
    among the events of the same doc_id since that doc_id began (a document's events come
    together in orbit's streams); it has no URL and no cluster."""
    doc, index = None, 0
    for item in items:
        if isinstance(item, Event):
            index = index + 1 if item.doc_id == doc else 0
            doc = item.doc_id
            yield item, Origin(index)
        else:
            yield item


def ids_of(e: Event, origin: Origin) -> tuple[int, Optional[int]]:
    """(event id, cluster id): the event id is GDELT's GLOBALEVENTID (`event_id`), the same
    in every format; the cluster id is the store's, None outside a clustered store."""
    return event_id(e.doc_id, origin.index), origin.cluster_id


def event_record(located: Located) -> dict:
    """The event's JSON with its ids. The event id is written as a string: it is a 63-bit
    integer, which JavaScript's numbers cannot hold exactly."""
    e, origin = located
    gid, cluster = ids_of(e, origin)
    return {**event_dict(e), "event_id": str(gid), "cluster_id": cluster}


def write_events_jsonl(events: Iterable[Located], out: TextIO) -> int:
    return _write_json_lines(events, out, event_record)


def write_events_tsv(events: Iterable[Located], out: TextIO) -> int:
    out.write("\t".join(TSV_COLUMNS) + "\n")
    n = 0
    for e, origin in events:
        gid, cluster = ids_of(e, origin)
        row = [e.doc_id, e.date or "", e.source.code if e.source else "", (e.target.code or "?") if e.target else "",
               e.cameo, e.root, str(e.quad_class), f"{e.goldstein:+.1f}", e.modality, e.rule, evidence_text(e),
               str(gid), "" if cluster is None else str(cluster)]
        out.write("\t".join(_clean_cell(c) for c in row) + "\n")
        n += 1
    return n


def csv_row(located: Located) -> list:
    e, origin = located
    s, t, p = e.source, e.target, e.place
    gid, cluster = ids_of(e, origin)
    return [e.doc_id, e.date, s.code if s else None, s.country if s else None, s.name if s else None,
            s.text if s else None, t.code if t else None, t.country if t else None, t.name if t else None,
            t.text if t else None, e.cameo, e.root, e.quad_class, e.goldstein, e.plover.event, e.plover.mode,
            e.negated, e.hypothetical, e.modality, e.trigger.text, e.span[0], e.span[1], e.sentence, e.rule,
            e.confidence, p.name if p else None, p.country if p else None, p.lat if p else None, p.lon if p else None,
            str(gid), cluster]


def write_events_csv(events: Iterable[Located], out: TextIO) -> int:
    w = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
    w.writerow(CSV_COLUMNS)
    n = 0
    for located in events:
        w.writerow([str(v) if isinstance(v, bool) else v for v in csv_row(located)])
        n += 1
    return n


def write_events_gdelt(events: Iterable[Located], out: TextIO, all_events: bool = False) -> int:
    """Asserted events only unless `all_events`: GDELT's table has no column that could mark
    an event as negated or hypothetical, and a row there reads as a thing that happened.
    With `all_events` every event is written, with a 62nd column `orbit_modality`.
    GLOBALEVENTID is `event_id(doc_id, index)`, stable across runs; SOURCEURL is the
    origin's URL."""
    n = 0
    for e, origin in events:
        if not all_events and not e.asserted:
            continue
        n += 1
        row = gdelt_row(e, event_id(e.doc_id, origin.index), url=origin.url)
        if all_events:
            row.append(e.modality)
        out.write("\t".join(_clean_cell(c).replace("\t", " ") for c in row) + "\n")
    return n


def write_events_plover(events: Iterable[Located], out: TextIO) -> int:
    return _write_json_lines(events, out, lambda located: plover_record(located[0], *ids_of(*located)))


def write_documents_jsonl(results: Iterable[ArticleResult], out: TextIO) -> int:
    return _write_json_lines(results, out, result_dict)


EVENT_FORMATS: dict[str, Callable[[Iterable[Located], TextIO], int]] = {
    "jsonl": write_events_jsonl,
    "tsv": write_events_tsv,
    "csv": write_events_csv,
    "gdelt": write_events_gdelt,
    "plover": write_events_plover,
}
DOCUMENT_FORMATS: dict[str, Callable[[Iterable[ArticleResult], TextIO], int]] = {
    "jsonl": write_documents_jsonl,
}


def write_events(fmt: str, events: Iterable[Union[Event, Located]], out: TextIO, all_events: bool = False) -> int:
    """Write events (or `(event, Origin)` pairs) in a format; returns the number of records.
    `all_events` matters to GDELT alone (the other formats flag every event's modality)."""
    if fmt == "gdelt":
        return write_events_gdelt(with_origins(events), out, all_events)
    return EVENT_FORMATS[fmt](with_origins(events), out)


def write_documents(fmt: str, results: Iterable[ArticleResult], out: TextIO) -> int:
    return DOCUMENT_FORMATS[fmt](results, out)
