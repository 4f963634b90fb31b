"""The trained event coder: candidates, features, labels from gold, the model's files, training.

Sentences here are written for these tests (none comes from an evaluation set).
"""
from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np
import pytest

from orbit.learn.scorer import COLUMNS, ROOTS, PairScorer


@pytest.fixture(scope="module")
def trainer():
    from orbit.learn.train import _Coder

    return _Coder()


def parsed_items(trainer, items):
    from orbit.learn.train import parse

    return parse(items, trainer)


def item(iid, text, events=(), forbidden=(), optional=(), day="2024-03-04"):
    return {"id": iid, "date": day, "text": text, "split": "train", "events": list(events),
            "forbidden": list(forbidden), "optional": list(optional), "tags": []}


def test_every_ordered_pair_each_party_alone_and_with_itself_is_a_candidate(trainer):
    (p,) = parsed_items(trainer, [item("a", "Armenia shelled Azerbaijani positions on Monday.")])
    pairs = {(c.source.key, c.target.key if c.target else None) for c in p.cands}
    assert pairs == {("ARM", "AZE"), ("AZE", "ARM"), ("ARM", None), ("AZE", None), ("ARM", "ARM"), ("AZE", "AZE")}


def test_a_lone_actor_acting_at_home_is_a_domestic_candidate_read_at_its_verb(trainer):
    # CODING.md codes a domestic act X->X: the pair must exist though the sentence names one actor
    (p,) = parsed_items(trainer, [item("a2", "Chile ordered an inquiry into the fire at the port.")])
    (c, row) = next((c, r) for c, r in zip(p.cands, p.rows) if c.target is c.source)
    assert c.source.key == "CHL" and c.pair[0] is not None and c.pair[1] is None
    assert "domestic" in row and "w=order" in row


def test_a_noun_taking_up_an_earlier_act_stands_for_its_doers(trainer):
    from orbit.learn.candidates import act_anaphors

    text = ("Azerbaijan and Turkey began joint naval drills in the Caspian Sea on Monday. "
            "Iran's foreign ministry criticised the drills on Tuesday.")
    (p,) = parsed_items(trainer, [item("a3", text)])
    (m,) = act_anaphors(p.doc, list(p.doc._.orbit_mentions))
    assert p.doc[m.start].text == "drills" and p.doc[m.start].sent.start > 0  # the second sentence's
    assert {a.country for a in m.extra["members"]} == {"AZE", "TUR"}
    pairs = {(c.source.key, c.target.key if c.target else None) for c in p.cands if c.sent.start > 0}
    assert ("IRN", "AZE") in pairs and ("IRN", "TUR") in pairs
    # a noun with no earlier act of its lemma, or one whose act names no doer, stands for no one
    (q,) = parsed_items(trainer, [item("a4", "Iran's foreign ministry criticised the drills on Tuesday.")])
    assert act_anaphors(q.doc, list(q.doc._.orbit_mentions)) == []


def test_people_of_no_stated_country_belong_to_the_story_place(trainer):
    (p,) = parsed_items(trainer, [item("b", "LIMA (Reuters) - Police fired tear gas at students on Friday.")])
    keys = {(c.source.key, c.target.key if c.target else None) for c in p.cands}
    assert ("PER", "PER") in keys  # police and students: two actors of one country
    assert all(c.source.located for c in p.cands if c.source.key == "PER" and c.sent.start > 0)


def test_unidentified_attackers_keep_no_country(trainer):
    (p,) = parsed_items(trainer, [item("c", "QUITO (AP) - Gunmen attacked a police station in Quito.")])
    assert any(c.source.key.startswith("actor:") and c.source.country is None for c in p.cands)


def test_features_name_the_path_the_word_and_what_the_dictionaries_say(trainer):
    (p,) = parsed_items(trainer, [item("d", "Armenia shelled Azerbaijani positions on Monday.")])
    (c, row) = next((c, r) for c, r in zip(p.cands, p.rows) if (c.source.key, c.target and c.target.key) == ("ARM", "AZE"))
    assert "w=shell" in row and "s_path=nsubj" in row
    assert any(f.startswith("w_lex=") for f in row)
    assert p.vectors.shape == (len(p.cands), 192)


