"""PETRARCH's own unit-test records (or TABARI's validation records), coded with PETRARCH's
validation dictionaries.

    .venv/bin/python bench/eval_petrarch_unittest.py [--suite petrarch|tabari] [--their-verbs] [--show N]

The records (../shared/benchmarks/petrarch2_unittest) use fictional actors (Arnor, Gondor,
Osgiliath ...) defined only in PETR.Validate.actors.txt and .agents.txt, so they test
whether orbit reads PETRARCH-format dictionaries, including dated codes and agents.
Reported: of the expected source and target codes, how many orbit finds among the actors
of the sentence; how many expected dyads it codes as an event (any code, since the
records' verb codes are mostly KEDS/WEIS test codes, not CAMEO); and exact CAMEO codes
where the expected code is a CAMEO code.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from _options import add_triage_option

ROOT = Path(__file__).resolve().parents[1]
UNIT = ROOT.parent / "shared" / "benchmarks" / "petrarch2_unittest"
# the same fictional world's older suite; coded with the fuller PETRARCH versions of its dictionaries
TABARI = ROOT.parent / "shared" / "benchmarks" / "tabari_validation" / "Validate.jsonl"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=15)
    add_triage_option(ap)
    ap.add_argument("--suite", choices=("petrarch", "tabari"), default="petrarch",
                    help="PETRARCH2's unit-test records, or TABARI's validation records (475)")
    ap.add_argument("--their-verbs", action="store_true",
                    help="also load PETR.Validate.verbs.txt (their verb dictionary, KEDS/WEIS test codes)")
    args = ap.parse_args(argv)
    from orbit.events.cameo import load_codebook
    from orbit.model import RawDocument
    from orbit.pipeline import Pipeline
    from orbit.settings import load_settings

    verbs = (str(UNIT / "PETR.Validate.verbs.txt"),) if args.their_verbs else ()
    settings = load_settings(actor_files=(str(UNIT / "PETR.Validate.actors.txt"), str(UNIT / "PETR.Validate.agents.txt")),
                             verb_files=verbs, require_english=False)
    pipeline = Pipeline(settings.replace(triage=args.triage))
    codebook = load_codebook()
    source = TABARI if args.suite == "tabari" else UNIT / "PETR.UnitTest.records.jsonl"
    recs = [json.loads(line) for line in source.read_text().splitlines() if line]
    recs = [r for r in recs if r.get("valid", True) and not r.get("expect_error") and not r.get("expect_discard")
            and not r.get("after_final_record")]
    raws = [RawDocument(r["id"], r["text"], "text", date.fromisoformat(r["date"]), title="") for r in recs]
    results = {res.doc_id: res for res in pipeline.process(raws) if hasattr(res, "events")}
    codes_expected = codes_found = dyads_expected = dyads_found = cameo_expected = cameo_exact = 0
    quiet_expected = quiet_kept = 0
    misses = []
    for r in recs:
        res = results.get(r["id"])
        if res is None:
            continue
        if not r["expected"]:
            quiet_expected += 1
            quiet_kept += not any(e.asserted for e in res.events)
        actor_codes = {a.code for a in res.actors if a.code}
        actor_codes |= {e.source.code for e in res.events if e.source} | {e.target.code for e in res.events if e.target}
        pairs = {(e.source.code, e.target.code if e.target else None): e.cameo for e in res.events if e.asserted}
        for g in r["expected"]:
            for side in ("source", "target"):
                code = g[side].strip('"')
                if code and code not in ("---",):
                    codes_expected += 1
                    if code in actor_codes:
                        codes_found += 1
                    else:
                        misses.append(f"{r['id']}: {side} {code} not among {sorted(actor_codes)} | {r['text'][:90]}")
            dyads_expected += 1
            hit = [c for (s, t), c in pairs.items() if s == g["source"] and t == g["target"]]
            if hit:
                dyads_found += 1
            if g["code"] in codebook:
                cameo_expected += 1
                if g["code"] in hit:
                    cameo_exact += 1
    pct = lambda a, b: f"{100 * a / b:.1f}%" if b else "n/a"
    print(f"records coded: {len(results)} of {len(recs)} valid records")
    print(f"expected source/target codes found among the sentence's actors: {codes_found}/{codes_expected} "
          f"({pct(codes_found, codes_expected)})")
    print(f"expected dyads coded as an asserted event (any code): {dyads_found}/{dyads_expected} "
          f"({pct(dyads_found, dyads_expected)})")
    print(f"exact code where the expected code is CAMEO: {cameo_exact}/{cameo_expected} ({pct(cameo_exact, cameo_expected)})")
    print(f"records expecting no event left without an asserted one: {quiet_kept}/{quiet_expected}")
    for m in misses[:args.show]:
        print("  miss:", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
