"""The title is coded as the first sentence of the document.

The cleaned text of an article opens with its title on a line of its own, then the body:
"Turkey and Germany talk trade\\n\\nANKARA, December 12, 2024 — Germany condemned ...".
A `.txt` file keeps its first line there; an HTML page keeps the headline its main text
starts with (trafilatura repeats the <h1>); a title given apart (JSONL "title", a feed
entry) is put there. So the same article gives the same coded text, and the same events,
whatever its file type.

The text alone says where the body starts (`body_start`): after the title when the text
opens with it, at 0 otherwise (documents stored before titles were coded). The dateline is
looked for at the head of the body (`locate_dateline`), so `orbit ingest --recode` finds
the same one from the stored text and title as cleaning did.
"""
from __future__ import annotations

from typing import Optional

from ..model import OffsetMap
from .dateline import find_dateline
from .offsets import apply_edits, compose

# a headline this many words long that the given title starts with is the same headline
# with the site's name after it ("Headline | The Daily Example"): the shortest real
# headlines in the bundled samples and the benchmark pages have 3 words
MIN_HEADLINE_WORDS = 3
TITLE_BREAK = "\n\n"


def title_end(text: str, title: str) -> int:
    """Where the title ends when `text` opens with it on a line of its own, else 0."""
    if not title or not text.startswith(title):
        return 0
    n = len(title)
    return n if n < len(text) and text[n] == "\n" else 0


def body_start(text: str, title: str) -> int:
    """Where the body starts: after the title and the line break(s) following it, else 0."""
    end = title_end(text, title)
    if not end:
        return 0
    while end < len(text) and text[end].isspace():
        end += 1
    return end


def has_body(text: str, title: str) -> bool:
    """Whether there is text besides the title (a page of boilerplate under a headline has none)."""
    if title and text.strip() == title:
        return False
    return bool(text[body_start(text, title):].strip())


def locate_dateline(text: str, title: str) -> Optional[tuple[int, int]]:
    """The dateline at the head of the body, in offsets of the whole text."""
    start = body_start(text, title)
    found = find_dateline(text[start:])
    return None if found is None else (found[0] + start, found[1] + start)


def one_line(title: Optional[str]) -> str:
    return " ".join((title or "").split())


def place_title(text: str, offsets: OffsetMap, title: str) -> tuple[str, OffsetMap, str]:
    """(text, offsets, title) with the text opening with the title on a line of its own.

    `title` is the cleaned title. When the text already opens with it (a .txt first line,
    an HTML headline), nothing moves; when it opens with a headline the title starts with
    (the title adds the site's name), that headline is the title; otherwise the title is
    inserted before the text (its characters map to the start of the original)."""
    title = one_line(title)
    if not title:
        return text, offsets, ""
    if title_end(text, title) or text.strip() == title:
        return text, offsets, title
    first = text.split("\n", 1)[0].rstrip()
    if "\n" in text and len(first.split()) >= MIN_HEADLINE_WORDS and title.startswith(first):
        return text, offsets, first
    new, step = apply_edits(text, [(0, 0, title + TITLE_BREAK)])
    return new, compose(step, offsets), title
