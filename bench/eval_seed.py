"""Every gold file of the seed article, scored on one `orbit read` of it.

    .venv/bin/python bench/eval_seed.py [--seed ../shared/seed/blinken-central-asia] [--misses]
                                        [--part dev|test|all] [--coder rules|model]

Events: must/hard found, traps asserted (anchors, as `orbit eval`). Quotes: the quote
found and attributed to the right person. Amounts: value and unit. Places: the right
country, and within 25 km where the gold gives coordinates. Dates: the date expression
inside the anchor resolved to the gold date. People: the person found with the right
country and role, and each listed mention resolved to them.
The seed article is dev (bench/splits/seed.json): `--part test` scores nothing. `run()`
returns the figures as numbers (NAME and its total NAME_n) for bench/eval_all.py.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

from _options import add_coder_option, add_part_option, coder_settings, select

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


def score(pipeline, seed: Path = DEFAULT_SEED) -> tuple[dict, dict]:
    """One `orbit read` of the seed article scored on every gold file: (figures, misses by kind)."""
    from datetime import date

    from orbit.evaluate import score_anchor
    from orbit.io import iter_documents
    from orbit.serialize import result_dict

    meta = json.loads(seed.with_suffix(".meta.json").read_text(encoding="utf-8"))
    # read as `orbit read FILE --date` does: the .txt reader takes the first line as the title
    docs = iter_documents([seed.with_suffix(".txt")], pipeline.settings, date.fromisoformat(meta["published"]))
    r = result_dict(next(iter(pipeline.process(docs))))
    report = score_anchor(r["events"], load(seed.with_suffix(".events.jsonl")))
    figures: dict = {}
    for k, (a, b) in report.numbers.items():
        figures[f"events.{k}"], figures[f"events.{k}_n"] = a, b
    misses: dict = {"events": report.misses + report.extras}
    for kind, check in CHECKS.items():
        gold = load(seed.with_suffix(f".{kind}.jsonl"))
        misses[kind] = [g for g in gold if not check(g, r)]
        figures[kind], figures[f"{kind}_n"] = len(gold) - len(misses[kind]), len(gold)
    return figures, misses


def run(pipeline_or_settings=None, part: str = "all", seed: Path = DEFAULT_SEED) -> dict:
    """Headline figures (counts, with their totals as NAME_n) of the seed split's part; {}
    when the part holds no seed article (the seed is dev) or ../shared is absent."""
    from _options import pipeline_of, select

    if not seed.with_suffix(".txt").exists() or not select("seed", [seed.name], part, key=lambda s: s):
        return {}
    return score(pipeline_of(pipeline_or_settings), seed)[0]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    ap.add_argument("--misses", action="store_true", help="list what was not found")
    add_part_option(ap)
    add_coder_option(ap)
    args = ap.parse_args(argv)

    from orbit.pipeline import Pipeline

    if not args.seed.with_suffix(".txt").exists():
        print(f"no seed article at {args.seed}.txt (../shared is absent): nothing to score")
        return 0
    if not select("seed", [args.seed.name], args.part, key=lambda s: s):
        print(f"the seed article {args.seed.name} is not in the {args.part} split (bench/splits/seed.json): nothing to score")
        return 0
    figures, misses = score(Pipeline(coder_settings(args.coder)), args.seed)
    print("events: " + "  ".join(f"{k} {figures[f'events.{k}']}/{figures[f'events.{k}_n']}"
                                 for k in ("must", "hard", "traps")) + "  (traps: asserted)")
    if args.misses:
        for m in misses["events"]:
            print("   miss:", m)
    for kind in CHECKS:
        print(f"{kind:8s} {figures[kind]}/{figures[kind + '_n']}")
        if args.misses:
            for g in misses[kind]:
                print("   miss:", json.dumps(g, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