def test_the_act_is_read_at_the_verb_not_inside_a_noun_phrase(trainer):
    # the two mentions nearest each other sit in one phrase ("Georgia's envoy"); the act is
    # the verb above it
    (p,) = parsed_items(trainer, [item("d2", "Georgia's envoy in Moscow condemned Russia's decision on Tuesday.")])
    row = next(r for c, r in zip(p.cands, p.rows) if (c.source.key, c.target and c.target.key) == ("GEO", "RUS"))
    assert "w=condemn" in row


def test_an_actor_acted_on_with_no_agent_named_gets_an_implicit_source(trainer):
    (p,) = parsed_items(trainer, [item("d3", "LIMA (Reuters) - Opposition leader Juan Quispe was arrested on Friday.")])
    (c, row) = next((c, r) for c, r in zip(p.cands, p.rows) if c.target is c.source and c.sent.start > 0)
    assert c.source.key == "PER" and c.pair[0] is None
    assert "implicit_source" in row and "w=arrest" in row


def test_a_named_town_is_a_target_party_of_its_country_never_a_source(trainer):
    (p,) = parsed_items(trainer, [item("d4", "Azerbaijani troops shelled the town of Jermuk on Tuesday.")])
    rows = {(c.source.key, c.target and c.target.key): r for c, r in zip(p.cands, p.rows)}
    assert "t_kind=place" in rows[("AZE", "ARM")]
    assert not any(c.source.key == "ARM" for c in p.cands)


def test_features_say_who_reports_the_act(trainer):
    # the actor itself, its target, or a third party (CODING.md: the victim's claim is no fact)
    from orbit.learn.features import _reporter

    text = ("Lithuania's interior ministry said Lithuanian guards detained Belarusian officers. Belarus's "
            "interior ministry said Lithuanian guards beat Belarusian officers. Monitors said Lithuanian guards "
            "beat Belarusian officers. Lithuanian guards beat Belarusian officers.")
    (p,) = parsed_items(trainer, [item("g", text)])
    found = []
    for c in p.cands:
        if c.source.key == "LTU" and c.target is not None and c.target.key == "BLR":
            act = next(t for t in c.sent if t.lemma_ in ("detain", "beat"))
            found.append(_reporter(c, act))
    assert found == [["reported_by=source"], ["reported_by=target"], ["reported_by=other"], []]


def test_labels_come_from_the_anchor_sentence(trainer):
    from orbit.learn.train import label

    text = "Chile recalled its ambassador from Peru. Peru said on Tuesday it regretted the decision."
    gold = [{"source": "CHL", "target": "PER", "roots": ["16"], "anchor": "recalled"}]
    (p,) = parsed_items(trainer, [item("e", text, events=gold)])
    y, w = label(p, Counter())
    col = COLUMNS.index("A16")
    positive = [(p.cands[i].sent.start, p.cands[i].source.key, p.cands[i].target and p.cands[i].target.key)
                for i in np.nonzero(y[:, col])[0]]
    assert positive == [(0, "CHL", "PER")]


def test_optional_entries_teach_nothing_and_traps_are_their_own_labels(trainer):
    from orbit.learn.train import label

    text = "Japan will send rescue teams to Turkey, the foreign ministry said."
    (p,) = parsed_items(trainer, [item("f", text, events=[{"source": "JPN", "target": "TUR", "roots": ["03"],
                                                          "anchor": "will send"}],
                                       forbidden=[{"source": "JPN", "target": "TUR", "roots": ["07"],
                                                   "anchor": "will send", "why": "future"}],
                                       optional=[{"source": "JPN", "target": "*", "roots": ["01"]}])])
    y, w = label(p, Counter())
    i = next(i for i, c in enumerate(p.cands) if c.source.key == "JPN" and c.target and c.target.key == "TUR")
    assert y[i, COLUMNS.index("A03")] == 1 and y[i, COLUMNS.index("F07")] == 1
    assert y[i, COLUMNS.index("A07")] == 0 and w[i, COLUMNS.index("A01")] == 0


