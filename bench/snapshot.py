"""Everything orbit outputs for a fixed set of texts, as one JSON file: the check that a
refactor changes no output (issue 18). Run it before and after, then compare.

    .venv/bin/python bench/snapshot.py OUT.json [--docs 300] [--coder combined]
    cmp before.json after.json    # or: python bench/snapshot.py --diff before.json after.json

Texts: the first --docs articles of the geoparsing news benchmark (the throughput set), the
seed article and orbit's dev items, each through the full pipeline (`orbit read`) and the
events-only triaged run (`orbit code --coder rules`). Not a test: it needs ../shared.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from throughput import DEFAULT_SOURCE, load_texts  # noqa: E402

SEED = ROOT.parent / "shared" / "seed" / "blinken-central-asia.txt"
DEV_ITEMS = ROOT / "tests" / "data" / "dev_items" / "items.jsonl"


def documents(n: int):
    from orbit.model import RawDocument

    docs = [RawDocument(f"news-{i}", t, "text", date(2020, 1, 1), title="") for i, t in enumerate(load_texts(DEFAULT_SOURCE, n))]
    docs.append(RawDocument("seed", SEED.read_text(encoding="utf-8"), "text", date(2023, 3, 1), title=""))
    for line in DEV_ITEMS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        when = date.fromisoformat(item["date"]) if item.get("date") else date(2020, 1, 1)
        docs.append(RawDocument(item["id"], item["text"], "text", when, title=""))
    return docs


def snapshot(n: int, coder: str) -> dict:
    from orbit.pipeline import Pipeline
    from orbit.serialize import result_dict
    from orbit.settings import load_settings

    settings = load_settings(coder=coder)
    out = {}
    for name, s in (("read", settings), ("code_rules", settings.replace(coder="rules", triage=True))):
        out[name] = [result_dict(r) if hasattr(r, "events") else repr(r) for r in Pipeline(s).process(documents(n))]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, nargs="?")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--coder", default="combined")
    ap.add_argument("--diff", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args(argv)
    if args.diff:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in args.diff)
        changed = 0
        for run in before:
            for b, a in zip(before[run], after[run]):
                if b != a:
                    changed += 1
                    print(f"{run}: {b.get('doc_id') if isinstance(b, dict) else b} differs")
        print(f"{changed} documents differ")
        return 1 if changed else 0
    data = snapshot(args.docs, args.coder)
    args.out.write_text(json.dumps(data, sort_keys=True, indent=0), encoding="utf-8")
    print(f"{sum(len(v) for v in data.values())} results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
