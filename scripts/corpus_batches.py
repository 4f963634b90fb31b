"""Annotation batches for the corpus: item texts for annotators, outside the repository.

    .venv/bin/python scripts/corpus_batches.py OUTDIR [--size 70]

Writes OUTDIR/p1-NN.jsonl (every item, shuffled so that each batch mixes sources) and
OUTDIR/p2-NN.jsonl (the second, independent pass: about 12% of the items, chosen by a hash
of the id across all splits). Each line: {"id", "date", "date_exact", "text"}. The texts
come from ../shared and stay out of the repository (their licences do not allow a copy);
annotators write `corpus/passes/pass1/p1-NN.jsonl` and `corpus/passes/pass2/p2-NN.jsonl`.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from orbit.learn.sources import item_text  # noqa: E402

BENCH = ROOT.parent / "shared" / "benchmarks"
SECOND_PASS_SHARE = 12  # percent of items annotated twice


def in_second_pass(item_id: str) -> bool:
    return int(hashlib.sha256(f"pass2:{item_id}".encode()).hexdigest(), 16) % 100 < SECOND_PASS_SHARE


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--size", type=int, default=70)
    ap.add_argument("--stage", type=int, default=1, help="batches for the items of this stage (2: the supplement)")
    ap.add_argument("--first", type=int, nargs=2, default=(1, 1), metavar=("P1", "P2"),
                    help="numbers of the first pass-1 and pass-2 batches")
    args = ap.parse_args(argv)
    items = [it for it in map(json.loads, (ROOT / "corpus" / "items.jsonl").open(encoding="utf-8"))
             if it.get("stage", 1) == args.stage]
    rows = [{"id": it["id"], "date": it["date"], "date_exact": it["date_exact"], "text": item_text(BENCH, it)}
            for it in items]
    random.Random(11).shuffle(rows)
    args.outdir.mkdir(parents=True, exist_ok=True)
    for (prefix, chosen), first in zip((("p1", rows), ("p2", [r for r in rows if in_second_pass(r["id"])])),
                                        args.first):
        n = first - 1
        for n, start in enumerate(range(0, len(chosen), args.size), first):
            with (args.outdir / f"{prefix}-{n:02d}.jsonl").open("w", encoding="utf-8") as fh:
                for r in chosen[start:start + args.size]:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{prefix}: {len(chosen)} items in batches {first}-{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
