"""Streaming writers: each takes an iterable of model objects and a text stream.

Writers never hold more than one record, so exports of a large store stay flat in memory.
Binary formats (Parquet) and the network (GraphML/GEXF) live in their own modules.

`write_events` takes events, or `(event, Origin)` pairs carrying the event's index in its
document and the document's URL (used by the GDELT format: GLOBALEVENTID and SOURCEURL;
the other formats ignore them).

CSV: every text cell (booleans as True/False too) is quoted and numbers are not
(csv.QUOTE_NONNUMERIC; empty cells are written ""), so codes such as
cameo "040" and root "04" are marked as text and keep their leading zero for readers that
honour quoting (Python's csv, spreadsheet imports with "quoted field as text"). pandas
infers types even in quoted cells: read with `pd.read_csv(path, dtype={"cameo": str,
"root": str})` (or `dtype=str`), else "040" becomes 40.
"""
from __future__ import annotations

import csv
from typing import Callable, Iterable, Iterator, TextIO, Union

from ..model import ArticleResult, Event
from ..serialize import event_dict, json_line, result_dict
from .gdelt import Origin, event_id, gdelt_row
from .plover import plover_record

TSV_COLUMNS = ["doc_id", "date", "source", "target", "cameo", "root", "quad", "goldstein", "modality", "rule", "evidence"]
CSV_COLUMNS = ["doc_id", "date", "source_code", "source_country", "source_name", "source_text", "target_code",
               "target_country", "target_name", "target_text", "cameo", "root", "quad_class", "goldstein",
               "plover_event", "plover_mode", "negated", "hypothetical", "modality", "trigger", "span_start",
               "span_end", "sentence", "rule", "confidence", "place", "place_country", "lat", "lon"]


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


def write_events_jsonl(events: Iterable[Event], out: TextIO) -> int:
    return _write_json_lines(events, out, event_dict)


def write_events_tsv(events: Iterable[Event], out: TextIO) -> int:
    out.write("\t".join(TSV_COLUMNS) + "\n")
    n = 0
    for e in events:
        row = [e.doc_id, e.date or "", e.source.code if e.source else "", (e.target.code or "?") if e.target else "",
               e.cameo, e.root, str(e.quad_class), f"{e.goldstein:+.1f}", e.modality, e.rule, evidence_text(e)]
        out.write("\t".join(_clean_cell(c) for c in row) + "\n")
        n += 1
    return n


def csv_row(e: Event) -> list:
    s, t, p = e.source, e.target, e.place
    return [e.doc_id, e.date, s.code if s else None, s.country if s else None, s.name if s else None,
            s.text if s else None, t.code if t else None, t.country if t else None, t.name if t else None,
            t.text if t else None, e.cameo, e.root, e.quad_class, e.goldstein, e.plover.event, e.plover.mode,
            e.negated, e.hypothetical, e.modality, e.trigger.text, e.span[0], e.span[1], e.sentence, e.rule,
            e.confidence, p.name if p else None, p.country if p else None, p.lat if p else None, p.lon if p else None]


def write_events_csv(events: Iterable[Event], out: TextIO) -> int:
    w = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
    w.writerow(CSV_COLUMNS)
    n = 0
    for e in events:
        # booleans are written as text (quoted), so a QUOTE_NONNUMERIC reader reads every row back
        w.writerow([str(v) if isinstance(v, bool) else v for v in csv_row(e)])
        n += 1
    return n


def _with_origins(items: Iterable[Union[Event, tuple[Event, Origin]]]) -> Iterator[tuple[Event, Origin]]:
    """Pairs (event, origin). A bare event's index is counted along the stream: its position
    among the events of the same doc_id since that doc_id began (a document's events come
    together in orbit's streams); it has no URL."""
    doc, index = None, 0
    for item in items:
        if isinstance(item, Event):
            index = index + 1 if item.doc_id == doc else 0
            doc = item.doc_id
            yield item, Origin(index)
        else:
            yield item


def _events_only(items: Iterable[Union[Event, tuple[Event, Origin]]]) -> Iterator[Event]:
    for item in items:
        yield item if isinstance(item, Event) else item[0]


def write_events_gdelt(events: Iterable[Union[Event, tuple[Event, Origin]]], out: TextIO) -> int:
    """Asserted events only: GDELT's table has no column that could mark an event as negated
    or hypothetical, and a row there reads as a thing that happened. GLOBALEVENTID is
    `event_id(doc_id, index)`, stable across runs; SOURCEURL is the origin's URL."""
    n = 0
    for e, origin in _with_origins(events):
        if e.negated or e.hypothetical:
            continue
        n += 1
        row = gdelt_row(e, event_id(e.doc_id, origin.index), url=origin.url)
        out.write("\t".join(_clean_cell(c).replace("\t", " ") for c in row) + "\n")
    return n


def write_events_plover(events: Iterable[Event], out: TextIO) -> int:
    return _write_json_lines(events, out, plover_record)


def write_documents_jsonl(results: Iterable[ArticleResult], out: TextIO) -> int:
    return _write_json_lines(results, out, result_dict)


EVENT_FORMATS: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
    "jsonl": write_events_jsonl,
    "tsv": write_events_tsv,
    "csv": write_events_csv,
    "gdelt": write_events_gdelt,
    "plover": write_events_plover,
}
DOCUMENT_FORMATS: dict[str, Callable[[Iterable[ArticleResult], TextIO], int]] = {
    "jsonl": write_documents_jsonl,
}


def write_events(fmt: str, events: Iterable[Union[Event, tuple[Event, Origin]]], out: TextIO) -> int:
    """Write events (or `(event, Origin)` pairs) in a format; returns the number of records."""
    if fmt == "gdelt":
        return write_events_gdelt(events, out)
    return EVENT_FORMATS[fmt](_events_only(events), out)


def write_documents(fmt: str, results: Iterable[ArticleResult], out: TextIO) -> int:
    return DOCUMENT_FORMATS[fmt](results, out)
