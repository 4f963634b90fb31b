"""A faster stand-in for a pipeline's `attribute_ruler`, giving the same annotations.

English pipelines map the tagger's fine tags to coarse POS and morphology, and fix a few
lemmas, with spaCy's AttributeRuler: a Matcher run over every token with all its rules
(179 in en_core_web_sm), then one Python call per match. On news text that costs as much
as the tagger and parser's shared work around it, about a tenth of the whole pipeline.

`AttributeTable` reads the same rules and applies them the way the ruler does (every rule
that matches a token applies, in rule order, so a later rule's value wins), but cheaply:
a one-token rule depends only on the token's own attributes (lower form, tag, dependency
label, ...), so what the rules write for each such combination is worked out once and
remembered across documents; the few multi-token rules are looked for only where their
most selective word occurs; all values go back with one `Doc.from_array`. Rules it cannot
read exactly (operators, extension attributes, comparison predicates) raise
`UnsupportedRules` (`from_ruler` returns None) and the pipeline keeps spaCy's ruler. tests/nlp/test_attribute_table.py checks on real articles
that both give identical POS, tags, morphology, lemmas and dependency labels.
"""
from __future__ import annotations

import re
from typing import Optional

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

# attributes a rule may set (written back with Doc.from_array)
WRITABLE = (POS, TAG, MORPH, LEMMA, DEP)
# pattern keys tried as the anchor, most selective first
ANCHOR_PREFERENCE = ("LOWER", "ORTH", "NORM", "LEMMA", "DEP", "TAG", "POS", "IS_SPACE")


class UnsupportedRules(ValueError):
    """A rule the table cannot apply exactly as the AttributeRuler would."""


