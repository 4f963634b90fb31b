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

Splits (bench/splits/conflibert.json): `--part all` (default) scores the test file as
before; `--part test` the test file plus the train-file sentences in the corpus's test
split (their misses are not listed); `--part dev` the rest of the train file (1,143
sentences with the same five-class labels, no ICEWS codes), whose misses may be read.

Usage (from the project root):
    .venv/bin/python bench/eval_cameo_manual.py [--show 30] [--data FILE] [--verbs FILE ...]
                                                [--dump FILE.jsonl] [--part dev|test|all] [--coder rules|model]
"""
from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from _options import SHARED, add_coder_option, add_part_option, add_triage_option, coder_settings, in_test

DEFAULT_DATA = SHARED / "benchmarks" / "conflibert_cameo" / "cameo_test.jsonl"
TRAIN_DATA = SHARED / "benchmarks" / "conflibert_cameo" / "cameo_train.jsonl"
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


def load_records(part: str = "all", data: Path | None = None) -> list[dict]:
    """The sentences of one split. With `data`, that file's sentences in the split (part
    "all": the whole file). Without: part "all" is the test file (the manual's examples, as
    before the splits); dev and test take the ConfliBERT split (bench/splits/conflibert.json)
    over both files: dev = the train file's sentences but those the corpus put in its test
    split; test = the test file and those."""
    from _options import select

    if data is not None:
        files = [data]
    elif part == "all":
        files = [DEFAULT_DATA]
    else:
        files = [TRAIN_DATA, DEFAULT_DATA]
    records = [json.loads(line) for f in files for line in f.open(encoding="utf-8") if line.strip()]
    return select("conflibert", records, part)


def score(pipeline, records: list[dict], dump=None) -> dict:
    """Code every sentence once and count; returns the tallies the report prints. A pipeline
    that cannot load raises here (a record orbit refuses only counts as not coded)."""
    pipeline.nlp  # noqa: B018 - load now: a coder that cannot load fails the run, not each record
    coded = correct = 0
    by_class_total: Counter = Counter()
    by_class_coded: Counter = Counter()
    by_class_correct: Counter = Counter()
    confusion: dict[int, Counter] = defaultdict(Counter)
    exact_n = exact_root = exact_code = exact_coded = 0
    misses: list[str] = []
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
                misses.append((rec["id"], f"  {rec['id']} gold {gold} ({rec.get('cameo_code_from_icews_example', '-')}) "
                              f"got {sorted(classes)}: {shown}\n      {rec['text'][:160]}"))
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
    return {"n": len(records), "coded": coded, "correct": correct, "failures": failures,
            "by_class_total": by_class_total, "by_class_coded": by_class_coded,
            "by_class_correct": by_class_correct, "confusion": confusion, "exact_n": exact_n,
            "exact_root": exact_root, "exact_code": exact_code, "exact_coded": exact_coded, "misses": misses}


def figures(t: dict) -> dict:
    """The headline numbers of score()'s tallies (rates 0-1, counts with their totals)."""
    from _options import rate

    return {"coverage": rate(t["coded"], t["n"]), "coded": t["coded"], "coded_n": t["n"],
            "penta_accuracy": rate(t["correct"], t["coded"]), "penta_correct": t["correct"],
            "penta_correct_n": t["coded"],
            "icews_root": rate(t["exact_root"], t["exact_n"]), "icews_exact": rate(t["exact_code"], t["exact_n"]),
            "failures": t["failures"]}


def run(pipeline_or_settings=None, part: str = "all", data: Path | None = None) -> dict:
    """Headline figures on one split (see load_records); {} when there is nothing to score."""
    from _options import numbers, pipeline_of

    if not (data or DEFAULT_DATA).exists():
        return {}
    records = load_records(part, data)
    if not records:
        return {}
    return numbers(figures(score(pipeline_of(pipeline_or_settings), records)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=None,
                    help=f"benchmark JSONL (default: {DEFAULT_DATA}; with --part dev|test both ConfliBERT files)")
    ap.add_argument("--show", type=int, default=30, help="how many misses to list (default: %(default)s)")
    ap.add_argument("--verbs", action="append", default=[], help="extra verb pattern file(s), as `orbit --verbs`")
    add_triage_option(ap)
    add_part_option(ap)
    add_coder_option(ap)
    ap.add_argument("--dump", type=Path, help="write one JSON line per record with orbit's events")
    args = ap.parse_args(argv)

    from orbit.pipeline import Pipeline

    if not (args.data or DEFAULT_DATA).exists():
        print(f"no benchmark file at {args.data or DEFAULT_DATA} (../shared is absent): nothing to score")
        return 0
    records = load_records(args.part, args.data)
    t0 = time.time()
    settings = coder_settings(args.coder, args.triage)
    if args.verbs:
        settings = settings.replace(verb_files=tuple(args.verbs))
    pipeline = Pipeline(settings)
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    t = score(pipeline, records, dump)
    if dump:
        dump.close()

    n, coded, correct = t["n"], t["coded"], t["correct"]
    exact_n, exact_coded, exact_root, exact_code = t["exact_n"], t["exact_coded"], t["exact_root"], t["exact_code"]
    misses = t["misses"]
    pct = lambda a, b: f"{100.0 * a / b:.1f}%" if b else "-"
    where = args.data or (DEFAULT_DATA if args.part == "all" else f"{TRAIN_DATA.name} + {DEFAULT_DATA.name}")
    print(f"CAMEO manual examples: {where}   part: {args.part}")
    print(f"records: {n}   coded (>=1 asserted event): {coded} ({pct(coded, n)})   failures: {t['failures']}")
    print(f"penta accuracy on coded: {correct}/{coded} ({pct(correct, coded)})   "
          f"correct over all records: {correct}/{n} ({pct(correct, n)})")
    print(f"records with an ICEWS example code: {exact_n}   coded: {exact_coded}   "
          f"root match: {exact_root}/{exact_n} ({pct(exact_root, exact_n)})   "
          f"exact code: {exact_code}/{exact_n} ({pct(exact_code, exact_n)})")
    print("\nper gold class: total / coded / correct")
    for c in sorted(t["by_class_total"]):
        print(f"  {c} {CLASS_NAMES[c]:<18} {t['by_class_total'][c]:4d} {t['by_class_coded'][c]:4d} "
              f"{t['by_class_correct'][c]:4d}")
    print("\nconfusion (gold class -> predicted classes among asserted events; 'none' = not coded)")
    for c in sorted(t["confusion"]):
        row = t["confusion"][c]
        cells = "  ".join(f"{k}:{row[k]}" for k in [0, 1, 2, 3, 4, "none"] if row[k])
        print(f"  {c} -> {cells}")
    readable = [m for rid, m in misses if not in_test("conflibert", rid)]
    print(f"\nmisses (coded, wrong class): {len(misses)}; {len(misses) - len(readable)} of them in the test "
          f"split, not listed (scored, never read); first {min(args.show, len(readable))} of the rest:")
    for m in readable[:args.show]:
        print(m)
    print(f"\n({time.time() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
