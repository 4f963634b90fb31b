"""Issue 18: every word list lives in the lexicon layer (orbit/lexicon/ or its data files,
mostly data/lexicon/word_lists.toml) and is read by name. These tests fail when a list of
three or more lower-case words is written out in code outside lexicon/, when the same list
is written out twice, and when a stage names a list the data file does not hold."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest
from spacy.glossary import GLOSSARY

from orbit.lexicon.words import RELATIVE_PRONOUNS, acted_on_by_force, force_verbs, word_sequence, words

SRC = Path(__file__).resolve().parents[1] / "src" / "orbit"
# spaCy's own labels (dependency relations, parts of speech, entity types) name the parser's
# output, not English words, and code reading a parse names them where it reads them
SPACY_LABELS = {label.lower() for label in GLOSSARY}
# names of orbit's own things, not vocabulary: the slots of its verb-pattern format, actor types
# and place kinds of its data model, output formats and file suffixes, store tables and record
# fields, cleaning steps, coder names, spaCy pipe names and loggers
IDENTIFIERS = {
    "by", "from", "of", "between", "among", "subject", "with", "against",  # pattern slots (events/patterns.py)
    "country", "organisation", "group", "adjective", "demonym", "capital",  # actor types, country-name kinds
    "city", "county", "state", "province", "region", "landmark", "river", "sea", "strait", "gulf", "ocean",
    "lake", "bay", "channel", "canal", "water", "mountain", "volcano", "dam", "bridge", "base", "airport",  # place kinds
    "table", "csv", "jsonl", "tsv", "parquet", "graphml", "gexf", ".rss", ".atom", ".xml", ".txt", ".html", ".htm",
    ".jsonl", ".md", ".json", ".db", ".db-wal", ".db-shm", ".py", ".toml",  # formats and suffixes
    "documents", "events", "actors", "quotes", "amounts", "places", "dates", "failures",  # store tables
    "text", "start", "end", "name", "code", "role", "actor", "source", "target", "title", "url",  # record fields
    "pieces", "tstart", "tend", "statement", "cue", "governed", "mentions", "passive", "sources",  # slots of classes
    "cands", "doc", "item", "rows", "rules", "vectors",
    "characters", "boilerplate", "glue", "spacing",  # cleaning steps
    "combined", "model", "day", "week", "month", "year",  # coders, series periods (CLI choices)
    "parser", "ner", "tagger", "token.pos", "token.morph", "token.lemma", "predet", "prn",  # spaCy pipes, attributes
    "distributed", "distributed.scheduler", "distributed.nanny", "distributed.core", "distributed.http.proxy",
    "distributed.worker",  # loggers
}


def _word_lists(tree: ast.AST):
    """Literal sets, lists and tuples of three or more lower-case words; the values of a
    table (a dict literal) are rows of that table, not lists of their own."""
    in_tables = {id(v) for node in ast.walk(tree) if isinstance(node, ast.Dict) for v in node.values}
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Set, ast.List, ast.Tuple)) or id(node) in in_tables or len(node.elts) < 3:
            continue
        words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(words) == len(node.elts) and all(w.islower() and w.replace(" ", "").replace("-", "").replace(".", "")
                                                .replace("'", "").isalpha() for w in words):
            yield node.lineno, frozenset(words)


def test_no_word_list_is_written_out_in_two_modules():
    where = defaultdict(set)
    for path in SRC.rglob("*.py"):
        for line, words in _word_lists(ast.parse(path.read_text(encoding="utf-8"))):
            where[words].add(f"{path.relative_to(SRC)}:{line}")
    copies = {tuple(sorted(w)): sorted(places) for w, places in where.items()
              if len({p.split(":")[0] for p in places}) > 1}
    assert not copies, "word lists written out in more than one module (declare them in orbit/lexicon/words.py):\n" + \
        "\n".join(f"{words}: {places}" for words, places in copies.items())


def test_word_lists_live_in_the_lexicon():
    found = []
    for path in SRC.rglob("*.py"):
        if "lexicon" in path.relative_to(SRC).parts:
            continue
        for line, listed in _word_lists(ast.parse(path.read_text(encoding="utf-8"))):
            if not listed <= SPACY_LABELS | IDENTIFIERS:
                found.append(f"{path.relative_to(SRC)}:{line}: {sorted(listed - SPACY_LABELS - IDENTIFIERS)}")
    assert not found, "word lists written in code (move them to data/lexicon/word_lists.toml):\n" + "\n".join(found)


def test_every_list_a_stage_names_is_in_the_data_file():
    import re

    named = set()
    for path in SRC.rglob("*.py"):
        named |= set(re.findall(r'\b(?:words|word_sequence)\("([a-z_]+\.[a-z_]+)"\)', path.read_text(encoding="utf-8")))
    assert len(named) > 60
    for name in sorted(named):
        assert word_sequence(name), name
    with pytest.raises(KeyError, match="no word list"):
        words("events.no_such_list")
    # where order matters the sequence keeps it; sets are what stages test membership in
    assert word_sequence("dates.month_abbreviations")[:2] == ("jan", "feb")
    assert "claim" in words("events.owning_up_verbs") and "boast" not in words("events.responsibility_verbs")


def test_the_shared_lists_hold_what_their_names_say(pipeline):
    assert {"who", "which", "that"} <= RELATIVE_PRONOUNS
    assert {"shell", "besiege", "strike"} <= force_verbs() and "arrest" not in force_verbs()
    doc = pipeline.nlp("Russian artillery shelled Kharkiv overnight.")
    kharkiv = next(t for t in doc if t.text == "Kharkiv")
    assert acted_on_by_force(kharkiv)
    assert not acted_on_by_force(next(t for t in doc if t.text == "artillery"))


def test_confidence_factors_are_named_in_the_lexicon():
    """Issue 18: the factors inferences multiply into an event's confidence are named data
    (data/lexicon/confidence.toml), not numbers written where they are used."""
    import re

    from orbit.lexicon.confidence import CONFIDENCE

    assert 0 < CONFIDENCE.reported_force < CONFIDENCE.evaluation <= CONFIDENCE.pattern_base < 1
    unnamed = re.compile(r"confidence=0\.\d|confidence \* 0\.\d")
    found = [f"{p.relative_to(SRC)}:{n}" for p in SRC.rglob("*.py")
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if unnamed.search(line.split("#")[0])]
    assert not found, found
