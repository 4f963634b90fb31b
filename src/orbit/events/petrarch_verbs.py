"""Read PETRARCH-format verb dictionaries as orbit pattern records.

    --- MEET [040] ---            a verb block and its default code
    MEET {MET MEETING}            the verb (irregular forms in braces are ignored:
    +CONFER                       orbit matches lemmas), and synonyms
    - * WITH $ [043]              a phrase: '*' is the verb; a preposition right after
    - * TALKS [046]               it becomes a target slot, a word an object constraint
Phrases orbit cannot express (words before the verb, '%' compound markers, synsets) are
skipped. Codes that are not CAMEO codes (KEDS/WEIS codes in old dictionaries) are
skipped too: `skipped` on the returned list says how many.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from ..lexicon.words import words
from .cameo import load_codebook

log = logging.getLogger(__name__)

HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---")
PHRASE = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]")
PETRARCH_PREPOSITIONS = words("events.petrarch_prepositions")
SKIP_WORDS = {"a", "an", "the", "$", "+", "%", "*"}
# where a converted verb looks for its target when its phrase names no preposition
DEFAULT_TARGETS = ("dobj", "to", "with", "against", "on")


class PetrarchRecords(list):
    skipped = 0


def is_petrarch_verbs(path: Path, text: str) -> bool:
    return path.suffix.lower() != ".jsonl" and bool(re.search(r"^---\s+\S+.*---", text, re.M))


def _verb(word: str) -> tuple[str, str | None]:
    parts = word.lower().strip("+").split("_")
    return parts[0], (parts[1] if len(parts) > 1 and parts[1] else None)


def petrarch_verb_records(text: str) -> PetrarchRecords:
    codebook = load_codebook()
    out = PetrarchRecords()
    block_code, verbs, n = None, [], 0
    # a block's default records go after its phrases: file order breaks ties between
    # patterns of equal specificity, and "RAIL AGAINST $" must be tried before bare "RAIL"
    defaults: list[dict] = []
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)

    def add(rec: dict) -> None:
        if rec["code"] in codebook:
            out.append(rec)
        else:
            out.skipped += 1

    for line in text.splitlines():
        line = re.sub(r"#.*$", "", line).rstrip()
        if not line.strip():
            continue
        m = HEADER.match(line)
        if m:
            for rec in defaults:
                add(rec)
            block_code = m.group(2).strip().split(":")[0]
            verbs, defaults = [], []
            continue
        if block_code is None or line.startswith("&"):
            continue
        m = PHRASE.match(line)
        if m:
            words = [w for w in m.group(1).split() if w]
            code = m.group(2).strip().split(":")[0]
            if "*" not in words or words.index("*") != 0 or not verbs:
                out.skipped += 1
                continue
            after = [w.lower() for w in words[1:] if w.lower() not in SKIP_WORDS]
            if not after:
                continue
            first = after[0].split("_")[0]
            for verb, particle in verbs:
                n += 1
                rec = {"id": f"p{n}", "verb": verb, "code": code}
                if particle:
                    rec["particle"] = particle
                if first in PETRARCH_PREPOSITIONS:
                    rec["target"] = [first]
                    rec["target_required"] = True
                else:
                    rec["object"] = [first]
                    rec["target"] = list(DEFAULT_TARGETS)
                add(rec)
            continue
        if not line.startswith("-"):
            word = line.split("{")[0].strip().split()[0] if line.split("{")[0].strip() else ""
            if word:
                verb, particle = _verb(word)
                verbs.append((verb, particle))
                if block_code not in ("---", "+++", ""):
                    n += 1
                    rec = {"id": f"p{n}", "verb": verb, "code": block_code, "target": list(DEFAULT_TARGETS)}
                    if particle:
                        rec["particle"] = particle
                    defaults.append(rec)
    for rec in defaults:
        add(rec)
    if out.skipped:
        log.info("PETRARCH verbs: %d phrases or codes orbit cannot use were skipped", out.skipped)
    return out
