"""Issue 18: a word list shared by stages is declared once (orbit/lexicon/words.py or a data
file) and imported by name. This test fails when the same list of three or more words is
written out in two modules of src/, the way the relative pronouns once were in three."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from orbit.lexicon.words import RELATIVE_PRONOUNS, acted_on_by_force, force_verbs

SRC = Path(__file__).resolve().parents[1] / "src" / "orbit"


def _word_lists(tree: ast.AST):
    """Literal sets, lists and tuples of three or more lower-case words; the values of a
    table (a dict literal) are rows of that table, not lists of their own."""
    in_tables = {id(v) for node in ast.walk(tree) if isinstance(node, ast.Dict) for v in node.values}
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Set, ast.List, ast.Tuple)) or id(node) in in_tables or len(node.elts) < 3:
            continue
        words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(words) == len(node.elts) and all(w.islower() and w.replace(" ", "").replace("-", "").isalpha()
                                                for w in words):
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


def test_the_shared_lists_hold_what_their_names_say(pipeline):
    assert {"who", "which", "that"} <= RELATIVE_PRONOUNS
    assert {"shell", "besiege", "strike"} <= force_verbs() and "arrest" not in force_verbs()
    doc = pipeline.nlp("Russian artillery shelled Kharkiv overnight.")
    kharkiv = next(t for t in doc if t.text == "Kharkiv")
    assert acted_on_by_force(kharkiv)
    assert not acted_on_by_force(next(t for t in doc if t.text == "artillery"))
