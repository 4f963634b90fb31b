"""orbit's annotated corpus as gold items: references, annotations and texts joined.

The corpus folder (`corpus/` at the project root, README there) holds `items.jsonl`
(where each item's text is, its date and split) and `gold.jsonl` (the adjudicated
annotations, CODING.md's item format plus `code` and `anchor`). Texts come from the shared
benchmark folder through `sources`. The result is what `orbit.evaluate.score_items`
and the trainer read: {"id", "date", "text", "split", "events", "optional", "forbidden",
"tags"}.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .sources import PROJECT, WRITTEN, item_text

DEFAULT_CORPUS = PROJECT / "corpus"
DEFAULT_BENCHMARKS = PROJECT.parent / "shared" / "benchmarks"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def annotations(corpus: Path = DEFAULT_CORPUS) -> dict[str, dict]:
    """Item id -> its gold annotation: gold.jsonl, else the first pass's files (while the
    adjudication is not written yet)."""
    gold = corpus / "gold.jsonl"
    files = [gold] if gold.exists() else sorted((corpus / "passes" / "pass1").glob("*.jsonl"))
    out: dict[str, dict] = {}
    for path in files:
        for ann in _jsonl(path):
            out[ann["id"]] = ann
    return out


def gold_items(parts: Iterable[str] = ("test",), corpus: Path = DEFAULT_CORPUS,
               benchmarks: Path = DEFAULT_BENCHMARKS, ids: set | None = None,
               written: bool | None = None) -> list[dict]:
    """Annotated items of the given splits (train, dev, test), with their texts; with
    `written` True only the items written for the corpus, False only the real news."""
    wanted = set(parts)
    anns = annotations(corpus)
    out = []
    for it in _jsonl(corpus / "items.jsonl"):
        if it["split"] not in wanted or it["id"] not in anns or (ids is not None and it["id"] not in ids):
            continue
        if written is not None and (it["source"] == WRITTEN) != written:
            continue
        ann = anns[it["id"]]
        out.append({"id": it["id"], "date": it["date"], "text": item_text(benchmarks, it), "split": it["split"],
                    "source": it["source"], "events": ann.get("events", []), "optional": ann.get("optional", []),
                    "forbidden": ann.get("forbidden", []), "tags": ann.get("tags", [])})
    return out


def texts(parts: Iterable[str], corpus: Path = DEFAULT_CORPUS, benchmarks: Path = DEFAULT_BENCHMARKS) -> dict[str, str]:
    """Item id -> text for the given splits, without annotations."""
    wanted = set(parts)
    return {it["id"]: item_text(benchmarks, it) for it in _jsonl(corpus / "items.jsonl") if it["split"] in wanted}
