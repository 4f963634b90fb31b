"""Plots written as PNG and SVG with matplotlib (Agg backend: no display needed)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..store.store import Store
from .network import network_graph
from .series import dyad_series

COOPERATION = "#2b7bba"
CONFLICT = "#c0392b"


def _figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, out: Path) -> list[Path]:
    out.parent.mkdir(parents=True, exist_ok=True)
    paths = []
    for suffix in (".png", ".svg"):
        p = out.with_suffix(suffix)
        fig.savefig(p, dpi=130, bbox_inches="tight")
        paths.append(p)
    return paths


def plot_dyad(store: Store, a: str, b: str, out: Path, freq: str = "month", since: Optional[str] = None,
              until: Optional[str] = None) -> list[Path]:
    """Cooperation and conflict events between two countries (both directions) and mean Goldstein."""
    plt = _figure()
    ab = dyad_series(store, a, b, freq, since, until)
    ba = dyad_series(store, b, a, freq, since, until)
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    for frame, label, sign in ((ab, f"{a.upper()} → {b.upper()}", 1), (ba, f"{b.upper()} → {a.upper()}", -1)):
        if frame.empty:
            continue
        x = frame["period"].astype("datetime64[ns]")
        coop = frame["q1"] + frame["q2"]
        conf = frame["q3"] + frame["q4"]
        width = {"day": 0.8, "week": 5, "month": 20, "year": 250}.get(freq, 20)
        top.bar(x, sign * coop, width=width, color=COOPERATION, alpha=0.85 if sign > 0 else 0.5,
                label=f"{label} cooperation")
        top.bar(x, sign * conf, width=width, bottom=sign * coop, color=CONFLICT, alpha=0.85 if sign > 0 else 0.5,
                label=f"{label} conflict")
        bottom.plot(x, frame["goldstein_mean"], marker="o", label=f"{label} mean Goldstein")
    top.axhline(0, color="black", linewidth=0.6)
    top.set_ylabel(f"events per {freq} (below: reverse direction)")
    top.set_title(f"{a.upper()} and {b.upper()}: cooperation and conflict")
    top.legend(fontsize=8, loc="upper left")
    bottom.axhline(0, color="grey", linewidth=0.6)
    bottom.set_ylabel("Goldstein (mean)")
    bottom.set_ylim(-10.5, 10.5)
    bottom.legend(fontsize=8, loc="lower left")
    fig.autofmt_xdate()
    paths = _save(fig, out)
    plt.close(fig)
    return paths


def plot_network(store: Store, out: Path, since: Optional[str] = None, until: Optional[str] = None,
                 min_events: int = 1, top: int = 40) -> list[Path]:
    """Countries as nodes (size: events), edges blue for cooperation and red for conflict."""
    import networkx as nx

    plt = _figure()
    g = network_graph(store, since, until, min_events)
    if g.number_of_nodes() > top:
        keep = sorted(g.nodes, key=lambda n: -g.nodes[n]["events"])[:top]
        g = g.subgraph(keep).copy()
    fig, ax = plt.subplots(figsize=(10, 8))
    if g.number_of_nodes():
        pos = nx.spring_layout(g, seed=7, k=1.2 / max(len(g) ** 0.5, 1))
        sizes = [200 + 40 * g.nodes[n]["events"] for n in g.nodes]
        colors = [COOPERATION if d["cooperation"] >= d["conflict"] else CONFLICT for *_, d in g.edges(data=True)]
        widths = [0.6 + min(d["events"], 30) / 5 for *_, d in g.edges(data=True)]
        nx.draw_networkx_nodes(g, pos, node_size=sizes, node_color="#f2f2f2", edgecolors="#333333", ax=ax)
        nx.draw_networkx_labels(g, pos, font_size=9, ax=ax)
        nx.draw_networkx_edges(g, pos, edge_color=colors, width=widths, arrows=True, arrowsize=12,
                               connectionstyle="arc3,rad=0.08", ax=ax)
    window = f"{since or 'start'} to {until or 'end'}"
    ax.set_title(f"Actor network, {window}: blue cooperation, red conflict (width: events)")
    ax.axis("off")
    paths = _save(fig, out)
    plt.close(fig)
    return paths
