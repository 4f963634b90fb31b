"""Write the corpus's gold file from its annotation passes.

    .venv/bin/python scripts/corpus_gold.py

corpus/gold.jsonl = the first pass, with each item that the two passes disagreed on
replaced by its adjudicated annotation (corpus/passes/adjudicated/, decided by the
conventions, each with a note). Items of the second pass that agreed with the first keep
the first pass's annotation (same events and traps; the wording of anchors may differ).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("id", "events", "optional", "forbidden", "tags")


def main() -> int:
    passes = ROOT / "corpus" / "passes"
    gold: dict[str, dict] = {}
    for folder in ("pass1", "adjudicated"):
        for path in sorted((passes / folder).glob("*.jsonl")):
            for line in path.open(encoding="utf-8"):
                if line.strip():
                    ann = json.loads(line)
                    gold[ann["id"]] = {k: ann.get(k, []) for k in FIELDS}
    order = [json.loads(line)["id"] for line in (ROOT / "corpus" / "items.jsonl").open(encoding="utf-8")]
    missing = [i for i in order if i not in gold]
    if missing:
        print(f"{len(missing)} items have no annotation, e.g. {missing[:5]}", file=sys.stderr)
        return 1
    with (ROOT / "corpus" / "gold.jsonl").open("w", encoding="utf-8") as fh:
        for i in order:
            fh.write(json.dumps(gold[i], ensure_ascii=False) + "\n")
    print(f"wrote corpus/gold.jsonl: {len(order)} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
