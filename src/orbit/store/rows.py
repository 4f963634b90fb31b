"""Model objects <-> SQL rows: the only module that builds row dicts for the store."""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Optional

from ..model import ActorRef, Article, ArticleResult, Event, Mention, Place, Plover


def day_of(date_text: Optional[str], fallback: str) -> str:
    """A partial date padded to the first day of its period, for daily series."""
    d = date_text or fallback
    if len(d) == 4:
        return f"{d}-01-01"
    if len(d) == 7:
        return f"{d}-01"
    return d[:10]


def document_row(article: Article, content_hash: str, run_id: Optional[int], versions: dict, now: str) -> dict:
    return {"doc_key": article.doc_id, "url": article.url, "title": article.title, "date": article.date.isoformat(),
            "date_source": article.date_source, "source": article.source, "path": article.path,
            "content_hash": content_hash, "text": article.text, "removed_json": json.dumps(list(article.removed)),
            "run_id": run_id, "orbit_version": versions["orbit"], "dict_version": versions["dict"], "coded_at": now}


def _actor_cols(prefix: str, a: Optional[ActorRef]) -> dict:
    if a is None:
        return {f"{prefix}_{k}": None for k in ("text", "start", "end", "name", "code", "country", "role", "actor")}
    return {f"{prefix}_text": a.text, f"{prefix}_start": a.span[0], f"{prefix}_end": a.span[1],
            f"{prefix}_name": a.name, f"{prefix}_code": a.code, f"{prefix}_country": a.country,
            f"{prefix}_role": a.role, f"{prefix}_actor": a.actor_id}


def place_json(p: Optional[Place]) -> Optional[str]:
    if p is None:
        return None
    return json.dumps({"text": p.text, "span": list(p.span), "name": p.name, "country": p.country, "lat": p.lat,
                       "lon": p.lon, "geonameid": p.geonameid, "admin1": p.admin1, "kind": p.kind})


def event_row(e: Event, document_id: int, pub: str, versions: dict) -> dict:
    row = {"document_id": document_id, "date": e.date or pub, "day": day_of(e.date, pub), "sentence": e.sentence,
           "sentence_start": e.sentence_span[0], "sentence_end": e.sentence_span[1],
           "span_start": e.span[0], "span_end": e.span[1], "trigger_text": e.trigger.text,
           "trigger_start": e.trigger.span[0], "trigger_end": e.trigger.span[1],
           "cameo": e.cameo, "root": e.root, "quad_class": e.quad_class, "goldstein": e.goldstein,
           "plover_event": e.plover.event, "plover_mode": e.plover.mode, "plover_context": ";".join(e.plover.context),
           "negated": int(e.negated), "hypothetical": int(e.hypothetical), "modality": e.modality,
           "place_json": place_json(e.place), "place_country": e.place.country if e.place else None,
           "rule": e.rule, "confidence": e.confidence,
           "orbit_version": versions["orbit"], "dict_version": versions["dict"]}
    row.update(_actor_cols("source", e.source))
    row.update(_actor_cols("target", e.target))
    return row


def result_rows(result: ArticleResult, document_id: int) -> dict[str, list[dict]]:
    """Rows for the per-document tables other than events."""
    return {
        "actors": [{"document_id": document_id, "actor_key": a.id, "name": a.name, "type": a.type,
                    "country": a.country, "role": a.role, "code": a.code, "office": a.office,
                    "mentions_json": json.dumps([{"text": m.text, "span": list(m.span)} for m in a.mentions])}
                   for a in result.actors],
        "quotes": [{"document_id": document_id, "text": q.text, "span_start": q.span[0], "span_end": q.span[1],
                    "kind": q.kind, "speaker_text": q.speaker.text if q.speaker else None,
                    "speaker_name": q.speaker.name if q.speaker else None,
                    "speaker_code": q.speaker.code if q.speaker else None,
                    "speaker_country": q.speaker.country if q.speaker else None,
                    "speaker_role": q.speaker.role if q.speaker else None,
                    "cue_text": q.cue.text if q.cue else None, "cue_start": q.cue.span[0] if q.cue else None,
                    "cue_end": q.cue.span[1] if q.cue else None} for q in result.quotes],
        "amounts": [{"document_id": document_id, "text": a.text, "span_start": a.span[0], "span_end": a.span[1],
                     "value": a.value, "unit": a.unit, "counts": a.counts, "event_index": a.event_index}
                    for a in result.amounts],
        "places": [{"document_id": document_id, "text": p.text, "span_start": p.span[0], "span_end": p.span[1],
                    "name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid,
                    "admin1": p.admin1, "kind": p.kind} for p in result.places],
        "dates": [{"document_id": document_id, "text": d.text, "span_start": d.span[0], "span_end": d.span[1],
                   "date": d.date, "start": d.start, "end": d.end} for d in result.dates],
    }


def _actor_from_row(row: sqlite3.Row, prefix: str) -> Optional[ActorRef]:
    if row[f"{prefix}_text"] is None:
        return None
    return ActorRef(text=row[f"{prefix}_text"], span=(row[f"{prefix}_start"], row[f"{prefix}_end"]),
                    name=row[f"{prefix}_name"], code=row[f"{prefix}_code"], country=row[f"{prefix}_country"],
                    role=row[f"{prefix}_role"], actor_id=row[f"{prefix}_actor"])


def event_from_row(row: sqlite3.Row) -> Event:
    place = None
    if row["place_json"]:
        p = json.loads(row["place_json"])
        place = Place(text=p["text"], span=tuple(p["span"]), name=p["name"], country=p["country"], lat=p["lat"],
                      lon=p["lon"], geonameid=p["geonameid"], admin1=p.get("admin1"), kind=p.get("kind", "city"))
    ctx = tuple(c for c in (row["plover_context"] or "").split(";") if c)
    return Event(doc_id=row["doc_key"], sentence=row["sentence"], sentence_span=(row["sentence_start"], row["sentence_end"]),
                 span=(row["span_start"], row["span_end"]),
                 trigger=Mention(row["trigger_text"], (row["trigger_start"], row["trigger_end"])),
                 source=_actor_from_row(row, "source"), target=_actor_from_row(row, "target"),
                 cameo=row["cameo"], root=row["root"], quad_class=row["quad_class"], goldstein=row["goldstein"],
                 plover=Plover(row["plover_event"], row["plover_mode"], ctx), rule=row["rule"],
                 confidence=row["confidence"], negated=bool(row["negated"]), hypothetical=bool(row["hypothetical"]),
                 modality=row["modality"], date=row["date"], place=place)


def insert_sql(table: str, row: dict[str, Any]) -> str:
    cols = ", ".join(row)
    marks = ", ".join(f":{c}" for c in row)
    return f"INSERT INTO {table} ({cols}) VALUES ({marks})"
