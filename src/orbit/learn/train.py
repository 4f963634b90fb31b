"""Train the event coder on orbit's annotated corpus (`make train`).

    .venv/bin/python -m orbit.learn.train [--corpus corpus] [--benchmarks ../shared/benchmarks]
                                          [--out src/orbit/data/models/coder] [--seed 13]

1. Every corpus item of the train and dev splits is cleaned and parsed by orbit's own
   pipeline (the pattern coder's events included), exactly as `orbit code` would.
2. Each candidate dyad (learn/candidates.py) is labelled from the gold: a required event
   of root R between its parties in the sentence its anchor points at gives A<R>; a
   forbidden act gives F<R>; an optional one is neither rewarded nor penalised (weight 0).
   A gold side "*" means an unidentified actor: parties with no country take it, others
   are left out of that label. Events the actors stage cannot reach (no party for a side)
   are counted and reported.
3. A pair scorer per label (learn/scorer.py: a linear part and a hidden layer of HIDDEN
   units shared by the labels) over the named features (kept when seen at least twice in
   training) and the context vectors, fitted on train by learn/fit.py. The number of
   epochs (EPOCH_GRID), the decision threshold and the bar for a second root are chosen on
   dev for the combined coder, the default (its F1 at dyad + root, as the scorer counts and
   rounds it to three places; then fewer traps asserted; then the model alone's F1), with
   traps asserted at most MAX_TRAP_SHARE on each kind of text (written items, real news) for
   the model alone and for the combined coder (until 2026-12-07's eighteenth session the bound was over both kinds
   together: a fit on the thirteenth round of written items kept it on dev while asserting 13 of
   the real-news test split's 353 traps, against 7; until 2026-12-07's fourteenth session the
   model alone's F1 chose, see below; bounding the
   model alone, the setting chosen on the corpus of 2026-12-06's eighth round, 8 epochs and
   0.45, left the combined coder at 18 of 555 dev traps; with both bounded, 6 epochs and 0.40,
   16 of 555).
   The hidden layer replaced one logistic regression per label (liblinear, C chosen on
   dev) on 2026-12-06: dev F1 0.537 (P 0.786, R 0.408; three seeds 0.528-0.537) against
   0.511 (P 0.773, R 0.382) at the trap limit.
   Tried and dropped, on the same dev split (F1 at the best threshold): a factored model,
   one "is there an event" head and one root head (0.37 against 0.42); a softmax over
   "none" and the 20 roots (0.42, no gain); the all-MiniLM-L6-v2 encoder's vectors of the
   sentence, the parties and the meeting word as dense features (0.39); fine-tuning that
   encoder with a pair-pooling head for two epochs (0.36, and 0.30 on orbit's dev items);
   each pair read also at the verbs below where its mentions meet, the gold anchor choosing
   which word is the act (0.435 against 0.430, precision 0.615 against 0.672, 27% more
   candidates); the pattern coder's events added where the model has none for the pair and
   root (0.415-0.427 by the model's floor for them, against 0.428); a threshold per root
   (0.475 against 0.456 when tuned on all of dev, but 0.447 against 0.456 in 2-fold
   cross-validation within dev: it does not carry to unseen text); decoding that keeps one
   pair per act word and root (precision +0.04, recall -0.03, F1 0.447 against 0.456);
   with the hidden layer, the dictionaries' roots of the words on the path between the
   mentions and of every word of the sentence as features (0.515 against 0.537), 128
   hidden units with dropout (0.541 against 0.537, twice the size), and the average of
   three seeds, or of them and the linear model (0.531, 0.535); real-news items weighted two
   or three times (0.520, 0.512); each party paired also with the countries of the sentence
   before that its own sentence does not name, a target given just before ("Israel rejected
   the accusation"): unreachable gold events 818 -> 551, but F1 at the trap limit 0.529 as
   without, with more traps at every threshold.
   Tried and dropped on 2026-12-06 (eighth session; two seeds, F1 at the trap limit moves by
   about 0.006 from seed to seed): the positives of rare roots weighted up by (median count /
   count) ** 0.5 or ** 1 (model F1 +0.01, the combined coder's the same); leaving out the
   sentence's words, the words between the parties, the words on the path or the word with
   its path (all within the seeds' spread); preferring a pair that meets below a verb of
   saying to one that meets at it (+0.010 on one seed, -0.004 on the other); features of
   aspect (a perfect or progressive verb, a plural object and the words that count it, a
   "since" or "for" phrase; CODING.md's habitual acts): F1 0.557 / 0.561 -> 0.555 / 0.555,
   combined mean F1 +0.011 on one seed and -0.008 on the other. Kept: who
   reports the act (`reported_by`), 0.550 / 0.554 -> 0.557 / 0.561.
   Ninth session (2026-12-06, two seeds, mean F1 of the combined coder over dev's real news,
   written items and orbit's dev items): the static word vectors of en_core_web_md (reduced to
   32 dimensions each) of the act word, its objects and its governor as dense inputs, 0.623 /
   0.616 against 0.621 / 0.629; modality cues crossed with the act word's dictionary roots
   ("would" with a word of root 16, CODING.md's threats), 0.629 / 0.625 against 0.635 / 0.636.
   Kept: the bar for a candidate's second root chosen on dev with the threshold (it was 0.7
   fixed; at 0.4 or 0.5 the combined mean F1 rose 0.621 -> 0.625 and 0.629 -> 0.632, written
   recall +0.01 to +0.02: "held talks ... and signed", "condemned ... and recalled"), and
   longer fits: with 720 more written items, at a threshold of 0.35 the combined mean F1 after
   4 / 6 / 8 / 10 epochs was 0.621 / 0.637 / 0.639 / 0.648 (seed 13) and 0.633 / 0.636 / 0.641 /
   0.648 (seed 7), written dev traps 13 -> 16, so EPOCH_GRID went from (4, 6, 8) to (6, 8, 10, 12)
   and the trap limit picks the threshold (12 epochs and 0.55 were chosen then: dev F1 0.582; a
   grid up to 16 gave 0.564 / 0.582 / 0.575 / 0.584 at 10 / 12 / 14 / 16 epochs: flat).
   Tenth session (2026-12-07): candidates for a lone actor acting at home and for a target
   named only in an earlier sentence (learn/candidates.py; combined mean F1 0.642 / 0.643 ->
   0.656 / 0.654, two seeds; unreachable gold events 1,064 -> 907), which also brought more
   combined dev traps (16 -> 20-23 at the same settings). Of those traps, 6 of dev's 555 (38
   of train and dev's) share pair and root with a required event of their item, so the item
   scorer counts the right event as the trap too (evaluate.shadowed_traps: "detained"
   required and "would pay a heavy price" forbidden, both TUR->TUR 17): they are left out of
   the labels (an F label on the candidate an A label is on) and of the dev trap bound.
   Chosen then: 12 epochs, threshold 0.30, second root 0.6, dev F1 0.611 (P 0.753, R 0.515;
   combined 0.621), 16 and 15 of 549 dev traps (before: 6 epochs, 0.40, 0.7, F1 0.583).
   Eleventh session (2026-12-07, seed 13, best dev F1 at the trap limit per epoch count
   6 / 8 / 10 / 12, model alone then combined, against 0.609 / 0.606 / 0.608 / 0.611 and 0.610
   / 0.614 / 0.618 / 0.621): three seeds fitted side by side and averaged (their mean logit,
   a wider hidden layer), 0.607 / 0.611 / 0.608 / 0.607 and 0.604 / 0.614 / 0.615 / 0.614; the
   number of parties the sentence names and its length as features (a real-news dev miss
   read: the right root ranked first at a low score for one pair of many), 0.605 / 0.613 /
   0.603 / 0.604 and 0.596 / 0.607 / 0.616 / 0.615; the L2 penalty (fit.L2, 1e-4) at 1e-3,
   0.572 / 0.576 / 0.587 / 0.578, and at 1e-5, 0.613 / 0.601 / 0.605 / 0.607 (combined 0.611 /
   0.616 / 0.614 / 0.620); Adam's learning rate (fit.LEARNING_RATE, 1e-3) at 2e-3, 0.607 /
   0.601 / 0.600 / 0.605; features kept when seen three times (MIN_FEATURE_COUNT 2), 0.607 /
   0.604 / 0.604 / 0.604; the pipeline's token vectors of the two parties' mention heads beside
   those of the act word and the sentence (DENSE 192 -> 384), 0.596 / 0.595 / 0.560 at 6 / 8 /
   10 epochs. All dropped.
   Twelfth session (2026-12-07; two seeds, best dev F1 at the trap limit per epoch count 6 / 8 /
   10 / 12): a written-dev reading found the gold act's words below or beside the word where the
   pair's mentions meet in a third of the required events, and missed twice as often there (50%
   against 25%: "Seoul said [North Korea fired ...]", "did not criticise Russia and offered ...",
   "died in a clash with ..."). Tried: each pair read again at the verbs (and nouns of the
   dictionaries) on the paths below the meeting word and at the verbs coordinated with it, the
   gold anchor choosing which reading is labelled (57% more candidates); model alone 0.610 /
   0.612 / 0.613 / 0.617 against 0.609 / 0.606 / 0.608 / 0.611 (seed 13) and 0.608 / 0.612 /
   0.610 / 0.618 against 0.614 / 0.613 / 0.615 / 0.607 (seed 7), the combined coder 0.602 /
   0.612 / 0.610 / 0.616 against 0.610 / 0.614 / 0.618 / 0.621 and 0.613 / 0.619 / 0.613 / 0.612
   against 0.606 / 0.596 / 0.615 / 0.614: within the seeds' spread, at a half more work per
   document. Dropped. Kept: the scorer counts a named feature once per row, as this trainer's
   matrix does (9% of rows repeated one, a governor's tag at two depths: the shipped coder summed
   them twice).
   Fourteenth session (2026-12-07): a ninth round of 1,320 written items (942 train, 185 dev).
   With the model alone's F1 choosing, the larger corpus's fit stopped at 6 epochs (seed 13):
   its dev traps grew past the limit at 8-12 epochs (the new items hold many traps), and the
   combined coder, the default, lost (mean dev F1 0.660 against 0.673, on the dev split with the
   round's first 480 items; fitted at the old model's setting, 12 epochs and 0.35, 0.669). The
   choice is now the combined coder's F1 within both trap limits (on the old corpus it picks
   what the old rule picked: 12 epochs, 0.35, 0.4).
   On the final dev split (combined coder; real news, written items, dev items), old corpus
   against new: seed 13, 0.507 / 0.660 / 0.835 against 0.483 / 0.681 / 0.842 (mean 0.667 ->
   0.669); seed 7, 0.494 / 0.653 / 0.844 against 0.497 / 0.671 / 0.836 (0.664 -> 0.668).
   Fifteenth session (2026-12-07): longer fits on that corpus (train alone, threshold 0.45,
   second root 0.6, the combined coder's dev F1 and traps): 12 epochs 0.643, 20 traps (seed 13)
   and 0.641, 25 (seed 7); 16 epochs 0.651, 19 and 0.654, 20; 20 epochs 0.653, 22 (seed 13).
   EPOCH_GRID went from (6, 8, 10, 12) to (6, 8, 10, 12, 14, 16), dev choosing within it.
   Sixteenth session (2026-12-07): that grid made `make train` about 32 minutes alone (parsing 3,
   the choice 23, the final fit 6 and more), over issue 14's 30. Two changes, the same weights bit
   for bit (the shipped model's weights.npz rebuilt identical): scoring dev at each of the 52
   thresholds of a fit rebuilt every event (`_GridCoder` now builds each once a fit: a scoring pass
   2.3 s -> 0.4 s), and Adam's update, 70% of a fit's time, runs in place on two threads
   (learn/fit.py). `make train` on 10,162 items: 1,100 s alone, peak memory 1.9 GB. With the twelfth
   round (11,122 items): 1,119 s, 2.1 GB (others ran beside it part of the time); dev chose 12 epochs,
   threshold 0.4, second root 0.5 (16 epochs tied at combined F1 0.666, the model alone broke the tie).
   With the patterns no longer reading "has not commented" as a refusal (events/coder.py, `_not_yet`),
   the combined coder's dev traps fell by 2-3 at every setting and dev chose 16 epochs, threshold 0.5,
   second root 0.5 (combined dev F1 0.671, 29 of 996 traps); 1,355 s, a CI run sharing the cores.
   Eighteenth session (13,342 items, the bound per kind of text): 826 s, 2.5 GB; dev chose 14
   epochs, threshold 0.7, second root 0.7 (combined dev F1 0.673, 33 of 1,196 traps; the bound
   over both kinds would have taken 0.6 at 0.678 and 35). Tried with that model's train-only fit,
   each chosen on one half of dev (by a hash of the id) and scored on the other, combined F1 and
   dev traps there: a threshold per root (greedy, two sweeps, under the same bound), 0.678 -> 0.676;
   the combined coder's floor for the model's events (settings `combined_floor`, 0.55) at 0.3 to
   0.7 with thresholds 0.4 to 0.7: F1 0.672-0.679, traps 18-23 (a slider between precision and
   recall on a flat F1); the patterns' events dropped where the model scores their root likelier
   unasserted than asserted, 0.672 -> 0.671, one trap fewer. And the real-news training rows
   weighted three times (the written items outnumber their events eight to one; the model scores
   the gold root under 0.3 for 44% of real-news dev events against 23% of written ones), fitted on
   train alone, 14 epochs, threshold 0.7, second root 0.6: combined real-news dev F1 0.503 ->
   0.518 with traps 4 -> 6 of 215, written 0.691 -> 0.688, all 0.674 -> 0.672 (10 epochs: 0.489
   -> 0.514, 0.682 -> 0.679). All dropped. Kept: a sentence's lone state paired with the states
   of the sentence before (learn/candidates.py, carried_targets; unreachable gold events 2,432 ->
   1,237 of 21,299): dev chose 10 epochs, threshold 0.45, second root 0.7, combined dev F1 0.677
   (0.673 without), 33 traps both; 766 s.
4. The chosen model is fitted again on train + dev with the chosen strength and threshold,
   and written: 20% more annotated events raised the frozen test split's F1 from 0.406 to
   0.428 (P 0.508 -> 0.517, R 0.338 -> 0.366; 2026-12-06); a fifth round of 360 written items
   (5% more events) moved the combined coder on the test items written before it from F1 0.638
   (P 0.744, R 0.558) to 0.639 (P 0.769, R 0.546), and on the real-news test split from 0.397 to
   0.409. The shipped model has therefore
   seen the dev split: to read dev misses, fit on train alone (`--train-only --out DIR`)
   and score with that model (a settings file with `[events] coder_model = "DIR"`, named by
   ORBIT_SETTINGS). Of the test split only its texts are read, to leave out training items
   that repeat one.
Deterministic: a fixed seed for the initial weights and the order of the mini-batches,
every list sorted. NumPy and SciPy only, like coding with the result.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np

from ..evaluate import historical, shadowed_traps, without_shadowed_traps
from ..events.context import date_attachments, event_date
from .candidates import act_word
from .coder import LearnedCoder
from .corpus import DEFAULT_BENCHMARKS, DEFAULT_CORPUS, PROJECT, gold_items, texts
from .features import DENSE
from .fit import HIDDEN, L2, LEARNING_RATE, epochs
from .scorer import COLUMNS, ROOTS, PairScorer
from .sources import WRITTEN

EPOCH_GRID = (6, 8, 10, 12, 14, 16)
ASSERTED_GRID = tuple(round(x, 2) for x in np.arange(0.1, 0.75, 0.05))
MAX_TRAP_SHARE = 0.03
# a second root for one candidate ("demanded ... and threatened", "met ... and signed") must be this
# likely on its own; chosen on dev with the threshold, from these
SECOND_ROOT_GRID = (0.4, 0.5, 0.6, 0.7)
MIN_FEATURE_COUNT = 2
DEFAULT_OUT = PROJECT / "src" / "orbit" / "data" / "models" / "coder"


# -- 1. parse ----------------------------------------------------------------------------------
class Parsed:
    __slots__ = ("cands", "doc", "item", "rows", "rules", "vectors")

    def __init__(self, item, doc, cands, rows, vectors, rules):
        self.item, self.doc, self.cands, self.rows, self.vectors, self.rules = item, doc, cands, rows, vectors, rules


def parse(items: list[dict], coder) -> list[Parsed]:
    """Items through orbit's pipeline (cleaning, spaCy, actors); candidates and features."""
    from ..model import RawDocument
    from ..pipeline import make_article_doc

    pipeline = coder.pipeline
    raws = [RawDocument(it["id"], it["text"], "text", date.fromisoformat(it["date"]), title="") for it in items]
    articles = list(pipeline.clean(raws))
    by_id = {it["id"]: it for it in items}
    out = []
    nlp = pipeline.nlp
    with nlp.select_pipes(disable=["orbit_events"]):
        ok = [a for a in articles if hasattr(a, "text")]
        docs = nlp.pipe((make_article_doc(nlp, a) for a in ok), batch_size=32)
        for article, doc in zip(ok, docs):
            cands, rows, vectors, rules = coder.learned.featurize(doc)
            out.append(Parsed(by_id[article.doc_id], doc, cands, rows, vectors, rules))
    return out


