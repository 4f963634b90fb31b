"""Event coding scores on every gold set orbit has, in one run.

    .venv/bin/python bench/eval_events.py [--show N]

  - the seed article (anchor gold in ../shared/seed);
  - orbit's own held-out items (tests/data/heldout/items.jsonl; precision and recall);
  - the PETRARCH2 GSR real-news records (country dyad + root, exact code, extras per record).
Prints each report; exits 0 (a script for people, not a gate).
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from _options import add_triage_option

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def code_records(pipeline, recs: list[dict]) -> list[dict]:
    from orbit.model import RawDocument
    from orbit.serialize import event_dict

    raws = []
    for r in recs:
        d = r.get("date")
        day = date.fromisoformat(d) if isinstance(d, str) and len(d) == 10 else None
        raws.append(RawDocument(str(r["id"]), r["text"], "text", day, title=""))
    out = []
    for res in pipeline.process(raws):
        if hasattr(res, "events"):
            out += [event_dict(e) for e in res.events]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=0)
    add_triage_option(ap)
    args = ap.parse_args(argv)
    from orbit.evaluate import evaluate
    from orbit.model import RawDocument
    from orbit.pipeline import Pipeline
    from orbit.serialize import event_dict
    from orbit.settings import load_settings

    pipeline = Pipeline(load_settings().replace(triage=args.triage))
    seed = SHARED / "seed" / "blinken-central-asia"
    if seed.with_suffix(".txt").exists():
        raw = RawDocument("seed", seed.with_suffix(".txt").read_text(encoding="utf-8"), "text", date(2023, 2, 28))
        events = [event_dict(e) for r in pipeline.process([raw]) for e in r.events]
        print("== seed\n" + evaluate(events, records(seed.with_suffix(".events.jsonl"))).render(args.show))
    heldout = ROOT / "tests" / "data" / "heldout" / "items.jsonl"
    recs = records(heldout)
    print("\n== held-out items\n" + evaluate(code_records(pipeline, recs), recs).render(args.show))
    gsr = SHARED / "benchmarks" / "petrarch2_gsr_validation" / "PETR2_GSR_validation.jsonl"
    if gsr.exists():
        recs = records(gsr)
        print("\n== PETRARCH2 GSR\n" + evaluate(code_records(pipeline, recs), recs).render(args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
