"""Dyad time series, top actors and dyads, and "what changed" between two windows.

The series sums and pivots the daily dyad aggregates (table dyad_daily) into a DataFrame
(the API's series reads the pre-split series tables instead, and the tests compare the
two); the top lists are the API's queries over the window totals (store/queries.py) as
DataFrames. All are kept in step with the events by the store, so they answer in
milliseconds on tens of millions of events. Counts are asserted events only.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Optional

from ..errors import QueryError
from ..store import queries
from ..store.queries import COUNTRY, window
from ..store.store import Store

PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year"}
ROOTS = [f"{r:02d}" for r in range(1, 21)]


def _country(value: str, name: str) -> str:
    if not value or not COUNTRY.match(value):
        raise QueryError(f"{name} must be a three-letter country code such as USA, not {value!r}")
    return value.upper()




def _period_expr(freq: str) -> str:
    if freq == "day":
        return "day"
    if freq == "week":  # ISO-ish weeks starting on Monday
        return "date(day, '-' || ((strftime('%w', day) + 6) % 7) || ' days')"
    if freq == "month":
        return "substr(day, 1, 7) || '-01'"
    if freq == "year":
        return "substr(day, 1, 4) || '-01-01'"
    raise QueryError(f"frequency must be one of {', '.join(PERIODS)}, not {freq!r}")


def dyad_series(store: Store, a: str, b: str, freq: str = "month", since: Optional[str] = None,
                until: Optional[str] = None, both_directions: bool = False):
    """Per period: events by QuadClass and root, Goldstein sum and mean, for a -> b (and b -> a)."""
    import pandas as pd

    a, b = _country(a, "source"), _country(b, "target")
    s, u = window(since, until)
    period = _period_expr(freq)
    pairs = [(a, b), (b, a)] if both_directions else [(a, b)]
    rows = []
    for src, tgt in pairs:
        rows += store.conn.execute(
            f"SELECT {period} AS period, root, quad_class, sum(events) AS n, sum(goldstein_sum) AS g "
            f"FROM dyad_daily WHERE source_country = ? AND target_country = ? AND day BETWEEN ? AND ? "
            f"GROUP BY period, root, quad_class", (src, tgt, s, u)).fetchall()
    frame = pd.DataFrame([dict(r) for r in rows], columns=["period", "root", "quad_class", "n", "g"])
    if frame.empty:
        return pd.DataFrame(columns=["period", "events", "goldstein_sum", "goldstein_mean", "q1", "q2", "q3", "q4"]
                            + [f"r{r}" for r in ROOTS])
    out = frame.groupby("period").agg(events=("n", "sum"), goldstein_sum=("g", "sum")).reset_index()
    out["goldstein_mean"] = out["goldstein_sum"] / out["events"]
    quads = frame.pivot_table(index="period", columns="quad_class", values="n", aggfunc="sum", fill_value=0)
    for q in (1, 2, 3, 4):
        out[f"q{q}"] = out["period"].map(quads[q] if q in quads.columns else {}).fillna(0).astype(int)
    roots = frame.pivot_table(index="period", columns="root", values="n", aggfunc="sum", fill_value=0)
    for r in ROOTS:
        out[f"r{r}"] = out["period"].map(roots[r] if r in roots.columns else {}).fillna(0).astype(int)
    return out.sort_values("period").reset_index(drop=True)


def top_dyads(store: Store, since: Optional[str] = None, until: Optional[str] = None, n: int = 20,
              include_domestic: bool = False):
    """The API's query (store/queries.py: yearly, monthly and daily totals of the window) as a DataFrame."""
    import pandas as pd

    return pd.DataFrame(queries.top_dyads(store.conn, since, until, n, include_domestic),
                        columns=["source", "target", "events", "cooperation", "conflict", "goldstein_sum"])


def top_actors(store: Store, since: Optional[str] = None, until: Optional[str] = None, n: int = 20):
    """The API's query (store/queries.py: per-country totals of the window) as a DataFrame."""
    import pandas as pd

    return pd.DataFrame(queries.top_actors(store.conn, since, until, n),
                        columns=["country", "as_source", "as_target", "events"])


def what_changed(store: Store, before: tuple[str, str], after: tuple[str, str], n: int = 20):
    """Dyads whose event counts and Goldstein totals moved most between two windows."""
    a = top_dyads(store, *before, n=100_000).set_index(["source", "target"])
    b = top_dyads(store, *after, n=100_000).set_index(["source", "target"])
    joined = a.merge(b, how="outer", left_index=True, right_index=True, suffixes=("_before", "_after")).fillna(0)
    joined["events_change"] = joined["events_after"] - joined["events_before"]
    joined["goldstein_change"] = joined["goldstein_sum_after"] - joined["goldstein_sum_before"]
    joined["conflict_change"] = joined["conflict_after"] - joined["conflict_before"]
    joined["abs_change"] = joined["events_change"].abs()
    out = joined.sort_values("abs_change", ascending=False).head(n).reset_index()
    return out[["source", "target", "events_before", "events_after", "events_change", "conflict_change",
                "goldstein_change"]]


def last_days(days: int, until: Optional[date] = None) -> tuple[str, str]:
    end = until or date.today()
    return (end - timedelta(days=days - 1)).isoformat(), end.isoformat()