# -- 2. label ----------------------------------------------------------------------------------
def _side_fits(gold_side, party) -> bool:
    if gold_side == "*":
        return True
    if gold_side is None:
        return party is None or party.country is None
    return party is not None and party.country == gold_side


def _anchor_sentence(doc, anchor: str | None):
    if not anchor:
        return None
    at = doc.text.find(anchor)
    if at < 0:
        at = doc.text.lower().find(anchor.lower())
    if at < 0:
        return None
    tok = doc.char_span(at, at + len(anchor), alignment_mode="expand")
    return tok.sent.start if tok is not None and len(tok) else None


def label(p: Parsed, counts: Counter) -> tuple[np.ndarray, np.ndarray]:
    """(labels, weights), each (candidates, 40)."""
    n = len(p.cands)
    y = np.zeros((n, len(COLUMNS)), dtype=np.int8)
    w = np.ones((n, len(COLUMNS)), dtype=np.float32)
    col = {lab: j for j, lab in enumerate(COLUMNS)}
    for kind, prefix in (("events", "A"), ("forbidden", "F"), ("optional", None)):
        for g in p.item.get(kind, []):
            sent = _anchor_sentence(p.doc, g.get("anchor"))
            fits = [i for i, c in enumerate(p.cands)
                    if (sent is None or c.sent.start == sent)
                    and _side_fits(g["source"], c.source) and _side_fits(g.get("target"), c.target)]
            if kind == "events":
                counts["events"] += 1
            if g["source"] == "*":
                # an unidentified actor: a party with no country or only the story's, else no one in particular
                unknown = [i for i in fits if p.cands[i].source.country is None or p.cands[i].source.located]
                if not unknown:
                    for i in fits:
                        w[i, [col[f"A{r}"] for r in g["roots"]] + [col[f"F{r}"] for r in g["roots"]]] = 0
                    if kind == "events":
                        counts["events unreachable"] += 1
                    continue
                fits = unknown
            if g.get("target") == "*" and fits:
                # any target: the act is learned on the source alone, the pairs with each other
                # party are left open (they are neither this event nor wrong)
                alone = [i for i in fits if p.cands[i].target is None]
                for i in fits:
                    if p.cands[i].target is not None:
                        w[i, [col[f"{x}{r}"] for r in g["roots"] for x in "AF"]] = 0
                fits = alone or fits
            if g.get("target") is None:
                # a null target also fits an actor with no country; the untargeted candidate is the label
                for i in fits:
                    if p.cands[i].target is not None:
                        w[i, [col[f"A{r}"] for r in g["roots"]]] = 0
                fits = [i for i in fits if p.cands[i].target is None] or fits
            if kind == "events":
                counts["events reachable" if fits else "events unreachable"] += 1
            elif kind == "forbidden":
                counts["forbidden"] += 1
            for i in fits:
                for r in g["roots"]:
                    if prefix is None:
                        w[i, col[f"A{r}"]] = 0
                        w[i, col[f"F{r}"]] = 0
                    else:
                        y[i, col[f"{prefix}{r}"]] = 1
            if sent is not None and prefix == "A":
                # the same news repeated elsewhere in the item is not a wrong event
                for i, c in enumerate(p.cands):
                    if c.sent.start != sent and _side_fits(g["source"], c.source) \
                            and _side_fits(g.get("target"), c.target):
                        w[i, [col[f"A{r}"] for r in g["roots"]]] = 0
    # an act the text dates long before the item (background history: "since Russia invaded
    # Ukraine in 2022") is neither an event nor wrong, as the scorer counts it: not learned as
    # a negative, or the model learns that the word itself is no event
    heads = date_attachments(p.doc)
    for i, c in enumerate(p.cands):
        if historical({"date": event_date(act_word(c), heads)}, p.item.get("date")):
            w[i, [col[f"A{r}"] for r in ROOTS]] = 0
    w[y == 1] = 1
    return y, w


