"""Event clustering: many mentions of one real-world event become one cluster.

Incremental and deterministic: asserted events not yet in a cluster are taken in id
order; each is compared with the open clusters of its dyad (either direction for
reciprocal events such as meetings and fighting) whose compatible root and dates fit,
and joins the best one when the evidence adds up, else starts a new cluster. The score
and a readable reason are stored with every membership, so a merge can be explained:

    dyad USA->KAZ; code 040 = 040; 0 days apart; place KAZ; text 0.41 -> 0.93

Stories group the documents whose events share clusters (union-find over documents).
The weights and thresholds below were tuned together on tests/data/clusters (original
articles reporting the same events in different words, plus unrelated ones).

This module reads and decides; every write (clusters, memberships, counts, stories) goes
through the store's one writer path (`Store.write_clusters`, `ClusterWrites`).
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Optional
from urllib.parse import urlparse

from ..store.store import ClusterWrites, Store

# roots that are one kind of happening for clustering ("pledged aid" and "gave aid")
ROOT_GROUPS = {"03": "coop", "07": "coop", "05": "diplo", "04": "meet", "18": "force", "19": "force", "20": "force",
               "15": "posture", "16": "sanction", "17": "coerce"}
RECIPROCAL_GROUPS = {"meet", "diplo"}  # a strike and the retaliation for it are two events
# how far apart (days) two mentions of one event may be dated, by the precision of the later date
DAY_WINDOW = {10: 3, 7: 31, 4: 366}
W_DYAD, W_DYAD_REVERSED = 0.40, 0.30
# "the US met someone on Tuesday": with one side unknown the dyad says little, the words must
W_DYAD_PARTIAL = 0.20
W_SAME_CODE, W_SAME_ROOT, W_SAME_GROUP = 0.20, 0.15, 0.12
W_SAME_DAY, W_NEAR_DAY = 0.15, 0.10
W_PLACE, W_PLACE_CONFLICT = 0.10, -0.30
W_TEXT = 0.45
W_SAME_DOCUMENT = 0.10
MERGE_THRESHOLD = 0.65
MAX_WORDS = 80
STOP = frozenset("""about after again against also among another because been before being between both could
during each from have having into more most other over said says such than that their them then there these
they this those through under until very were what when where which while will with would year years week
monday tuesday wednesday thursday friday saturday sunday officials official told statement according""".split())
WORD = re.compile(r"[a-z][a-z'-]{3,}")


def content_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if w not in STOP}


def _days(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def _group(root: str) -> str:
    return ROOT_GROUPS.get(root, root)


@dataclass
class _Mention:
    id: int
    document_id: int
    source: str
    target: str
    root: str
    cameo: str
    date: str
    day: str
    place: Optional[str]
    sentence: str
    evidence: str
    goldstein: float
    outlet: str
    reported: str


def _mentions(conn: sqlite3.Connection, only_new: bool) -> list[_Mention]:
    where = "AND NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.event_id = e.id)" if only_new else ""
    rows = conn.execute(
        "SELECT e.id, e.document_id, coalesce(e.source_country, '') AS source, coalesce(e.target_country, '') AS target, "
        "e.root, e.cameo, e.date, e.day, e.place_country, e.sentence, e.span_start, e.span_end, e.sentence_start, "
        "e.goldstein, d.source AS outlet, d.url, d.doc_key, d.date AS reported "
        f"FROM events e JOIN documents d ON d.id = e.document_id WHERE e.negated = 0 AND e.hypothetical = 0 {where} "
        "ORDER BY e.id").fetchall()
    out = []
    for r in rows:
        outlet = r["outlet"] or (urlparse(r["url"]).netloc if r["url"] else "") or f"doc:{r['document_id']}"
        ev = r["sentence"][r["span_start"] - r["sentence_start"]:r["span_end"] - r["sentence_start"]]
        out.append(_Mention(r["id"], r["document_id"], r["source"], r["target"], r["root"], r["cameo"], r["date"],
                            r["day"], r["place_country"], r["sentence"], ev, r["goldstein"], outlet, r["reported"]))
    return out


def score(m: _Mention, c: sqlite3.Row, words: set[str], same_document: bool) -> tuple[float, str]:
    """How strongly a mention belongs to a cluster, and why."""
    parts, total = [], 0.0
    if not (m.source and m.target):
        total += W_DYAD_PARTIAL
        parts.append(f"dyad {m.source or '?'}->{m.target or '?'} (one side unknown)")
    elif (c["source_country"], c["target_country"]) == (m.source, m.target):
        total += W_DYAD
        parts.append(f"dyad {m.source}->{m.target}")
    else:
        total += W_DYAD_REVERSED
        parts.append(f"dyad {m.source}<->{m.target} (reciprocal)")
    if c["cameo"] == m.cameo:
        total += W_SAME_CODE
        parts.append(f"code {m.cameo}")
    elif c["root"] == m.root:
        total += W_SAME_ROOT
        parts.append(f"root {m.root}")
    else:
        total += W_SAME_GROUP
        parts.append(f"roots {c['root']}/{m.root}")
    gap = min(_days(m.day, c["first_day"]), _days(m.day, c["last_day"]))
    if gap == 0:
        total += W_SAME_DAY
    elif gap <= 1:
        total += W_NEAR_DAY
    parts.append(f"{gap} days apart")
    if m.place and c["place_country"]:
        if m.place == c["place_country"]:
            total += W_PLACE
            parts.append(f"place {m.place}")
        else:
            total += W_PLACE_CONFLICT
            parts.append(f"places differ {m.place}/{c['place_country']}")
    cw = set(c["words"].split())
    sim = len(words & cw) / len(words | cw) if words and cw else 0.0
    total += W_TEXT * sim
    parts.append(f"text {sim:.2f}")
    if same_document:
        total += W_SAME_DOCUMENT
        parts.append("same article")
    return round(total, 3), "; ".join(parts) + f" -> {total:.2f}"


def _candidates(conn: sqlite3.Connection, m: _Mention) -> list[sqlite3.Row]:
    window = DAY_WINDOW.get(len(m.date), 3)
    group = _group(m.root)
    pairs = [(m.source, m.target)]
    if group in RECIPROCAL_GROUPS and m.source != m.target:
        pairs.append((m.target, m.source))
    rows = []
    for s, t in pairs:
        rows += conn.execute(
            "SELECT * FROM clusters WHERE source_country = ? AND target_country = ? AND root_group = ? "
            "AND last_day >= date(?, ?) AND first_day <= date(?, ?) ORDER BY id",
            (s, t, group, m.day, f"-{window} days", m.day, f"+{window} days")).fetchall()
    return rows


def cluster_pending(store: Store, rebuild: bool = False) -> dict:
    """Cluster the events not yet in a cluster (all of them with rebuild). One transaction,
    the store's (Store.write_clusters): this module decides, the store writes."""
    counts, stories = store.write_clusters(lambda writes: _assign(store.conn, writes), rebuild=rebuild)
    return {**counts, "stories_touched": stories}


