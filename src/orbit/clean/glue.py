"""Split words glued together when a scraper dropped the markup between them.

Removing a link or an inline tag often leaves "cameafter", "governmenthas" or
"devices,since". Three rules, each conservative:
  1. a comma or semicolon directly followed by a letter gets a space (not in numbers);
  2. a lower-case word glued to a capitalised one by a full stop ("Tuesday.Credit")
     gets a space;
  3. an unknown lower-case word that splits into a known word and a function word
     ("came|after", "government|has") is split. One side must be a closed-class word
     so that rare but real words ("downtown", "prewar") are never cut.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import read_list, read_text
from .offsets import Edit

COMMA_GLUE = re.compile(r"(?<=[a-z])[,;](?=[a-zA-Z]{2})")
STOP_GLUE = re.compile(r"(?<=[a-z]{3})\.(?=[A-Z][a-z]{2})")
LOWER_WORD = re.compile(r"(?<![\w'’.@/-])[a-z]{6,}(?![\w'’@/-]|\.[a-z])")
# the shorter part of a split must be at least this long ("a" and "i" glue too easily)
MIN_PART = 2


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(all known words, closed-class words)."""
    function = frozenset(read_list("lexicon/function_words.txt"))
    words = frozenset(read_text("lexicon/words.txt").split()) | frozenset(read_list("lexicon/extra_words.txt"))
    return words | function, function


def split_glued(word: str) -> tuple[str, str] | None:
    """The one plausible split of an unknown glued word, or None."""
    words, function = lexicon()
    if word in words:
        return None
    candidates = []
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        left, right = word[:i], word[i:]
        if left in words and right in words and (left in function or right in function):
            # both halves being function words ("inon") is no evidence of glue
            if not (left in function and right in function):
                candidates.append((left, right))
    return candidates[0] if len(candidates) == 1 else None


def glue_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in COMMA_GLUE.finditer(text):
        edits.append((m.end(), m.end(), " "))
    for m in STOP_GLUE.finditer(text):
        edits.append((m.end(), m.end(), " "))
    for m in LOWER_WORD.finditer(text):
        parts = split_glued(m.group(0))
        if parts:
            cut = m.start() + len(parts[0])
            edits.append((cut, cut, " "))
    return edits
