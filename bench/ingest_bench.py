"""Ingest throughput and memory on real news, next to bare spaCy in the same run.

    .venv/bin/python bench/ingest_bench.py                       # single process, all corpora
    .venv/bin/python bench/ingest_bench.py --modes single,workers2,dask1,dask2
    .venv/bin/python bench/ingest_bench.py --memory 20000        # peak memory as the corpus grows

Corpus: the 1,135 GeoWebNews/LGL/TR-News/GeoVirus articles and the 94 PolNeAR articles in
../shared/benchmarks (real news text), written to one JSONL file. Each mode ingests the
whole corpus into a fresh SQLite store (cleaning, NLP, events, quotes, places, storage,
clustering), and bare `nlp.pipe` runs over the same texts in the same process first, so
the ratio compares like with like on this machine at this moment.

--memory N builds N synthetic articles by shuffling paragraphs of the real ones (each
distinct, so none is skipped as a duplicate), ingests them in one process and prints the
resident memory every N/10 documents: flat means nothing grows with the corpus.
Not a test: the figures depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT.parent / "shared" / "benchmarks"
CORPORA = (BENCHMARKS / "geoparsing_gritta_news" / "geoparsing_news_gold.jsonl",
           BENCHMARKS / "polnear_quote_attribution" / "polnear_test.jsonl")


def load_articles() -> list[dict]:
    articles, seen = [], set()
    for path in CORPORA:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                text = rec.get("text") or ""
                # PolNeAR repeats an article once per annotator
                if not text.strip() or text in seen:
                    continue
                seen.add(text)
                articles.append({"id": f"{path.parent.name}-{len(articles)}", "text": text,
                                 "date": rec.get("date"), "title": rec.get("title") or ""})
    return articles


def synthetic(articles: list[dict], n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    paragraphs = [p for a in articles for p in a["text"].split("\n") if len(p.split()) >= 8]
    out = []
    for i in range(n):
        body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(3, 8)))
        out.append({"id": f"synthetic-{i}", "text": "\n\n".join(body), "date": "2021-06-01", "title": ""})
    return out


def write_jsonl(articles: list[dict], folder: Path) -> Path:
    path = folder / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a) + "\n")
    return path


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def bare_rate(texts: list[str], model: str, batch_size: int) -> float:
    import spacy

    nlp = spacy.load(model)
    list(nlp.pipe(texts[:8]))
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t0


def run_mode(mode: str, corpus: Path, folder: Path, settings) -> "IngestReport":  # noqa: F821
    from orbit.ingest import ingest
    from orbit.io import iter_documents
    from orbit.store.store import Store

    store = Store(folder / f"{mode}.db")
    try:
        if mode.startswith("dask"):
            from orbit.scale.dask import ingest_with_dask

            n = int(mode[4:] or 2)
            return ingest_with_dask([str(corpus)], store, settings, f"local:{n}", out_dir=str(folder / f"{mode}.parquet"))
        workers = int(mode[7:]) if mode.startswith("workers") else 1
        s = settings.replace(workers=workers)
        return ingest(iter_documents([str(corpus)], s), store, s)
    finally:
        store.close()


def throughput(args) -> None:
    from orbit.settings import load_settings

    articles = load_articles()
    if args.docs:
        articles = articles[: args.docs]
    texts = [a["text"] for a in articles]
    words = sum(len(t.split()) for t in texts)
    settings = load_settings(batch_size=args.batch_size)
    print(f"machine: {os.cpu_count()} CPUs; corpus: {len(texts)} articles, {words:,} words "
          f"(GeoWebNews/LGL/TR-News/GeoVirus + PolNeAR); model {settings.model}; batch size {args.batch_size}")
    bare = bare_rate(texts, settings.model, args.batch_size)
    # load the model and the gazetteer before timing, as the bare run's model load is not timed
    # either (single process only: worker processes load their own, and that is counted)
    from datetime import date

    from orbit.model import RawDocument
    from orbit.pipeline import Pipeline

    list(Pipeline(settings).process([RawDocument("warm-up", texts[0], "text", date(2020, 1, 1))]))
    print(f"{'bare nlp.pipe (1 process)':28s} {len(texts) / bare:7.1f} docs/s {words / bare:9,.0f} words/s")
    with tempfile.TemporaryDirectory(prefix="orbit_ingest_bench_") as tmp:
        folder = Path(tmp)
        corpus = write_jsonl(articles, folder)
        for mode in args.modes.split(","):
            report = run_mode(mode, corpus, folder, settings)
            own, children = peak_mb()
            secs = report.seconds
            print(f"{'orbit ingest ' + mode:28s} {report.stored / secs:7.1f} docs/s {words / secs:9,.0f} words/s "
                  f"{report.events / secs:7.1f} events/s  ratio to bare {bare / secs:.3f}  "
                  f"stored {report.stored} failed {report.failed} events {report.events}  "
                  f"peak RSS {own:.0f} MB (children {children:.0f} MB)")


def memory(args) -> None:
    from orbit.ingest import ingest
    from orbit.io import iter_documents
    from orbit.settings import load_settings
    from orbit.store.store import Store

    articles = synthetic(load_articles(), args.memory)
    words = sum(len(a["text"].split()) for a in articles)
    settings = load_settings(batch_size=args.batch_size)
    step = max(1, args.memory // 10)
    print(f"memory over {len(articles):,} synthetic articles ({words:,} words), one process")
    marks = []

    def progress(report):
        done = report.stored + report.failed + report.skipped
        if done >= (len(marks) + 1) * step:
            marks.append(done)
            print(f"  {done:7,d} docs  {report.events:8,d} events  RSS {rss_mb():7.0f} MB  "
                  f"{done / report.seconds:6.1f} docs/s", flush=True)

    with tempfile.TemporaryDirectory(prefix="orbit_memory_bench_") as tmp:
        corpus = write_jsonl(articles, Path(tmp))
        store = Store(Path(tmp) / "memory.db")
        report = ingest(iter_documents([str(corpus)], settings), store, settings, progress=progress)
        store.close()
    print(f"stored {report.stored} events {report.events} in {report.seconds:.0f} s; "
          f"peak RSS {peak_mb()[0]:.0f} MB, final RSS {rss_mb():.0f} MB")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--modes", default="single", help="comma-separated: single, workers2, dask1, dask2")
    ap.add_argument("--docs", type=int, default=0, help="only the first N articles (0: all)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--memory", type=int, default=0, help="run the memory benchmark over N synthetic articles")
    args = ap.parse_args(argv)
    if args.memory:
        memory(args)
    else:
        throughput(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
