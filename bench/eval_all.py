"""Every evaluation in one run, one table: dev and test figures for each event coder, the
previous landed figures (bench/results.json as committed at HEAD) and the change.

    .venv/bin/python bench/eval_all.py [--save] [--coders combined,rules,model] [--skip NAME,...] [--only NAME,...]
    make eval            # the same with --save

Rows are evaluation + figure; columns are `CODER dev | CODER test` for each coder, then the
previous dev/test figures of the default coder (settings.toml's `coder`) and the change.
Evaluations that do not run the event coder (geoparsing, quotes, NER) are run once and
shown under the first coder's columns. A coder (or an evaluation) that fails prints an
error row and the rest goes on.

Included by default: all of them. None takes more than a minute on the reference 2-core
machine (geoparsing, the slowest, about 45 s over LGL and GeoWebNews), and the whole run
with three coders takes about 4-5 minutes, so there is no --full flag:
  seed          bench/eval_seed.py           seed article: events (must/hard/traps), quotes, amounts, places, dates, people (dev)
  dev_items     bench/eval_events.py         orbit's own 80 items: P/R/F1, traps (dev only)
  corpus        bench/eval_events.py         the annotated corpus: P/R/F1, traps (dev = its dev split, test = its test split)
  gsr           bench/eval_events.py         PETRARCH2 GSR: dyad + root, exact code, root with any dyad (test only)
  cameo_manual  bench/eval_cameo_manual.py   ConfliBERT: coverage, five-class accuracy, ICEWS codes (dev = train file, test = test file + ...)
  petrarch      bench/eval_petrarch_unittest.py   PETRARCH2 unit tests: actor codes, dyads, exact codes, quiet records
  tabari        bench/eval_petrarch_unittest.py --suite tabari
  petrarch_pytest  bench/eval_petrarch_unittest.py --suite pytest   PETRARCH2's pytest cases, operational Phoenix dictionaries
  geoparse      bench/eval_geoparse.py       LGL and GeoWebNews: found; of found exact id / country / 161 km
  quotes        bench/eval_quotes.py         PolNeAR: quote precision / recall, speaker accuracy
  ner           bench/eval_ner.py            CoNLL-2003 test: the spaCy model's NER P / R / F1
  actors        bench/eval_actors.py         PLOVER GSR actor countries/sectors; ConfliBERT spans resolved

--save writes every figure (not only those shown) to bench/results.json with the date and
the git commit; commit that file with the change that moved the figures, so that the next
run compares with it. Exit status 0 unless --strict and something failed.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _options import BENCH, CODERS, ROOT, coder_settings  # noqa: E402

RESULTS = BENCH / "results.json"
NO_CODER = "-"  # results.json key for the evaluations that do not run the event coder
# evaluations whose figures already carry their set's name ("corpus.f1"), so take no prefix
UNPREFIXED = ("dev_items", "corpus", "written", "gsr")


# name, title, module, run() keyword arguments, uses the event coder, figures shown
EVALS = [
    ("seed", "seed article", "eval_seed", {}, True,
     ["events.must", "events.hard", "events.traps", "quotes", "amounts", "places", "dates", "people"]),
    ("dev_items", "dev items (orbit's 80)", "eval_events", {"sets": ("dev_items",)}, True,
     ["dev_items.precision", "dev_items.recall", "dev_items.f1", "dev_items.traps"]),
    ("corpus", "annotated corpus (real news)", "eval_events", {"sets": ("corpus",)}, True,
     ["corpus.precision", "corpus.recall", "corpus.f1", "corpus.traps", "corpus.trap_share"]),
    ("written", "annotated corpus (written items)", "eval_events", {"sets": ("written",)}, True,
     ["written.precision", "written.recall", "written.f1", "written.traps", "written.trap_share"]),
    ("gsr", "PETRARCH2 GSR", "eval_events", {"sets": ("gsr",)}, True,
     ["gsr.dyad_root", "gsr.exact", "gsr.root_any_dyad"]),
    ("cameo_manual", "CAMEO manual (ConfliBERT)", "eval_cameo_manual", {}, True,
     ["coverage", "penta_accuracy", "icews_root", "icews_exact"]),
    ("petrarch", "PETRARCH2 unit tests", "eval_petrarch_unittest", {"suite": "petrarch"}, True,
     ["actor_codes", "dyads", "quiet"]),
    ("tabari", "TABARI validation", "eval_petrarch_unittest", {"suite": "tabari"}, True,
     ["actor_codes", "dyads", "quiet"]),
    ("petrarch_pytest", "PETRARCH2 pytest cases (Phoenix dictionaries)", "eval_petrarch_unittest", {"suite": "pytest"},
     True, ["actor_codes", "dyads", "exact", "quiet"]),
    ("geoparse", "geoparsing", "eval_geoparse", {}, False,
     ["lgl.found", "lgl.exact_of_found", "lgl.country_of_found", "lgl.km161_of_found",
      "gwn.found", "gwn.exact_of_found", "gwn.country_of_found", "gwn.km161_of_found"]),
    ("quotes", "PolNeAR quotes", "eval_quotes", {}, False,
     ["precision", "recall", "recall_direct", "speaker"]),
    ("ner", "CoNLL-2003 NER", "eval_ner", {}, False, ["precision", "recall", "f1", "f1_conllpp"]),
    ("actors", "actors (PLOVER GSR codes, ConfliBERT spans)", "eval_actors", {}, False,
     ["plover.country", "plover.country_sector", "conflibert.spans_with_country", "conflibert.spans_with_actor"]),
]
NAMES = [e[0] for e in EVALS]
PARTS = ("dev", "test")


def git(*args: str) -> str | None:
    try:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout if out.returncode == 0 else None


def previous() -> dict:
    """The landed figures: bench/results.json as committed at HEAD (else the file on disk)."""
    text = git("show", "HEAD:bench/results.json")
    if text is None and RESULTS.exists():
        text = RESULTS.read_text(encoding="utf-8")
    try:
        return json.loads(text) if text else {}
    except json.JSONDecodeError:
        return {}


def measure(coders: list[str], names: list[str], log=print) -> tuple[dict, dict, dict, dict]:
    """figures[coder][part][name.figure], errors[coder][part][name], seconds[name], and
    broken[coder]: why a coder's pipeline does not load (its evaluations are not run)."""
    import importlib

    from orbit.pipeline import Pipeline

    figures: dict = {}
    errors: dict = {}
    seconds: dict = {}
    broken: dict = {}  # coder -> why its pipeline does not load
    for coder in coders:
        try:
            Pipeline(coder_settings(coder)).nlp  # noqa: B018 - loaded once here, cached for the runs
        except Exception as exc:
            broken[coder] = f"{type(exc).__name__}: {exc}"
            log(f"  coder {coder} does not load: {broken[coder]}")
    for name, title, module, kwargs, uses_coder, _ in EVALS:
        if name not in names:
            continue
        mod = importlib.import_module(module)
        t0 = time.perf_counter()
        for coder in (coders if uses_coder else [NO_CODER]):
            # the evaluations without the event coder run on the patterns alone, which never fail to load
            settings = coder_settings(coder if uses_coder else "rules")
            for part in PARTS:
                t = time.perf_counter()
                if coder in broken:
                    continue
                try:
                    got = mod.run(Pipeline(settings), part, **kwargs)
                except Exception as exc:  # one failing coder or evaluation prints an error row
                    msg = f"{type(exc).__name__}: {exc}"
                    errors.setdefault(coder, {}).setdefault(part, {})[name] = msg
                    log(f"  {name} [{coder} {part}] failed: {msg}")
                    continue
                prefix = name if name not in UNPREFIXED else ""
                figures.setdefault(coder, {}).setdefault(part, {}).update(
                    {(f"{prefix}.{k}" if prefix else k): v for k, v in got.items()})
                log(f"  {name} [{coder} {part}] {time.perf_counter() - t:.1f}s, {len(got)} figures")
        seconds[name] = round(time.perf_counter() - t0, 1)
    return figures, errors, seconds, broken


