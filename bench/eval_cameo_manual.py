#!/usr/bin/env python3
"""Score orbit on the CAMEO manual's example sentences (ConfliBERT CAMEO test set).

The 451 sentences of /work/shared/benchmarks/conflibert_cameo/cameo_test.jsonl carry a
five-class ("penta") label; 210 of them also carry the exact CAMEO code of the codebook
example they match ("cameo_code_from_icews_example"). For each sentence orbit is run
once (one pipeline, loaded once) and its asserted events (neither negated nor
hypothetical) are compared with the labels:

  - coverage: how many sentences get at least one asserted event;
  - penta accuracy on the covered sentences: a sentence is right if any asserted event's
    root falls in its class (0 = roots 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16,
    4 = 14-15 and 17-20, the mapping in the benchmark's README);
  - on the 210 coded sentences: does any asserted event have the gold root, and how many
    have the exact gold code;
  - a confusion summary (gold class -> classes predicted) and the first misses.

Usage (from the project root):
    .venv/bin/python bench/eval_cameo_manual.py [--show 30] [--data FILE] [--verbs FILE ...]
                                                [--dump FILE.jsonl]
"""
from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from _options import add_triage_option

DEFAULT_DATA = Path("/work/shared/benchmarks/conflibert_cameo/cameo_test.jsonl")
PUB = datetime.date(2000, 1, 1)
CLASS_NAMES = {0: "statement/appeal", 1: "verbal coop", 2: "material coop", 3: "verbal conflict",
               4: "material conflict"}


def penta(root: str) -> int | None:
    """The five-class label of a two-digit CAMEO root."""
    try:
        r = int(root)
    except (TypeError, ValueError):
        return None
    if 1 <= r <= 2:
        return 0
    if 3 <= r <= 5:
        return 1
    if 6 <= r <= 8:
        return 2
    if 9 <= r <= 13 or r == 16:
        return 3
    if r in (14, 15) or 17 <= r <= 20:
        return 4
    return None


def describe(ev) -> str:
    src = ev.source.code if ev.source else "-"
    tgt = ev.target.code if ev.target else "-"
    return f"{src}->{tgt} {ev.cameo} [{ev.trigger.text}]"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark JSONL (default: %(default)s)")
    ap.add_argument("--show", type=int, default=30, help="how many misses to list (default: %(default)s)")
    ap.add_argument("--verbs", action="append", default=[], help="extra verb pattern file(s), as `orbit --verbs`")
    add_triage_option(ap)
    ap.add_argument("--dump", type=Path, help="write one JSON line per record with orbit's events")
    args = ap.parse_args(argv)

    from orbit.pipeline import Pipeline
    from orbit.settings import load_settings

    records = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    t0 = time.time()
    settings = load_settings()
    if args.verbs:
        settings = settings.replace(verb_files=tuple(args.verbs))
    pipeline = Pipeline(settings.replace(triage=args.triage))

    coded = correct = 0
    by_class_total: Counter = Counter()
    by_class_coded: Counter = Counter()
    by_class_correct: Counter = Counter()
    confusion: dict[int, Counter] = defaultdict(Counter)
    exact_n = exact_root = exact_code = exact_coded = 0
    misses: list[str] = []
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    failures = 0

    for rec in records:
        gold = rec["label_penta"]
        by_class_total[gold] += 1
        try:
            all_events = list(pipeline.read(rec["text"], pub=PUB, doc_id=rec["id"]).events)
        except Exception as exc:  # a record orbit refuses counts as not coded
            failures += 1
            all_events = []
            print(f"  {rec['id']}: orbit failed: {exc}", file=sys.stderr)
        events = [e for e in all_events if not e.negated and not e.hypothetical]
        classes = {penta(e.root) for e in events} - {None}
        ok = gold in classes
        if events:
            coded += 1
            by_class_coded[gold] += 1
            for c in classes:
                confusion[gold][c] += 1
            if ok:
                correct += 1
                by_class_correct[gold] += 1
            else:
                shown = "; ".join(describe(e) for e in events[:4])
                misses.append(f"  {rec['id']} gold {gold} ({rec.get('cameo_code_from_icews_example', '-')}) "
                              f"got {sorted(classes)}: {shown}\n      {rec['text'][:160]}")
        else:
            confusion[gold]["none"] += 1
        code = rec.get("cameo_code_from_icews_example")
        if code:
            exact_n += 1
            if events:
                exact_coded += 1
            if any(e.root == code[:2] for e in events):
                exact_root += 1
            if any(e.cameo == code for e in events):
                exact_code += 1
        if dump:
            dump.write(json.dumps({"id": rec["id"], "gold": gold, "code": code, "text": rec["text"],
                                   "events": [{"code": e.cameo, "root": e.root, "rule": e.rule,
                                               "source": e.source.code if e.source else None,
                                               "target": e.target.code if e.target else None,
                                               "trigger": e.trigger.text, "negated": e.negated,
                                               "hypothetical": e.hypothetical}
                                              for e in all_events]})
                       + "\n")
    if dump:
        dump.close()

    n = len(records)
    pct = lambda a, b: f"{100.0 * a / b:.1f}%" if b else "-"
    print(f"CAMEO manual examples: {args.data}")
    print(f"records: {n}   coded (>=1 asserted event): {coded} ({pct(coded, n)})   failures: {failures}")
    print(f"penta accuracy on coded: {correct}/{coded} ({pct(correct, coded)})   "
          f"correct over all records: {correct}/{n} ({pct(correct, n)})")
    print(f"records with an ICEWS example code: {exact_n}   coded: {exact_coded}   "
          f"root match: {exact_root}/{exact_n} ({pct(exact_root, exact_n)})   "
          f"exact code: {exact_code}/{exact_n} ({pct(exact_code, exact_n)})")
    print("\nper gold class: total / coded / correct")
    for c in sorted(by_class_total):
        print(f"  {c} {CLASS_NAMES[c]:<18} {by_class_total[c]:4d} {by_class_coded[c]:4d} {by_class_correct[c]:4d}")
    print("\nconfusion (gold class -> predicted classes among asserted events; 'none' = not coded)")
    for c in sorted(confusion):
        row = confusion[c]
        cells = "  ".join(f"{k}:{row[k]}" for k in [0, 1, 2, 3, 4, "none"] if row[k])
        print(f"  {c} -> {cells}")
    print(f"\nmisses (coded, wrong class): {len(misses)}; first {min(args.show, len(misses))}:")
    for m in misses[:args.show]:
        print(m)
    print(f"\n({time.time() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
