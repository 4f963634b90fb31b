"""Stage 1: a raw document becomes a cleaned `Article`.

The steps run in a fixed order, each producing edits whose offset maps are composed,
so every offset in the cleaned text maps back to the original (`Article.offsets`).
"""
from __future__ import annotations

import re
from datetime import date

from ..errors import EmptyInput, NotEnglish
from ..model import Article, RawDocument
from ..settings import Settings
from .boilerplate import boilerplate_edits, load_patterns
from .glue import glue_edits
from .html import extract_main_text
from .language import english_ratio, looks_english
from .normalize import character_edits, spacing_edits
from .offsets import apply_edits, compose, identity
from .pubdate import find_publication_date
from .title import has_body, locate_dateline, one_line, place_title

__all__ = ["clean_document", "clean_text"]

FIRST_LINE = re.compile(r"^\s*([^\n]+)\n")
# a first line longer than this is a paragraph, not a headline
MAX_TITLE_CHARS = 300


def clean_text(text: str, boilerplate_file: str | None = None):
    """Cleaned text, its offset map to `text`, and the removed boilerplate."""
    offsets = identity()
    removed: list[str] = []
    for step in ("characters", "boilerplate", "glue", "spacing"):
        if step == "characters":
            edits = character_edits(text)
        elif step == "boilerplate":
            edits, gone = boilerplate_edits(text, load_patterns(boilerplate_file))
            removed += gone
        elif step == "glue":
            edits = glue_edits(text)
        else:
            edits = spacing_edits(text)
        if edits:
            text, step_map = apply_edits(text, edits)
            offsets = compose(step_map, offsets)
    # trim the ends, keeping the map right
    lead = len(text) - len(text.lstrip())
    if lead or text != text.rstrip():
        text, step_map = apply_edits(text, [(0, lead, ""), (len(text.rstrip()), len(text), "")])
        offsets = compose(step_map, offsets)
    return text, offsets, removed


def clean_document(raw: RawDocument, settings: Settings, today: date | None = None) -> Article:
    source_text = raw.content
    title = raw.title
    url = raw.url
    page_date = None
    dated_text = source_text  # where a publication date is looked for: not in the title
    if raw.kind == "html":
        page = extract_main_text(raw.content, raw.url)
        if page is None or not page.text.strip():
            raise EmptyInput("no main text could be extracted from the HTML", path=raw.path)
        source_text = page.text
        title = title or page.title
        url = url or page.url
        page_date = _iso(page.date)
    elif title is None and raw.kind == "text":
        m = FIRST_LINE.match(source_text)
        if m and len(m.group(1)) <= MAX_TITLE_CHARS and "\n" in source_text.strip():
            title = m.group(1).strip()  # and it stays in the text: the title is coded (clean/title.py)
            dated_text = " " * m.end() + source_text[m.end():]
    text, offsets, removed = clean_text(source_text, settings.boilerplate_file)
    title = one_line(clean_text(title, settings.boilerplate_file)[0]) if title and title.strip() else ""
    text, offsets, title = place_title(text, offsets, title)
    if not has_body(text, title):
        raise EmptyInput("the document has no text after cleaning", path=raw.path)
    if settings.require_english and not looks_english(text):
        ratio, _ = english_ratio(text)
        raise NotEnglish(f"the text does not look English (function-word ratio {ratio:.2f})", path=raw.path)
    pub, date_source = raw.date, "given"
    if pub is None:
        pub, date_source = page_date or find_publication_date(dated_text), "text"
    if pub is None:
        pub, date_source = today or date.today(), "today"
    return Article(doc_id=raw.doc_id, text=text, date=pub, title=title, url=url,
                   source=raw.source, path=raw.path, date_source=date_source, offsets=offsets,
                   original=source_text, removed=tuple(removed), dateline=locate_dateline(text, title))


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
