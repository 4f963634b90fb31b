"""Agreement between the corpus's two independent annotation passes, and the corpus's counts.

    .venv/bin/python scripts/corpus_agreement.py [--json corpus/agreement.json]

Agreement (for the real-news items and the written items apart): over the items both passes annotated, each pass's required events are
matched one to one with the other's, within an item, on source, target and a shared
root (the scorer's rule, `*` matching anything). Event-level F1 is reported strictly
(a match must be required in both) and leniently (an event one pass requires may match
an entry the other made optional: a difference of emphasis, not of reading), along with
agreement on the forbidden entries and on whether an item has any event at all.
Counts: items, required events by root, countries, traps, items with no event, by
split, from the adjudicated gold (corpus/gold.jsonl, else the first pass).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from orbit.learn.corpus import annotations  # noqa: E402


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def load_pass(name: str) -> dict[str, dict]:
    out = {}
    for path in sorted((ROOT / "corpus" / "passes" / name).glob("*.jsonl")):
        for ann in _jsonl(path):
            out[ann["id"]] = ann
    return out


def _side(a, b) -> bool:
    return a == "*" or b == "*" or a == b


def fits(x: dict, y: dict) -> bool:
    return _side(x["source"], y["source"]) and _side(x.get("target"), y.get("target")) \
        and bool(set(x["roots"]) & set(y["roots"]))


def matched(a: list[dict], b: list[dict]) -> int:
    """Entries of a matched one to one with entries of b."""
    used: set[int] = set()
    n = 0
    for x in a:
        j = next((j for j, y in enumerate(b) if j not in used and fits(x, y)), None)
        if j is not None:
            used.add(j)
            n += 1
    return n


def agreement(p1: dict[str, dict], p2: dict[str, dict]) -> dict:
    both = sorted(set(p1) & set(p2))
    strict_m = lenient_a = lenient_b = n1 = n2 = 0
    trap_m = t1 = t2 = 0
    same_any = 0
    for i in both:
        a, b = p1[i], p2[i]
        ea, eb = a.get("events", []), b.get("events", [])
        n1, n2 = n1 + len(ea), n2 + len(eb)
        strict_m += matched(ea, eb)
        lenient_a += matched(ea, eb + b.get("optional", []))
        lenient_b += matched(eb, ea + a.get("optional", []))
        fa, fb = a.get("forbidden", []), b.get("forbidden", [])
        t1, t2, trap_m = t1 + len(fa), t2 + len(fb), trap_m + matched(fa, fb)
        same_any += bool(ea) == bool(eb)

    def f1(m_a: int, m_b: int, na: int, nb: int) -> float:
        p, r = (m_b / nb if nb else 0.0), (m_a / na if na else 0.0)
        return round(2 * p * r / (p + r), 3) if p + r else 0.0
    return {"items": len(both), "events_pass1": n1, "events_pass2": n2,
            "event_f1_strict": f1(strict_m, strict_m, n1, n2),
            "event_f1_lenient": f1(lenient_a, lenient_b, n1, n2),
            "forbidden_pass1": t1, "forbidden_pass2": t2, "forbidden_f1": f1(trap_m, trap_m, t1, t2),
            "items_event_or_not_agree": round(same_any / len(both), 3) if both else 0.0}


def _items() -> dict[str, dict]:
    return {it["id"]: it for it in _jsonl(ROOT / "corpus" / "items.jsonl")}


def _of_kind(anns: dict[str, dict], written: bool) -> dict[str, dict]:
    """The annotations of the real-news items, or of the items written for the corpus."""
    items = _items()
    return {i: a for i, a in anns.items() if i in items and (items[i]["source"] == "written") == written}


def counts(written: bool | None = None) -> dict:
    items = _items()
    gold = annotations()
    if written is not None:
        gold = _of_kind(gold, written)
    out: dict = {}
    for part in ("train", "dev", "test", "all"):
        ids = [i for i in gold if i in items and (part == "all" or items[i]["split"] == part)]
        roots: Counter = Counter()
        countries: set = set()
        events = forbidden = empty = 0
        for i in ids:
            g = gold[i]
            events += len(g.get("events", []))
            forbidden += len(g.get("forbidden", []))
            empty += not g.get("events")
            for e in g.get("events", []):
                roots[e["roots"][0]] += 1
                countries.update(c for c in (e["source"], e.get("target")) if c and c != "*")
        out[part] = {"items": len(ids), "events": events, "forbidden": forbidden,
                     "items_without_event": empty, "countries": len(countries),
                     "events_by_root": dict(sorted(roots.items()))}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = ap.parse_args(argv)
    p1, p2 = load_pass("pass1"), load_pass("pass2")
    result = {"agreement": agreement(_of_kind(p1, False), _of_kind(p2, False)),
              "agreement_written": agreement(_of_kind(p1, True), _of_kind(p2, True)),
              "counts": counts(), "counts_news": counts(written=False), "counts_written": counts(written=True)}
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
