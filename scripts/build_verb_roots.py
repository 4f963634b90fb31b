"""Write src/orbit/data/verbs/petrarch_roots.tsv: for each verb of PETRARCH2's CAMEO verb
dictionary, the CAMEO roots its phrases code most often.

    .venv/bin/python scripts/build_verb_roots.py [--dictionary ../shared/reference/petrarch2/CAMEO.2.0.txt]

The trained coder (orbit.learn.features) reads these as a prior on what a verb it has
seen few times in the corpus can mean ("dismiss" -> 01, 11, 08): facts about words taken
from the dictionary (MIT, Open Event Data Alliance), not its text. A verb's own code (its
block's default, or the code on its line) weighs DEFAULT_WEIGHT phrases; each phrase that
names the verb in its comment weighs one. A root is kept when it holds at least MIN_SHARE
of the verb's weight, at most MAX_ROOTS per verb, most
frequent first. Phrases coded "---" (no event) and codes that are not CAMEO are left out.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

DEFAULT_DICTIONARY = ROOT.parent / "shared" / "reference" / "petrarch2" / "CAMEO.2.0.txt"
OUT = ROOT / "src" / "orbit" / "data" / "verbs" / "petrarch_roots.tsv"
MIN_SHARE = 0.2
MAX_ROOTS = 3


HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---")
VERB = re.compile(r"^([A-Z][A-Z-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?")
PHRASE = re.compile(r"^-\s.*?\[([^\]]*)\]\s*#\s*([A-Z_-]+)")
# a verb's own code (its block's, or the one on its line) counts as this many phrases
DEFAULT_WEIGHT = 5


def _root(code: str) -> str | None:
    code = code.split(":")[0].strip()
    return code[:2] if len(code) >= 3 and code[:2].isdigit() and 1 <= int(code[:2]) <= 20 else None


def verb_roots(text: str) -> dict[str, list[tuple[str, int]]]:
    """Lemma -> [(root, weight)]: the verb's own code counts DEFAULT_WEIGHT, each phrase its
    comment gives to the verb ("- * CHARGES [016] # DISMISS") counts one."""
    counts: dict[str, Counter] = defaultdict(Counter)
    block = None
    for line in text.splitlines():
        line = line.split("#")[0].rstrip() if not line.startswith("-") else line.rstrip()
        if m := HEADER.match(line):
            block = _root(m.group(2))
        elif m := PHRASE.match(line):
            root = _root(m.group(1))
            if root:
                counts[m.group(2).lower()][root] += 1
        elif m := VERB.match(line):
            root = _root(m.group(2) or "") or block
            if root:
                counts[m.group(1).lower()][root] += DEFAULT_WEIGHT
    out = {}
    for lemma, c in counts.items():
        if not lemma.isalpha():
            continue
        total = sum(c.values())
        kept = [(root, n) for root, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) if n / total >= MIN_SHARE]
        if kept:
            out[lemma] = kept[:MAX_ROOTS]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dictionary", type=Path, default=DEFAULT_DICTIONARY)
    args = ap.parse_args()
    roots = verb_roots(args.dictionary.read_text(encoding="utf-8", errors="replace"))
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("# lemma<TAB>CAMEO roots its PETRARCH2 phrases code most often (count each), from "
                 "CAMEO.2.0.txt (MIT, Open Event Data Alliance); scripts/build_verb_roots.py\n")
        for lemma in sorted(roots):
            fh.write(lemma + "\t" + ",".join(f"{r}:{n}" for r, n in roots[lemma]) + "\n")
    print(f"{len(roots)} verbs written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
