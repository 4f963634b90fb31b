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
# "ANKARA - Turkey's ...": a city and a plain hyphen, the form many papers print. Capitals
# that short ("US - China talks") or these kicker words are not a place.
MIN_BARE_PLACE_LETTERS = 4
KICKERS = frozenset({"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "WATCH", "LIVE", "ANALYSIS", "OPINION",
                     "FACTBOX", "EXPLAINER", "CORRECTED", "CORRECTION", "REFILE", "ADVISORY", "EDITORIAL",
                     "INTERVIEW", "VIDEO", "PHOTOS", "UPDATES", "FEATURE", "COMMENT", "REVIEW", "NEWS", "URGENT"})


def find_dateline(text: str) -> Optional[tuple[int, int]]:
    """(start, end) of a dateline at the very start of the text, or None."""
    m = DATELINE.match(text)
    if not m:
        return None
    place = m.group("place").strip()
    if len(place.replace("/", " ").split()) > MAX_PLACE_WORDS * (place.count("/") + 1):
        return None
    if not (m.group("region") or m.group("agency") or m.group("date")) and not re.search(r"[—–]", m.group(0)) \
            and not _bare_city(place, text[m.end():]):
        return None
    if m.group(0).rstrip().endswith(":") and not m.group("region"):
        return None
    return m.start(), m.end()


def _bare_city(place: str, rest: str) -> bool:
    """Capitals and a plain hyphen before ordinary prose: "NAIROBI - Kenyan police ..."."""
    letters = sum(ch.isalpha() for ch in place)
    words = place.replace("/", " ").split()
    first = rest.split(maxsplit=1)[0] if rest.strip() else ""
    return letters >= MIN_BARE_PLACE_LETTERS and not any(w.strip(".'’-") in KICKERS for w in words) \
        and first[:1].isupper() and not first.isupper()
