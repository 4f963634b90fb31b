"""The actor network: countries as nodes, cooperation and conflict as weighted edges."""
from __future__ import annotations

from typing import Optional

from ..store.store import Store
from ..store.queries import WINDOW_COLUMNS, window, window_rows


def network_edges(store: Store, since: Optional[str] = None, until: Optional[str] = None, min_events: int = 1,
                  limit: int = 2000) -> list[dict]:
    s, u = window(since, until)
    rows_sql, params = window_rows(s, u)
    rows = store.conn.execute(
        f"WITH w{WINDOW_COLUMNS} AS ({rows_sql}) SELECT source_country AS source, target_country AS target, "
        "sum(events) AS events, sum(cooperation) AS cooperation, sum(conflict) AS conflict, "
        "sum(goldstein_sum) AS goldstein_sum FROM w WHERE source_country != '' AND target_country != '' "
        "AND source_country != target_country GROUP BY source_country, target_country "
        "HAVING sum(events) >= ? ORDER BY events DESC LIMIT ?", (*params, min_events, limit)).fetchall()
    return [dict(r) for r in rows]


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
