"""Find a publication date written in an article's first lines."""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

ISO_DATE = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b")
MONTH_DAY_YEAR = re.compile(r"\b([A-Z][a-z]{2,8})\.? (\d{1,2}),? ((?:19|20)\d\d)\b")
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2}) ([A-Z][a-z]{2,8})\.? ((?:19|20)\d\d)\b")
# a date further down is more likely a date in the story than the dateline
HEAD_CHARS = 600


def find_publication_date(text: str) -> Optional[date]:
    head = text[:HEAD_CHARS]
    found: list[tuple[int, date]] = []
    for m in ISO_DATE.finditer(head):
        try:
            found.append((m.start(), date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
        except ValueError:
            pass
    for pattern, order in ((MONTH_DAY_YEAR, (1, 2, 3)), (DAY_MONTH_YEAR, (2, 1, 3))):
        for m in pattern.finditer(head):
            month = MONTHS.get(m.group(order[0]).lower())
            if not month:
                continue
            try:
                found.append((m.start(), date(int(m.group(order[2])), month, int(m.group(order[1])))))
            except ValueError:
                pass
    return min(found)[1] if found else None
