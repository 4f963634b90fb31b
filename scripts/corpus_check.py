"""Check annotation files of the corpus against its format (corpus/ANNOTATING.md).

    .venv/bin/python scripts/corpus_check.py corpus/passes/pass1/p1-01.jsonl [...] [--batch BATCH.jsonl]
    .venv/bin/python scripts/corpus_check.py ANNOTATIONS.jsonl --texts TEXTS.jsonl   # written items

Reports, per file: lines that are not JSON, unknown item ids, missing items (with
--batch), country codes that are not ISO alpha-3 (or null / "*"), roots outside 01-20,
codes that are not CAMEO codes or not under one of the roots, anchors that are not exact
substrings of the item text, and forbidden entries without a reason. Exit 1 on any problem.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from orbit.learn.sources import item_text  # noqa: E402

BENCH = ROOT.parent / "shared" / "benchmarks"
WHY = {"negated", "hypothetical", "future", "denied", "alleged", "habitual", "other"}
TAGS = {"negation", "hypothetical", "denial", "future", "passive", "coordination", "metonym", "title", "leader",
        "coreference", "nominal", "quote", "no-event", "reported"}


def known_countries() -> set[str]:
    codes = set()
    for line in (ROOT / "src/orbit/data/actors/countries.jsonl").open(encoding="utf-8"):
        if line.strip() and not line.startswith("//"):
            codes.add(json.loads(line)["iso3"])
    return codes


def cameo_codes() -> set[str]:
    rows = (ROOT / "src/orbit/data/cameo/codes.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {r.split("\t")[0] for r in rows if r.strip()}


def check_entry(kind: str, e, text: str, countries: set, codes: set) -> list[str]:
    if not isinstance(e, dict):
        return [f"{kind}: not an object"]
    bad = []
    for side in ("source", "target"):
        v = e.get(side, "missing")
        if v == "missing":
            bad.append(f"{kind}: no {side}")
        elif v is not None and v != "*" and v not in countries:
            bad.append(f"{kind}: unknown {side} {v!r}")
    roots = e.get("roots")
    if not isinstance(roots, list) or not roots or any(not isinstance(r, str) or len(r) != 2 or not r.isdigit()
                                                       or not 1 <= int(r) <= 20 for r in roots):
        bad.append(f"{kind}: roots must be two-digit strings 01-20, got {roots!r}")
    code = e.get("code")
    if kind == "events" and code is not None:
        if code not in codes:
            bad.append(f"events: {code!r} is not a CAMEO code")
        elif isinstance(roots, list) and code[:2] not in roots:
            bad.append(f"events: code {code} is not under roots {roots}")
    anchor = e.get("anchor")
    if kind in ("events", "forbidden"):
        if not anchor:
            bad.append(f"{kind}: no anchor")
        elif anchor not in text:
            bad.append(f"{kind}: anchor {anchor!r} is not in the text")
    if kind == "forbidden" and e.get("why") not in WHY:
        bad.append(f"forbidden: why must be one of {sorted(WHY)}, got {e.get('why')!r}")
    return bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--batch", type=Path, help="the batch file the annotations answer (to find missing items)")
    ap.add_argument("--texts", type=Path, help="items given as {id, date, text} lines (written items not yet in "
                                                 "corpus/items.jsonl) instead of the corpus's references")
    args = ap.parse_args(argv)
    if args.texts:
        given = [json.loads(line) for line in args.texts.open(encoding="utf-8") if line.strip()]
        items = {it["id"]: {"text": it["text"]} for it in given}
        args.batch = args.batch or args.texts
    else:
        items = {json.loads(line)["id"]: json.loads(line) for line in (ROOT / "corpus/items.jsonl").open(encoding="utf-8")}
    countries, codes = known_countries(), cameo_codes()
    problems = 0
    seen = set()
    for path in args.files:
        for n, line in enumerate(path.open(encoding="utf-8"), 1):
            if not line.strip():
                continue
            try:
                ann = json.loads(line)
            except json.JSONDecodeError as err:
                print(f"{path}:{n}: not JSON ({err.msg})")
                problems += 1
                continue
            iid = ann.get("id")
            if iid not in items:
                print(f"{path}:{n}: unknown item id {iid!r}")
                problems += 1
                continue
            if iid in seen:
                print(f"{path}:{n}: {iid} annotated twice")
                problems += 1
            seen.add(iid)
            text = items[iid]["text"] if "text" in items[iid] else item_text(BENCH, items[iid])
            bad = []
            for kind in ("events", "optional", "forbidden"):
                entries = ann.get(kind)
                if not isinstance(entries, list):
                    bad.append(f"{kind} must be a list")
                    continue
                for e in entries:
                    bad += check_entry(kind, e, text, countries, codes)
            bad += [f"unknown tag {t!r}" for t in ann.get("tags", []) if t not in TAGS]
            for b in bad:
                print(f"{path}:{n} {iid}: {b}")
            problems += len(bad)
    if args.batch:
        wanted = [json.loads(line)["id"] for line in args.batch.open(encoding="utf-8") if line.strip()]
        missing = [i for i in wanted if i not in seen]
        if missing:
            print(f"missing {len(missing)} items: {', '.join(missing[:10])}")
            problems += len(missing)
    print(f"{len(seen)} items checked, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
