"""Edits on text that keep a map from the edited text back to the original.

Each cleaning step lists its edits (delete a range, insert a space, replace a range);
`apply_edits` performs them and returns the new text with an `OffsetMap` to the step's
input, and `compose` chains the maps of successive steps into one map to the original.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

from ..model import OffsetMap

Edit = tuple[int, int, str]  # (start, end, replacement) in the step's input


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits (overlaps are dropped, first one wins)."""
    parts: list[str] = []
    clean_pts: list[int] = []
    orig_pts: list[int] = []
    pos = 0  # next unread offset in `text`
    out = 0  # length of the output so far
    for start, end, repl in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            continue
        if start > pos:
            clean_pts.append(out)
            orig_pts.append(pos)
            parts.append(text[pos:start])
            out += start - pos
        if repl:
            # every inserted character maps to where the edit starts in the input (a point
            # per character: the map is piecewise with slope 1, an insertion has slope 0)
            for k in range(len(repl)):
                clean_pts.append(out + k)
                orig_pts.append(start)
            parts.append(repl)
            out += len(repl)
        pos = end
    clean_pts.append(out)
    orig_pts.append(pos)
    parts.append(text[pos:])
    return "".join(parts), OffsetMap(tuple(clean_pts), tuple(orig_pts))


def compose(outer: OffsetMap, inner: OffsetMap) -> OffsetMap:
    """Map for `outer` applied after `inner`: offsets of the last text -> first text."""
    clean_pts: list[int] = []
    orig_pts: list[int] = []
    inner_keys = inner.clean
    for k, (c_start, mid_start) in enumerate(zip(outer.clean, outer.original)):
        c_end = outer.clean[k + 1] if k + 1 < len(outer.clean) else None
        length = None if c_end is None else c_end - c_start
        clean_pts.append(c_start)
        orig_pts.append(inner.to_original(mid_start))
        # split the piece where the inner map has breakpoints inside it
        i = bisect_right(inner_keys, mid_start)
        while i < len(inner_keys) and (length is None or inner_keys[i] < mid_start + length):
            clean_pts.append(c_start + inner_keys[i] - mid_start)
            orig_pts.append(inner.original[i])
            i += 1
    return OffsetMap(tuple(clean_pts), tuple(orig_pts))


def identity() -> OffsetMap:
    return OffsetMap((0,), (0,))
