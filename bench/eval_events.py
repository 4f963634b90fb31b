"""Event coding scores on every gold set orbit has, in one run.

    .venv/bin/python bench/eval_events.py [--show N] [--part dev|test|all] [--coder rules|model]
                                          [--sets seed,dev_items,gsr,corpus] [--triage]

  - seed: the seed article (anchor gold in ../shared/seed; dev);
  - dev_items: orbit's own 80 items (tests/data/dev_items/items.jsonl; dev only, their
    misses have been read): precision and recall;
  - gsr: the PETRARCH2 GSR real-news records (test only): country dyad + root, exact code,
    root with any dyad;
  - corpus: orbit's annotated corpus (corpus/, texts from ../shared; `orbit.learn.corpus`):
    precision, recall and F1 (dyad + root, `orbit.evaluate.score_items`' rules), traps
    asserted (count and share of the forbidden entries), recall per item tag and per gold
    root, precision per predicted root. Dev is the corpus's dev split (its train split is
    for the trained coder and is not scored here); test is its test split. With --part all
    both are scored and shown one after the other.

Splits: bench/splits/*.json (bench/README.md). Misses of test records are never listed:
--show N lists the first N misses and extras of dev records only. `run()` returns the
headline figures as a flat dict of numbers for bench/eval_all.py and bench/gate.
Prints each report; exits 0 (a script for people, not a gate; bench/gate is the gate).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

from _options import (SHARED, add_coder_option, add_part_option, add_triage_option, coder_settings,
                      numbers, pipeline_of, rate, select, split_ids)

ROOT = Path(__file__).resolve().parents[1]
SEED = SHARED / "seed" / "blinken-central-asia"
DEV_ITEMS = ROOT / "tests" / "data" / "dev_items" / "items.jsonl"
GSR = SHARED / "benchmarks" / "petrarch2_gsr_validation" / "PETR2_GSR_validation.jsonl"
SETS = ("seed", "dev_items", "gsr", "corpus", "written")
SPLIT = {"seed": "seed", "dev_items": "dev_items", "gsr": "petrarch_gsr", "corpus": "corpus", "written": "corpus"}
TITLES = {"seed": "seed article", "dev_items": "dev items (orbit's own 80)", "gsr": "PETRARCH2 GSR",
          "corpus": "annotated corpus (real news)", "written": "annotated corpus (written items, stage 4)"}
SPLIT_SETS = ("corpus", "written")  # scored on their dev and test splits side by side


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


def available(name: str) -> str | None:
    """Why a set cannot be scored on this machine (None when it can)."""
    if name == "seed" and not SEED.with_suffix(".txt").exists():
        return f"no seed article at {SEED}.txt (../shared is absent)"
    if name == "gsr" and not GSR.exists():
        return f"no GSR records at {GSR} (../shared is absent)"
    if name == "corpus" and not (SHARED / "benchmarks").exists():
        return "the corpus's texts are in ../shared/benchmarks, which is absent"
    return None


def load_gold(name: str, part: str) -> list[dict]:
    """The gold records of one set and split (the seed: its anchors, with "id" "seed")."""
    if name == "seed":
        if not select("seed", [SEED.name], part, key=lambda s: s):
            return []
        return [{"id": "seed", **g} for g in records(SEED.with_suffix(".events.jsonl"))]
    if name == "dev_items":
        return select("dev_items", records(DEV_ITEMS), part)
    if name == "gsr":
        return select("petrarch_gsr", records(GSR), part)
    if name in SPLIT_SETS:
        from orbit.learn.corpus import gold_items

        parts = ("dev", "test") if part == "all" else (part,)
        return gold_items(parts=parts, written=name == "written")
    raise ValueError(f"unknown set {name!r}; choose from {SETS}")


def code_set(pipeline, name: str, gold: list[dict]) -> list[dict]:
    """Orbit's events for the set's texts."""
    from orbit.model import RawDocument
    from orbit.serialize import event_dict

    if name == "seed":
        raw = RawDocument("seed", SEED.with_suffix(".txt").read_text(encoding="utf-8"), "text", date(2023, 2, 28))
        return [event_dict(e) for r in pipeline.process([raw]) for e in r.events]
    return code_records(pipeline, gold)


def score(name: str, events: list[dict], gold: list[dict]):
    from orbit.evaluate import evaluate

    if name == "seed":
        return evaluate(events, [{k: v for k, v in g.items() if k != "id"} for g in gold])
    return evaluate(events, gold)


def figures(name: str, rep) -> dict:
    """The headline numbers of one set's report (rates 0-1; counts with totals as NAME_n)."""
    n = rep.numbers
    if name == "seed":
        return {"must": n["must"][0], "must_n": n["must"][1], "hard": n["hard"][0], "hard_n": n["hard"][1],
                "traps": n["traps"][0], "traps_n": n["traps"][1]}
    if name == "gsr":
        return {"dyad_root": rate(n["dyad_root"], n["expected"]), "exact": rate(n["exact"], n["expected"]),
                "root_any_dyad": rate(n["root_any_dyad"], n["expected"]), "expected": n["expected"],
                "extra_per_record": rate(n["extra_events"], n["records"])}
    return {"precision": n["precision"], "recall": n["recall"], "f1": n["f1"], "tp": n["tp"], "fp": n["fp"],
            "fn": n["fn"], "traps": n["trap_hits"], "traps_n": n["traps"], "trap_share": rate(n["trap_hits"], n["traps"])}


