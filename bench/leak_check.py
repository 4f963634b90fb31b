"""No test-split text quoted in src/ or tests/: ../shared/tools/test-leak-check's method,
extended to every test split orbit is measured on.

    .venv/bin/python bench/leak_check.py [--root DIR]     # exit 1 when something is quoted

A hit is a run of 9 words shared with a test text, or a whole test text of 5-8 words
(words: lower-case [a-z0-9]+ runs), in any .py/.json/.jsonl/.txt/.toml/.md/.tsv/.csv/.yaml/
.html file under src/ or tests/ of at most 5 MB. Test texts (bench/splits/*.json, "test"):
  - ConfliBERT: the test file (the CAMEO manual's sentences) and the train-file sentences
    in the corpus's test split;
  - PETRARCH2 GSR, PLOVER GSR and the Mordecai cases (test only);
  - PolNeAR test articles, geoparsing test articles, CoNLL test documents (their tokens
    detokenised as orbit.learn.sources does);
  - PETRARCH2 unit-test and TABARI test records;
  - the annotated corpus's test items.
Runs of words that also occur in a dev (or train) text of these sets are not counted: the
PETRARCH and TABARI records vary a handful of sentences, and CoNLL's sports pages repeat
their headings, so such runs say nothing about which split was read. Needs ../shared
(the corpus's texts and every set but the dev items live there); without it nothing is
checked and `check()` says so.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _options import ROOT, SHARED  # noqa: E402

BENCH_DATA = SHARED / "benchmarks"
SUFFIXES = {".py", ".json", ".jsonl", ".txt", ".toml", ".md", ".tsv", ".csv", ".yaml", ".yml", ".html"}
MAX_BYTES = 5_000_000
WORD = re.compile(r"[a-z0-9]+")


def words(s: str) -> list[str]:
    return WORD.findall(s.lower())


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def split_texts() -> tuple[list[tuple[str, str]], list[str]]:
    """(label, text) of every test-split text, and the texts of every dev/train split."""
    from splits import load

    from orbit.learn.sources import documents, item_text

    test: list[tuple[str, str]] = []
    dev: list[str] = []

    def add(label: str, name: str, key_text):
        ids = load(name)
        for rid, text in key_text:
            if rid in ids.get("test", ()):
                test.append((f"{label} {rid}", text))
            else:
                dev.append(text)

    b = str(BENCH_DATA)
    cb = [(r["id"], r["text"]) for f in ("cameo_test", "cameo_train") for r in _jsonl(BENCH_DATA / f"conflibert_cameo/{f}.jsonl")]
    add("ConfliBERT", "conflibert", cb)
    add("PETRARCH2 GSR", "petrarch_gsr",
        [(r["id"], r["text"]) for r in _jsonl(BENCH_DATA / "petrarch2_gsr_validation/PETR2_GSR_validation.jsonl")])
    add("PLOVER GSR", "plover_gsr", [(r["id"], r["text"]) for r in _jsonl(BENCH_DATA / "plover/plover_gsr_cameo.jsonl")])
    add("Mordecai", "mordecai", [(f"{f}:{n}", r["text"]) for f in ("mordecai2_test_cases", "mordecai3_test_cases")
                                 for n, r in enumerate(_jsonl(BENCH_DATA / f"mordecai_geoparse_tests/{f}.jsonl"))])
    add("PolNeAR", "polnear", [(d.doc, d.text) for d in documents(b, "polnear").values()])
    add("geoparsing", "geoparsing", [(d.doc, d.text) for d in documents(b, "geoparsing").values()])
    add("CoNLL", "conll", [(d.doc, d.text) for d in documents(b, "conll_testb").values()])
    add("PETRARCH2 unit test", "petrarch_unittest",
        [(r["id"], r["text"]) for r in _jsonl(BENCH_DATA / "petrarch2_unittest/PETR.UnitTest.records.jsonl")])
    add("TABARI", "tabari", [(r["id"], r["text"]) for r in _jsonl(BENCH_DATA / "tabari_validation/Validate.jsonl")])
    add("corpus item", "corpus", [(it["id"], item_text(b, it)) for it in _jsonl(ROOT / "corpus" / "items.jsonl")])
    dev += [r["text"] for r in _jsonl(ROOT / "tests" / "data" / "dev_items" / "items.jsonl")]
    seed = SHARED / "seed" / "blinken-central-asia.txt"
    if seed.exists():
        dev.append(seed.read_text(encoding="utf-8"))
    return test, dev


def shingles() -> tuple[dict[str, str], dict[str, str], int, Counter]:
    """9-word runs of the test texts and whole short test texts -> the first text's label,
    without the runs that a dev text has too; how many runs were left out so; and per set,
    how many test texts are word for word a dev text too (the split files disagree there)."""
    test, dev = split_texts()
    dev_whole = {" ".join(words(t)) for t in dev}
    both = Counter(label.rsplit(" ", 1)[0] for label, text in test if " ".join(words(text)) in dev_whole)
    runs: dict[str, str] = {}
    short: dict[str, str] = {}
    for label, text in test:
        w = words(text)
        if 5 <= len(w) < 9:  # a short test text counts whole
            short.setdefault(" ".join(w), label)
        for j in range(len(w) - 8):
            runs.setdefault(" ".join(w[j:j + 9]), label)
    shared = 0
    for text in dev:
        w = words(text)
        for j in range(len(w) - 8):
            if runs.pop(" ".join(w[j:j + 9]), None) is not None:
                shared += 1
        if 5 <= len(w) < 9:
            short.pop(" ".join(w), None)
    return runs, short, shared, both


def scan(runs: dict[str, str], short: dict[str, str], base: Path = ROOT, roots=("src", "tests")) -> dict[str, set[str]]:
    """file (relative to base, the project) -> labels of the test texts it quotes."""
    hits: dict[str, set[str]] = {}
    for top in roots:
        for p in sorted((base / top).rglob("*")):
            if not p.is_file() or p.suffix not in SUFFIXES or p.stat().st_size > MAX_BYTES:
                continue
            if any(part in ("__pycache__", ".pytest_cache", ".hypothesis") for part in p.parts):
                continue
            w = words(p.read_text(encoding="utf-8", errors="ignore"))
            rel = str(p.relative_to(base))
            for j in range(len(w) - 8):
                k = " ".join(w[j:j + 9])
                if k in runs:
                    hits.setdefault(rel, set()).add(runs[k])
            for n in range(5, 9):
                for j in range(len(w) - n + 1):
                    k = " ".join(w[j:j + n])
                    if k in short:
                        hits.setdefault(rel, set()).add(short[k])
    return hits


def check(log=print, base: Path = ROOT) -> int | None:
    """Run the check over base's src/ and tests/ (the project's by default); the number of
    quoted test texts (0: clean), or None when ../shared is absent and nothing was checked."""
    if not BENCH_DATA.exists():
        log(f"leak check skipped: {BENCH_DATA} is absent (the test texts live there)")
        return None
    runs, short, shared, both = shingles()
    hits = scan(runs, short, base)
    for f, labels in sorted(hits.items()):
        log(f"  {f}: quotes {', '.join(sorted(labels)[:3])}" + (f" and {len(labels) - 3} more" if len(labels) > 3 else ""))
    n = sum(len(v) for v in hits.values())
    if both:
        log("note: test texts that are also, word for word, dev texts (of the same set or another; not "
            "counted as leaks, but not a clean test either): " + ", ".join(f"{k} {v}" for k, v in both.most_common()))
    log(f"leak check: {len(runs):,} 9-word runs and {len(short):,} short texts of the test splits "
        f"({shared:,} runs shared with dev texts left out); test texts quoted in src/ or tests/: {n}")
    return n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=ROOT, help="scan DIR/src and DIR/tests instead of the project's")
    args = ap.parse_args(argv)
    n = check(base=args.root.resolve())
    return 1 if n else 0


if __name__ == "__main__":
    sys.exit(main())