# -- 3. fit --------------------------------------------------------------------------------------
def vocabulary(parsed: list[Parsed]) -> dict[str, int]:
    counts = Counter(f for p in parsed for row in p.rows for f in set(row))
    names = sorted(f for f, k in counts.items() if k >= MIN_FEATURE_COUNT)
    return {f: i for i, f in enumerate(names)}


def matrix(parsed: list[Parsed], vocab: dict[str, int]):
    """Named features (0/1) then the context vectors, one row per candidate."""
    from scipy.sparse import csr_matrix, hstack

    indptr, indices = [0], []
    for p in parsed:
        for row in p.rows:
            ids = sorted({vocab[f] for f in row if f in vocab})
            indices += ids
            indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    named = csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, len(vocab)))
    dense = np.vstack([p.vectors for p in parsed if p.cands]) if any(p.cands for p in parsed) \
        else np.zeros((0, DENSE), dtype=np.float32)
    return hstack([named, csr_matrix(dense)], format="csr")


def fit(x, y: np.ndarray, w: np.ndarray, epoch_count: int, seed: int):
    """The weights after `epoch_count` epochs."""
    for n, fitted in epochs(x, y, w, seed):
        if n == epoch_count:
            return fitted


def scorer(vocab: dict[str, int], fitted, threshold: float, codes: dict[str, str], info=None,
           second_root: float = SECOND_ROOT_GRID[-1]) -> PairScorer:
    return PairScorer(vocab, fitted.weights, fitted.bias, DENSE, thresholds=_thresholds(threshold, second_root),
                      codes=codes, info=info or {}, hidden_in=fitted.hidden_in, hidden_bias=fitted.hidden_bias,
                      hidden_out=fitted.hidden_out)


