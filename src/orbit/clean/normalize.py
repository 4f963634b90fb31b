"""Character-level normalisation: line ends, invisible marks, odd spaces.

Zero-width and bidi control marks are removed because they split words invisibly
(a zero-width space inside "Kazakhstan" would hide the country); non-breaking and other
Unicode spaces become plain spaces so that tokenisation and matching see one kind.
"""
from __future__ import annotations

import re

from .offsets import Edit

# zero-width, bidi controls, BOM, soft hyphen, C0/C1 controls except tab and newline
INVISIBLE = re.compile(
    "[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]"
)
ODD_SPACE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
LINE_END = re.compile("\r\n?|[\u2028\u2029\u0085]")
TRAILING_SPACE = re.compile(" +(?=\n)| +$")
MANY_SPACES = re.compile("  +")
MANY_BLANK_LINES = re.compile("\n{3,}")


def character_edits(text: str) -> list[Edit]:
    edits: list[Edit] = [(m.start(), m.end(), "") for m in INVISIBLE.finditer(text)]
    edits += [(m.start(), m.end(), " ") for m in ODD_SPACE.finditer(text)]
    edits += [(m.start(), m.end(), "\n") for m in LINE_END.finditer(text)]
    return edits


def spacing_edits(text: str) -> list[Edit]:
    """Collapse runs of spaces and blank lines left behind by removals."""
    edits: list[Edit] = [(m.start(), m.end(), "") for m in TRAILING_SPACE.finditer(text)]
    edits += [(m.start() + 1, m.end(), "") for m in MANY_SPACES.finditer(text)]
    edits += [(m.start() + 2, m.end(), "") for m in MANY_BLANK_LINES.finditer(text)]
    return edits
