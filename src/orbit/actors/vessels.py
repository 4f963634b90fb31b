"""Named ships: "USS Carney", "HMS Defender", "BRP Sierra Madre" act for the navy of the
country their prefix names (CODING.md: units, ships and aircraft act for their owner).
The prefixes are data (orbit/data/actors/vessel_prefixes.tsv)."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from spacy.tokens import Doc, Token

from ..resources import read_text

# "USS Dwight D. Eisenhower": a ship's name runs over a few capitalised words
MAX_NAME_WORDS = 4


@lru_cache(maxsize=1)
def vessel_prefixes() -> dict[str, tuple[str, str]]:
    """Prefix (as written, case and all) -> (country, role)."""
    out = {}
    for line in read_text("actors/vessel_prefixes.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            prefix, country, role = line.split("\t")[:3]
            out[prefix] = (country, role)
    return out


def vessel_spans(doc: Doc) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, country, role) of each prefixed ship name in the document."""
    prefixes = vessel_prefixes()
    for tok in doc:
        hit = prefixes.get(tok.text)
        if hit is None:
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= MAX_NAME_WORDS and _name_word(doc[end]):
            end += 1
        if end > tok.i + 1:
            yield tok.i, end, hit[0], hit[1]


def _name_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") and not tok.is_sent_start