def test_model_files_round_trip_and_refuse_a_mismatch(tmp_path):
    from orbit.errors import CoderModelError

    rng = np.random.default_rng(0)
    model = PairScorer({"w=attack": 0, "bias": 1}, rng.normal(size=(2 + 3, len(COLUMNS))).astype(np.float32),
                       np.zeros(len(COLUMNS), dtype=np.float32), dense=3, codes={"19": "190"},
                       hidden_in=rng.normal(size=(2 + 3, 4)).astype(np.float32),
                       hidden_bias=np.zeros(4, dtype=np.float32),
                       hidden_out=rng.normal(size=(4, len(COLUMNS))).astype(np.float32))
    model.save(tmp_path)
    again = PairScorer.load(tmp_path)
    rows, vectors = [["w=attack", "unknown"], ["bias"]], rng.normal(size=(2, 3)).astype(np.float32)
    a, b = model.predict(rows, vectors), again.predict(rows, vectors)
    assert a.asserted.shape == (2, len(ROOTS)) and np.allclose(a.asserted, b.asserted, atol=1e-2)
    # the hidden layer counts: without it the same linear part scores otherwise
    linear_only = PairScorer(model.features, model.weights, model.bias, dense=3)
    assert not np.allclose(linear_only.predict(rows, vectors).asserted, a.asserted, atol=1e-2)
    (tmp_path / "weights.npz").write_bytes(b"")
    with pytest.raises(CoderModelError):
        PairScorer.load(tmp_path)
    with pytest.raises(CoderModelError, match="E301"):
        PairScorer.load(tmp_path / "missing")


def test_a_feature_counts_once_per_row_and_an_empty_row_scores_the_bias_alone():
    """As the trainer's matrix has it (one 0/1 column per feature), a name given twice in a
    row is counted once; rows are scored apart from each other."""
    rng = np.random.default_rng(1)
    model = PairScorer({"a": 0, "b": 1}, rng.normal(size=(2, len(COLUMNS))).astype(np.float32),
                       rng.normal(size=len(COLUMNS)).astype(np.float32))
    rows = [["a", "a", "b"], [], ["a", "b"], ["nothing known"], ["b"]]
    z = model.logits(rows)
    assert np.allclose(z[0], z[2]) and np.allclose(z[0], model.weights[0] + model.weights[1] + model.bias)
    assert np.allclose(z[1], model.bias) and np.allclose(z[3], model.bias)
    assert np.allclose(z[4], model.weights[1] + model.bias)


def test_chains_of_governors_are_kept_only_while_a_document_is_described(trainer):
    from orbit.learn.candidates import chains_kept, up

    doc = trainer.pipeline.nlp("Germany sent tanks to Ukraine after talks in Berlin.")
    word = doc[3]
    with chains_kept(doc):
        first = up(word)
        assert up(word) is first and [t.i for t in first] == [t.i for t in up(doc[3])]
    assert "orbit.chains" not in doc.user_data and up(word) is not first
    assert first[-1].dep_ == "ROOT" and first[0].i == 3


def test_training_is_deterministic(trainer):
    """Two fits on the same small corpus give the same weights (a seed for the start and the order)."""
    from orbit.learn.train import fit, label, matrix, vocabulary

    texts = [("Armenia shelled Azerbaijani positions on Monday.", "ARM", "AZE", "19", "shelled"),
             ("Ghana sent food aid to Niger after the floods.", "GHA", "NER", "07", "sent"),
             ("Brazil condemned the Venezuelan crackdown.", "BRA", "VEN", "11", "condemned"),
             ("Sweden expelled two Iranian diplomats on Friday.", "SWE", "IRN", "16", "expelled"),
             ("Kenya and Ethiopia signed a border agreement.", "KEN", "ETH", "05", "signed"),
             ("India shelled Pakistani posts across the frontier.", "IND", "PAK", "19", "shelled")]
    items = [item(f"t{n}", t, events=[{"source": s, "target": g, "roots": [r], "anchor": a}])
             for n, (t, s, g, r, a) in enumerate(texts)]
    ps = parsed_items(trainer, items)
    labels = [label(p, Counter()) for p in ps]
    vocab = vocabulary(ps)
    x = matrix(ps, vocab)
    y = np.vstack([lab[0] for lab in labels])
    w = np.vstack([lab[1] for lab in labels])
    first, second = fit(x, y, w, 3, 13), fit(x, y, w, 3, 13)
    for name in ("weights", "bias", "hidden_in", "hidden_bias", "hidden_out"):
        assert np.array_equal(getattr(first, name), getattr(second, name))
    assert first.bias[COLUMNS.index("A19")] > -30  # a label seen twice is learned
    assert first.bias[COLUMNS.index("A07")] == -30  # a label seen once is never predicted