# -- scoring on dev ------------------------------------------------------------------------------
def events_of(parsed: list[Parsed], model: PairScorer, coder, predictions: dict | None = None,
              floor: float | None = None) -> list[dict]:
    """The model's events on parsed items, or with a `floor` the combined coder's (the patterns'
    and the model's beside them); `predictions` (by item id) saves predicting again when only
    the thresholds changed."""
    from ..serialize import event_dict

    out = []
    for p in parsed:
        pred = None
        if p.cands:
            pred = predictions[p.item["id"]] if predictions is not None else model.predict(p.rows, p.vectors)
        for e in coder.learned.coded(p.doc, p.cands, pred, p.rules, floor):
            d = event_dict(e)
            d["doc_id"] = p.item["id"]
            out.append(d)
    return out


def score_with_trap_shares(parsed: list[Parsed], model: PairScorer, coder, predictions: dict | None = None,
                           floor: float | None = None) -> tuple[dict, dict[str, float]]:
    """The dev numbers, and the share of traps asserted per kind of text (written items, real
    news): a bound on the whole dev split let a fit trade the real news's few traps for the
    written items' many."""
    from ..evaluate import score_items

    events = events_of(parsed, model, coder, predictions, floor)
    shares = {}
    for kind in ("written", "news"):
        ids = {p.item["id"] for p in parsed if _kind(p) == kind}
        if ids:
            of_kind = [e for e in events if e["doc_id"] in ids]
            s = score_items(of_kind, [p.item for p in parsed if p.item["id"] in ids]).numbers
            shares[kind] = s["trap_hits"] / max(s["traps"], 1)
    return score_items(events, [p.item for p in parsed]).numbers, shares


