"""The actor network as GraphML or GEXF, for Gephi."""
from __future__ import annotations

from pathlib import Path

from ..store.queries import EventFilter
from ..store.store import Store


def write_network(store: Store, f: EventFilter, path: str | Path, fmt: str = "graphml") -> int:
    import networkx as nx

    from ..analysis.network import network_graph

    g = network_graph(store, f.since, f.until)
    if fmt == "gexf":
        nx.write_gexf(g, str(path))
    else:
        nx.write_graphml(g, str(path))
    return g.number_of_edges()
