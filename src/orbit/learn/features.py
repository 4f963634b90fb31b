"""What the trained coder sees of a candidate dyad: named features, one string each.

The features describe how the two parties sit in the parse (the dependency path between
their nearest mentions, the word where the paths meet and what governs it), the cues of
modality around that word (negation, modals, conditions, the verbs of saying, accusing,
denying, planning above it), who reports the act (its source, its target or another), the
kind of actor on each side, the words of the sentence,
and what orbit's pattern coder (events/coder.py) said about the same pair. The patterns
are features here, so the model learns when to trust them and codes what they miss.
Training (learn/train.py) and coding (learn/coder.py) call the same function, so the
two can never drift apart.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from spacy.tokens import Doc, Token

from ..actors.entities import ActorMention
from ..lexicon.words import words
from ..model import Event
from .candidates import MAX_PATH, Candidate, Party, act_word, meet, up

CONTENT_POS = {"VERB", "NOUN", "ADJ", "PROPN"}
REPORTING_VERBS = words("events.reporting_verbs")


def _path_string(path: list[Token]) -> str:
    """Dependency labels from the mention up, with prepositions named: "pobj<with<prep".
    Conjunct steps are left out: the fifth country of "officials from A, B, C, D and E" stands
    where the first does, so a list reads the same for each of its members."""
    path = [t for t in path if t.dep_ != "conj"]
    parts = []
    for t in path[:MAX_PATH]:
        parts.append(f"{t.dep_}:{t.lower_}" if t.dep_ == "prep" or t.dep_ == "agent" else t.dep_)
    return ">".join(parts) if len(path) <= MAX_PATH else ">".join(parts) + ">far"


def _mention_at(party: Party, tok: Token | None) -> ActorMention | None:
    if tok is None:
        return None
    return next((m for m in party.mentions if m.start <= tok.i < m.end), party.mentions[0] if party.mentions else None)


def _side(prefix: str, party: Party, tok: Token | None, mention: ActorMention | None) -> list[str]:
    if tok is None or mention is None:
        return [f"{prefix}:context"]
    actor = mention.actor
    role = mention.extra.get("role") or actor.role or "-"
    f = [f"{prefix}_dep={tok.dep_}", f"{prefix}_type={actor.type}", f"{prefix}_role={role}",
         f"{prefix}_kind={mention.kind}", f"{prefix}_headlemma={tok.head.lemma_.lower()}",
         f"{prefix}_dep+head={tok.dep_}|{tok.head.lemma_.lower()}"]
    if party.country is None:
        f.append(f"{prefix}_nocountry")
    if party.located:
        f.append(f"{prefix}_located")
    if mention.locative:
        f.append(f"{prefix}_locative")
    if len(party.mentions) > 1:
        f.append(f"{prefix}_several")
    return f


def _modality(word: Token) -> list[str]:
    """Cues on the meeting word and on the words that govern it."""
    f = []
    tok, depth = word, 0
    while tok is not None and depth < 4:
        tag = "m" if depth == 0 else "g"
        for c in tok.children:
            if c.dep_ == "neg":
                f.append(f"{tag}_neg")
            elif c.dep_ == "aux" and c.tag_ == "MD":
                f.append(f"{tag}_modal={c.lower_}")
            elif c.dep_ == "aux" and c.lower_ in ("going", "to") and depth == 0:
                f.append("m_going_to")
            elif c.dep_ == "mark":
                f.append(f"{tag}_mark={c.lower_}")
            elif c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
                f.append(f"{tag}_has_condition")
        if depth > 0:
            f.append(f"gov{depth}={tok.lemma_.lower()}")
            f.append(f"gov={tok.lemma_.lower()}")
        f.append(f"{tag}_tag={tok.tag_}")
        if tok.head.i == tok.i:
            break
        f.append(f"{tag}_rel={tok.dep_}")
        tok, depth = tok.head, depth + 1
    if word.sent.text.rstrip().endswith("?"):
        f.append("question")
    return f


def _in_party(party: Party | None, tok: Token) -> bool:
    if party is None:
        return False
    lo, hi = tok.left_edge.i, tok.right_edge.i
    return any(m.start <= hi and lo < m.end for m in party.mentions)


def _reporter(c: Candidate, word: Token) -> list[str]:
    """Who reports the act, where a verb of saying governs it: its source ("Russia said it
    struck ..."), its target ("Vietnam said Chinese vessels rammed its boats": the victim's
    claim) or a third party (monitors, the narrator's sources)."""
    tok = word
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            return []
        if tok.dep_ in ("ccomp", "xcomp", "parataxis") and head.lemma_.lower() in REPORTING_VERBS:
            subj = next((ch for ch in head.children if ch.dep_ == "nsubj"), None)
            if subj is None:
                return ["reported_by=none"]
            if _in_party(c.source, subj):
                return ["reported_by=source"]
            if _in_party(c.target, subj):
                return ["reported_by=target"]
            return ["reported_by=other"]
        tok = head
    return []


def rule_index(events: Iterable[Event]) -> dict[int, list[Event]]:
    """The pattern coder's events by the start of their sentence."""
    out: dict[int, list[Event]] = {}
    for e in events:
        out.setdefault(e.sentence_span[0], []).append(e)
    return out


def party_key(ref) -> str | None:
    if ref is None:
        return None
    return ref.country or f"actor:{ref.actor_id}"


def _rule_features(c: Candidate, rules: list[Event]) -> list[str]:
    s, t = c.source.key, c.target.key if c.target else None
    f = []
    for e in rules:
        es, et = party_key(e.source), party_key(e.target)
        mod = "a" if e.asserted else e.modality
        rule = e.rule.split("+")[0]
        extra = "+".join(e.rule.split("+")[1:])
        if es == s and et == t:
            f += [f"r_root={e.root}", f"r_code={e.cameo}", f"r_root_mod={e.root}|{mod}", f"r_rule={rule}",
                  f"r_mod={mod}"]
            if extra:
                f.append(f"r_extra={extra}")
        elif es == s and et is None:
            f += [f"r_s_untargeted={e.root}|{mod}"]
        elif es == s:
            f += [f"r_s_other={e.root}|{mod}"]
        elif es == t and et == s:
            f += [f"r_reverse={e.root}|{mod}"]
        elif et == t and t is not None:
            f += [f"r_t_other={e.root}|{mod}"]
        f.append(f"r_any={e.root}")
    return f


# verb -> the CAMEO roots PETRARCH2's verb dictionary codes it with most (scripts/build_verb_roots.py)
PETRARCH_ROOTS = "verbs/petrarch_roots.tsv"


def petrarch_roots() -> dict[str, list[str]]:
    from ..resources import read_list

    out = {}
    for line in read_list(PETRARCH_ROOTS):
        lemma, roots = line.split("\t")
        out[lemma] = [r.split(":")[0] for r in roots.split(",")]
    return out


def lexicon_of(patterns) -> dict[str, frozenset[str]]:
    """Lemma -> the CAMEO roots orbit's patterns give it ("condemn" -> 11), and those that
    PETRARCH2's verb dictionary gives it most, marked "p" ("p11"): what the dictionaries
    know about a word, whether or not a pattern fired on this pair. The second source
    covers verbs orbit's patterns lack, so a verb seen rarely in training still has a
    prior on its root."""
    out: dict[str, set[str]] = {}
    for p in patterns.patterns:
        out.setdefault(p.lemma, set()).add(p.code[:2])
    for lemma, roots in petrarch_roots().items():
        out.setdefault(lemma, set()).update("p" + r for r in roots)
    return {k: frozenset(v) for k, v in out.items()}


def _lexical(prefix: str, tok: Token, lexicon: dict[str, frozenset[str]]) -> list[str]:
    roots = lexicon.get(tok.lemma_.lower(), ())
    return [f"{prefix}_lex={r}" for r in sorted(roots)]


def _word_features(word: Token, lemma: str, lexicon: dict[str, frozenset[str]]) -> list[str]:
    """What the act word alone says, the same for every pair read at it."""
    f = [f"w={lemma}", f"w_pos={word.pos_}"]
    # the meeting word's own objects and particles say what kind of act it is ("imposed sanctions")
    objects = [ch for ch in word.children if ch.dep_ in ("dobj", "prt", "attr", "acomp", "xcomp", "nsubjpass")]
    f += [f"w_obj={lemma}|{ch.lemma_.lower()}" for ch in objects]
    # what the dictionaries say of the meeting word, its objects and the words that govern it
    f += _lexical("w", word, lexicon)
    for ch in objects:
        f += _lexical("obj", ch, lexicon)
    for depth, governor in enumerate(up(word)[1:4], 1):
        f += _lexical(f"gov{depth}", governor, lexicon)
    return f + _modality(word)


def features(doc: Doc, c: Candidate, rules: list[Event], sentence_words: list[str],
             lexicon: dict[str, frozenset[str]], memo: dict | None = None) -> tuple[list[str], int]:
    """The candidate's named features, and the index of the word where its parties meet.
    `memo` (one dict per document) keeps what depends on the act word alone."""
    a, b = c.pair
    ms, mt = _mention_at(c.source, a), _mention_at(c.target, b) if c.target else None
    f = ["bias"] + _side("s", c.source, a, ms)
    pt = None
    if c.target is None:
        f.append("t=none")
        ps = _path_string(up(a)[:-1]) if a is not None else "-"
        f.append(f"s_path={ps}")
    else:
        f += _side("t", c.target, b, mt)
        if c.target is c.source or c.target.key == c.source.key:
            f.append("domestic")
        if c.target.carried:
            f.append("t_carried")
        _, pa, pb = meet(a, b) if a is not None and b is not None else (None, [], [])
        if a is None and b is not None:
            f.append("implicit_source")
            chain = up(b)
            top = act_word(c)
            pb = chain[:next((n for n, t in enumerate(chain) if t.i == top.i), 1)]
        ps, pt = _path_string(pa), _path_string(pb)
        f += [f"s_path={ps}", f"t_path={pt}", f"path={ps}|{pt}", f"dist={min(len(pa) + len(pb), 7)}"]
        if a is not None and b is not None:
            f.append("s_first" if a.i < b.i else "t_first")
            lo, hi = sorted((a.i, b.i))
            if hi - lo <= 12:
                f += [f"btw={t.lemma_.lower()}" for t in doc[lo + 1:hi] if t.pos_ in CONTENT_POS or t.pos_ == "ADP"]
        # the words on the path between the mentions (below the meeting word)
        f += [f"on_path={t.lemma_.lower()}" for t in pa[1:] + pb[1:] if t.pos_ in ("VERB", "NOUN")]
    word = act_word(c)
    lemma = word.lemma_.lower()
    block = memo.get(word.i) if memo is not None else None
    if block is None:
        block = _word_features(word, lemma, lexicon)
        if memo is not None:
            memo[word.i] = block
    f += block
    if c.target is not None:
        # the word with the kind of actor doing it
        f.append(f"w+s={lemma}|" + (f"s_type={ms.actor.type}" if ms is not None else "t:context"))
    f.append(f"w+spath={lemma}|{ps}")
    if pt is not None:
        f.append(f"w+tpath={lemma}|{pt}")
    f += _reporter(c, word)
    f += [f"sw={w}" for w in sentence_words]
    f += _rule_features(c, rules)
    return f, word.i


DENSE = 192  # the meeting word's context vector and the sentence's mean, from the pipeline's tok2vec


def context_vector(doc: Doc, word: int, sent, sentence_means: dict | None = None) -> np.ndarray:
    """What the pipeline's own token encoder (doc.tensor) says around the meeting word: a
    dense view of the words that lets the model treat unseen verbs like known ones.
    `sentence_means` (one dict per document) keeps each sentence's mean."""
    t = doc.tensor
    if t is None or not len(t) or t.shape[1] * 2 != DENSE:
        return np.zeros(DENSE, dtype=np.float32)
    mean = sentence_means.get(sent.start) if sentence_means is not None else None
    if mean is None:
        mean = t[sent.start:sent.end].mean(axis=0)
        if sentence_means is not None:
            sentence_means[sent.start] = mean
    return np.concatenate([t[word], mean]).astype(np.float32)


def sentence_words(sent) -> list[str]:
    return sorted({t.lemma_.lower() for t in sent if t.pos_ in ("VERB", "NOUN", "ADJ") and t.is_alpha})
