"""Numbers written in words or digits: "1,000", "3.5 million", "twenty-five", "a dozen".

One parser for every stage that reads a number: the amounts extractor (extract/amounts.py)
and the event coder's counted objects ("killed hundreds of civilians", events/syntax.py).
"""
from __future__ import annotations

import re
from typing import Optional

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
          "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "bln": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12}


def parse_number(text: str) -> Optional[float]:
    """The value of a number phrase: "1,000", "3.5 million", "two", "twenty-five", "a dozen",
    "half a million", "$20m" (currency marks ignored), "3bn". None when it is not a number."""
    t = text.strip().lower().replace("\u00a0", " ")
    t = re.sub(r"^[^\w.]+", "", t)
    if not t:
        return None
    tokens = re.findall(r"\d[\d,]*(?:\.\d+)?|\.\d+|[a-z]+(?:-[a-z]+)?", t)
    if not tokens:
        return None
    value: Optional[float] = None
    i = 0
    first = tokens[0]
    if first[0].isdigit() or first[0] == ".":
        try:
            value = float(first.replace(",", ""))
        except ValueError:
            return None
        i = 1
    elif first == "half" and len(tokens) > 1 and tokens[1] in ("a", "an"):
        value, i = 0.5, 2
    elif first in ("a", "an"):
        value, i = 1.0, 1
    else:
        parts = first.split("-")
        if parts[0] in TENS:
            value = float(TENS[parts[0]] + (UNITS.get(parts[1], 0) if len(parts) > 1 else 0))
            i = 1
            if len(parts) == 1 and len(tokens) > 1 and tokens[1] in UNITS and 0 < UNITS[tokens[1]] < 10:
                value += UNITS[tokens[1]]
                i = 2
        elif first in UNITS:
            value, i = float(UNITS[first]), 1
        elif first == "dozen":
            value, i = 12.0, 1
        else:
            return None
    for tok in tokens[i:]:
        if tok == "dozen":
            value *= 12
        elif tok in SCALES:
            value *= SCALES[tok]
        else:
            break
    return value
