"""Stage 7: analysis over a store, as pure functions Store -> records or DataFrames."""
from .series import dyad_series, top_actors, top_dyads, what_changed
from .network import network_edges

__all__ = ["dyad_series", "top_actors", "top_dyads", "what_changed", "network_edges"]
