"""Event patterns: loaded from data files, validated, indexed by trigger lemma.

The format is documented in orbit/data/verbs/README.md.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .. import cache
from ..errors import DictionaryError
from ..lexicon.confidence import CONFIDENCE
from ..lexicon.packed import row_of
from ..resources import data_files, iter_jsonl_text, read_text
from .cameo import CameoCodebook, load_codebook

TARGET_SLOTS = {"dobj", "dative", "obj_poss", "clause_subject", "condition_subject", "for_act", "purpose_object", "own_country", "with", "to", "against", "on", "at", "for", "from", "into", "over",
                "toward", "towards", "upon", "in", "of", "about", "onto", "across", "inside", "near", "behind",
                "after", "between", "among", "by", "outside", "beside", "along", "around", "through", "throughout", "within", "under", "off", "past", "beyond"}
SOURCE_SLOTS = {"poss", "amod", "by", "from", "subject", "of", "between", "among"}
# confidence of a plain pattern; constraints make a match more certain
BASE_CONFIDENCE = CONFIDENCE.pattern_base


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    kind: str  # verb | noun
    lemma: str
    code: str
    target: tuple[str, ...]
    source: tuple[str, ...] = ()
    particle: Optional[str] = None
    object: tuple[str, ...] = ()
    not_object: tuple[str, ...] = ()
    min_count: Optional[float] = None  # the object must count at least this many ("killed hundreds of civilians")
    not_prep: tuple[str, ...] = ()  # nouns: prepositions the trigger must not govern
    received: bool = True
    reciprocal: bool = False
    target_required: bool = False
    direct_target: bool = False
    object_prep: Optional[str] = None
    state_code: Optional[str] = None
    inverse: bool = False  # the target slots name the source and the subject is the target
    untargeted: bool = False  # an event with no one on the receiving end ("declined to comment")
    negated_code: Optional[str] = None  # coded only when negated, as this code ("would not comment": 011)
    confidence: float = BASE_CONFIDENCE

    @property
    def specificity(self) -> int:
        return 1 + 2 * bool(self.object) + 2 * bool(self.particle)


class PatternSet:
    def __init__(self, patterns: list[Pattern], version: str):
        self.version = version
        self.patterns = patterns
        self.by_verb: dict[str, list[Pattern]] = {}
        self.by_noun: dict[str, list[Pattern]] = {}
        for p in patterns:
            index = self.by_verb if p.kind == "verb" else self.by_noun
            index.setdefault(p.lemma, []).append(p)
        for index in (self.by_verb, self.by_noun):
            for lemma, plist in index.items():
                plist.sort(key=lambda p: -p.specificity)  # stable: file order among equals

    def __len__(self) -> int:
        return len(self.patterns)


def pattern_from_record(rec: dict, origin: str, prefix: str, codebook: CameoCodebook) -> Pattern:
    def fail(msg: str):
        raise DictionaryError(f"pattern {rec.get('id', '?')!r}: {msg}", path=origin)

    if not isinstance(rec.get("id"), str):
        fail('needs a string "id"')
    verb, noun = rec.get("verb"), rec.get("noun")
    if bool(verb) == bool(noun):
        fail('needs exactly one of "verb" or "noun"')
    code = str(rec.get("code", ""))
    for c in (code, rec.get("state_code") or code):
        if str(c) not in codebook:
            fail(f"unknown CAMEO code {c!r}")
    target = tuple(rec.get("target", ["dobj"] if verb else []))
    bad = [t for t in target if t not in TARGET_SLOTS]
    if bad:
        fail(f"unknown target slot(s) {bad}")
    source = tuple(rec.get("source", [] if verb else ["poss", "amod", "by", "subject"]))
    bad = [s for s in source if s not in SOURCE_SLOTS]
    if bad:
        fail(f"unknown source slot(s) {bad}")
    lemma = (verb or noun).lower().strip()
    object_lemmas = tuple(w.lower() for w in rec.get("object", []))
    return Pattern(id=f"{prefix}:{rec['id']}", kind="verb" if verb else "noun", lemma=lemma, code=code,
                   target=target, source=source, particle=(rec.get("particle") or None),
                   object=object_lemmas, not_object=tuple(w.lower() for w in rec.get("not_object", [])),
                   not_prep=tuple(w.lower() for w in rec.get("not_prep", [])),
                   min_count=float(rec["min_count"]) if rec.get("min_count") is not None else None,
                   received=bool(rec.get("received", True)), reciprocal=bool(rec.get("reciprocal", False)),
                   target_required=bool(rec.get("target_required", False)),
                   direct_target=bool(rec.get("direct_target", False)), object_prep=rec.get("object_prep"),
                   state_code=str(rec["state_code"]) if rec.get("state_code") else None,
                   inverse=bool(rec.get("inverse", False)), untargeted=bool(rec.get("untargeted", False)),
                   negated_code=str(rec["negated_code"]) if rec.get("negated_code") else None,
                   confidence=float(rec.get("confidence", BASE_CONFIDENCE + CONFIDENCE.pattern_detail * (bool(object_lemmas) + bool(rec.get("particle"))))))


@lru_cache(maxsize=4)
def load_patterns(user_files: tuple[str, ...] = ()) -> PatternSet:
    import hashlib

    from .petrarch_verbs import is_petrarch_verbs, petrarch_verb_records

    h = hashlib.sha1()
    texts: list[tuple[str, Path, str, bool]] = []  # (origin, path, text, packaged)
    for rel in data_files("verbs", ".jsonl"):
        text = read_text(rel)
        h.update(text.encode())
        texts.append((f"orbit/data/{rel}", Path(rel), text, True))
    for f in user_files:
        path = Path(f)
        if not path.is_file():
            raise DictionaryError("verb pattern file not found", path=str(path))
        text = path.read_text(encoding="utf-8", errors="replace")
        h.update(text.encode())
        texts.append((str(path), path, text, False))
    # the checked patterns of the same files and code are kept in orbit's cache folder as
    # plain tuples (checking and building 1,885 of them took 0.1 s at every start)
    # (the codebook checks the codes; the confidence factors set each pattern's confidence)
    name = "patterns-" + cache.digest(h.hexdigest(), Path(__file__).read_bytes(), read_text("cameo/codes.tsv"),
                                      read_text("lexicon/confidence.toml"), *user_files) + ".pickle"
    cached = cache.load(name)
    if isinstance(cached, list):
        try:
            return PatternSet([Pattern(*row) for row in cached], h.hexdigest()[:12])
        except TypeError:  # another shape: rebuilt below
            pass
    codebook = load_codebook()
    patterns: list[Pattern] = []
    seen: set[str] = set()
    sources: list[tuple[str, str, list[dict]]] = []
    for origin, path, text, packaged in texts:
        petrarch = not packaged and is_petrarch_verbs(path, text)
        records = petrarch_verb_records(text) if petrarch else list(iter_jsonl_text(text, origin))
        sources.append((origin, path.stem, records))
    user = []
    for origin, prefix, records in sources:
        for rec in records:
            p = pattern_from_record(rec, origin, prefix, codebook)
            if p.id in seen:
                raise DictionaryError(f"pattern id {p.id!r} is defined twice", path=origin)
            seen.add(p.id)
            (user if origin in user_files else patterns).append(p)
    # user patterns come first so that they win over packaged ones of equal specificity
    ordered = user + patterns
    cache.save(name, [row_of(p) for p in ordered])
    return PatternSet(ordered, h.hexdigest()[:12])
