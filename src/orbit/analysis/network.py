"""The actor network: countries as nodes, cooperation and conflict as weighted edges."""
from __future__ import annotations

from typing import Optional

from ..store.queries import ranked_dyads
from ..store.store import Store


def network_edges(store: Store, since: Optional[str] = None, until: Optional[str] = None, min_events: int = 1,
                  limit: int = 2000, indexes=None) -> list[dict]:
    """Edges between two known, different countries with at least `min_events` events in the
    window, most events first (the dyad aggregates' query, store/queries.py; `indexes`: the
    server's window indexes, store/window_index.py)."""
    return ranked_dyads(store.conn, since, until, limit, min_events=min_events, indexes=indexes)


def network_graph(store: Store, since: Optional[str] = None, until: Optional[str] = None, min_events: int = 1):
    """A networkx DiGraph with cooperation, conflict, events and goldstein on each edge."""
    import networkx as nx

    g = nx.DiGraph()
    for e in network_edges(store, since, until, min_events):
        g.add_edge(e["source"], e["target"], events=int(e["events"]), cooperation=int(e["cooperation"]),
                   conflict=int(e["conflict"]), goldstein=float(e["goldstein_sum"]),
                   goldstein_mean=float(e["goldstein_sum"]) / max(int(e["events"]), 1))
    for node in g.nodes:
        g.nodes[node]["label"] = node
        g.nodes[node]["events"] = int(sum(d["events"] for *_, d in g.in_edges(node, data=True))
                                      + sum(d["events"] for *_, d in g.out_edges(node, data=True)))
    return g