def test_adam_in_place_gives_the_textbook_update_bit_for_bit():
    """The fit's Adam updates its arrays in place, the large ones by halves on two threads;
    its weights must be those of the textbook form, so that a faster fit is the same fit."""
    from orbit.learn.fit import LEARNING_RATE, _Adam

    rng = np.random.default_rng(5)
    start = {"big": rng.standard_normal((500, 300)).astype(np.float32),
             "small": rng.standard_normal(7).astype(np.float32)}
    steps = [{k: rng.standard_normal(v.shape).astype(np.float32) for k, v in start.items()} for _ in range(4)]
    adam = _Adam({k: v.copy() for k, v in start.items()})
    ref, m, v = ({k: a.copy() for k, a in start.items()}, {k: np.zeros_like(a) for k, a in start.items()},
                 {k: np.zeros_like(a) for k, a in start.items()})
    for t, grads in enumerate(steps, 1):
        adam.step(grads)
        for k, g in grads.items():
            m[k] = 0.9 * m[k] + (1 - 0.9) * g
            v[k] = 0.999 * v[k] + (1 - 0.999) * g * g
            ref[k] -= LEARNING_RATE * (m[k] / (1 - 0.9 ** t)) / (np.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8)
    for k in start:
        assert np.array_equal(adam.params[k], ref[k])
    assert not np.array_equal(adam.params["big"], start["big"])


def test_the_trainers_grid_coder_decides_as_the_learned_coder_at_every_threshold(trainer):
    """Scoring dev over the grid remembers what does not depend on the thresholds; the events
    must be those the learned coder itself gives, at each threshold, alone and beside the patterns."""
    import copy
    import json

    from orbit.learn.coder import LearnedCoder
    from orbit.learn.scorer import load_model
    from orbit.learn.train import _thresholds, events_of

    texts = ["Armenia shelled Azerbaijani positions on Monday, the defence ministry in Baku said.",
             "Ghana sent food aid to Niger after the floods and urged donors to help.",
             "Brazil did not condemn the Venezuelan crackdown, but Chile recalled its ambassador.",
             "Sweden expelled two Iranian diplomats. Tehran said it would respond in kind."]
    ps = parsed_items(trainer, [item(f"g{n}", t) for n, t in enumerate(texts)])
    packaged = load_model()
    plain = LearnedCoder(trainer.learned.rules, None, trainer.learned.codebook)

    class Plain:
        learned = plain

    predictions = {p.item["id"]: packaged.predict(p.rows, p.vectors) for p in ps if p.cands}
    counts = set()
    with trainer.learned.remembering():
        for th, second in ((0.1, 0.4), (0.4, 0.5), (0.7, 0.7), (0.1, 0.4)):
            model = copy.copy(packaged)
            model.thresholds = _thresholds(th, second)
            trainer.use(model)
            plain.model = model
            for floor in (None, trainer.combined_floor):
                grid = events_of(ps, model, trainer, predictions, floor)
                assert json.dumps(grid, sort_keys=True) == json.dumps(events_of(ps, model, Plain, predictions, floor),
                                                                      sort_keys=True)
                counts.add(len(grid))
        assert trainer.learned.built  # it did remember
    assert trainer.learned.built is None
    assert len(counts) > 1  # the thresholds made a difference the grid coder had to follow


def test_the_packaged_model_codes_a_sentence_with_its_rule_and_score():
    from orbit.pipeline import Pipeline
    from orbit.settings import load_settings

    pipeline = Pipeline(load_settings(coder="model"))
    events = pipeline.read("ANKARA (Reuters) - Turkish jets bombed Kurdish militant camps in northern Iraq on "
                           "Tuesday, the defence ministry said.", date(2024, 3, 5)).events
    assert events and all(e.rule.startswith("model:") and 0 < e.confidence <= 1 for e in events)
    assert ("TUR", "19") in {(e.source.country, e.root) for e in events if e.asserted}


def test_an_unknown_coder_is_a_coded_error():
    from orbit.errors import SettingsError
    from orbit.nlp.loader import load_nlp
    from orbit.settings import load_settings

    with pytest.raises(SettingsError, match="E010"):
        load_nlp(load_settings(coder="oracle"))


