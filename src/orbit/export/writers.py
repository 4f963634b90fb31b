"""Streaming writers: each takes an iterable of model objects and a text stream.

Writers never hold more than one record, so exports of a large store stay flat in memory.
"""
from __future__ import annotations

import json
from typing import Callable, Iterable, TextIO

from ..model import ArticleResult, Event
from ..serialize import event_dict, result_dict

TSV_COLUMNS = ["doc_id", "date", "source", "target", "cameo", "root", "quad", "goldstein", "modality", "rule", "evidence"]


def _clean_cell(text: str) -> str:
    return " ".join(str(text).split())


def write_events_jsonl(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(event_dict(e), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_events_tsv(events: Iterable[Event], out: TextIO) -> int:
    out.write("\t".join(TSV_COLUMNS) + "\n")
    n = 0
    for e in events:
        evidence = e.sentence[e.span[0] - e.sentence_span[0]:e.span[1] - e.sentence_span[0]]
        row = [e.doc_id, e.date or "", e.source.code if e.source else "", (e.target.code or "?") if e.target else "",
               e.cameo, e.root, str(e.quad_class), f"{e.goldstein:+.1f}", e.modality, e.rule, evidence]
        out.write("\t".join(_clean_cell(c) for c in row) + "\n")
        n += 1
    return n


def write_documents_jsonl(results: Iterable[ArticleResult], out: TextIO) -> int:
    n = 0
    for r in results:
        out.write(json.dumps(result_dict(r), ensure_ascii=False) + "\n")
        n += 1
    return n


EVENT_FORMATS: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
    "jsonl": write_events_jsonl,
    "tsv": write_events_tsv,
}
DOCUMENT_FORMATS: dict[str, Callable[[Iterable[ArticleResult], TextIO], int]] = {
    "jsonl": write_documents_jsonl,
}


def write_events(fmt: str, events: Iterable[Event], out: TextIO) -> int:
    return EVENT_FORMATS[fmt](events, out)


def write_documents(fmt: str, results: Iterable[ArticleResult], out: TextIO) -> int:
    return DOCUMENT_FORMATS[fmt](results, out)
