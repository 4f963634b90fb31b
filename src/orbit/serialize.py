"""Model objects <-> JSON-ready dicts in the shapes of the output contract (../spec)."""
from __future__ import annotations

import json
from typing import Any, Optional

from .model import ActorRef, Amount, ArticleResult, DateRef, Event, Place, Quote


def actor_ref_dict(a: Optional[ActorRef]) -> Optional[dict[str, Any]]:
    if a is None:
        return None
    return {"text": a.text, "name": a.name, "code": a.code, "country": a.country, "role": a.role,
            "span": list(a.span)}


def place_dict(p: Optional[Place]) -> Optional[dict[str, Any]]:
    if p is None:
        return None
    return {"text": p.text, "name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon,
            "geonameid": p.geonameid, "admin1": p.admin1, "kind": p.kind, "span": list(p.span)}


def event_dict(e: Event) -> dict[str, Any]:
    return {
        "doc_id": e.doc_id,
        "sentence": e.sentence,
        "span": list(e.span),
        "source": actor_ref_dict(e.source),
        "target": actor_ref_dict(e.target),
        "cameo": e.cameo,
        "root": e.root,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "plover": {"event": e.plover.event, "mode": e.plover.mode, "context": list(e.plover.context)},
        "negated": e.negated,
        "hypothetical": e.hypothetical,
        "modality": e.modality,
        "date": e.date,
        "place": place_dict(e.place),
        "rule": e.rule,
        "confidence": e.confidence,
        "trigger": {"text": e.trigger.text, "span": list(e.trigger.span)},
        "sentence_span": list(e.sentence_span),
    }


def quote_dict(q: Quote) -> dict[str, Any]:
    sp = q.speaker
    return {"text": q.text, "span": list(q.span), "kind": q.kind,
            "speaker": None if sp is None else {"name": sp.name or sp.text, "country": sp.country, "role": sp.role,
                                                 "code": sp.code, "text": sp.text, "span": list(sp.span)},
            "cue": None if q.cue is None else {"text": q.cue.text, "span": list(q.cue.span)}}


def amount_dict(a: Amount) -> dict[str, Any]:
    return {"text": a.text, "value": a.value, "unit": a.unit, "counts": a.counts, "span": list(a.span),
            "event": a.event_index}


def date_dict(d: DateRef) -> dict[str, Any]:
    return {"text": d.text, "date": d.date, "start": d.start, "end": d.end, "span": list(d.span)}


def result_dict(r: ArticleResult) -> dict[str, Any]:
    a = r.article
    return {
        "doc_id": a.doc_id,
        "title": a.title,
        "date": a.date.isoformat(),
        "date_source": a.date_source,  # given | text | today (the document had no date)
        "url": a.url,
        "text": a.text,
        "actors": [{"name": x.name, "country": x.country, "role": x.role, "code": x.code, "type": x.type,
                    "office": x.office, "mentions": [{"text": m.text, "span": list(m.span)} for m in x.mentions]}
                   for x in r.actors],
        "events": [event_dict(e) for e in r.events],
        "quotes": [quote_dict(q) for q in r.quotes],
        "amounts": [amount_dict(x) for x in r.amounts],
        "places": [place_dict(p) for p in r.places],
        "dates": [date_dict(d) for d in r.dates],
    }


def with_date_source(doc: dict[str, Any], store) -> dict[str, Any]:
    """A stored document's JSON (`Corpus.document`) with where its date came from, next to the date."""
    return _insert_after(doc, "date", "date_source", store.date_source(doc["id"]))


def _insert_after(d: dict[str, Any], after: str, key: str, value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        if k != key:
            out[k] = v
        if k == after:
            out[key] = value
    out.setdefault(key, value)
    return out


# characters that JSON leaves unescaped but that many line readers treat as line breaks
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085", "\x0b": "\\u000b",
                "\x0c": "\\u000c", "\x1c": "\\u001c", "\x1d": "\\u001d", "\x1e": "\\u001e"}


def json_line(obj: Any) -> str:
    """One JSONL line: UTF-8 text kept readable, but every character that any reader could
    take for a line break escaped, so one record is always one line."""
    text = json.dumps(obj, ensure_ascii=False, default=str)
    for ch, escaped in _LINE_BREAKS.items():
        if ch in text:
            text = text.replace(ch, escaped)
    return text