def _kind(p: Parsed) -> str:
    return "written" if p.item.get("source") == WRITTEN else "news"


def code_table(parsed: list[Parsed]) -> dict[str, str]:
    """root|lemma -> the corpus's most frequent code, and root -> its most frequent code."""
    by_word: dict[str, Counter] = defaultdict(Counter)
    by_root: dict[str, Counter] = defaultdict(Counter)
    for p in parsed:
        for g in p.item.get("events", []):
            code = g.get("code")
            if not code or len(code) < 3:
                continue
            root = code[:2]
            by_root[root][code] += 1
            anchor = g.get("anchor")
            at = p.doc.text.find(anchor) if anchor else -1
            span = p.doc.char_span(at, at + len(anchor), alignment_mode="expand") if at >= 0 else None
            if span is not None and len(span):
                by_word[f"{root}|{span.root.lemma_.lower()}"][code] += 1
    table = {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, c in by_word.items()}
    table.update({r: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for r, c in by_root.items()})
    return dict(sorted(table.items()))


class _Coder:
    """orbit's pipeline with the pattern coder, and a LearnedCoder for features and decisions."""

    def __init__(self):
        from ..events.cameo import load_codebook
        from ..pipeline import Pipeline
        from ..settings import load_settings

        settings = load_settings(coder="rules")
        self.pipeline = Pipeline(settings)
        self.combined_floor = settings.combined_floor  # the default coder's, whose traps are bounded too
        rules = self.pipeline.nlp.get_pipe("orbit_events")
        self.learned = _GridCoder(rules, None, load_codebook())

    def use(self, model: PairScorer):
        self.learned.model = model


