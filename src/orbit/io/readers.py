"""Turn paths into `RawDocument`s, recording what cannot be read as `InputFailure`s.

A bad item never stops a batch: each failure carries the item, an error code and a
readable reason, and the caller decides whether to report, store or exit non-zero.
"""
from __future__ import annotations

import codecs
import json
import logging
import os
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from ..errors import (BadRecord, BinaryInput, DamagedEncoding, EmptyInput, InputError, InputNotFound, InputTooLarge,
                      UnreadableInput, UnsupportedInput)
from ..clean.pubdate import find_publication_date
from ..model import InputFailure, RawDocument
from ..settings import Settings

# news feeds, read by orbit.feeds
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl") + FEED_SUFFIXES
# companions that sit next to articles in a corpus folder and are not articles themselves
IGNORED_IN_DIRECTORIES = (".md", ".json", ".db", ".db-wal", ".db-shm", ".py", ".toml")
Item = Union[RawDocument, InputFailure]
log = logging.getLogger(__name__)
# share of control characters above which a "text" is treated as binary
MAX_CONTROL_RATIO = 0.05


# how many bad byte offsets a decoding warning lists
LISTED_BAD_BYTES = 5
_REPLACEMENT = "\ufffd"
# legacy code pages preferred when the detector finds several equally likely
PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")
Warn = Callable[[InputFailure], None]


def decode_bytes(data: bytes, path: str, warn: Optional[Warn] = None) -> str:
    """UTF-8 (with or without BOM), its bad bytes replaced when the file is UTF-8 all but
    a few; another encoding (by detection) only when the file is clearly not UTF-8;
    binary is refused. Each replacement is reported as a W101 warning through `warn`
    (logged when no `warn` is given)."""
    if not data.strip():
        raise EmptyInput("the file is empty", path=path)
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise BinaryInput("the file holds binary data (NUL bytes), not text", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_damaged(data, path, warn)
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t")
    if sample and controls / len(sample) > MAX_CONTROL_RATIO:
        raise BinaryInput("the file holds binary data (control characters), not text", path=path)
    return text


def bad_utf8_offsets(data: bytes, limit: int = LISTED_BAD_BYTES) -> list[int]:
    """Byte offsets where `data` stops being valid UTF-8 (at most `limit` of them)."""
    bad: list[int] = []
    decoder = codecs.getincrementaldecoder("utf-8")()
    pos = 0
    while len(bad) < limit and pos < len(data):
        try:
            decoder.decode(data[pos:], final=True)
            break
        except UnicodeDecodeError as err:
            bad.append(pos + err.start)
            pos += err.end
            decoder.reset()
    return bad


def _decode_damaged(data: bytes, path: str, warn: Optional[Warn]) -> str:
    """A file that is not valid UTF-8: UTF-8 with U+FFFD for its bad bytes when it holds at
    least as many valid multi-byte UTF-8 characters as bad bytes (a stray byte in a UTF-8
    file; a legacy code page almost never forms valid UTF-8 sequences), else the
    detector's encoding."""
    replaced = data.decode("utf-8-sig", errors="replace")
    bad = replaced.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    valid = sum(1 for ch in replaced if ord(ch) > 127 and ch != _REPLACEMENT)
    if valid >= bad:
        offsets = bad_utf8_offsets(data)
        listed = ", ".join(str(o) for o in offsets) + (", ..." if bad > len(offsets) else "")
        notice = InputFailure(path, DamagedEncoding.code, f"the file is UTF-8 but {bad} byte(s) are not valid UTF-8 (at byte "
                                            f"offset {listed}); each was replaced by U+FFFD")
        if warn is not None:
            warn(notice)
        else:
            log.warning("%s: %s (%s)", notice.code, notice.reason, path)
        return replaced
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise UnreadableInput("the file is not valid UTF-8 and its encoding cannot be detected", path=path)
    # the detector often ties several single-byte code pages (no "chaos" in any): a tie goes
    # to the Western code page of English-language news, else to the detector's order
    least = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least]
    best = next((m for name in PREFERRED_LEGACY for m in tied
                 if m.encoding == name or name in m.could_be_from_charset), tied[0])
    log.info("%s: not UTF-8, read as %s", path, best.encoding)
    return str(best)


def _read_bytes(path: Path, settings: Settings) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as err:
        raise UnreadableInput(f"cannot read the file: {err.strerror}", path=str(path)) from None
    if size > settings.max_bytes:
        raise InputTooLarge(f"the file is {size:,} bytes, over the limit of {settings.max_bytes:,}", path=str(path))
    try:
        return path.read_bytes()
    except OSError as err:
        raise UnreadableInput(f"cannot read the file: {err.strerror}", path=str(path)) from None


def _parse_date(value, where: str) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise BadRecord(f'"date" must be a string YYYY-MM-DD, got {type(value).__name__}', path=where)
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    # scraped records carry the page's own form: "17 December 2016", "Wed Nov 23, 2016 | 4:58pm EST",
    # "Wed, 23 Nov 2016 16:58:00 +0000"; only unambiguous written months are accepted
    found = find_publication_date(value)
    if found is None:
        raise BadRecord(f'"date" is not a date orbit can read (YYYY-MM-DD, or a written month such as '
                        f'"17 December 2016"): {value[:40]!r}', path=where)
    return found


