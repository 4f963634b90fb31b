"""Store rows -> the JSON the API returns for documents and clusters, and the error shape.
Events use the one event serializer, `serialize.stored_event_dict`; analysed articles
`serialize.result_dict`."""
from __future__ import annotations

import sqlite3
from typing import Any

from .cache import json_response


def error(status: int, code: str, message: str):
    return json_response({"error": {"code": code, "message": message}}, status=status)


def document_summary(r: sqlite3.Row) -> dict[str, Any]:
    keys = r.keys()
    return {"id": r["id"], "doc_id": r["doc_key"], "title": r["title"], "date": r["date"],
            "date_source": r["date_source"] if "date_source" in keys else None, "url": r["url"],
            "events": r["events"] if "events" in keys else None,
            "snippet": r["snippet"] if "snippet" in keys else None}


def cluster_json(r: sqlite3.Row) -> dict[str, Any]:
    return {"id": r["id"], "source": r["source_country"] or None, "target": r["target_country"] or None,
            "root": r["root"], "cameo": r["cameo"], "first_day": r["first_day"], "last_day": r["last_day"],
            "first_reported": r["first_reported"], "last_reported": r["last_reported"], "mentions": r["mentions"],
            "documents": r["documents"], "sources": r["sources"], "place_country": r["place_country"],
            "label": r["label"], "goldstein": r["goldstein"], "story": r["story_id"]}