def run(pipeline_or_settings=None, part: str = "all", sets=SETS) -> dict:
    """Headline figures of the chosen sets on one split, keyed "SET.FIGURE" (a set with no
    records in the split, or whose files are absent, gives nothing). Errors propagate."""
    pipeline = pipeline_of(pipeline_or_settings)
    out: dict = {}
    for name in sets:
        if available(name):
            continue
        gold = load_gold(name, part)
        if not gold:
            continue
        rep = score(name, code_set(pipeline, name, gold), gold)
        out.update({f"{name}.{k}": v for k, v in figures(name, rep).items()})
    return numbers(out)


# -- the corpus's tables -----------------------------------------------------------------

def match_items(events: list[dict], items: list[dict]):
    """score_items' matching, kept per event: ([(item, gold, found)], [(item, event, counted_as)])
    with counted_as "tp" or "fp" (events left out of precision are not listed)."""
    from orbit.evaluate import asserted, fits_anchor, historical

    by_doc: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        if asserted(e):
            by_doc[str(e.get("doc_id"))].append(e)
    golds, preds = [], []
    for it in items:
        sys_ev = by_doc.get(str(it["id"]), [])
        used: set[int] = set()
        for g in it.get("events", []):
            j = next((i for i, e in enumerate(sys_ev) if i not in used and fits_anchor(g, e)), None)
            golds.append((it, g, j is not None))
            if j is not None:
                used.add(j)
                preds.append((it, sys_ev[j], "tp"))
        for i, e in enumerate(sys_ev):
            if i in used or historical(e, it.get("date")):
                continue
            if any(fits_anchor(g, e) for g in it.get("optional", []) + it.get("events", [])):
                continue
            preds.append((it, e, "fp"))
    return golds, preds


def gold_root(g: dict) -> str:
    return str(g.get("code") or "")[:2] or "/".join(g.get("roots") or ["?"])


