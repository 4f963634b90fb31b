"""Cut the items of orbit's annotated corpus from the shared benchmark texts.

    .venv/bin/python scripts/build_corpus_pool.py [--out corpus/items.jsonl]

Run once, when the corpus was started; the items file it writes is then frozen (the
annotations point at its ids, and the test split must never move). Kept so that anyone
can see how items were chosen.

Items are real news: every ConfliBERT training sentence, and passages of one to three
consecutive sentences from the GeoWebNews, TR-News, GeoVirus, LGL, PolNeAR and CoNLL-2003
(Reuters, December 1996) articles that name a country (name, adjective, demonym or
capital, from orbit's country table) and use a word of political news. A few passages
that name a country without such a word are kept too, so that the corpus holds items
with no event. Selection reads no output of orbit's coder. Each item records its source,
document, character range and date; its split (train/dev/test, 70/15/15) is drawn by
document, so passages of one article always share a split.

`--supplement` (run once, after the first annotation batches showed that items cut this
way hold about 0.8 required events each, too few for a corpus of 3,000 events) appends,
for articles with at least three such passages, their other passages that use a word of
political news, beyond the per-article cap. Existing items are never changed.

`--rest` (stage 3, run once, when the first two stages left the corpus short of 3,000
required events and roots 06, 09, 15 and 20 short of 60 examples each) appends every other
passage of the shared articles that names a country and uses a word of political news or
of those rarer roots (aid and supplies, investigation, mobilisation and deployment, mass
violence). With it the shared real-news texts are used up.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from orbit.learn.sources import documents  # noqa: E402

BENCH = ROOT.parent / "shared" / "benchmarks"

POLITICAL = re.compile(r"\b(" + "|".join("""
government governments minister ministers ministry president presidents premier chancellor king
army military troops soldiers forces police militants rebels insurgents guerrillas militia
talks sanction sanctions attack attacked attacks killed kill strike strikes airstrike airstrikes protest protests
protesters agree agreed agreement treaty deal summit visit visited visits meet met meeting accused accuse
condemn condemned warn warned threat threatened threatens embassy ambassador diplomat diplomats diplomatic
election elections arrest arrested ceasefire cease-fire aid refugees border nuclear missile missiles bomb bombing
bombs war clash clashes clashed invade invaded invasion occupy occupied negotiate negotiations officials
official spokesman spokeswoman parliament congress senate court charged sentenced tariff tariffs deported
expelled extradited extradition peace envoy delegation opposition regime coup crackdown hostage hostages
shelling shelled fired raid raids urged demanded rejected denied criticised criticized praised pledged
signed recognise recognize recognised recognized withdraw withdrew withdrawal released seized captured
""".split()) + r")\b", re.I)

# words of the rarer CAMEO roots (09 investigate, 10 demand, 13 threaten, 15 force posture,
# 16 reduce relations, 20 mass violence): passages with them are kept beyond an article's cap,
# so that every root has examples to learn from
RARE_ROOTS = re.compile(r"\b(" + "|".join("""
investigate investigated investigating investigation probe inquiry demand demanded demands
threaten threatened threatening ultimatum mobilise mobilize mobilised mobilized deployed deployment
drills exercises manoeuvres maneuvers alert expel expelled expulsion recalled severed sever suspended
boycott boycotted embargo massacre massacred genocide atrocities slaughtered cleansing chemical
""".split()) + r")\b", re.I)

SENT_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])|\n+")


def country_terms() -> re.Pattern:
    terms = set()
    for line in (ROOT / "src/orbit/data/actors/countries.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("//"):
            continue
        c = json.loads(line)
        for key in ("names", "adjectives", "demonyms", "capitals"):
            terms.update(t for t in c.get(key, []) if len(t) > 3)
    terms.update(["U.S.", "US", "UK", "U.N."])
    alts = sorted((re.escape(t) for t in terms), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(alts) + r")(?![\w])")


def split_of(source: str, doc: str) -> str:
    """70/15/15 by document, from a hash (the items file, not this function, is the record)."""
    h = int(hashlib.sha256(f"orbit-corpus:{source}:{doc}".encode()).hexdigest(), 16) % 100
    return "train" if h < 70 else "dev" if h < 85 else "test"


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in SENT_END.finditer(text):
        end = m.start() + (len(m.group(0).rstrip()) if m.group(0).strip() and m.group(0)[0] in "\"”’)" else 0)
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def passages(text: str, max_words: int = 75) -> list[tuple[int, int]]:
    """Non-overlapping runs of up to three sentences (and max_words), greedy from the top."""
    sents = [(s, e) for s, e in sentences(text) if 4 <= len(text[s:e].split()) <= 60]
    out, i = [], 0
    while i < len(sents):
        s, e = sents[i]
        j = i + 1
        while j < len(sents) and j - i < 3 and sents[j][0] - e < 3 and len(text[s:sents[j][1]].split()) <= max_words:
            e = sents[j][1]
            j += 1
        out.append((s, e))
        i = j
    return out


# per source: (documents' field -> corpus label, passages kept per article)
ARTICLE_CAPS = {"GeoWebNews": 8, "TR-News": 8, "GeoVirus": 3, "LGL": 3, "polnear": 5, "conll_testb": 8}
DEFAULT_DATES = {"GeoWebNews": "2018-04-01", "GeoVirus": "2012-01-01", "conflibert_train": "2018-01-01"}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "corpus" / "items.jsonl")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--supplement", action="store_true", help="append the second-stage passages to --out")
    ap.add_argument("--rest", action="store_true", help="append the third-stage passages to --out")
    args = ap.parse_args(argv)
    if args.supplement:
        return supplement(args.out)
    if args.rest:
        return rest(args.out)
    if args.out.exists():
        print(f"{args.out} exists: the item list is frozen once written", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    countries = country_terms()
    items = []
    for doc in documents(str(BENCH), "conflibert_train").values():
        items.append({"id": f"cb-{doc.doc.rsplit('-', 1)[1]}", "source": "conflibert_train", "doc": doc.doc,
                      "start": 0, "end": len(doc.text), "date": DEFAULT_DATES["conflibert_train"],
                      "date_exact": False})
    no_event_pool = []
    for source in ("geoparsing", "polnear", "conll_testb"):
        for doc in documents(str(BENCH), source).values():
            label = _label(source, doc)
            scored = []
            for s, e in passages(doc.text):
                chunk = doc.text[s:e]
                names = {m.group(0) for m in countries.finditer(chunk)}
                pol = len(POLITICAL.findall(chunk))
                if names and pol:
                    scored.append((len(names) * 2 + min(pol, 3), s, e))
                elif names:
                    no_event_pool.append((source, label, doc, s, e))
            scored.sort(key=lambda t: (-t[0], t[1]))
            cap = ARTICLE_CAPS[label]
            kept = scored[:cap] + [t for t in scored[cap:] if RARE_ROOTS.search(doc.text[t[1]:t[2]])][:3]
            for _, s, e in sorted(kept, key=lambda t: t[1]):
                items.append(_item(source, label, doc, s, e))
    rng.shuffle(no_event_pool)
    extra = [_item(src, label, doc, s, e) for src, label, doc, s, e in no_event_pool[: len(items) // 20]]
    items += extra
    for it in items:
        it["split"] = split_of(it["source"], it["doc"])
    items.sort(key=lambda it: it["id"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps(it, ensure_ascii=False) + "\n")
    by = {}
    for it in items:
        key = (it["source"], it["split"])
        by[key] = by.get(key, 0) + 1
    print(f"{len(items)} items -> {args.out}")
    for k, v in sorted(by.items()):
        print(" ", k, v)
    return 0


def supplement(path: Path) -> int:
    """Stage 2: for articles with at least three passages that name a country and use a word
    of political news, their other political passages (not LGL and GeoVirus)."""
    countries = country_terms()

    def wanted(label, text, spans):
        if label in ("LGL", "GeoVirus") or sum(1 for s, e in spans if countries.search(text[s:e])
                                                and POLITICAL.search(text[s:e])) < 3:
            return []
        return [(s, e) for s, e in spans if POLITICAL.search(text[s:e])]
    return _append_stage(path, 2, wanted)


def _append_stage(path: Path, stage: int, wanted) -> int:
    """Append to the items file, as `stage`, the passages `wanted(label, text, spans)` picks
    that are not items yet; existing items are never changed."""
    have = {json.loads(line)["id"] for line in path.open(encoding="utf-8")}
    added = []
    for source in ("geoparsing", "polnear", "conll_testb"):
        for doc in documents(str(BENCH), source).values():
            label = _label(source, doc)
            for s, e in wanted(label, doc.text, passages(doc.text)):
                it = _item(source, label, doc, s, e)
                if it["id"] not in have:
                    it["split"] = split_of(source, doc.doc)
                    it["stage"] = stage
                    added.append(it)
    with path.open("a", encoding="utf-8") as fh:
        for it in sorted(added, key=lambda it: it["id"]):
            fh.write(json.dumps(it, ensure_ascii=False) + "\n")
    print(f"{len(added)} items appended to {path}")
    return 0


# words of the roots the first two stages left short (06 material cooperation, 09 investigate,
# 15 force posture, 20 mass violence)
SHORT_ROOTS = re.compile(r"\b(" + "|".join("""
aid assistance supplied supply supplies provided donated loan loans shipment shipments exports
cooperation humanitarian investigat\\w* probe inquiry inquiries inspect\\w* fact-finding mobili[sz]\\w*
deploy\\w* drills? exercises? manoeuvres? maneuvers? alert reinforc\\w* massed amass\\w* build-?up
patrol\\w* massacre\\w* genocide atrocit\\w* slaughter\\w* chemical mass
""".split()) + r")\b", re.I)


def rest(path: Path) -> int:
    """Stage 3: every other passage that names a country and uses a word of political news or
    of the short roots."""
    countries = country_terms()

    def wanted(label, text, spans):
        return [(s, e) for s, e in spans if countries.search(text[s:e])
                and (POLITICAL.search(text[s:e]) or SHORT_ROOTS.search(text[s:e]))]
    return _append_stage(path, 3, wanted)


def _label(source, doc) -> str:
    label = doc.doc.split("-")[0] if source == "geoparsing" else source
    return {"GWN": "GeoWebNews", "TR": "TR-News"}.get(label, label)


def _item(source, label, doc, s, e) -> dict:
    text = doc.text[s:e]
    doc_part = doc.doc.rsplit("-", 1)[-1] if source == "geoparsing" else doc.doc
    return {"id": f"{label.lower().replace('-', '').replace('_', '')}-{doc_part}-{s}",
            "source": source, "doc": doc.doc, "start": s, "end": e,
            "date": doc.date or DEFAULT_DATES.get(label) or "2016-10-15", "date_exact": bool(doc.date),
            "check": text[:24]}


if __name__ == "__main__":
    sys.exit(main())
