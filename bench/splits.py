"""Dev and test splits of every evaluation set orbit is measured on.

    .venv/bin/python bench/splits.py            # writes bench/splits/*.json (only the missing ones)
    .venv/bin/python bench/splits.py --check    # every split file is present and unchanged in size

Dev is where misses are read; test is only ever scored (bench/README.md). The files under
bench/splits/ are the record: once written they never change, and every script reads them,
never the rule below. The rule that drew them: one hash of (source, document id) for every
document in ../shared, the same one that split the annotated corpus
(scripts/build_corpus_pool.py), so that a document is dev or test everywhere it appears:
  buckets 0-84 -> dev (the corpus's train and dev), 85-99 -> test.
Exceptions, each written into its file's "rule":
  - ConfliBERT: the test file (the CAMEO manual's examples) is test; its train file is dev
    except the sentences the corpus put in its test split;
  - PETRARCH2 GSR (78 records), PLOVER GSR (the CAMEO manual again) and the Mordecai cases:
    test only (too small, or the same sentences as a test set);
  - orbit's own 80 items (tests/data/dev_items): dev only (their misses have been read);
  - the seed article: dev (orbit was built on it).
A record whose text is word for word a test text of its set is test too (PETRARCH's and
TABARI's suites share 129 texts, ConfliBERT's files three). The PETRARCH, TABARI and
ConfliBERT files were rewritten once for this, on 2026-12-05, before any test figure of
theirs was reported.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BENCH = SHARED / "benchmarks"
SPLITS = ROOT / "bench" / "splits"


def bucket(source: str, doc: str) -> int:
    return int(hashlib.sha256(f"orbit-corpus:{source}:{doc}".encode()).hexdigest(), 16) % 100


def part_of(source: str, doc: str) -> str:
    return "test" if bucket(source, doc) >= 85 else "dev"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _corpus_test_docs() -> set[tuple[str, str]]:
    return {(it["source"], it["doc"]) for it in _jsonl(ROOT / "corpus" / "items.jsonl") if it["split"] == "test"}


def _build() -> dict[str, dict]:
    """name -> {"rule", "dev": [ids], "test": [ids]}; ids are the set's own record ids."""
    out: dict[str, dict] = {}
    corpus_test = _corpus_test_docs()
    train = [r["id"] for r in _jsonl(BENCH / "conflibert_cameo/cameo_train.jsonl")]
    out["conflibert"] = {
        "rule": "test file = test; train file = dev, except its sentences in the corpus's test split",
        "dev": [i for i in train if ("conflibert_train", i) not in corpus_test],
        "test": [r["id"] for r in _jsonl(BENCH / "conflibert_cameo/cameo_test.jsonl")]
                + [i for i in train if ("conflibert_train", i) in corpus_test]}
    geo = _jsonl(BENCH / "geoparsing_gritta_news/geoparsing_news_gold.jsonl")
    out["geoparsing"] = _by_hash("geoparsing", [r["id"] for r in geo],
                                 "document hash (the corpus's rule): LGL, GeoWebNews, TR-News, GeoVirus")
    polnear = sorted({r["article"] for r in _jsonl(BENCH / "polnear_quote_attribution/polnear_test.jsonl")})
    out["polnear"] = _by_hash("polnear", polnear, "article hash (the corpus's rule); ids are article names")
    conll: list[str] = []
    for r in _jsonl(BENCH / "conll2003_testb/conll2003_testb.jsonl"):
        doc = f"doc{r['doc_index']:03d}"
        if doc not in conll:
            conll.append(doc)
    out["conll"] = _by_hash("conll_testb", conll, "document hash (the corpus's rule); ids are doc000..doc230")
    suites = {name: _jsonl(BENCH / rel) for name, rel in (("petrarch_unittest", "petrarch2_unittest/PETR.UnitTest.records.jsonl"),
                                                          ("tabari", "tabari_validation/Validate.jsonl"))}
    for name, recs in suites.items():
        out[name] = _by_hash(name, [r["id"] for r in recs], "record hash; a record whose text is a test text of "
                             "either suite (they share 129 texts) is test too")
    shared_test = {_norm(r["text"]) for name, recs in suites.items() for r in recs if r["id"] in set(out[name]["test"])}
    for name, recs in suites.items():
        _move_to_test(out[name], {r["id"] for r in recs if _norm(r["text"]) in shared_test})
    conflibert_texts = {r["id"]: _norm(r["text"]) for f in ("cameo_train.jsonl", "cameo_test.jsonl")
                        for r in _jsonl(BENCH / "conflibert_cameo" / f)}
    test_texts = {conflibert_texts[i] for i in out["conflibert"]["test"]}
    _move_to_test(out["conflibert"], {i for i in out["conflibert"]["dev"] if conflibert_texts[i] in test_texts})
    out["conflibert"]["rule"] += "; a train-file sentence whose text is also a test sentence is test"
    pytest_cases = _jsonl(BENCH / "petrarch2_unittest/petrarch2_pytest_cases.jsonl")
    out["petrarch_pytest"] = _by_hash("petrarch_pytest", [r["id"] for r in pytest_cases],
                                      "record hash: PETRARCH2's test_petrarch.py cases (operational dictionaries)")
    out["petrarch_gsr"] = {"rule": "test only (78 records)", "dev": [],
                           "test": [r["id"] for r in _jsonl(BENCH / "petrarch2_gsr_validation/PETR2_GSR_validation.jsonl")]}
    out["plover_gsr"] = {"rule": "test only (the CAMEO manual's sentences, as in ConfliBERT's test file)", "dev": [],
                         "test": [r["id"] for r in _jsonl(BENCH / "plover/plover_gsr_cameo.jsonl")]}
    out["mordecai"] = {"rule": "test only (40 cases)", "dev": [],
                       "test": [f"{f}:{n}" for f in ("mordecai2_test_cases", "mordecai3_test_cases")
                                for n, _ in enumerate(_jsonl(BENCH / f"mordecai_geoparse_tests/{f}.jsonl"))]}
    out["dev_items"] = {"rule": "dev only: orbit's own items, whose misses have been read", "test": [],
                        "dev": [r["id"] for r in _jsonl(ROOT / "tests/data/dev_items/items.jsonl")]}
    out["seed"] = {"rule": "dev: the article orbit was built on", "test": [], "dev": ["blinken-central-asia"]}
    items = _jsonl(ROOT / "corpus" / "items.jsonl")
    out["corpus"] = {"rule": "the corpus's own split (corpus/items.jsonl): train and dev are dev here",
                     "train": [it["id"] for it in items if it["split"] == "train"],
                     "dev": [it["id"] for it in items if it["split"] == "dev"],
                     "test": [it["id"] for it in items if it["split"] == "test"]}
    return out


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _move_to_test(split: dict, ids: set[str]) -> None:
    split["dev"] = [i for i in split["dev"] if i not in ids]
    split["test"] = split["test"] + [i for i in sorted(ids) if i not in set(split["test"])]