def record_to_document(obj, where: str, default_id: str, settings: Settings) -> RawDocument:
    """One JSONL record (already parsed) as a document."""
    if not isinstance(obj, dict):
        raise BadRecord("the line is not a JSON object", path=where)
    text = obj.get("text")
    html = obj.get("html")
    if text is None and html is None:
        raise BadRecord('the record has no "text" field', path=where)
    body = text if text is not None else html
    if not isinstance(body, str):
        raise BadRecord(f'"text" must be a string, got {type(body).__name__}', path=where)
    if not body.strip():
        raise EmptyInput('the record\'s "text" is empty', path=where)
    if len(body.encode("utf-8", "surrogatepass")) > settings.max_bytes:
        raise InputTooLarge(f"the record's text is over the limit of {settings.max_bytes:,} bytes", path=where)
    doc_id = obj.get("id", default_id)
    if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
        raise BadRecord('"id" must be a string', path=where)
    if isinstance(doc_id, str) and not doc_id.strip():
        raise BadRecord('"id" is empty: give the record an id, or leave the field out to have one made from '
                        'the file name and line number', path=where)
    for key in ("title", "url", "source"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise BadRecord(f'"{key}" must be a string', path=where)
    return RawDocument(doc_id=str(doc_id), content=body, kind="text" if text is not None else "html",
                       date=_parse_date(obj.get("date"), where), title=obj.get("title"), url=obj.get("url"),
                       source=obj.get("source"), path=where)


def _jsonl_documents(path: Path, settings: Settings) -> Iterator[Item]:
    # JSONL corpora may be far larger than one document: the size limit applies per line
    try:
        fh = open(path, "rb")
    except OSError as err:
        yield InputFailure(str(path), UnreadableInput.code, f"cannot read the file: {err.strerror}")
        return
    with fh:
        for n, line in enumerate(fh, 1):
            where = f"{path}:{n}"
            if not line.strip():
                continue
            try:
                try:
                    obj = json.loads(line.decode("utf-8-sig"))
                except UnicodeDecodeError:
                    raise BadRecord("the line is not valid UTF-8", path=where) from None
                except (json.JSONDecodeError, RecursionError) as err:
                    raise BadRecord(f"the line is not valid JSON ({getattr(err, 'msg', 'too deeply nested')})",
                                    path=where) from None
                yield record_to_document(obj, where, f"{path.stem}:{n}", settings)
            except InputError as err:
                yield InputFailure(where, err.code, err.message)


def read_path(path: Path, settings: Settings, date_override: date | None = None,
              warn: Optional[Warn] = None) -> Iterator[Item]:
    """Documents in one file (several for JSONL)."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        for item in _jsonl_documents(path, settings):
            if isinstance(item, RawDocument) and date_override and item.date is None:
                item = RawDocument(**{**_fields(item), "date": date_override})
            yield item
        return
    if suffix in FEED_SUFFIXES:
        from ..feeds import read_feed_file

        if path.stat().st_size > settings.max_bytes:
            yield InputFailure(str(path), InputTooLarge.code,
                               f"the file is {path.stat().st_size:,} bytes, over the limit of {settings.max_bytes:,}")
            return
        yield from read_feed_file(path, settings)
        return
    if suffix not in SUPPORTED_SUFFIXES:
        yield InputFailure(str(path), UnsupportedInput.code,
                           f"unsupported file type {suffix or '(none)'}; orbit reads {', '.join(SUPPORTED_SUFFIXES)}")
        return
    try:
        text = decode_bytes(_read_bytes(path, settings), str(path), warn)
    except InputError as err:
        yield InputFailure(str(path), err.code, err.message)
        return
    kind = "html" if suffix in (".html", ".htm") else "text"
    yield RawDocument(doc_id=path.stem, content=text, kind=kind, date=date_override, path=str(path))


def _fields(doc: RawDocument) -> dict:
    return {k: getattr(doc, k) for k in doc.__slots__}


def _walk(root: Path) -> Iterator[Path]:
    """Files below a directory, sorted, without following symlinked directories (a symlink
    loop would never end). Hidden files are left out; unsupported ones are yielded so
    that they are reported rather than silently ignored."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if not name.startswith(".") and (p.is_file() or p.is_symlink()):
                yield p


def walk_inputs(path: Path) -> Iterator[tuple[Path, bool]]:
    """(file, named) for an input path: the path itself when it is not a directory
    (named: given by the user), else the files below it (not named)."""
    if path.is_dir():
        for p in _walk(path):
            if p.suffix.lower() not in IGNORED_IN_DIRECTORIES:
                yield p, False
    else:
        yield path, True


def iter_documents(paths: Iterable[str | Path], settings: Settings, date_override: date | None = None,
                   warn: Optional[Warn] = None, skip: Optional[Callable[[Path], None]] = None) -> Iterator[Item]:
    """Documents and failures of every path, in order; warnings (W... codes: the item is
    read, with a caveat) go to `warn`, or to the log when it is None. A file of a type
    orbit does not read is an error (E102) when named, and skipped when found in a
    directory (a folder of articles also holds images and spreadsheets): `skip` is told
    of each, for the run's summary."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield InputFailure(str(path), InputNotFound.code, "no such file or directory")
            continue
        for p, named in walk_inputs(path):
            if not named and p.suffix.lower() not in SUPPORTED_SUFFIXES:
                if skip is not None:
                    skip(p)
                else:
                    log.info("skipped %s: not a type orbit reads", p)
                continue
            yield from read_path(p, settings, date_override, warn)
