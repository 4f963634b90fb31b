"""The quality gate CI runs after `make test` (`bench/gate`, `make gate`, .ci/run).

    bench/gate [--coder combined|rules|model ...] [--floors bench/gate_floors.json] [--skip-leaks]

Scores a fast subset of the evaluations with each event coder (all three by default; figures of
a coder other than settings.toml's `coder` are named "<coder>.<figure>") and fails when any figure falls below its floor in
bench/gate_floors.json ({"figure": {"floor": x, "why": "..."}}); then runs the leak check
(bench/leak_check.py: no test-split text quoted in src/ or tests/). Figures (all "higher is
better"; traps are counted as the share of forbidden entries *not* asserted):
  seed.must, seed.hard, seed.traps_avoided            the seed article (dev; counts)
  dev_items.precision / recall / f1 / traps_avoided   orbit's 80 dev items
  corpus_test.precision / recall / f1 / traps_avoided the annotated corpus's test split
  cameo_manual.coverage / penta_accuracy              the ConfliBERT test file's 451 sentences
Everything but the dev items needs ../shared: without it those parts are skipped with a
message, not failed. A floor with no figure measured (skipped) is reported, not failed; a
figure with no floor is reported too, so that new figures get one.
Exit 0: every figure at or above its floor and no leak; 1: a figure below its floor or a
leak; 2: the gate could not run (the coder does not load, the floors file is unreadable).
Takes about half a minute on the reference 2-core machine.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _options import BENCH, CODERS, SHARED, coder_settings, rate  # noqa: E402

FLOORS = BENCH / "gate_floors.json"


def measure(pipeline, log=print) -> dict:
    """The gate's figures; parts whose data are absent are left out (and said so)."""
    import eval_cameo_manual
    import eval_events
    import eval_seed

    out: dict = {}
    t = time.perf_counter()
    if not (SHARED / "seed").exists():
        log("seed: skipped, ../shared/seed is absent")
    else:
        f = eval_seed.run(pipeline, "dev")
        out.update({"seed.must": f["events.must"], "seed.hard": f["events.hard"],
                    "seed.traps_avoided": f["events.traps_n"] - f["events.traps"]})
        log(f"seed: {time.perf_counter() - t:.1f}s")
    for name, key, part in (("dev_items", "dev_items", "dev"), ("corpus", "corpus_test", "test"),
                            ("written", "written_test", "test")):
        t = time.perf_counter()
        why = eval_events.available(name)
        if why:
            log(f"{key}: skipped, {why}")
            continue
        f = eval_events.run(pipeline, part, sets=(name,))
        if not f:
            log(f"{key}: skipped, no annotated items")
            continue
        out.update({f"{key}.precision": f[f"{name}.precision"], f"{key}.recall": f[f"{name}.recall"],
                    f"{key}.f1": f[f"{name}.f1"],
                    f"{key}.traps_avoided": rate(f[f"{name}.traps_n"] - f[f"{name}.traps"], f[f"{name}.traps_n"])})
        log(f"{key}: {time.perf_counter() - t:.1f}s ({f[f'{name}.tp'] + f[f'{name}.fn']} gold events, "
            f"{f[f'{name}.traps_n']} forbidden entries)")
    t = time.perf_counter()
    if not eval_cameo_manual.DEFAULT_DATA.exists():
        log(f"cameo_manual: skipped, {eval_cameo_manual.DEFAULT_DATA} is absent")
    else:
        f = eval_cameo_manual.run(pipeline, "test", data=eval_cameo_manual.DEFAULT_DATA)
        out.update({"cameo_manual.coverage": f["coverage"], "cameo_manual.penta_accuracy": f["penta_accuracy"]})
        log(f"cameo_manual: {time.perf_counter() - t:.1f}s ({f['coded_n']} sentences)")
    return {k: v for k, v in out.items() if v is not None}


def show(v) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--coder", choices=CODERS, action="append", default=None,
                    help="event coder to gate, repeatable (default: all)")
    ap.add_argument("--floors", type=Path, default=FLOORS)
    ap.add_argument("--skip-leaks", action="store_true", help="leave out the leak check")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        floors = json.loads(args.floors.read_text(encoding="utf-8"))
        floors = {k: v for k, v in floors.items() if isinstance(v, dict) and "floor" in v}
    except (OSError, json.JSONDecodeError) as exc:
        print(f"gate: cannot read the floors file {args.floors}: {exc}")
        return 2

    from orbit.pipeline import Pipeline

    default = coder_settings(None).coder
    figures: dict = {}
    for coder in args.coder or list(CODERS):
        settings = coder_settings(coder)
        pipeline = Pipeline(settings)
        try:
            pipeline.nlp  # noqa: B018 - load now, so that a coder that cannot load says so once
        except Exception as exc:
            print(f"gate: FAILED TO RUN: the {settings.coder} coder does not load: {type(exc).__name__}: {exc}")
            return 2
        prefix = "" if coder == default else f"{coder}."
        print(f"gate: coder {settings.coder!r}{' (the default)' if not prefix else ''}, floors {args.floors.name}")
        log = lambda msg: print(f"  {msg}", flush=True)  # noqa: E731
        figures.update({prefix + k: v for k, v in measure(pipeline, log).items()})

    failures = []
    width = max(len(k) for k in set(figures) | set(floors))
    print(f"\n{'figure':<{width}}  {'value':>7}  {'floor':>7}")
    for key in sorted(set(figures) | set(floors)):
        value, floor = figures.get(key), floors.get(key, {}).get("floor")
        if value is None:
            status = "not measured (skipped)"
        elif floor is None:
            status = "no floor: add one to bench/gate_floors.json"
        elif value < floor:
            status = "BELOW FLOOR"
            failures.append(f"{key} = {show(value)} is below its floor {show(floor)} ({floors[key].get('why', '')})")
        else:
            status = "ok"
        print(f"{key:<{width}}  {show(value) if value is not None else '-':>7}  "
              f"{show(floor) if floor is not None else '-':>7}  {status}")

    leaks = None
    if not args.skip_leaks:
        import leak_check

        print()
        t = time.perf_counter()
        leaks = leak_check.check(log=lambda msg: print(msg, flush=True))
        print(f"  leak check: {time.perf_counter() - t:.1f}s")
        if leaks:
            failures.append(f"leak check: {leaks} test-split texts are quoted in src/ or tests/ (listed above); "
                            "take them out (test splits are scored, never read)")
    print(f"\ngate: {time.perf_counter() - t0:.0f}s")
    if failures:
        print("GATE FAILED:")
        for f in failures:
            print(f"  - {f}")
        return 1
    skipped = sorted(set(floors) - set(figures))
    print("gate passed: every figure measured is at or above its floor" + ("; no test text quoted" if leaks == 0 else "")
          + (f" ({len(skipped)} floors not measured: their data are absent)" if skipped else "")
          + ("; leak check not run" if leaks is None else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