class _GridCoder(LearnedCoder):
    """The learned coder as the dev scoring runs it: one fit's predictions at every threshold
    of the grid. An event built for a candidate, root, score and the patterns' events beside
    it, a document's attachments and a trigger's modality cues are the same at every
    threshold, so inside `remembering()` each is built once (a third of the time, the same
    events); outside it this is LearnedCoder. The keys are object ids: the fit's dev documents,
    candidates and pattern events all live while it remembers, so no id is reused."""

    built: dict | None = None

    @contextmanager
    def remembering(self):
        self.built = {}
        try:
            yield
        finally:
            self.built = None

    def _remembered(self, key: tuple, make):
        if self.built is None:
            return make()
        if key not in self.built:
            self.built[key] = make()
        return self.built[key]

    def attachments(self, doc):
        return self._remembered(("where", id(doc)), lambda: super(_GridCoder, self).attachments(doc))

    def cued(self, doc, trigger_span):
        return self._remembered(("cued", id(doc), trigger_span), lambda: super(_GridCoder, self).cued(doc, trigger_span))

    def _event(self, doc, c, root, score, asserted, pair_rules, where):
        return self._remembered(("event", id(c), root, score, asserted, tuple(map(id, pair_rules))),
                                lambda: super(_GridCoder, self)._event(doc, c, root, score, asserted, pair_rules, where))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--benchmarks", type=Path, default=DEFAULT_BENCHMARKS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--train-only", action="store_true",
                    help="write the model fitted on train alone (dev stays unseen, for reading its misses)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    items = gold_items(("train", "dev"), args.corpus, args.benchmarks)
    # an item whose text is word for word a test item's (a wire story run twice) is left out
    test = {_norm(t) for t in texts(("test",), args.corpus, args.benchmarks).values()}
    repeated = [it["id"] for it in items if _norm(it["text"]) in test]
    items = [it for it in items if it["id"] not in set(repeated)]
    # a trap that shares its pair and root with a required event of its item cannot be told
    # from it (evaluate.shadowed_traps): its label would contradict the event's, and on dev it
    # would count the right answer as a trap against the trap limit
    shadowed = sum(len(shadowed_traps(it)) for it in items)
    items = [without_shadowed_traps(it) for it in items]
    coder = _Coder()
    parsed = parse(items, coder)
    train = [p for p in parsed if p.item["split"] == "train"]
    dev = [p for p in parsed if p.item["split"] == "dev"]
    counts: Counter = Counter()
    labels = {id(p): label(p, counts) for p in parsed}
    print(f"left out {len(repeated)} items repeating a test text: {', '.join(repeated)}; "
          f"{shadowed} traps shadowed by a required event")
    print(f"parsed {len(parsed)} items ({len(train)} train, {len(dev)} dev) in {time.perf_counter() - t0:.0f} s; "
          f"{sum(len(p.cands) for p in parsed)} candidates; gold: {dict(sorted(counts.items()))}")

    def stack(ps):
        return (np.vstack([labels[id(p)][0] for p in ps if p.cands]),
                np.vstack([labels[id(p)][1] for p in ps if p.cands]))

    vocab = vocabulary(train)
    x_train = matrix(train, vocab)
    y_train, w_train = stack(train)
    codes = code_table(train + dev)
    best = None
    for n, fitted in epochs(x_train, y_train, w_train, args.seed):
        if n not in EPOCH_GRID:
            continue
        # the probabilities do not depend on the thresholds: predicted once per fit
        probe = scorer(vocab, fitted, ASSERTED_GRID[0], codes)
        predictions = {p.item["id"]: probe.predict(p.rows, p.vectors) for p in dev if p.cands}
        with coder.learned.remembering():  # the fit's dev events, built once for every threshold
            for th in ASSERTED_GRID:
                for second in SECOND_ROOT_GRID:
                    model = scorer(vocab, fitted, th, codes, second_root=second)
                    coder.use(model)
                    s, alone_shares = score_with_trap_shares(dev, model, coder, predictions)
                    beside, combined_shares = score_with_trap_shares(dev, model, coder, predictions,
                                                                     coder.combined_floor)
                    trap_share = max([*alone_shares.values(), *combined_shares.values()])
                    print(f"  epochs={n} threshold={th} second root={second}: dev P {s['precision']:.3f} "
                          f"R {s['recall']:.3f} F1 {s['f1']:.3f} traps {s['trap_hits']}/{s['traps']}; combined "
                          f"F1 {beside['f1']:.3f} traps {beside['trap_hits']}; worst trap share {trap_share:.3f}")
                    # chosen for the default coder (the combined one); settings whose F1 ties (the
                    # scorer rounds it to three places) go to fewer traps, then the model alone's F1
                    key = (beside["f1"], -beside["trap_hits"], s["f1"])
                    if trap_share <= MAX_TRAP_SHARE and (best is None or key > best[0]):
                        best = (key, s, n, th, second)
        if n == max(EPOCH_GRID):
            break
    if best is None:
        print("no setting kept traps asserted under the limit", file=sys.stderr)
        return 1
    (combined_f1, _, _), s, n_epochs, th, second = best
    print(f"chosen on dev: {n_epochs} epochs, threshold {th}, second root at {second}: "
          f"P {s['precision']} R {s['recall']} F1 {s['f1']}; combined F1 {combined_f1}")
    fitted_on = train if args.train_only else train + dev
    vocab = vocabulary(fitted_on)
    y_all, w_all = stack(fitted_on)
    fitted = fit(matrix(fitted_on, vocab), y_all, w_all, n_epochs, args.seed)
    info = {"trained": date.today().isoformat(), "commit": _commit(), "seed": args.seed, "epochs": n_epochs,
            "hidden": HIDDEN, "learning_rate": LEARNING_RATE, "l2": L2,
            "left_out_repeating_test": repeated,
            "items": {"train": len(train), "dev": len(dev)}, "gold": dict(sorted(counts.items())),
            "dev_at_choice": s, "fitted_on": "train" if args.train_only else "train+dev", "features": len(vocab),
            "seconds": round(time.perf_counter() - t0)}
    model = scorer(vocab, fitted, th, codes, info, second_root=second)
    model.save(args.out)
    size = sum(f.stat().st_size for f in args.out.iterdir())
    print(f"wrote {args.out} ({size / 1e6:.1f} MB, {len(vocab)} features) in {time.perf_counter() - t0:.0f} s")
    return 0


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _thresholds(asserted: float, second_root: float) -> dict[str, float]:
    return {"asserted": asserted, "unasserted": 0.5, "second_root": second_root}


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=PROJECT, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


if __name__ == "__main__":
    sys.exit(main())
