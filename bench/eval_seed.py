"""Every gold file of the seed article, scored on one `orbit read` of it.

    .venv/bin/python bench/eval_seed.py [--seed ../shared/seed/blinken-central-asia] [--misses]

Events: must/hard found, traps asserted (anchors, as `orbit eval`). Quotes: the quote
found and attributed to the right person. Amounts: value and unit. Places: the right
country, and within 25 km where the gold gives coordinates. Dates: the date expression
inside the anchor resolved to the gold date. People: the person found with the right
country and role, and each listed mention resolved to them.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = ROOT.parent / "shared" / "seed" / "blinken-central-asia"


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("“", '"').replace("”", '"')).strip().lower()


def person_key(name: str) -> str:
    """First and last name, without middle initials: "Antony J. Blinken" -> "antony blinken"."""
    words = [w for w in norm(name).replace("-", " ").split() if not re.fullmatch(r"\w\.?", w)]
    return f"{words[0]} {words[-1]}" if words else ""


def same_person(r: dict, name: str, gold: str) -> bool:
    """orbit's canonical name or one of that person's mentions in the article is the gold
    name (spellings differ: Zelenskyy in orbit's office-holder file, Zelensky in the text)."""
    if person_key(name) == person_key(gold):
        return True
    actor = next((a for a in r["actors"] if a["type"] == "person" and a["name"] == name), None)
    return bool(actor) and any(person_key(m["text"]) == person_key(gold) for m in actor["mentions"])


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = [(math.radians(x), math.radians(y)) for x, y in (a, b)]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_quote(g, r) -> bool:
    want = norm(g["quote_contains"])
    return any(want in norm(q["text"]) and q.get("speaker")
               and same_person(r, q["speaker"].get("name") or "", g["speaker"]) for q in r["quotes"])


def check_amount(g, r) -> bool:
    return any(g["text_contains"] in a["text"] and a["value"] == g["value"] and a["unit"] == g["unit"]
               for a in r["amounts"])


def check_place(g, r) -> bool:
    for p in r["places"]:
        if norm(p["name"]) != norm(g["name"]) and norm(p["text"]) != norm(g["name"]):
            continue
        if p["country"] != g.get("country"):
            continue
        if g.get("lat") is not None and (p.get("lat") is None or km((p["lat"], p["lon"]), (g["lat"], g["lon"])) > 25):
            continue
        return True
    return False


def check_date(g, r) -> bool:
    at = r["text"].find(g["anchor"])
    if at < 0:
        return False
    end = at + len(g["anchor"])
    return any(at <= d["span"][0] and d["span"][1] <= end and d["date"] == g["date"] for d in r["dates"])


def check_person(g, r) -> bool:
    for a in r["actors"]:
        if a["type"] != "person" or not same_person(r, a["name"], g["name"]):
            continue
        if g["country"] != "*" and a["country"] != g["country"]:
            return False
        if g["role"] != "*" and a["role"] != g["role"]:
            return False
        said = {norm(m["text"]) for m in a["mentions"]}
        return all(norm(m) in said for m in g["mentions"])
    return False


CHECKS = {"quotes": check_quote, "amounts": check_amount, "places": check_place, "dates": check_date,
          "people": check_person}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    ap.add_argument("--misses", action="store_true", help="list what was not found")
    args = ap.parse_args(argv)

    from datetime import date

    from orbit import load_pipeline
    from orbit.evaluate import score_anchor
    from orbit.io import iter_documents
    from orbit.serialize import result_dict

    meta = json.loads(args.seed.with_suffix(".meta.json").read_text(encoding="utf-8"))
    pipeline = load_pipeline()
    # read as `orbit read FILE --date` does: the .txt reader takes the first line as the title
    docs = iter_documents([args.seed.with_suffix(".txt")], pipeline.settings, date.fromisoformat(meta["published"]))
    r = result_dict(next(iter(pipeline.process(docs))))
    report = score_anchor(r["events"], load(args.seed.with_suffix(".events.jsonl")))
    print(f"events: " + "  ".join(f"{k} {a}/{b}" for k, (a, b) in report.numbers.items()) + "  (traps: asserted)")
    for kind, check in CHECKS.items():
        gold = load(args.seed.with_suffix(f".{kind}.jsonl"))
        misses = [g for g in gold if not check(g, r)]
        print(f"{kind:8s} {len(gold) - len(misses)}/{len(gold)}")
        if args.misses:
            for g in misses:
                print("   miss:", json.dumps(g, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
