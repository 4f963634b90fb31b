"""The dateline at the head of a wire story: "XI'AN, China, May 18 (AFP) - ".

It names where the story was filed and the agency, not actors of the story, so the NLP
stage keeps it out of the first sentence (it becomes a sentence of its own) and the
actor resolver ignores it; the place extractor still reads its city.
"""
from __future__ import annotations

import re
from typing import Optional

DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\- ]{1,40}(?:/[A-Z][A-Z'’.\- ]{1,40})*)"  # CITY or CITY/CITY, in capitals
    r"(?:,\s*(?P<region>[A-Z][\w.’'\- ]{1,40}?))?"  # , Country
    r"(?:,?\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\((?P<agency>[^)\n]{1,40})\))?"
    r"\s*(?:[-—–]{1,2}|:)\s+"
)
# a run of capitals this long is a shouted headline, not a city
MAX_PLACE_WORDS = 4


def find_dateline(text: str) -> Optional[tuple[int, int]]:
    """(start, end) of a dateline at the very start of the text, or None."""
    m = DATELINE.match(text)
    if not m:
        return None
    place = m.group("place").strip()
    if len(place.replace("/", " ").split()) > MAX_PLACE_WORDS * (place.count("/") + 1):
        return None
    if not (m.group("region") or m.group("agency") or m.group("date")) and not re.search(r"[—–]", m.group(0)):
        return None
    if m.group(0).rstrip().endswith(":") and not m.group("region"):
        return None
    return m.start(), m.end()
