"""Events as PLOVER JSON records (PLOVER manual, "PLOVER JSON" table): one JSON object per line."""
from __future__ import annotations

from typing import Any, Optional

from ..model import ActorRef, Event

QUAD_CODE = {1: 1, 2: 2, 3: 3, 4: 4}


def _entity(a: Optional[ActorRef]) -> list[dict[str, Any]]:
    if a is None:
        return []
    code = a.country or (a.code[:3] if a.code else None)
    sector = None
    if a.code and a.country and a.code.startswith(a.country):
        sector = a.code[len(a.country):] or None
    elif a.code and not a.country:
        sector = a.code[3:] or None
    entity = {"code": code, "sector": sector, "entity_text": a.text}
    if a.name:
        entity["identifier_text"] = a.name
    return [entity]


def plover_record(e: Event, event_id: int, cluster_id: Optional[int] = None) -> dict[str, Any]:
    """PLOVER's fields, then orbit's own. `id` is "ORBIT-" and the event id every export
    shares (GDELT's GLOBALEVENTID, `export.event_id`)."""
    record = {
        "id": f"ORBIT-{event_id}",
        "has_event": e.plover.event is not None,
        "date": e.date,
        "actor": _entity(e.source),
        "recipient": _entity(e.target),
        "event": [e.plover.event] if e.plover.event else [],
        "mode": [e.plover.mode] if e.plover.mode else [],
        "context": list(e.plover.context),
        "quad_code": QUAD_CODE.get(e.quad_class),
        "event_scale": e.goldstein,
        "event_text": [e.trigger.text],
        "text": e.sentence,
        "comment": f"CAMEO {e.cameo}; rule {e.rule}; modality {e.modality}",
        "coder": "orbit",
        # orbit's own fields
        "cameo": e.cameo,
        "negated": e.negated,
        "hypothetical": e.hypothetical,
        "doc_id": e.doc_id,
        "confidence": e.confidence,
        "cluster_id": cluster_id,
    }
    if e.place is not None:
        record["event_loc"] = {"name": e.place.name, "country_code": e.place.country, "lat": e.place.lat,
                               "lon": e.place.lon, "geonameid": e.place.geonameid}
    return record
