"""Actors: does orbit resolve the actors that gold annotations mark in real news sentences?

    .venv/bin/python bench/eval_actors.py [--part dev|test|all]

- PLOVER GSR (`plover/plover_gsr_cameo.jsonl`, 322 CAMEO-manual sentences; test only): each
  gold source or target actor gives its words (`actorText`), its country code and its sector.
  Counted found when one of orbit's actors has a mention overlapping those words with that
  country (`plover.country`), and also the sector as its role (`plover.country_sector`).
  Gold actors whose code is not a country (IGOs, regions) are left out.
- ConfliBERT source/target spans (`conflibert_cameo`, the train file's dev sentences and the
  test file): share of gold actor spans that overlap a mention of an orbit actor with a country
  (`conflibert.spans_with_country`), or any actor (`conflibert.spans_with_actor`). These
  spans carry no codes, so this measures reach, not correctness.
Splits: bench/splits/plover_gsr.json and conflibert.json. Not a test: it prints numbers, and
lists nothing of the test split.
"""
from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from _options import add_part_option, rate, select

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"
PLOVER = SHARED / "plover" / "plover_gsr_cameo.jsonl"
CONFLIBERT = (SHARED / "conflibert_cameo" / "cameo_train.jsonl", SHARED / "conflibert_cameo" / "cameo_test.jsonl")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _mentions(result) -> list[tuple[int, int, object]]:
    return [(m.span[0], m.span[1], a) for a in result.actors for m in a.mentions]


def _overlapping(mentions, start: int, end: int) -> list:
    return [a for s, e, a in mentions if s < end and start < e]


def plover(pipeline, part: str) -> dict:
    if not PLOVER.is_file():
        return {}
    from orbit.lexicon.actor_files import load_actor_dictionary

    countries = set(load_actor_dictionary(tuple(pipeline.settings.actor_files)).countries)
    n = country = sector_n = sector = 0
    for rec in select("plover_gsr", _jsonl(PLOVER), part):
        result = pipeline.read(rec["text"], pub=date.fromisoformat(rec.get("date") or "2000-01-01"))
        mentions = _mentions(result)
        for gold in rec.get("source_actors", []) + rec.get("target_actors", []):
            code, words = gold.get("code"), gold.get("actorText") or ""
            at = rec["text"].find(words) if words else -1
            if code not in countries or at < 0:
                continue
            found = _overlapping(mentions, at, at + len(words))
            n += 1
            hit = [a for a in found if a.country == code]
            country += bool(hit)
            if gold.get("sector"):
                sector_n += 1
                sector += any(a.role == gold["sector"] for a in hit)
    return {"plover.actors": n, "plover.country": rate(country, n),
            "plover.with_sector": sector_n, "plover.country_sector": rate(sector, sector_n)}


def conflibert(pipeline, part: str) -> dict:
    if not all(p.is_file() for p in CONFLIBERT):
        return {}
    n = with_actor = with_country = 0
    for path in CONFLIBERT:
        for rec in select("conflibert", _jsonl(path), part):
            if not rec.get("spans"):
                continue
            result = pipeline.read(rec["text"], pub=date(2018, 1, 1))
            mentions = _mentions(result)
            for span in rec["spans"]:
                at = rec["text"].find(span["text"])
                if at < 0:
                    continue
                found = _overlapping(mentions, at, at + len(span["text"]))
                n += 1
                with_actor += bool(found)
                with_country += any(a.country for a in found)
    return {"conflibert.spans": n,
            "conflibert.spans_with_actor": rate(with_actor, n),
            "conflibert.spans_with_country": rate(with_country, n)}


def run(pipeline_or_settings=None, part: str = "all") -> dict:
    from _options import numbers, pipeline_of

    pipeline = pipeline_of(pipeline_or_settings)
    return numbers({**plover(pipeline, part), **conflibert(pipeline, part)})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_part_option(ap)
    args = ap.parse_args(argv)
    for k, v in run(part=args.part).items():
        print(f"{k:32} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