def _assign(conn: sqlite3.Connection, writes: ClusterWrites) -> dict:
    """Each pending mention joins its best-scoring candidate cluster, or starts one.
    Reads see the writes made so far (one connection, one transaction)."""
    mentions = _mentions(conn, only_new=True)
    merged = created = 0
    for m in mentions:
        words = content_words(m.sentence)
        best, best_score, best_reason = None, 0.0, ""
        for c in _candidates(conn, m):
            same_doc = conn.execute("SELECT 1 FROM cluster_members cm JOIN events e ON e.id = cm.event_id "
                                    "WHERE cm.cluster_id = ? AND e.document_id = ? LIMIT 1",
                                    (c["id"], m.document_id)).fetchone() is not None
            s, reason = score(m, c, words, same_doc)
            if s > best_score:
                best, best_score, best_reason = c, s, reason
        if best is not None and best_score >= MERGE_THRESHOLD:
            new_words = " ".join(sorted((set(best["words"].split()) | words)))[:2000].split()[:MAX_WORDS * 2]
            writes.join(m.id, best["id"], best_score, best_reason, m.day, m.reported, " ".join(new_words), m.place)
            merged += 1
        else:
            writes.create(m.id, source=m.source, target=m.target, root=m.root, root_group=_group(m.root),
                          cameo=m.cameo, day=m.day, reported=m.reported, place=m.place,
                          label=m.evidence or m.sentence[:200], words=" ".join(sorted(words)[:MAX_WORDS]),
                          goldstein=m.goldstein)
            created += 1
    return {"mentions": len(mentions), "merged": merged, "clusters_created": created}