def corpus_tables(events: list[dict], items: list[dict], rep) -> str:
    from orbit.evaluate import root_of

    golds, preds = match_items(events, items)
    tp = sum(1 for *_, ok in golds if ok)
    fp = sum(1 for *_, k in preds if k == "fp")
    lines = []
    if (tp, fp, len(golds) - tp) != (rep.numbers["tp"], rep.numbers["fp"], rep.numbers["fn"]):
        lines.append(f"(warning: the tables' matching gives tp {tp} fp {fp}, score_items {rep.numbers}; "
                     "orbit.evaluate.score_items has changed: update match_items)")
    n_items = defaultdict(int)
    for it in items:
        for t in it.get("tags") or ["(no tag)"]:
            n_items[t] += 1
    found, total, ptp, pall = (defaultdict(int) for _ in range(4))
    for it, _, ok in golds:
        for t in it.get("tags") or ["(no tag)"]:
            total[t] += 1
            found[t] += ok
    for it, _, kind in preds:
        for t in it.get("tags") or ["(no tag)"]:
            pall[t] += 1
            ptp[t] += kind == "tp"
    fmt = lambda a, b: f"{a / b:.3f}" if b else "  -  "
    lines.append("per item tag: items, gold events, recall; events counted, precision")
    for t in sorted(n_items, key=lambda t: (-total[t], t)):
        lines.append(f"  {t:<22} {n_items[t]:4d} {total[t]:5d}  R {fmt(found[t], total[t])}   "
                     f"{pall[t]:5d}  P {fmt(ptp[t], pall[t])}")
    rg_found, rg_total, rp_tp, rp_all = (defaultdict(int) for _ in range(4))
    for _, g, ok in golds:
        rg_total[gold_root(g)] += 1
        rg_found[gold_root(g)] += ok
    for _, e, kind in preds:
        r = root_of(e) or "?"
        rp_all[r] += 1
        rp_tp[r] += kind == "tp"
    lines.append("per root: gold events, recall (by gold root); predicted events, precision (by predicted root)")
    for r in sorted(set(rg_total) | set(rp_all)):
        lines.append(f"  {r:<4} {rg_total[r]:5d}  R {fmt(rg_found[r], rg_total[r])}   {rp_all[r]:5d}  P {fmt(rp_tp[r], rp_all[r])}")
    return "\n".join(lines)


def render(name: str, rep, show: int, gold: list[dict]) -> str:
    """The report with misses and extras of test records left out (scored, never read)."""
    test = split_ids(SPLIT[name], "test") or frozenset()
    read = lambda m: m.split(":", 1)[0] not in test and not (name == "gsr")
    hidden = sum(1 for m in rep.misses + rep.extras if not read(m))
    rep.misses = [m for m in rep.misses if read(m)]
    rep.extras = [m for m in rep.extras if read(m)]
    text = rep.render(show).strip("\n")
    if hidden and show:
        text += f"\n({hidden} misses and extras of test records not listed: scored, never read)"
    return text


def report_set(pipeline, name: str, part: str, show: int) -> None:
    why = available(name)
    if why:
        print(f"\n== {TITLES[name]}: skipped, {why}")
        return
    parts = ("dev", "test") if name in SPLIT_SETS and part == "all" else (part,)
    gold_by_part = {p: load_gold(name, p) for p in parts}
    every = [g for gs in gold_by_part.values() for g in gs]
    if not every:
        print(f"\n== {TITLES[name]}: no records in the {part} split (bench/splits/{SPLIT[name]}.json)")
        return
    events = code_set(pipeline, name, every)
    for p, gold in gold_by_part.items():
        title = f"{TITLES[name]} ({p}: {len(gold)} {'anchors' if name == 'seed' else 'records'})"
        if not gold:
            print(f"\n== {title}: nothing to score")
            continue
        rep = score(name, events, gold)
        print(f"\n== {title}")
        if name in SPLIT_SETS:
            f = figures(name, rep)
            print(f"precision {f['precision']:.3f}  recall {f['recall']:.3f}  F1 {f['f1']:.3f}  "
                  f"(tp {f['tp']}, fp {f['fp']}, fn {f['fn']})  traps asserted {f['traps']} of {f['traps_n']} "
                  f"forbidden entries ({100 * (f['trap_share'] or 0):.1f}%)")
            print(corpus_tables(events, gold, rep))
            rep.title, rep.lines = "", []
        print(render(name, rep, show, gold))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=0, help="list N misses and extras (dev records only)")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated, from: " + ", ".join(SETS))
    add_triage_option(ap)
    add_part_option(ap)
    add_coder_option(ap)
    args = ap.parse_args(argv)
    from orbit.pipeline import Pipeline

    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = set(sets) - set(SETS)
    if unknown:
        ap.error(f"unknown sets {sorted(unknown)}; choose from {', '.join(SETS)}")
    settings = coder_settings(args.coder, args.triage)
    print(f"coder: {settings.coder}   part: {args.part}")
    pipeline = Pipeline(settings)
    for name in sets:
        try:
            report_set(pipeline, name, args.part, args.show)
        except Exception as exc:  # one set (or coder) failing does not stop the others
            print(f"\n== {TITLES[name]}: ERROR {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
