"""PETRARCH's own unit-test records (or TABARI's validation records), coded with PETRARCH's
validation dictionaries.

    .venv/bin/python bench/eval_petrarch_unittest.py [--suite petrarch|tabari|pytest] [--their-verbs] [--show N]
                                                     [--part dev|test|all] [--coder rules|model]

The records (../shared/benchmarks/petrarch2_unittest) use fictional actors (Arnor, Gondor,
Osgiliath ...) defined only in PETR.Validate.actors.txt and .agents.txt, so they test
whether orbit reads PETRARCH-format dictionaries, including dated codes and agents.
Reported: of the expected source and target codes, how many orbit finds among the actors
of the sentence; how many expected dyads it codes as an event (any code, since the
records' verb codes are mostly KEDS/WEIS test codes, not CAMEO); and exact CAMEO codes
where the expected code is a CAMEO code. Splits: bench/splits/petrarch_unittest.json and
tabari.json (record hash); misses of test records are never listed.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from _options import add_coder_option, add_part_option, add_triage_option, coder_settings, in_test

ROOT = Path(__file__).resolve().parents[1]
UNIT = ROOT.parent / "shared" / "benchmarks" / "petrarch2_unittest"
# the same fictional world's older suite; coded with the fuller PETRARCH versions of its dictionaries
TABARI = ROOT.parent / "shared" / "benchmarks" / "tabari_validation" / "Validate.jsonl"


SPLIT = {"petrarch": "petrarch_unittest", "tabari": "tabari", "pytest": "petrarch_pytest"}
# PETRARCH2's own pytest cases (test_petrarch.py) code real text with the operational
# Phoenix dictionaries: three sentences with events, nine actor phrases
PYTEST = UNIT / "petrarch2_pytest_cases.jsonl"
PHOENIX = ROOT.parent / "shared" / "reference" / "petrarch2"
PHOENIX_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt",
                 "Phoenix.agents.txt")


def load_records(suite: str = "petrarch", part: str = "all") -> list[dict]:
    """The suite's valid records (those expecting an error or a discard left out) of one split."""
    from _options import select

    source = {"tabari": TABARI, "pytest": PYTEST}.get(suite, UNIT / "PETR.UnitTest.records.jsonl")
    recs = [json.loads(line) for line in source.read_text().splitlines() if line]
    recs = [r for r in recs if r.get("valid", True) and not r.get("expect_error") and not r.get("expect_discard")
            and not r.get("after_final_record")]
    return select(SPLIT[suite], recs, part)


def suite_settings(base, their_verbs: bool = False, suite: str = "petrarch"):
    """The caller's settings (coder, triage) with the suite's dictionaries: PETRARCH's
    validation ones, or for its pytest cases the operational Phoenix ones."""
    if suite == "pytest":
        return base.replace(actor_files=tuple(str(PHOENIX / f) for f in PHOENIX_FILES), require_english=False)
    verbs = (str(UNIT / "PETR.Validate.verbs.txt"),) if their_verbs else ()
    return base.replace(actor_files=(str(UNIT / "PETR.Validate.actors.txt"), str(UNIT / "PETR.Validate.agents.txt")),
                        verb_files=verbs, require_english=False)


