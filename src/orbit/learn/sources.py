"""The texts behind orbit's annotated corpus, read from the shared benchmark folder.

The corpus (`corpus/` at the project root) stores annotations and references, not texts:
most of its sources may not be redistributed. An item names a source, a document in it and
a character range; this module rebuilds each source's documents exactly as they were when
the item was cut, so the range still points at the same words. Only training and the
evaluation scripts call it; the installed coder never needs ../shared.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..lexicon.words import word_sequence


@dataclass(frozen=True)
class SourceDocument:
    source: str
    doc: str
    text: str
    date: str | None  # YYYY-MM-DD when the source gives one
    title: str = ""


# items written for the corpus (its stage 4): orbit's own text, kept in the repository
WRITTEN = "written"
PROJECT = Path(__file__).resolve().parents[3]
WRITTEN_TEXTS = PROJECT / "corpus" / "written" / "texts.jsonl"
# source name -> its file under the shared benchmarks folder (_read turns each into SourceDocuments)
SOURCES = {
    "conflibert_train": "conflibert_cameo/cameo_train.jsonl",
    "geoparsing": "geoparsing_gritta_news/geoparsing_news_gold.jsonl",
    "polnear": "polnear_quote_attribution/polnear_test.jsonl",
    "conll_testb": "conll2003_testb/conll2003_testb.jsonl",
}

_MONTHS = {m: i for i, m in enumerate(word_sequence("dates.month_abbreviations"), 1)}


def _date_from(raw: str | None) -> str | None:
    """A YYYY-MM-DD from the sources' date fields ("2009-03-20 12:24:52-05", "Wed Nov 23, 2016 | ...")."""
    if not raw:
        return None
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", raw)
    if m:
        return m.group(0)
    m = re.search(r"\b([A-Z][a-z]{2})[a-z]*\.? (\d{1,2}), (\d{4})", raw)
    if m and m.group(1).lower() in _MONTHS:
        return f"{m.group(3)}-{_MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"
    return None


_NO_SPACE_BEFORE = {".", ",", ":", ";", "?", "!", ")", "]", "}", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "%"}
_NO_SPACE_AFTER = {"(", "[", "{", "$"}


def detokenize(tokens: list[str]) -> str:
    """CoNLL tokens back to readable text (deterministic: the corpus offsets depend on it)."""
    out = ""
    quote_open = False
    glue_next = False
    for tok in tokens:
        if tok == '"':
            out += ('"' if quote_open or not out else ' "')
            glue_next = not quote_open
            quote_open = not quote_open
            continue
        glued = not out or glue_next or tok in _NO_SPACE_BEFORE or out[-1] in _NO_SPACE_AFTER
        out += tok if glued else " " + tok
        glue_next = False
    return out


def _read_conll(path: Path):
    docs: dict[int, list[list[str]]] = {}
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        docs.setdefault(rec["doc_index"], []).append(rec["tokens"])
    for idx, sents in docs.items():
        lines = [detokenize(s) for s in sents]
        text = "\n".join(lines)
        m = re.search(r"\b(1996|1997)-(\d\d)-(\d\d)\b", text)
        yield SourceDocument("conll_testb", f"doc{idx:03d}", text, m.group(0) if m else "1996-12-06", lines[0])


def _read(source: str, path: Path):
    if source == "conll_testb":
        yield from _read_conll(path)
        return
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        if source == "polnear":
            yield SourceDocument(source, rec["article"], rec["text"], _date_from(rec.get("date")), rec.get("title") or "")
        elif source == WRITTEN:
            yield SourceDocument(source, rec["id"], rec["text"], rec.get("date"), "")
        elif source == "geoparsing":
            yield SourceDocument(source, rec["id"], rec["text"], _date_from(rec.get("date")), rec.get("title") or "")
        else:
            yield SourceDocument(source, rec["id"], rec["text"], None, "")


@cache
def documents(benchmarks: str, source: str) -> dict[str, SourceDocument]:
    """Every document of one source, by document id (PolNeAR's several annotators give one text)."""
    out: dict[str, SourceDocument] = {}
    path = WRITTEN_TEXTS if source == WRITTEN else Path(benchmarks) / SOURCES[source]
    for d in _read(source, path):
        out.setdefault(d.doc, d)
    return out


def item_text(benchmarks: str | Path, item: dict) -> str:
    """The text an item points at; fails loudly when the source has changed under it."""
    doc = documents(str(benchmarks), item["source"])[item["doc"]]
    text = doc.text[item["start"]:item["end"]]
    check = item.get("check")
    if check and not text.startswith(check):
        raise ValueError(f"corpus item {item['id']}: the source text has changed ({check!r} not found)")
    return text
