"""Removal of page furniture from scraped article text.

Patterns live in data/cleaning/boilerplate.txt (line, fragment and byline sections) so
that users can add their own. Related-link boxes are found by shape rather than by
words: a run of bullet lines that read like headlines or "Label: teaser" links, and the
short heading right above them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .offsets import Edit

BULLET = re.compile(r"^\s*[•·▪●◦‣\-–*]\s+")
LABEL_PREFIX = re.compile(r"^\s*[•·▪●◦‣\-–*]\s+[A-Z][^.:!?\n]{1,60}:\s")
# a link teaser is short; real bulleted content in an article tends to be full sentences
TEASER_MAX_WORDS = 14
# how many lines at the top and bottom of an article are checked for bylines
BYLINE_WINDOW = 3


@dataclass(frozen=True)
class BoilerplatePatterns:
    line: tuple[re.Pattern, ...]
    fragment: tuple[re.Pattern, ...]
    byline: tuple[re.Pattern, ...]


def _compile(lines: list[str]) -> BoilerplatePatterns:
    sections: dict[str, list[re.Pattern]] = {"line": [], "fragment": [], "byline": []}
    current = "line"
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]") and line[1:-1] in sections:
            current = line[1:-1]
            continue
        if current == "byline":
            # bylines need their capital letters: names are what tells them apart
            sections[current].append(re.compile(rf"^(?:{line})\.?$"))
        elif current == "line":
            sections[current].append(re.compile(rf"^(?:{line})$", re.IGNORECASE))
        else:
            sections[current].append(re.compile(line, re.IGNORECASE))
    return BoilerplatePatterns(tuple(sections["line"]), tuple(sections["fragment"]), tuple(sections["byline"]))


@lru_cache(maxsize=8)
def load_patterns(extra: str | None = None) -> BoilerplatePatterns:
    text = resources.files("orbit.data.cleaning").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    if extra:
        lines += Path(extra).read_text(encoding="utf-8").splitlines()
    return _compile(lines)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the newline."""
    spans, start = [], 0
    for m in re.finditer("\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _is_teaser(line: str) -> bool:
    if LABEL_PREFIX.match(line):
        return True
    body = BULLET.sub("", line).strip()
    return len(body.split()) <= TEASER_MAX_WORDS and not body.endswith((".", "!", "?", '"', "”"))


def _is_heading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 8 and not line.rstrip().endswith((".", "!", "?", ":", ",", '"', "”"))


def boilerplate_edits(text: str, patterns: BoilerplatePatterns) -> tuple[list[Edit], list[str]]:
    """Edits that delete furniture, and the removed strings (for the audit trail)."""
    edits: list[Edit] = []
    removed: list[str] = []
    lines = _lines(text)
    content = [i for i, (s, e) in enumerate(lines) if text[s:e].strip()]
    edge = set(content[:BYLINE_WINDOW] + content[-BYLINE_WINDOW:])

    def drop_line(i: int) -> None:
        s, e = lines[i]
        edits.append((s, min(e + 1, len(text)), ""))
        removed.append(text[s:e].strip())

    dropped: set[int] = set()
    for i in content:
        s, e = lines[i]
        line = text[s:e].strip()
        if any(p.match(line) for p in patterns.line) or (i in edge and any(p.match(line) for p in patterns.byline)):
            drop_line(i)
            dropped.add(i)

    # related-link boxes: >= 2 consecutive teaser bullets, plus their heading
    run: list[int] = []
    for i in content + [None]:
        if i is not None and BULLET.match(text[lines[i][0]:lines[i][1]]) and i not in dropped:
            run.append(i)
            continue
        if len(run) >= 2 and sum(_is_teaser(text[lines[j][0]:lines[j][1]]) for j in run) * 2 > len(run):
            before = [c for c in content if c < run[0]]
            if before and _is_heading(text[lines[before[-1]][0]:lines[before[-1]][1]]) and before[-1] not in dropped:
                drop_line(before[-1])
                dropped.add(before[-1])
            for j in run:
                drop_line(j)
                dropped.add(j)
        run = []

    for pattern in patterns.fragment:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for (s, e) in (lines[i] for i in dropped)):
                continue
            edits.append((m.start(), m.end(), ""))
            removed.append(m.group(0).strip())
    return edits, removed