def score(pipeline, recs: list[dict]) -> dict:
    from orbit.events.cameo import load_codebook
    from orbit.model import RawDocument

    codebook = load_codebook()
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
        for code in r.get("expected_actor_codes", []):
            codes_expected += 1
            if code in actor_codes:
                codes_found += 1
            else:
                misses.append((r["id"], f"{r['id']}: actor {code} not among {sorted(actor_codes, key=str)} | {r['text'][:90]}"))
        for g in r["expected"]:
            for side in ("source", "target"):
                code = g[side].strip('"')
                if code and code not in ("---",):
                    codes_expected += 1
                    if code in actor_codes:
                        codes_found += 1
                    else:
                        misses.append((r["id"], f"{r['id']}: {side} {code} not among {sorted(actor_codes, key=str)} | {r['text'][:90]}"))
            dyads_expected += 1
            hit = [c for (s, t), c in pairs.items() if s == g["source"] and t == g["target"]]
            if hit:
                dyads_found += 1
            if g["code"] in codebook:
                cameo_expected += 1
                if g["code"] in hit:
                    cameo_exact += 1
    return {"records": len(recs), "coded": len(results), "codes_found": codes_found, "codes_expected": codes_expected,
            "dyads_found": dyads_found, "dyads_expected": dyads_expected, "cameo_exact": cameo_exact,
            "cameo_expected": cameo_expected, "quiet_kept": quiet_kept, "quiet_expected": quiet_expected,
            "misses": misses}


def run(pipeline_or_settings=None, part: str = "all", suite: str = "petrarch", their_verbs: bool = False) -> dict:
    """Headline figures of one suite's split: actor codes found, dyads coded, exact CAMEO
    codes, no-event records left clean (counts with their totals as NAME_n, and rates);
    {} when there is nothing to score. The caller's coder and triage settings are kept;
    the dictionaries are PETRARCH's."""
    from _options import numbers, rate, settings_of

    from orbit.pipeline import Pipeline

    if not UNIT.exists():
        return {}
    recs = load_records(suite, part)
    if not recs:
        return {}
    t = score(Pipeline(suite_settings(settings_of(pipeline_or_settings), their_verbs, suite)), recs)
    return numbers({"actor_codes": rate(t["codes_found"], t["codes_expected"]),
            "dyads": t["dyads_found"], "dyads_n": t["dyads_expected"],
            "exact": t["cameo_exact"], "exact_n": t["cameo_expected"],
            "quiet": t["quiet_kept"], "quiet_n": t["quiet_expected"]})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=15)
    add_triage_option(ap)
    add_part_option(ap)
    add_coder_option(ap)
    ap.add_argument("--suite", choices=("petrarch", "tabari", "pytest"), default="petrarch",
                    help="PETRARCH2's unit-test records, TABARI's validation records (475), or PETRARCH2's "
                         "pytest cases (12, with the operational Phoenix dictionaries)")
    ap.add_argument("--their-verbs", action="store_true",
                    help="also load PETR.Validate.verbs.txt (their verb dictionary, KEDS/WEIS test codes)")
    args = ap.parse_args(argv)
    from orbit.pipeline import Pipeline

    if not UNIT.exists():
        print(f"no PETRARCH2 unit tests at {UNIT} (../shared is absent): nothing to score")
        return 0
    recs = load_records(args.suite, args.part)
    pipeline = Pipeline(suite_settings(coder_settings(args.coder, args.triage), args.their_verbs, args.suite))
    t = score(pipeline, recs)
    pct = lambda a, b: f"{100 * a / b:.1f}%" if b else "n/a"
    print(f"records coded: {t['coded']} of {t['records']} valid records (part: {args.part})")
    print(f"expected source/target codes found among the sentence's actors: {t['codes_found']}/{t['codes_expected']} "
          f"({pct(t['codes_found'], t['codes_expected'])})")
    print(f"expected dyads coded as an asserted event (any code): {t['dyads_found']}/{t['dyads_expected']} "
          f"({pct(t['dyads_found'], t['dyads_expected'])})")
    print(f"exact code where the expected code is CAMEO: {t['cameo_exact']}/{t['cameo_expected']} "
          f"({pct(t['cameo_exact'], t['cameo_expected'])})")
    print(f"records expecting no event left without an asserted one: {t['quiet_kept']}/{t['quiet_expected']}")
    readable = [m for rid, m in t["misses"] if not in_test(SPLIT[args.suite], rid)]
    if args.show and len(readable) < len(t["misses"]):
        print(f"  ({len(t['misses']) - len(readable)} misses in the test split not listed: scored, never read)")
    for m in readable[:args.show]:
        print("  miss:", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