def test_the_combined_coder_keeps_the_patterns_events_and_adds_the_models_elsewhere():
    from orbit.pipeline import Pipeline
    from orbit.settings import load_settings

    text = ("NAIROBI (Reuters) - Kenyan police detained dozens of opposition supporters on Tuesday after "
            "clashes in the capital. The opposition leader accused the government of crushing dissent.")
    day = date(2024, 3, 9)

    def coded(**kw):
        return Pipeline(load_settings(**kw)).read(text, day).events

    def key(e):
        return (e.sentence_span, e.source.code, e.target.code if e.target else None, e.root, e.cameo, e.rule)

    rules = coded(coder="rules")
    combined = coded(coder="combined", combined_floor=0.3, rule_veto=0.0)
    assert rules and {key(e) for e in rules} <= {key(e) for e in combined}
    extra = [e for e in combined if key(e) not in {key(r) for r in rules}]
    assert extra, "the model adds nothing here: choose a text where it does"
    covered = {(e.sentence_span, e.source.code, e.target.code if e.target else None) for e in rules}
    pattern_roots = {pair + (e.root,) for e, pair in ((e, (e.sentence_span, e.source.code, e.target.code if e.target else None))
                                              for e in rules)}
    for e in extra:
        assert e.rule.startswith("model:") and e.confidence >= 0.3
        pair = (e.sentence_span, e.source.code, e.target.code if e.target else None)
        # a pair the patterns left alone, or an asserted act of a root they did not give it
        assert pair not in covered or (e.asserted and pair + (e.root,) not in pattern_roots)
    # above any score the model gives, the combined coder is the patterns alone, but for the
    # targets the model gives their untargeted events (`completed`)
    alone = coded(coder="combined", combined_floor=1.01, rule_veto=0.0)
    completed = [e for e in alone if key(e) not in {key(r) for r in rules}]
    assert all(e.target and e.rule.startswith(f"model:{e.root}@") and "+core:" in e.rule for e in completed)
    assert {key(e) for e in alone} - {key(e) for e in completed} <= {key(e) for e in rules}


def test_beside_the_patterns_the_model_adds_other_roots_for_their_pairs_never_their_own():
    from types import SimpleNamespace as Row

    from orbit.learn.coder import combine

    def event(root, score, source="ARM", target="AZE", asserted=True, sentence=(0, 40)):
        side = lambda c: Row(country=c, actor_id=None)  # noqa: E731
        return Row(sentence_span=sentence, source=side(source), target=side(target), root=root,
                   confidence=score, asserted=asserted, span=(0, 10), rule="model" if score < 1 else "core:x")

    pattern = event("19", 1.0)
    model = [event("19", 0.9),  # the pattern's own pair and root: the pattern's reading stands
             event("11", 0.8),  # another root for the pattern's pair: added
             event("12", 0.8, asserted=False),  # an unasserted one for that pair: not
             event("04", 0.3),  # below the floor: not
             event("04", 0.6, source="AZE", target="ARM")]  # a pair the patterns left alone: added
    roots = sorted((e.source.country, e.root) for e in combine([pattern], model, 0.45))
    assert roots == [("ARM", "11"), ("ARM", "19"), ("AZE", "04")]
    assert [e for e in combine([pattern], model, 0.45) if e.root == "19"] == [pattern]


def test_an_untargeted_event_gives_way_to_a_targeted_one_of_its_source_and_root():
    """A pattern reads "talks in Hanoi" with no one across the table, the model finds whom with."""
    from types import SimpleNamespace as Row

    from orbit.learn.coder import combine

    def event(root, source, target, asserted=True, score=1.0, sentence=(0, 40)):
        side = lambda c: None if c is None else Row(country=c, actor_id=None)  # noqa: E731
        return Row(sentence_span=sentence, source=side(source), target=side(target), root=root,
                   confidence=score, asserted=asserted, span=(0, 10), rule="core:x" if score == 1.0 else "model")

    patterns = [event("04", "AUS", None), event("03", "AUS", None), event("04", "NZL", None, asserted=False)]
    model = [event("04", "AUS", "VNM", score=0.6, sentence=(41, 90)), event("04", "NZL", "VNM", score=0.6)]
    kept = {(e.source.country, e.target.country if e.target else None, e.root, e.asserted)
            for e in combine(patterns, model, 0.45)}
    assert kept == {("AUS", "VNM", "04", True), ("AUS", None, "03", True), ("NZL", None, "04", False),
                    ("NZL", "VNM", "04", True)}


