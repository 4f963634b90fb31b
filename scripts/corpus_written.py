"""Add the items written for the corpus (its stage 4) from the writers' files.

    .venv/bin/python scripts/corpus_written.py DIR     # DIR holds wNN.texts.jsonl and wNN.pass1.jsonl

Each writer-annotator wrote short news items ({id, date, text}) and then annotated them
from their words (corpus/ANNOTATING.md); the brief they worked from is
corpus/written/BRIEF.md. This script copies the texts to corpus/written/texts.jsonl (orbit's
own text, so it is kept in the repository), the annotations to corpus/passes/pass1/, and
appends an items.jsonl line per new item: source "written", the whole text as its range,
the split drawn by the corpus's hash rule (70/15/15, each item its own document). Items
already in items.jsonl keep their line and split. Then run scripts/corpus_gold.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from build_corpus_pool import split_of  # noqa: E402

CORPUS = ROOT / "corpus"
TEXTS = CORPUS / "written" / "texts.jsonl"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()] if path.exists() else []


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    args = ap.parse_args(argv)
    texts = {t["id"]: t for t in _jsonl(TEXTS)}
    added = 0
    for path in sorted(args.folder.glob("w*.texts.jsonl")):
        batch = path.name.split(".")[0]
        annotations = args.folder / f"{batch}.pass1.jsonl"
        if not annotations.exists():
            print(f"{batch}: no annotations yet, skipped")
            continue
        given = _jsonl(path)
        annotated = {a["id"] for a in _jsonl(annotations)}
        missing = [t["id"] for t in given if t["id"] not in annotated]
        if missing:
            print(f"{batch}: {len(missing)} items without annotation, skipped")
            continue
        for t in given:
            texts[t["id"]] = {"id": t["id"], "date": t["date"], "text": t["text"]}
        (CORPUS / "passes" / "pass1" / f"{batch}.jsonl").write_text(annotations.read_text(encoding="utf-8"),
                                                                     encoding="utf-8")
        added += len(given)
    TEXTS.parent.mkdir(parents=True, exist_ok=True)
    TEXTS.write_text("".join(json.dumps(texts[i], ensure_ascii=False) + "\n" for i in sorted(texts)), encoding="utf-8")
    items_path = CORPUS / "items.jsonl"
    known = {it["id"] for it in _jsonl(items_path)}
    new = [texts[i] for i in sorted(texts) if i not in known]
    with items_path.open("a", encoding="utf-8") as fh:
        for t in new:
            fh.write(json.dumps({"id": t["id"], "source": "written", "doc": t["id"], "start": 0, "end": len(t["text"]),
                                 "check": t["text"][:20], "date": t["date"], "date_exact": True,
                                 "split": split_of("written", t["id"]), "stage": 4}, ensure_ascii=False) + "\n")
    print(f"{added} written items read, {len(new)} new in corpus/items.jsonl, {len(texts)} in {TEXTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
