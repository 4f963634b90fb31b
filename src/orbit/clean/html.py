"""Main text of an HTML page, as an ordered cascade of extractors.

1. trafilatura's extractor (precision settings off: news pages reward recall);
2. if it returns too little, trafilatura's baseline extractor;
3. if that fails too, the text of every <p> element, parsed by lxml.
Each fallback is logged, so the stage that produced a text can be traced.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Optional

log = logging.getLogger(__name__)

# below this many characters an extraction is treated as a failure; tuned on the
# bundled sample page and the store issue's truncated-HTML cases
MIN_TEXT_CHARS = 80
# the last-resort fallback keeps any page with at least this many words of visible text
MIN_FALLBACK_WORDS = 5


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    title: Optional[str]
    date: Optional[str]
    url: Optional[str]
    stage: str


def _trafilatura(html: str, url: Optional[str]) -> Optional[ExtractedPage]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=False,
                                      favor_recall=True, with_metadata=True)
    if doc is None:
        return None
    text = getattr(doc, "text", None) or ""
    if len(text) < MIN_TEXT_CHARS:
        return None
    return ExtractedPage(text, getattr(doc, "title", None), getattr(doc, "date", None),
                         getattr(doc, "url", None) or url, "trafilatura")


def _baseline(html: str) -> Optional[ExtractedPage]:
    from trafilatura import baseline

    _, text, _ = baseline(html)
    if len(text or "") < MIN_TEXT_CHARS:
        return None
    return ExtractedPage(text, None, None, None, "baseline")


def _paragraphs(html: str) -> Optional[ExtractedPage]:
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for el in tree.xpath("//script|//style|//noscript|//template|//svg"):
        el.drop_tree()
    paras = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    text = "\n\n".join(p for p in paras if p)
    if not text:
        text = " ".join(tree.text_content().split())
    title = tree.findtext(".//title")
    if len(text.split()) < MIN_FALLBACK_WORDS:
        return None
    return ExtractedPage(text, title.strip() if title else None, None, None, "paragraphs")


def extract_main_text(html: str, url: Optional[str] = None) -> Optional[ExtractedPage]:
    for stage in (lambda: _trafilatura(html, url), lambda: _baseline(html), lambda: _paragraphs(html)):
        try:
            page = stage()
        except Exception as err:  # a broken page must not stop a batch; the next stage tries
            log.debug("html extraction stage failed: %s", err)
            page = None
        if page is not None:
            if page.stage != "trafilatura":
                log.info("html main text came from the %s fallback", page.stage)
            return page
    return None