class AttributeTable:
    """spaCy component: the rules of an AttributeRuler, applied with look-up tables."""

    def __init__(self, columns: list[int], single: list, single_index: dict, multi: list, multi_index: dict,
                 rule_attrs: list[dict]):
        self.columns = columns  # attribute ids read from the Doc, in this order
        self.single = single  # [(rule, checks)] of one-token patterns with no equality anchor
        self.single_index = single_index  # (column, value) -> [(rule, checks)] one-token patterns
        self.multi = multi  # [(rule, pattern, index)] multi-token patterns with no equality anchor
        self.multi_index = multi_index  # (column, value) -> [(rule, pattern, anchor position, index)]
        self.rule_attrs = rule_attrs  # rule -> {attribute id: value}
        self._multi_columns = {col: np.array(sorted(v for c, v in multi_index if c == col), dtype=np.uint64)
                               for col in {c for c, _ in multi_index}}
        self._by_row: dict = {}  # token attributes -> (id of what the one-token rules write, rules)
        self._writes: list[dict] = []  # id -> {column of WRITABLE: value}
        self._write_ids: dict = {}  # sorted rules -> id
        self._arrays = None  # (values, mask) arrays over the ids, rebuilt when ids are added
        self._regex_memo: dict = {}  # (regex, string hash) -> bool

    @classmethod
    def from_ruler(cls, ruler) -> Optional["AttributeTable"]:
        """The table for a spaCy AttributeRuler, or None if one of its rules is not a plain
        token pattern (then the ruler itself must run)."""
        try:
            return cls.build(ruler)
        except UnsupportedRules:
            return None

    @classmethod
    def build(cls, ruler) -> "AttributeTable":
        """The table for a spaCy AttributeRuler; UnsupportedRules if a rule is not a plain
        token pattern."""
        if not hasattr(ruler, "patterns") or not hasattr(ruler, "attrs"):
            raise UnsupportedRules("not an AttributeRuler")
        vocab = ruler.vocab
        columns: list[int] = []

        def column(key: str) -> int:
            attr = IDS.get(key.upper())
            if attr is None or key.upper() == "POS":  # the Matcher reads POS names its own way
                raise UnsupportedRules(key)
            if attr not in columns:
                columns.append(attr)
            return columns.index(attr)

        def value(key: str, v):
            if isinstance(v, bool) or key.upper().startswith("IS_"):
                return int(bool(v))
            return v if isinstance(v, int) else vocab.strings.add(v)

        def check(key: str, want):
            col = column(key)
            if not isinstance(want, dict):
                return col, "EQ", value(key, want)
            if len(want) != 1:
                raise UnsupportedRules(want)
            (kind, operand), = want.items()
            if kind in ("IN", "NOT_IN"):
                return col, kind, frozenset(value(key, x) for x in operand)
            if kind == "REGEX" and not key.upper().startswith("IS_"):
                return col, kind, re.compile(operand)
            raise UnsupportedRules(kind)

        single, single_index, multi, multi_index, rule_attrs = [], {}, [], {}, []
        for rule, spec in enumerate(ruler.patterns):
            attrs = ruler.attrs[rule]
            if any(a not in WRITABLE for a in attrs):
                raise UnsupportedRules(attrs)
            rule_attrs.append(dict(attrs))
            index = ruler.indices[rule]
            for pattern in spec["patterns"]:
                if any(key in ("OP", "_") for token in pattern for key in token):
                    raise UnsupportedRules(pattern)
                compiled = [[check(k, w) for k, w in token.items()] for token in pattern]
                if not -len(compiled) <= index < len(compiled):
                    raise UnsupportedRules(index)
                anchor = _anchor(compiled, columns)
                if len(compiled) == 1:
                    if anchor is None:
                        single.append((rule, compiled[0]))
                    else:
                        for v in anchor[2]:
                            single_index.setdefault((anchor[1], v), []).append((rule, compiled[0]))
                elif anchor is None:
                    multi.append((rule, compiled, index % len(compiled)))
                else:
                    position, col, values = anchor
                    for v in values:
                        multi_index.setdefault((col, v), []).append((rule, compiled, position, index % len(compiled)))
        return cls(columns, single, single_index, multi, multi_index, rule_attrs)

    def _passes(self, checks, row, strings) -> bool:
        for col, kind, operand in checks:
            v = row[col]
            if kind == "EQ":
                if v != operand:
                    return False
            elif kind == "IN":
                if v not in operand:
                    return False
            elif kind == "NOT_IN":
                if v in operand:
                    return False
            else:
                ok = self._regex_memo.get((operand, v))
                if ok is None:
                    ok = self._regex_memo[(operand, v)] = bool(operand.search(strings[v]))
                if not ok:
                    return False
        return True

    def _write_id(self, rules: tuple) -> int:
        wid = self._write_ids.get(rules)
        if wid is None:
            final: dict = {}
            for rule in rules:  # in rule order: a later rule's value wins, as in the ruler
                for attr, v in self.rule_attrs[rule].items():
                    final[WRITABLE.index(attr)] = v
            wid = self._write_ids[rules] = len(self._writes)
            self._writes.append(final)
            self._arrays = None
        return wid

    def _row_rules(self, row: tuple, strings) -> tuple:
        """(write id, rules) of the one-token rules that match a token with these attributes."""
        rules = set()
        for col, v in enumerate(row):
            for rule, checks in self.single_index.get((col, v), ()):
                if self._passes(checks, row, strings):
                    rules.add(rule)
        for rule, checks in self.single:
            if self._passes(checks, row, strings):
                rules.add(rule)
        key = tuple(sorted(rules))
        return self._write_id(key), key

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        strings = doc.vocab.strings
        table = doc.to_array(self.columns)
        if table.ndim == 1:
            table = table.reshape(n, 1)
        rows = table.tolist()
        by_row = self._by_row
        if len(by_row) > 100_000 or len(self._regex_memo) > 100_000:  # about 25 MB at most
            by_row.clear()
            self._regex_memo.clear()
        ids = []
        for row in rows:
            key = tuple(row)
            found = by_row.get(key)
            if found is None:
                found = by_row[key] = self._row_rules(key, strings)
            ids.append(found[0])
        # multi-token rules, where their anchor word is
        extra: dict[int, set] = {}

        def matches_at(pattern, start: int) -> bool:
            return 0 <= start and start + len(pattern) <= n and all(
                self._passes(checks, rows[start + k], strings) for k, checks in enumerate(pattern))

        for col, values in self._multi_columns.items():
            for i in np.flatnonzero(np.isin(table[:, col], values)).tolist():
                for rule, pattern, position, index in self.multi_index[(col, rows[i][col])]:
                    if matches_at(pattern, i - position):
                        extra.setdefault(i - position + index, set()).add(rule)
        for rule, pattern, index in self.multi:
            for start in range(n - len(pattern) + 1):
                if matches_at(pattern, start):
                    extra.setdefault(start + index, set()).add(rule)
        for token, rules in extra.items():
            ids[token] = self._write_id(tuple(sorted(rules | set(by_row[tuple(rows[token])][1]))))
        if self._arrays is None:
            values = np.zeros((len(self._writes), len(WRITABLE)), dtype=np.uint64)
            mask = np.zeros((len(self._writes), len(WRITABLE)), dtype=bool)
            for wid, final in enumerate(self._writes):
                for k, v in final.items():
                    values[wid, k] = v
                    mask[wid, k] = True
            self._arrays = values, mask
        values, mask = self._arrays
        idx = np.array(ids, dtype=np.intp)
        out = np.where(mask[idx], values[idx], doc.to_array(list(WRITABLE)))
        doc.from_array(list(WRITABLE), out.astype(np.uint64))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


def _anchor(compiled: list, columns: list[int]):
    """The (token position, column, values) of an equality or IN check that every match
    must pass, on the most selective attribute; None if the pattern has none."""
    best = None
    for position, checks in enumerate(compiled):
        for col, kind, operand in checks:
            if kind not in ("EQ", "IN"):
                continue
            rank = _rank(columns[col])
            values = (operand,) if kind == "EQ" else tuple(operand)
            if best is None or rank < best[0]:
                best = (rank, position, col, values)
    return None if best is None else best[1:]


_ANCHOR_RANK = {IDS[k]: i for i, k in enumerate(ANCHOR_PREFERENCE)}


def _rank(attr: int) -> int:
    return _ANCHOR_RANK.get(attr, len(ANCHOR_PREFERENCE))


def install(nlp) -> bool:
    """Put an AttributeTable in place of the pipeline's `attribute_ruler` when every rule
    can be read exactly. Returns whether it did."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:  # the factory builds the table from the ruler (nlp/factories.py)
        nlp.add_pipe("orbit_attribute_table", name="orbit_attributes", after="attribute_ruler")
    except UnsupportedRules:
        return False
    nlp.remove_pipe("attribute_ruler")
    return True
