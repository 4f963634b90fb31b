"""Model objects <-> JSON-ready dicts in the shapes of the output contract (../spec)."""
from __future__ import annotations

import json
from operator import itemgetter
from typing import Any, Optional

from .model import ActorRef, Amount, ArticleResult, DateRef, Event, Place, Quote, UndatedDay


def actor_ref_dict(a: Optional[ActorRef]) -> Optional[dict[str, Any]]:
    if a is None:
        return None
    return _actor_shape(a.text, a.name, a.code, a.country, a.role, a.span)


def place_dict(p: Optional[Place]) -> Optional[dict[str, Any]]:
    if p is None:
        return None
    return _place_shape(p.text, p.name, p.country, p.lat, p.lon, p.geonameid, p.admin1, p.kind, p.span)


# The event's JSON shape is written once, in `_event_shape` (and its actor and place
# parts): `event_dict` feeds it from a model Event (CLI, exports, `orbit read`),
# `stored_event_dict` from a store row (the HTTP API), without building an Event per row
# (a page of 50 rows would spend more time in dataclass constructors than in SQLite).
def _actor_shape(text, name, code, country, role, span) -> dict[str, Any]:
    return {"text": text, "name": name, "code": code, "country": country, "role": role, "span": list(span)}


def _place_shape(text, name, country, lat, lon, geonameid, admin1, kind, span) -> dict[str, Any]:
    return {"text": text, "name": name, "country": country, "lat": lat, "lon": lon, "geonameid": geonameid,
            "admin1": admin1, "kind": kind, "span": list(span)}


def _event_shape(doc_id, sentence, span, source, target, cameo, root, quad_class, goldstein, plover_event,
                 plover_mode, plover_context, negated, hypothetical, modality, date, place, rule, confidence,
                 trigger_text, trigger_span, sentence_span) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "sentence": sentence,
        "span": list(span),
        "source": source,
        "target": target,
        "cameo": cameo,
        "root": root,
        "quad_class": quad_class,
        "goldstein": goldstein,
        "plover": {"event": plover_event, "mode": plover_mode, "context": list(plover_context)},
        "negated": negated,
        "hypothetical": hypothetical,
        "modality": modality,
        "date": date,
        "place": place,
        "rule": rule,
        "confidence": confidence,
        "trigger": {"text": trigger_text, "span": list(trigger_span)},
        "sentence_span": list(sentence_span),
    }


def event_dict(e: Event) -> dict[str, Any]:
    return _event_shape(e.doc_id, e.sentence, e.span, actor_ref_dict(e.source), actor_ref_dict(e.target), e.cameo,
                        e.root, e.quad_class, e.goldstein, e.plover.event, e.plover.mode, e.plover.context,
                        e.negated, e.hypothetical, e.modality, e.date, place_dict(e.place), e.rule, e.confidence,
                        e.trigger.text, e.trigger.span, e.sentence_span)


# the store's column names for each side's actor, looked up once
_ACTOR_COLUMNS = {side: tuple(f"{side}_{c}" for c in ("text", "name", "code", "country", "role", "start", "end"))
                  for side in ("source", "target")}


def _stored_actor(r, side: str) -> Optional[dict[str, Any]]:
    text, name, code, country, role, start, end = _ACTOR_COLUMNS[side]
    if r[text] is None:
        return None
    return _actor_shape(r[text], r[name], r[code], r[country], r[role], (r[start], r[end]))


def _stored_place(place_json: Optional[str]) -> Optional[dict[str, Any]]:
    if not place_json:
        return None
    p = json.loads(place_json)
    # places stored before admin1 and kind existed read as store/rows.event_from_row reads them
    return _place_shape(p["text"], p["name"], p["country"], p["lat"], p["lon"], p["geonameid"], p.get("admin1"),
                        p.get("kind", "city"), p["span"])


def stored_event_dict(r) -> dict[str, Any]:
    """A stored event (a row of `events` joined to its document's `doc_key`, as a mapping)
    in the shape of `event_dict`, after its row id ("id") and its document's row id
    ("document")."""
    out = {"id": r["id"], "document": r["document_id"]}
    out.update(_event_shape(
        r["doc_key"], r["sentence"], (r["span_start"], r["span_end"]), _stored_actor(r, "source"),
        _stored_actor(r, "target"), r["cameo"], r["root"], r["quad_class"], r["goldstein"], r["plover_event"],
        r["plover_mode"], [c for c in (r["plover_context"] or "").split(";") if c], bool(r["negated"]),
        bool(r["hypothetical"]), r["modality"], r["date"], _stored_place(r["place_json"]), r["rule"],
        r["confidence"], r["trigger_text"], (r["trigger_start"], r["trigger_end"]),
        (r["sentence_start"], r["sentence_end"])))
    return out


# the columns of a stored event row that `stored_event_dicts` reads, in the order it unpacks them
_STORED_FIELDS = ("id", "document_id", "doc_key", "sentence", "span_start", "span_end",
                  *_ACTOR_COLUMNS["source"], *_ACTOR_COLUMNS["target"], "cameo", "root", "quad_class", "goldstein",
                  "plover_event", "plover_mode", "plover_context", "negated", "hypothetical", "modality", "date",
                  "place_json", "rule", "confidence", "trigger_text", "trigger_start", "trigger_end",
                  "sentence_start", "sentence_end")


def _stored_event_from(v: tuple) -> dict[str, Any]:
    """`stored_event_dict` of a row's _STORED_FIELDS values, in that order."""
    (id_, document, doc_key, sentence, span_start, span_end, s_text, s_name, s_code, s_country, s_role, s_start,
     s_end, t_text, t_name, t_code, t_country, t_role, t_start, t_end, cameo, root, quad_class, goldstein,
     plover_event, plover_mode, plover_context, negated, hypothetical, modality, day, place_json, rule, confidence,
     trigger_text, trigger_start, trigger_end, sentence_start, sentence_end) = v
    out = {"id": id_, "document": document}
    out.update(_event_shape(
        doc_key, sentence, (span_start, span_end),
        None if s_text is None else _actor_shape(s_text, s_name, s_code, s_country, s_role, (s_start, s_end)),
        None if t_text is None else _actor_shape(t_text, t_name, t_code, t_country, t_role, (t_start, t_end)),
        cameo, root, quad_class, goldstein, plover_event, plover_mode,
        [c for c in (plover_context or "").split(";") if c], bool(negated), bool(hypothetical), modality, day,
        _stored_place(place_json), rule, confidence, trigger_text, (trigger_start, trigger_end),
        (sentence_start, sentence_end)))
    return out


def stored_event_dicts(rows: list) -> list[dict[str, Any]]:
    """`stored_event_dict` for a page of sqlite3.Rows. The columns are taken from each row by
    position, all at once (an itemgetter over the page's column layout): a Row looks a name
    up by comparing it with every column's (about 50 here), and a dict of each row first
    still cost a dict and ~40 look-ups a row (on a page of 50 events, more than the query)."""
    if not rows:
        return []
    position = {name: i for i, name in enumerate(rows[0].keys())}
    values = itemgetter(*(position[name] for name in _STORED_FIELDS))
    return [_stored_event_from(values(r)) for r in rows]


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
        # an undated document (a stand-in day, date_source "today") has no date to give
        "date": None if isinstance(a.date, UndatedDay) else a.date.isoformat(),
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
