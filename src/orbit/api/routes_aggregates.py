"""Aggregate read routes: top actors and dyads, dyad series, the network and the map.

All read the dyad aggregates or small indexed sets through store/queries.py and return
plain rows (no DataFrame per request). They are the dashboard's hottest URLs and change
only when the store does, so their rendered bodies are kept until the next write
(`cached_read(..., cache=True)`, api/cache.py). Coroutines run on the event loop, as the
other reads (routes_reads.py says why).
"""
from __future__ import annotations

import json
from typing import Optional

import orjson
from fastapi import APIRouter, Query, Request

from ..store import queries
from ..store.queries import EventFilter
from .cache import cached_read

PAGE_MAX = 1000


def aggregate_routes(state) -> APIRouter:
    r = APIRouter()

    @r.get("/api/actors")
    async def actors(request: Request, since: Optional[str] = Query(None, max_length=10),
                     until: Optional[str] = Query(None, max_length=10), limit: int = Query(50, ge=1, le=PAGE_MAX)):
        return cached_read(state, request, lambda s: {"items": queries.top_actors(s.conn, since, until, limit)},
                           cache=True)

    @r.get("/api/dyads")
    async def dyads(request: Request, since: Optional[str] = Query(None, max_length=10),
                    until: Optional[str] = Query(None, max_length=10), limit: int = Query(50, ge=1, le=PAGE_MAX)):
        return cached_read(state, request, lambda s: {"items": queries.top_dyads(s.conn, since, until, limit,
                                                                                  indexes=state.window_indexes)},
                           cache=True)

    @r.get("/api/series")
    async def series(request: Request, source: str = Query(..., min_length=3, max_length=3),
                     target: str = Query(..., min_length=3, max_length=3),
                     freq: str = Query("month", pattern="^(day|week|month|year)$"),
                     since: Optional[str] = Query(None, max_length=10),
                     until: Optional[str] = Query(None, max_length=10),
                     both: bool = False):
        def build(s):
            # the rows come rendered (a daily series is thousands of rows): orjson splices them in
            items = queries.dyad_series_json(s.conn, source, target, freq, since, until, both_directions=both)
            return {"source": source.upper(), "target": target.upper(), "freq": freq, "items": orjson.Fragment(items)}

        return cached_read(state, request, build, cache=True)

    @r.get("/api/network")
    async def network(request: Request, since: Optional[str] = Query(None, max_length=10),
                      until: Optional[str] = Query(None, max_length=10), min_events: int = Query(1, ge=1, le=1_000_000),
                      limit: int = Query(500, ge=1, le=5000)):
        def build(s):
            from ..analysis.network import network_edges

            edges = network_edges(s, since, until, min_events, limit, indexes=state.window_indexes)
            return {"nodes": network_nodes(edges), "edges": edges}

        return cached_read(state, request, build, cache=True)

    @r.get("/api/places")
    async def places(request: Request, since: Optional[str] = Query(None, max_length=10),
                     until: Optional[str] = Query(None, max_length=10), limit: int = Query(2000, ge=1, le=20_000)):
        EventFilter(since=since, until=until).validate()

        def build(s):
            rows, events = queries.place_rows(s.conn, since, until, limit)
            return {"places": [dict(row) for row in rows],
                    "events": [dict(json.loads(e["place_json"]), root=e["root"], quad_class=e["quad_class"], id=e["id"])
                               for e in events]}

        return cached_read(state, request, build, cache=True)

    return r


def network_nodes(edges: list[dict]) -> list[dict]:
    """Each country in `edges` with its events, cooperation and conflict summed over its edges
    (in the order the countries first appear)."""
    nodes: dict[str, dict] = {}
    for e in edges:
        events, cooperation, conflict = e["events"], e["cooperation"], e["conflict"]
        for country in (e["source"], e["target"]):
            n = nodes.get(country)
            if n is None:
                nodes[country] = {"id": country, "events": events, "cooperation": cooperation, "conflict": conflict}
            else:
                n["events"] += events
                n["cooperation"] += cooperation
                n["conflict"] += conflict
    return list(nodes.values())