def _by_hash(source: str, ids: list[str], rule: str) -> dict:
    return {"rule": rule, "dev": [i for i in ids if part_of(source, i) == "dev"],
            "test": [i for i in ids if part_of(source, i) == "test"]}


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, frozenset]:
    """{"dev": ids, "test": ids} (and "train" for the corpus) from bench/splits/NAME.json."""
    data = json.loads((SPLITS / f"{name}.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}


def part(name: str, record_id: str) -> str | None:
    for k, ids in load(name).items():
        if record_id in ids:
            return k
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--extend", action="store_true",
                    help="let a split file take new records, when none of its records moves")
    args = ap.parse_args(argv)
    built = _build()
    SPLITS.mkdir(parents=True, exist_ok=True)
    problems = 0
    for name, data in built.items():
        path = SPLITS / f"{name}.json"
        if path.exists():
            on_disk = json.loads(path.read_text(encoding="utf-8"))
            same = all(on_disk.get(k) == v for k, v in data.items() if k != "rule")
            grows = all(v[:len(on_disk.get(k, []))] == on_disk.get(k, []) for k, v in data.items() if k != "rule")
            if not same and grows and args.extend:
                # records added to a set (the corpus's later stages) join the split their
                # document's hash gives; no record already in a split moves
                path.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
                print(f"{name}: extended: " + ", ".join(f"{k} +{len(v) - len(on_disk.get(k, []))}"
                                                        for k, v in data.items() if k != "rule"))
                continue
            if not same:
                problems += 1
                print(f"{name}: the frozen split differs from what the rule gives now (kept the file)")
            continue
        if args.check:
            problems += 1
            print(f"{name}: no split file")
            continue
        path.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{name}: " + ", ".join(f"{k} {len(v)}" for k, v in data.items() if k != "rule"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
