"""Quote attribution scores on PolNeAR (political news attribution relations, test split).

    .venv/bin/python bench/eval_quotes.py [--all-annotators] [--show N] [--limit N] [--part dev|test|all]

Gold: ../shared/benchmarks/polnear_quote_attribution/polnear_test.jsonl (source, cue and
content spans of every attribution in 84 US election-news articles). The two articles
annotated by six people are scored against their first annotation unless
--all-annotators is given.

Matching. The parts of a quote split around its attribution share a cue and are scored
as one attribution, as PolNeAR annotates them. Spans become word sets (\\w+ tokens of the original text; orbit's offsets are
mapped back through the cleaning offset map). An orbit quote and a gold content match
when their overlap is at least half of each (mutual 50 %), one to one, best Jaccard
first. PolNeAR is univocal (a token belongs to at most one attribution), so an orbit
quote lying inside another orbit quote (a quoted phrase inside a reported clause) is
"nested": it is not scored, and counted apart.

Reported: precision (orbit quotes that match a gold attribution) and recall (gold
attributions matched), for orbit's direct and indirect quotes and for gold content with
quotation marks ("direct") or without ("indirect"); speaker accuracy on matched pairs
whose gold has a source: orbit's speaker mention overlaps the gold source span, or the
resolved name's surname appears in it. PolNeAR also annotates attributions orbit does not
try to find (noun cues, "polls show", beliefs, ":"), so recall has a ceiling well below 1;
the cue counts at the end show where the misses are.

Splits: bench/splits/polnear.json (article hash; 67 dev, 17 test articles). Misses of
test articles are never listed. `run()` returns the headline figures.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from _options import add_part_option, in_test

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "benchmarks" / "polnear_quote_attribution" / "polnear_test.jsonl"
WORD = re.compile(r"\w+")
MARKS = "“”\"«»"


def words_of(spans, starts) -> set[int]:
    """Indices of the words whose first character lies in any of the spans."""
    from bisect import bisect_left

    out: set[int] = set()
    for s, e in spans:
        out.update(range(bisect_left(starts, s), bisect_left(starts, e)))
    return out


def load(all_annotators: bool) -> list[dict]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    if all_annotators:
        return rows
    seen, out = set(), []
    for r in rows:
        if r["article"] not in seen:
            seen.add(r["article"])
            out.append(r)
    return out


def surname(name: str | None) -> str | None:
    if not name:
        return None
    parts = [p for p in WORD.findall(name) if len(p) > 1]
    return parts[-1].lower() if parts else None


def load_rows(all_annotators: bool = False, part: str = "all") -> list[dict]:
    """The annotation files of one split of the articles (bench/splits/polnear.json)."""
    from _options import select

    return select("polnear", load(all_annotators), part, key=lambda r: r["article"])


def score(pipeline, rows: list[dict]) -> dict:
    """Quotes of every article found once and matched with the gold; the tallies and lists
    the report prints (misses of test-split articles are not kept)."""
    from orbit.clean import clean_document
    from orbit.extract.quotes import find_quotes
    from orbit.model import RawDocument
    from orbit.pipeline import make_article_doc

    nlp = pipeline.nlp

    docs: dict[str, tuple] = {}  # article -> (article, doc)
    t0 = time.perf_counter()
    quote_time = 0.0
    for r in rows:
        if r["article"] in docs:
            continue
        raw = RawDocument(r["article"], r["text"], "text", date.fromisoformat(r["date"]), title="")
        article = clean_document(raw, pipeline.settings)
        doc = nlp(make_article_doc(nlp, article))
        text = doc.text  # the FactExtractor builds it once for every extractor
        t = time.perf_counter()
        quotes = find_quotes(doc, text)
        quote_time += time.perf_counter() - t
        docs[r["article"]] = (article, quotes)
    total_time = time.perf_counter() - t0

    c = Counter()
    missed_cues, extra_cues = Counter(), Counter()
    missed, extra, wrong = [], [], []
    for r in rows:
        text = r["text"]
        readable = not in_test("polnear", r["article"])  # misses of test articles are never kept
        c["hidden_articles"] += not readable
        starts = [m.start() for m in WORD.finditer(text)]
        article, quotes = docs[r["article"]]
        omap = article.offsets

        def orig(span):
            s, e = span
            return omap.to_original(s), omap.to_original(max(e - 1, s)) + 1

        # PolNeAR has one attribution per cue: the parts of a quote split around its
        # attribution ("“A,” X said, “B.”") are scored together
        preds, by_cue = [], {}
        for q in quotes:
            span = orig(q.span)
            words = words_of([span], starts)
            key = (q.kind, q.cue.span) if q.cue is not None else None
            if key is not None and key in by_cue:
                p = by_cue[key]
                p["span"] = (min(p["span"][0], span[0]), max(p["span"][1], span[1]))
                p["words"] |= words
                continue
            p = {"q": q, "span": span, "words": words}
            preds.append(p)
            if key is not None:
                by_cue[key] = p
        # nested: inside another orbit quote
        for p in preds:
            p["nested"] = any(o is not p and o["span"][0] <= p["span"][0] and p["span"][1] <= o["span"][1]
                              and (o["span"] != p["span"] or id(o) < id(p)) for o in preds)
        golds = []
        for a in r["attributions"]:
            spans = [tuple(s) for piece in a["content"] for s in piece["spans"]]
            ctext = " ".join(piece["text"] for piece in a["content"])
            src = [tuple(s) for piece in (a.get("source") or []) for s in piece["spans"]]
            golds.append({"a": a, "words": words_of(spans, starts), "direct": any(m in ctext for m in MARKS),
                          "source": src, "source_text": " ".join(p["text"] for p in a.get("source") or []),
                          "cue": " ".join(p["text"].lower() for p in a["cue"]), "content": ctext})
        golds = [g for g in golds if g["words"]]
        scored = [p for p in preds if not p["nested"] and p["words"]]
        c["nested"] += sum(1 for p in preds if p["nested"])
        pairs = []
        for pi, p in enumerate(scored):
            for gi, g in enumerate(golds):
                inter = len(p["words"] & g["words"])
                if inter * 2 >= len(p["words"]) and inter * 2 >= len(g["words"]):
                    pairs.append((inter / len(p["words"] | g["words"]), pi, gi))
        pairs.sort(reverse=True)
        used_p, used_g, match = set(), set(), []
        for _, pi, gi in pairs:
            if pi not in used_p and gi not in used_g:
                used_p.add(pi)
                used_g.add(gi)
                match.append((scored[pi], golds[gi]))
        for p in scored:
            c[f"pred_{p['q'].kind}"] += 1
        for g in golds:
            c["gold_" + ("direct" if g["direct"] else "indirect")] += 1
        for pi, p in enumerate(scored):
            if pi in used_p:
                c[f"tp_pred_{p['q'].kind}"] += 1
            elif readable:
                extra_cues[(p["q"].cue.text.lower() if p["q"].cue else "-")] += 1
                extra.append((r["article"], p["q"]))
        for gi, g in enumerate(golds):
            kind = "direct" if g["direct"] else "indirect"
            if gi in used_g:
                c[f"tp_gold_{kind}"] += 1
            elif readable:
                missed_cues[g["cue"]] += 1
                missed.append((r["article"], g))
        for p, g in match:
            if not g["source"]:
                c["match_nosource"] += 1
                continue
            kind = p["q"].kind
            c[f"spk_n_{kind}"] += 1
            sp = p["q"].speaker
            ok = False
            if sp is not None:
                s, e = orig(sp.span)
                ok = any(s < ge and gs < e for gs, ge in g["source"])
                sn = surname(sp.name) or surname(sp.text)
                ok = ok or (sn is not None and sn in WORD.findall(g["source_text"].lower()))
                # gold marks the relative pronoun ("Jessica Leeds, who said"), orbit its antecedent
                ok = ok or (g["source_text"].lower() in ("who", "which", "that")
                            and 0 <= g["source"][0][0] - e <= 40)
            c[f"spk_ok_{kind}"] += ok
            if not ok and readable:
                wrong.append((r["article"], p["q"], g))

    return {"c": c, "docs": docs, "total_time": total_time, "quote_time": quote_time, "missed_cues": missed_cues,
            "extra_cues": extra_cues, "missed": missed, "extra": extra, "wrong": wrong}


def figures(c: Counter) -> dict:
    """Headline numbers (rates 0-1): precision, recall, direct recall, speaker accuracy."""
    from _options import rate

    tp_p = c["tp_pred_direct"] + c["tp_pred_indirect"]
    n_p = c["pred_direct"] + c["pred_indirect"]
    tp_g = c["tp_gold_direct"] + c["tp_gold_indirect"]
    n_g = c["gold_direct"] + c["gold_indirect"]
    ok = c["spk_ok_direct"] + c["spk_ok_indirect"]
    nn = c["spk_n_direct"] + c["spk_n_indirect"]
    return {"precision": rate(tp_p, n_p), "recall": rate(tp_g, n_g),
            "recall_direct": rate(c["tp_gold_direct"], c["gold_direct"]),
            "recall_indirect": rate(c["tp_gold_indirect"], c["gold_indirect"]), "speaker": rate(ok, nn),
            "gold": n_g}


def run(pipeline_or_settings=None, part: str = "all") -> dict:
    """Headline figures on one split of PolNeAR's articles (first annotator); {} when absent."""
    from _options import numbers, pipeline_of

    if not GOLD.exists():
        return {}
    rows = load_rows(False, part)
    if not rows:
        return {}
    return numbers(figures(score(pipeline_of(pipeline_or_settings), rows)["c"]))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--all-annotators", action="store_true")
    ap.add_argument("--show", type=int, default=0,
                    help="print N missed golds and N unmatched orbit quotes (of dev-split articles only)")
    ap.add_argument("--limit", type=int, default=0)
    add_part_option(ap)
    args = ap.parse_args(argv)
    if not GOLD.exists():
        print(f"no gold at {GOLD} (../shared is absent): nothing to score", file=sys.stderr)
        return 0

    from orbit.pipeline import Pipeline
    from orbit.settings import load_settings

    rows = load_rows(args.all_annotators, args.part)
    if args.limit:
        rows = rows[: args.limit]
    if not rows:
        print(f"PolNeAR: no articles in the {args.part} split")
        return 0
    r = score(Pipeline(load_settings()), rows)
    c, docs, total_time, quote_time = r["c"], r["docs"], r["total_time"], r["quote_time"]
    missed_cues, extra_cues, missed, extra, wrong = (r[k] for k in ("missed_cues", "extra_cues", "missed", "extra",
                                                                  "wrong"))

    def ratio(a, b):
        return f"{a / b:.3f}" if b else "n/a"

    n_articles = len(docs)
    print(f"PolNeAR test file, {args.part} split: {len(rows)} annotation files, {n_articles} articles")
    print(f"time: {total_time:.1f}s with the pipeline ({1000 * total_time / max(n_articles, 1):.0f} ms/article); "
          f"find_quotes {1000 * quote_time / max(n_articles, 1):.2f} ms/article")
    print(f"orbit quotes scored: direct {c['pred_direct']}, indirect {c['pred_indirect']}; "
          f"nested (not scored) {c['nested']}")
    print(f"gold attributions: with quotation marks {c['gold_direct']}, without {c['gold_indirect']}")
    tp_p = c["tp_pred_direct"] + c["tp_pred_indirect"]
    n_p = c["pred_direct"] + c["pred_indirect"]
    tp_g = c["tp_gold_direct"] + c["tp_gold_indirect"]
    n_g = c["gold_direct"] + c["gold_indirect"]
    print("\ncontent (mutual 50% word overlap, one to one)")
    print(f"  precision  all {ratio(tp_p, n_p)} ({tp_p}/{n_p})   direct {ratio(c['tp_pred_direct'], c['pred_direct'])} "
          f"({c['tp_pred_direct']}/{c['pred_direct']})   indirect {ratio(c['tp_pred_indirect'], c['pred_indirect'])} "
          f"({c['tp_pred_indirect']}/{c['pred_indirect']})")
    print(f"  recall     all {ratio(tp_g, n_g)} ({tp_g}/{n_g})   direct {ratio(c['tp_gold_direct'], c['gold_direct'])} "
          f"({c['tp_gold_direct']}/{c['gold_direct']})   indirect {ratio(c['tp_gold_indirect'], c['gold_indirect'])} "
          f"({c['tp_gold_indirect']}/{c['gold_indirect']})")
    ok = c["spk_ok_direct"] + c["spk_ok_indirect"]
    nn = c["spk_n_direct"] + c["spk_n_indirect"]
    print("\nspeaker on matched quotes whose gold has a source")
    print(f"  accuracy   all {ratio(ok, nn)} ({ok}/{nn})   direct {ratio(c['spk_ok_direct'], c['spk_n_direct'])} "
          f"({c['spk_ok_direct']}/{c['spk_n_direct']})   indirect {ratio(c['spk_ok_indirect'], c['spk_n_indirect'])} "
          f"({c['spk_ok_indirect']}/{c['spk_n_indirect']})   (+{c['match_nosource']} matched, gold without source)")
    if c["hidden_articles"]:
        print(f"\n(misses of the {c['hidden_articles']} test-split annotation files are not listed: scored, never read)")
    print("\nmissed gold, by cue:", ", ".join(f"{k!r} {v}" for k, v in missed_cues.most_common(15)))
    print("unmatched orbit quotes, by cue:", ", ".join(f"{k!r} {v}" for k, v in extra_cues.most_common(15)))
    if args.show:
        print("\n-- missed gold")
        for art, g in missed[: args.show]:
            print(f"  [{art[:30]}] {g['source_text'][:30]!r} | {g['cue']!r} | {g['content'][:120]!r}")
        print("\n-- unmatched orbit quotes")
        for art, q in extra[: args.show]:
            print(f"  [{art[:30]}] {q.kind} {(q.speaker.text if q.speaker else None)!r} | "
                  f"{(q.cue.text if q.cue else None)!r} | {q.text[:120]!r}")
        print("\n-- wrong speakers (orbit | gold)")
        for art, q, g in wrong[: args.show]:
            print(f"  [{art[:30]}] {q.kind} {(q.speaker.text if q.speaker else None)!r} "
                  f"({q.speaker.name if q.speaker else None}) | {g['source_text'][:40]!r} | {q.text[:80]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