def test_the_model_vetoes_the_pattern_events_it_scores_below_rule_veto(trainer):
    """A pattern event is dropped exactly when the model's score for its pair and root is
    under the veto; 0 keeps them all."""
    from orbit.learn.coder import vetoed
    from orbit.learn.features import party_key
    from orbit.learn.scorer import load_model

    (p,) = parsed_items(trainer, [item("v", "Kenyan police detained dozens of Ugandan traders on Tuesday. Uganda "
                                            "condemned the arrests and recalled its envoy from Nairobi.")])
    pred = load_model().predict(p.rows, p.vectors)
    rows = {(c.sent.start_char, c.source.key, c.target.key if c.target else None): n for n, c in enumerate(p.cands)}
    scored = {}
    for e in p.rules:
        n = rows.get((e.sentence_span[0], party_key(e.source), party_key(e.target)))
        if n is not None and e.asserted:
            scored[id(e)] = float(pred.asserted[n, ROOTS.index(e.root)])
    assert len(scored) >= 2, "choose a text where the patterns code pairs the model has"
    assert vetoed(p.rules, p.cands, pred, 0.0) == p.rules
    middle = sorted(scored.values())[len(scored) // 2]
    kept = {id(e) for e in vetoed(p.rules, p.cands, pred, middle)}
    assert kept == {id(e) for e in p.rules if id(e) not in scored or scored[id(e)] >= middle}
    assert kept != {id(e) for e in p.rules}


def test_beside_the_patterns_their_modality_cues_veto_a_model_event(pipeline):
    """The combined coder leaves out a model event whose act word the cues read as
    hypothetical or negated; a threat stays (it is itself the event)."""
    from orbit.learn.coder import cued_unasserted

    def cued(text, word):
        doc = pipeline.nlp(text)
        at = text.index(word)
        return cued_unasserted(doc, (at, at + len(word)))

    assert cued("If Tbilisi signs the deal, Moscow could retaliate by cutting gas supplies.", "retaliate")
    assert cued("Moscow did not retaliate against Tbilisi.", "retaliate")
    assert not cued("Moscow warned that it would retaliate against Tbilisi.", "retaliate")
    assert not cued("Moscow retaliated against Tbilisi on Monday.", "retaliated")


def test_an_untargeted_pattern_event_takes_its_target_from_the_pair_the_model_ranks_for_its_root(trainer):
    """`completed`: the pair of the pattern event's sentence and source whose likeliest root is
    the pattern's gives the target, at COMPLETION_FLOOR or above; a pair of another source, or
    one that puts another root first, does not."""
    from orbit.learn.coder import COMPLETION_FLOOR
    from orbit.learn.scorer import Prediction

    (p,) = parsed_items(trainer, [item("c", "Turkey vowed retaliation after Greek jets crossed into its airspace "
                                            "on Monday.")])
    untargeted = [e for e in p.rules if e.target is None and e.asserted]
    assert [(e.source.country, e.root) for e in untargeted] == [("TUR", "13")], "choose a text the patterns code so"
    row = {(c.source.key, c.target.key if c.target else None): n for n, c in enumerate(p.cands)}

    def completed(scores):
        asserted = np.zeros((len(p.cands), len(ROOTS)), dtype=np.float32)
        for (source, target, root), score in scores.items():
            asserted[row[source, target], ROOTS.index(root)] = score
        pred = Prediction(asserted=asserted, unasserted=np.zeros_like(asserted))
        return [(e.source.country, e.target.country, e.root, e.trigger.text, e.rule.split("+")[-1] == untargeted[0].rule)
                for e in trainer.learned.completed(p.doc, p.cands, pred, p.rules)]

    ranked = {("TUR", "GRC", "13"): 0.2, ("TUR", "TUR", "13"): 0.3, ("TUR", "TUR", "15"): 0.5,
              ("GRC", "TUR", "13"): 0.9}
    # TUR->TUR scores 13 higher but puts 15 first; GRC->TUR is another source's pair
    assert completed(ranked) == [("TUR", "GRC", "13", "vowed", True)]
    assert completed({**ranked, ("TUR", "GRC", "13"): COMPLETION_FLOOR / 2}) == []
    assert completed({("TUR", "GRC", "13"): 0.2, ("TUR", "TUR", "13"): 0.3}) == [("TUR", "TUR", "13", "vowed", True)]


def test_an_actor_of_a_known_country_is_coded_with_that_country():
    """The trained coder writes a party's actor as CAMEO does, country first: protesters of a
    Georgian story are GEOOPP, a delegation whose members the dictionaries give no code of
    their own takes its country's (both were "---" with the country beside it)."""
    from orbit.pipeline import Pipeline
    from orbit.settings import load_settings

    from ..conftest import SAMPLES

    pipeline = Pipeline(load_settings(coder="combined"))
    sides = [side for path in sorted(SAMPLES.glob("*.txt"))
             for e in pipeline.read(path.read_text(encoding="utf-8"), date(2024, 3, 4)).events
             for side in (e.source, e.target) if side is not None]
    assert len([s for s in sides if s.country]) > 50
    assert [(s.text, s.code) for s in sides if s.country and not (s.code or "").startswith(s.country)] == []


def test_a_candidate_in_a_sentence_fragment_is_written_in_its_act_words_sentence(trainer):
    # a sentence break inside a mention (the parser once made "Prime" a sentence alone after a
    # dateline: "ISLAMABAD - Prime" | "Minister Imran Khan resigned ...") leaves a candidate whose
    # sentence holds none of its words, and building its event failed (min() of nothing) once a
    # fit asserted it. Such a candidate is made here by moving one to the sentence before its act
    from dataclasses import replace

    (p,) = parsed_items(trainer, [item("frag", "Protests went on for weeks. Prime Minister Imran Khan resigned "
                                                "and flew to Qatar on Monday.")])
    from orbit.learn.candidates import act_word
    from orbit.learn.coder import LearnedCoder
    from orbit.learn.scorer import load_model

    first = next(p.doc.sents)
    stray = [replace(c, sent=first) for c in p.cands if c.sent.start != first.start]
    assert stray and all(not first.start <= act_word(c).i < first.end for c in stray)
    coder = LearnedCoder(trainer.learned.rules, load_model(), trainer.learned.codebook)
    where = coder.attachments(p.doc)
    for c in stray:
        e = coder._event(p.doc, c, "08", 0.9, True, [], where)
        lo, hi = e.sentence_span
        assert lo <= e.span[0] and e.span[1] <= hi and e.trigger.text in e.sentence


def test_dev_traps_are_counted_per_kind_of_text(trainer):
    # the trainer bounds the share of traps asserted on each kind of text: the same sentence with
    # its act forbidden in a news item and not in a written one counts against the news alone
    from orbit.learn.scorer import load_model
    from orbit.learn.train import score_with_trap_shares

    text = "Armenia shelled Azerbaijani positions on Monday."
    trap = {"source": "ARM", "target": "AZE", "roots": ["19"], "anchor": "shelled", "why": "other"}
    news = item("news", text, forbidden=[trap])
    written = {**item("written", text, events=[{"source": "ARM", "target": "AZE", "roots": ["19"]}]),
               "source": "written"}
    ps = parsed_items(trainer, [news, written])
    model = load_model()
    trainer.use(model)
    numbers, shares = score_with_trap_shares(ps, model, trainer, floor=trainer.combined_floor)
    assert shares == {"written": 0.0, "news": 1.0}
    assert (numbers["trap_hits"], numbers["traps"], numbers["tp"]) == (1, 1, 1)


def test_a_lone_state_is_paired_with_the_states_of_the_sentence_before(trainer):
    # "Kigali denied the charge": the one state of the sentence acts on the one named before it
    text = ("Burundi closed its border with Rwanda on Thursday, accusing its neighbour of backing rebels. "
            "Kigali denied the charge. Kenya and Uganda held talks in Nairobi on Friday.")
    denial = {"source": "RWA", "target": "BDI", "roots": ["12"], "anchor": "denied"}
    (p,) = parsed_items(trainer, [item("carry", text, events=[denial])])
    from orbit.learn.train import label

    second, third = sorted({c.sent.start for c in p.cands})[1:]
    carried = {(c.sent.start, c.source.key, c.target.key) for c in p.cands if c.target is not None and c.target.carried}
    # the second sentence's lone state takes the first's other state as a target; the third
    # names two states of its own, so it reads its pairs in its own words
    assert carried == {(second, "RWA", "BDI")}
    assert all(c.sent.start != third for c in p.cands if c.target is not None and c.target.carried)
    counts = Counter()
    y, _ = label(p, counts)
    assert counts["events reachable"] == 1
    (row,) = [n for n, c in enumerate(p.cands) if c.target is not None and c.target.carried]
    assert y[row].any()
