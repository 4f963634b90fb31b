"""Clustering on real news: raw mentions against clusters, and merges for a human to check.

    .venv/bin/python bench/cluster_report.py [--db /tmp/orbit_real.db] [--sample 12]

Ingests the real news corpus of bench/ingest_bench.py (GeoWebNews/LGL/TR-News/GeoVirus
and PolNeAR, about 1,200 articles) into --db when it is not there yet, then prints how
many asserted mentions became how many clusters, the size distribution, and a random
(seeded) sample of clusters with more than one mention: every member's evidence
sentence, outlet and date, and the reason stored for its merge.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path("/tmp/orbit_real.db"))
    ap.add_argument("--sample", type=int, default=12)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args(argv)

    from orbit.ingest import ingest
    from orbit.io import iter_documents
    from orbit.settings import load_settings
    from orbit.store.store import Store

    if not args.db.exists():
        from ingest_bench import load_articles, write_jsonl

        with tempfile.TemporaryDirectory() as tmp:
            corpus = write_jsonl(load_articles(), Path(tmp))
            settings = load_settings()
            store = Store(args.db)
            report = ingest(iter_documents([str(corpus)], settings), store, settings)
            store.close()
        print(f"ingested {report.stored} documents, {report.events} events in {report.seconds:.0f} s")

    s = Store(args.db, readonly=True)
    one = lambda sql: s.conn.execute(sql).fetchone()[0]
    mentions = one("SELECT count(*) FROM cluster_members")
    clusters = one("SELECT count(*) FROM clusters")
    sizes = Counter(r[0] for r in s.conn.execute("SELECT mentions FROM clusters"))
    multi = [r[0] for r in s.conn.execute("SELECT id FROM clusters WHERE mentions > 1 ORDER BY id")]
    cross = one("SELECT count(*) FROM clusters WHERE documents > 1")
    print(f"documents {one('SELECT count(*) FROM documents')}, asserted mentions {mentions}, clusters {clusters} "
          f"(reduction {1 - clusters / max(mentions, 1):.1%}); clusters with 2+ mentions {len(multi)}, "
          f"across 2+ articles {cross}; stories {one('SELECT count(*) FROM stories')}")
    print("cluster sizes: " + ", ".join(f"{k}: {v}" for k, v in sorted(sizes.items())))
    rng = random.Random(args.seed)
    for cid in sorted(rng.sample(multi, min(args.sample, len(multi)))):
        c = s.conn.execute("SELECT * FROM clusters WHERE id = ?", (cid,)).fetchone()
        print(f"\ncluster {cid}: {c['source_country'] or '?'} -> {c['target_country'] or '?'} {c['cameo']}, "
              f"{c['mentions']} mentions in {c['documents']} documents, {c['first_day']}..{c['last_day']}")
        for m in s.cluster_members(cid):
            print(f"  [{m['doc_key'][:28]:28s} {m['day']}] {m['sentence'][:140]!r}")
            print(f"      {m['reason']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
