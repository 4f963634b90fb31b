"""Store rows and model objects -> the JSON the API returns (one shape per resource)."""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..model import ArticleResult
from ..serialize import result_dict


def document_summary(r: sqlite3.Row) -> dict[str, Any]:
    keys = r.keys()
    return {"id": r["id"], "doc_id": r["doc_key"], "title": r["title"], "date": r["date"],
            "date_source": r["date_source"] if "date_source" in keys else None, "url": r["url"],
            "events": r["events"] if "events" in keys else None,
            "snippet": r["snippet"] if "snippet" in keys else None}


def _actor(r: sqlite3.Row, side: str) -> dict | None:
    if r[f"{side}_text"] is None:
        return None
    return {"text": r[f"{side}_text"], "name": r[f"{side}_name"], "code": r[f"{side}_code"],
            "country": r[f"{side}_country"], "role": r[f"{side}_role"],
            "span": [r[f"{side}_start"], r[f"{side}_end"]]}


def event_json(r: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": r["id"], "doc_id": r["doc_key"], "document": r["document_id"], "date": r["date"],
        "sentence": r["sentence"], "sentence_span": [r["sentence_start"], r["sentence_end"]],
        "span": [r["span_start"], r["span_end"]],
        "trigger": {"text": r["trigger_text"], "span": [r["trigger_start"], r["trigger_end"]]},
        "source": _actor(r, "source"), "target": _actor(r, "target"),
        "cameo": r["cameo"], "root": r["root"], "quad_class": r["quad_class"], "goldstein": r["goldstein"],
        "plover": {"event": r["plover_event"], "mode": r["plover_mode"],
                   "context": [c for c in (r["plover_context"] or "").split(";") if c]},
        "negated": bool(r["negated"]), "hypothetical": bool(r["hypothetical"]), "modality": r["modality"],
        "place": json.loads(r["place_json"]) if r["place_json"] else None,
        "rule": r["rule"], "confidence": r["confidence"],
    }


def cluster_json(r: sqlite3.Row) -> dict[str, Any]:
    return {"id": r["id"], "source": r["source_country"] or None, "target": r["target_country"] or None,
            "root": r["root"], "cameo": r["cameo"], "first_day": r["first_day"], "last_day": r["last_day"],
            "first_reported": r["first_reported"], "last_reported": r["last_reported"], "mentions": r["mentions"],
            "documents": r["documents"], "sources": r["sources"], "place_country": r["place_country"],
            "label": r["label"], "goldstein": r["goldstein"], "story": r["story_id"]}


def result_json(r: ArticleResult) -> dict[str, Any]:
    """An analysed (not stored) article, in the shape of `orbit read`."""
    return result_dict(r)