def fmt(figs: dict, key: str) -> str:
    v = figs.get(key)
    if v is None:
        return "-"
    n = figs.get(key + "_n")
    if n is not None:
        return f"{v}/{n}"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def change(now: dict, before: dict, key: str) -> str:
    a, b = now.get(key), before.get(key)
    if a is None or b is None:
        return "" if a is None and b is None else ("new" if b is None else "gone")
    n_a, n_b = now.get(key + "_n"), before.get(key + "_n")
    d = a - b
    if n_a is not None and n_a != n_b:
        return f"{d:+d} (of {n_b}->{n_a})" if isinstance(d, int) else f"{d:+.3f} (n {n_b}->{n_a})"
    if abs(d) < 5e-5:
        return "="
    return f"{d:+.3f}" if isinstance(d, float) else f"{d:+d}"


def table(figures: dict, errors: dict, prev: dict, coders: list[str], names: list[str], default: str,
          broken: dict | None = None) -> str:
    prev_figs = prev.get("figures", {})
    head = ["figure"] + [f"{c} {p}" for c in coders for p in PARTS] + ["prev dev", "prev test", "change dev",
                                                                      "change test"]
    rows = [head]
    for c, why in (broken or {}).items():
        rows.append([f"ERROR: the {c} coder does not load, its columns are empty: {why[:200]}"] + [""] * (len(head) - 1))
    for name, title, _, _, uses_coder, shown in EVALS:
        if name not in names:
            continue
        prefix = f"{name}." if name not in UNPREFIXED else ""
        ref = default if uses_coder else NO_CODER
        before = {p: prev_figs.get(ref, {}).get(p, {}) for p in PARTS}
        now = {p: figures.get(ref, {}).get(p, {}) for p in PARTS}
        rows.append([f"{title}" + ("" if uses_coder else " (no event coder)")] + [""] * (len(head) - 1))
        for c in (coders if uses_coder else [NO_CODER]):
            errs = {p: errors.get(c, {}).get(p, {}).get(name) for p in PARTS}
            for msg in dict.fromkeys(m for m in errs.values() if m):
                where = ", ".join(p for p in PARTS if errs[p] == msg)
                rows.append([f"  ERROR ({c if uses_coder else 'run'}, {where}) {msg[:110]}"] + [""] * (len(head) - 1))
        for key in shown:
            full = prefix + key
            cells = [f"  {key.split('.', 1)[1] if name in ('dev_items', 'corpus', 'gsr') else key}"]
            for c in coders:
                for p in PARTS:
                    if uses_coder:
                        cells.append(fmt(figures.get(c, {}).get(p, {}), full))
                    else:  # run once: shown under the first coder's columns
                        cells.append(fmt(figures.get(NO_CODER, {}).get(p, {}), full) if c == coders[0] else "")
            cells += [fmt(before[p], full) for p in PARTS]
            cells += [change(now[p], before[p], full) if before[p] else "" for p in PARTS]
            rows.append(cells)
    lines = [i for i, r in enumerate(rows) if i and all(not c for c in r[1:])]  # section titles, errors
    widths = [max(len(r[i]) for j, r in enumerate(rows) if j not in lines) for i in range(len(head))]
    out = []
    for i, r in enumerate(rows):
        if i in lines:
            out.append(r[0])
            continue
        out.append(" | ".join(c.ljust(widths[j]) if j == 0 else c.rjust(widths[j]) for j, c in enumerate(r)).rstrip())
        if i == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--save", action="store_true", help="write the figures to bench/results.json")
    ap.add_argument("--coders", default=",".join(CODERS), help="event coders to run side by side (default: %(default)s)")
    ap.add_argument("--skip", default="", help="evaluations to leave out: " + ",".join(NAMES))
    ap.add_argument("--only", default="", help="run only these evaluations")
    ap.add_argument("--strict", action="store_true", help="exit 1 when an evaluation failed")
    ap.add_argument("--quiet", action="store_true", help="no progress lines")
    args = ap.parse_args(argv)

    from orbit.settings import load_settings

    coders = [c.strip() for c in args.coders.split(",") if c.strip()]
    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(NAMES)
    names = [n for n in names if n not in {s.strip() for s in args.skip.split(",")}]
    unknown = set(names) - set(NAMES)
    if unknown:
        ap.error(f"unknown evaluations {sorted(unknown)}; choose from {', '.join(NAMES)}")
    default = load_settings().coder
    t0 = time.perf_counter()
    figures, errors, seconds, broken = measure(coders, names, log=(lambda *a: None) if args.quiet else
                                       (lambda *a: print(*a, file=sys.stderr, flush=True)))
    total = time.perf_counter() - t0
    prev = previous()
    commit = (git("rev-parse", "--short", "HEAD") or "?").strip()
    dirty = bool((git("status", "--porcelain", "--untracked-files=no") or "").strip())
    sys.stderr.flush()
    print(f"orbit evaluations: commit {commit}{' (with uncommitted changes)' if dirty else ''}, "
          f"default coder {default!r}; dev = misses may be read, test = frozen, only scored (bench/README.md)")
    if not (ROOT.parent / "shared").exists():
        print("../shared is absent: only the dev items can be scored; every other row is empty")
    if prev:
        print(f"previous: bench/results.json of {prev.get('date', '?')} (commit {prev.get('commit', '?')}); "
              f"prev and change are the default coder's ({default})")
    else:
        print("previous: none (no bench/results.json at HEAD)")
    print()
    print(table(figures, errors, prev, coders, names, default, broken), flush=True)
    print("\nrates are 0-1; a/b are counts; '-' = the split has no such records; 'change' n a->b = the total moved")
    if "model" in coders:
        print("model: fitted on the corpus's train and dev splits, which hold most ConfliBERT train-file sentences: its "
              "CAMEO-manual and corpus dev figures are training figures (the train-only fit's dev figures, where its "
              "threshold was chosen, are in its model.json, info.dev_at_choice); its test figures are the result")
    print("time: " + ", ".join(f"{k} {v:.0f}s" for k, v in seconds.items()) + f"; total {total:.0f}s")
    if args.save:
        data = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "commit": commit,
                "uncommitted_changes": dirty, "default_coder": default, "coders": coders,
                "evaluations": names, "seconds": seconds, "figures": figures, "errors": errors,
                "coders_not_loading": broken}
        RESULTS.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"saved: {RESULTS.relative_to(ROOT)} (commit it with the change that moved the figures)")
    return 1 if args.strict and (errors or broken) else 0


if __name__ == "__main__":
    sys.exit(main())
