"""Throughput: orbit's full pipeline against bare spaCy nlp.pipe on the same texts, same run.

    .venv/bin/python bench/throughput.py [--docs 300] [--batch-size 32] [--source PATH.jsonl]

Texts: real news articles (the GeoWebNews/LGL/TR-News/GeoVirus corpus in ../shared) or any
JSONL with a "text" field. Both runs use the same spaCy pipeline and batch size; orbit's
run includes cleaning, its components and conversion to the data model. Prints
articles/s, words/s and the ratio orbit/bare. Not a test: numbers depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path

from orbit.settings import CODERS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "benchmarks" / "geoparsing_gritta_news" / "geoparsing_news_gold.jsonl"


def load_texts(path: Path, n: int) -> list[str]:
    texts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("text"):
                texts.append(rec["text"])
            if len(texts) >= n:
                break
    return texts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--repeat", type=int, default=5, help="rounds of the three runs (default: %(default)s)")
    ap.add_argument("--coder", choices=CODERS, default="rules",
                    help="event coder of the two orbit runs (default: %(default)s; with the model, alone or "
                         "combined, `orbit code` parses every sentence, as it does then)")
    args = ap.parse_args(argv)

    import spacy

    from orbit.model import RawDocument
    from orbit.pipeline import Pipeline
    from orbit.settings import load_settings

    texts = load_texts(args.source, args.docs)
    words = sum(len(t.split()) for t in texts)
    settings = load_settings(batch_size=args.batch_size, coder=args.coder)
    bare = spacy.load(settings.model)
    full = Pipeline(settings)
    code = Pipeline(settings.replace(triage=True))
    code._nlp = full.nlp  # one model in memory for both runs

    def raws():
        return (RawDocument(f"d{i}", t, "text", date(2020, 1, 1), title="") for i, t in enumerate(texts))

    def event_keys(outcomes):
        return sorted(((r.doc_id, e.trigger.span, e.source.code if e.source else None,
                       e.target.code if e.target else None, e.cameo, e.modality)
                       for r in outcomes if hasattr(r, "events") for e in r.events), key=lambda k: tuple(map(str, k)))

    # warm-up, so first-call costs (lazy tables, caches, the triage matcher) are not counted
    list(bare.pipe(texts[:8]))
    list(full.process(list(raws())[:8]))
    list(code.process(list(raws())[:8]))
    # rounds interleave the three runs, so a slow spell on a shared machine hits all of
    # them; the best time of each is reported, and the median of the rounds' own ratios
    best = {"bare": float("inf"), "full": float("inf"), "code": float("inf")}
    keys = {}
    ratios: dict[str, list[float]] = {"full": [], "code": []}
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=args.batch_size):
            pass
        bare_s = time.perf_counter() - t0
        best["bare"] = min(best["bare"], bare_s)
        for name, pipe in (("full", full), ("code", code)):
            t0 = time.perf_counter()
            keys[name] = event_keys(pipe.process(raws()))
            took = time.perf_counter() - t0
            best[name] = min(best[name], took)
            ratios[name].append(bare_s / took)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {len(texts)}  words: {words:,}  batch size: {args.batch_size}  source: {args.source.name}")
    rate = lambda k: f"{len(texts) / best[k]:8.1f} articles/s  {words / best[k]:10,.0f} words/s"
    print(f"bare nlp.pipe          : {rate('bare')}")
    median = lambda xs: sorted(xs)[len(xs) // 2]
    print(f"orbit read/ingest (all): {rate('full')}  ratio to bare {best['bare'] / best['full']:.3f}"
          f"  (median of {args.repeat} rounds {median(ratios['full']):.3f})")
    print(f"orbit code ({'triage' if args.coder == 'rules' else args.coder + ', no triage'}): {rate('code')}  ratio to bare {best['bare'] / best['code']:.3f}"
          f"  (median of {args.repeat} rounds {median(ratios['code']):.3f})")
    same = keys["full"] == keys["code"]
    print(f"events: {len(keys['full'])} (full) {len(keys['code'])} (triage), identical: {same}")
    print(f"peak RSS: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
