"""Reading PETRARCH / TABARI actor and agent dictionaries into an `ActorDictionary`.

Actor files:   NAME_WITH_UNDERSCORES [CODE]          one actor
               +SYNONYM                              another name for the entry above
               NAME  (then indented lines)  [CODE <YYMMDD] [CODE d1-d2] [CODE >YYMMDD]
                                                     codes that hold in date ranges
               NAME [CODE d1-d2] [CODE]              codes may also follow the name on its line
Agent files:   TERM {PLURAL} [~ROLE]  or  [ROLE~]     a role noun (~ marks where the
               !MACRO! = A, B, C                      country code goes); macros expand
Comments start with '#' or sit in <!-- -->. Codes of three letters that are not yet
known countries become countries, so fictional test worlds (Gondor, Arnor) work.

Dates in restrictions are YYMMDD or YYYYMMDD, with any spacing around `<`, `>` and `-`
(`[EGYGOV > 140608]`, `[USAGOV 890120-19930120]`). `<D` holds up to and including D, `>D`
from D on, `D1-D2` from D1 to D2; a bare date (`[MNEGOV 20121204]`) is read as a start,
like `>D`. Two-digit years are read with a pivot at 30: 00-29 are 2000-2029 and 30-99 are
1930-1999 (`331108` is 1933-11-08, `070723` is 2007-07-23). The Phoenix dictionaries,
coded 2014-2016, write two-digit years only for dates from the 1930s to 2016 (earlier ones
are written with four digits), and with this pivot none of their 20,870 two-digit ranges
ends before it starts. An undated code after dated ones (`[AFGELI]`) is the entry's code
outside its dated terms; `[---]` means "no code" and is skipped.

Lines orbit cannot use are skipped, each reported as a coded warning naming the file and
the line (`W200: ... (Phoenix.Countries.actors.txt:2039)`), never an exception: dates with
the wrong number of digits or an impossible month or day, ranges that end before they
start, code blocks that are not codes, synonyms or code lines with no entry above them,
entries with no code at all, agent lines with no usable role.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

from ..errors import DictionaryWarning
from .actor_dictionary import (
    ActorDictionary,
    Country,
    OfficeTerm,
    Person,
    RoleTerm,
    Surface,
    normalise_surface,
    person_id,
)

log = logging.getLogger(__name__)

CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
CODE = re.compile(r"^[A-Z0-9]{3,}$")
BLOCK = re.compile(r"^([A-Za-z0-9~]+)(?:\s+(.*?))?\s*$")
BEFORE = re.compile(r"^<\s*(\d+)$")
AFTER = re.compile(r"^>\s*(\d+)$")
RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")
BARE = re.compile(r"^(\d+)$")
MACRO = re.compile(r"^\s*(![A-Z_]+!)\s*=\s*(.+)$")
AGENT_HINT = re.compile(r"\[\s*~|\w~\s*\]")
TWO_DIGIT_PIVOT = 30  # two-digit years below it are 20xx, the others 19xx
NO_CODE = ("---", "+++")
# prefixes of CAMEO codes that are not countries: international and non-state actors, and
# role codes written without a country ("[ELI]"); they never become countries
NON_COUNTRY = {"IGO", "NGO", "NGM", "IMG", "MNC", "INT", "UIS", "UNK"}
ROLE_PREFIXES = {"GOV", "MIL", "REB", "OPP", "ELI", "JUD", "LEG", "COP", "SPY", "MED", "EDU", "BUS", "CVL", "REF",
                 "HRI", "LAB", "HLH", "AGR", "CRM", "ENV", "INS", "MOD", "RAD", "REL", "SEP", "SET", "UAF", "PKO",
                 "PTY", "UNR", "OCC", "DEV", "CHR", "MUS", "JEW", "BUD", "HIN"}


def is_petrarch_file(path: Path, text: str) -> bool:
    if path.suffix.lower() == ".jsonl":
        return False
    return bool(CODE_BLOCK.search(text)) and not text.lstrip().startswith("{")


def _strip_comments(text: str) -> list[tuple[int, str]]:
    """(line number, text) of every line that is not blank once comments are removed."""
    # a <!-- --> block becomes as many line breaks as it spans, so line numbers stay right
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    lines = []
    for n, line in enumerate(text.splitlines(), 1):
        line = re.sub(r"#.*$", "", line).rstrip()
        if line.strip():
            lines.append((n, line))
    return lines


def _date(s: str) -> date:
    """YYMMDD (pivot at TWO_DIGIT_PIVOT) or YYYYMMDD; ValueError for anything else."""
    if len(s) == 6:
        yy = int(s[:2])
        year = 2000 + yy if yy < TWO_DIGIT_PIVOT else 1900 + yy
    elif len(s) == 8:
        year = int(s[:4])
    else:
        raise ValueError(f"{s!r} has {len(s)} digits, not YYMMDD or YYYYMMDD")
    try:
        return date(year, int(s[-4:-2]), int(s[-2:]))
    except ValueError as err:
        raise ValueError(f"{s!r} is not a date ({err})") from None


class _Warnings:
    """Collects the coded warnings of one file and logs them."""

    def __init__(self, origin: str):
        self.origin = origin
        self.lines: list[tuple[int, str]] = []

    def __call__(self, line: int, message: str) -> None:
        self.lines.append((line, message))

    def report(self) -> list[DictionaryWarning]:
        """The warnings in line order, each logged."""
        items = [DictionaryWarning(m, path=f"{self.origin}:{n}") for n, m in sorted(self.lines, key=lambda x: x[0])]
        for w in items:
            log.warning("%s", w)
        if items:
            log.warning("%s: %d dictionary line(s) skipped (W200 above)", self.origin, len(items))
        return items


@dataclass
class _Entry:
    line: int
    names: list[str]
    blocks: list[tuple[str, int]] = field(default_factory=list)  # (code block text, line number)


@dataclass
class _Code:
    code: str
    start: Optional[date] = None  # None: undated
    end: Optional[date] = None
    dated: bool = False


def _parse_block(block: str, line: int, warn: _Warnings) -> Optional[_Code]:
    """One "[...]" block: a code with an optional date restriction, or None (reported)."""
    text = " ".join(block.split())
    if text in NO_CODE:
        return None
    m = BLOCK.match(text)
    if not m or not CODE.match(m.group(1).upper().replace("~", "")) or "~" in m.group(1):
        warn(line, f"[{block}] is not a CAMEO code")
        return None
    code, rest = m.group(1).upper(), (m.group(2) or "").replace(" ", "")
    if not rest:
        return _Code(code)
    try:
        if mm := BEFORE.match(rest):
            return _Code(code, date.min, _date(mm.group(1)), True)
        if mm := AFTER.match(rest):
            return _Code(code, _date(mm.group(1)), None, True)
        if mm := RANGE.match(rest):
            start, end = _date(mm.group(1)), _date(mm.group(2))
            if end < start:
                warn(line, f"[{block}]: the range ends ({end}) before it starts ({start})")
                return None
            return _Code(code, start, end, True)
        if mm := BARE.match(rest):
            return _Code(code, _date(mm.group(1)), None, True)
    except ValueError as err:
        warn(line, f"[{block}]: {err}")
        return None
    warn(line, f"[{block}]: cannot read the date restriction {rest!r}")
    return None


def _name(token: str) -> str:
    """PETRARCH writes names in capitals with underscores: "PRESIDENT_GEORGE_W._BUSH".
    orbit matches capitalised words, so the name is title-cased ("President George W. Bush")."""
    words = token.replace("_", " ").split()
    return " ".join(w if any(c.islower() for c in w) else w[:1] + w[1:].lower() for w in words)


def _plural(term: str) -> str:
    if term.endswith("y") and not term.endswith(("ay", "ey", "oy")):
        return term[:-1] + "ies"
    if term.endswith(("s", "x", "ch", "sh")):
        return term + "es"
    return term + "s"


def load_petrarch_file(d: ActorDictionary, text: str, origin: str) -> list[DictionaryWarning]:
    """Load one PETRARCH/TABARI file into `d`; returns (and logs) the warnings for the lines skipped."""
    warn = _Warnings(origin)
    if AGENT_HINT.search(text):
        _load_agents(d, text, warn)
    else:
        _load_actors(d, text, warn)
    return warn.report()


def _ensure_country(d: ActorDictionary, code: str) -> None:
    code = code.upper()
    if (len(code) == 3 and code.isalpha() and code not in d.countries and code not in NON_COUNTRY
            and code not in ROLE_PREFIXES):
        d.countries[code] = Country(code, code, code, sovereign=False)


def _role_of(d: ActorDictionary, code: str) -> str:
    if code[:3] in NON_COUNTRY:
        return code[:3]
    if code[:3] in ROLE_PREFIXES and not _is_country_code(d, code):
        return code[:3]
    return code[3:6]


def _split_synonyms(text: str) -> list[str]:
    # "+A_+_B" and "+A+B": two synonyms glued on one line
    return [_name(part) for part in text.split("+") if part.strip(" _")]


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _parse_actor_entries(text: str, warn: _Warnings) -> list[_Entry]:
    """Group the lines into entries. Name lines that follow each other with no code
    between them ("LEONID_BREZHNEV_" / "LEONID_ILYICH_BREZHNEV" / then "[RUSGOV ...]") name
    one actor, as in PETRARCH; a blank or comment line ends such a group."""
    entries: list[_Entry] = []
    current: Optional[_Entry] = None
    lines = dict(_strip_comments(text))
    gap = False  # a blank or comment line since the last line read
    for n in range(1, text.count("\n") + 2):
        line = lines.get(n)
        if line is None:
            gap = True
            continue
        stripped = line.strip()
        head = stripped.split("[")[0].strip()
        blocks = [(b, n) for b in CODE_BLOCK.findall(stripped)]
        if stripped.count("[") != len(blocks):
            warn(n, f"an unclosed '[' in {stripped[:60]!r}")
        if stripped.startswith("+"):
            if current is None:
                warn(n, f"a synonym with no entry above it: {stripped[:60]!r}")
            else:
                current.names.extend(_split_synonyms(head[1:]))
                current.blocks.extend(blocks)
            gap = False
            continue
        if not head:  # a line of codes: they belong to the entry above
            if current is None:
                warn(n, f"codes with no entry above them: {stripped[:60]!r}")
            else:
                current.blocks.extend(blocks)
            gap = False
            continue
        if CONTROL.search(head) or not any(c.isalnum() for c in head):
            # a name with a broken character ("Z\x1aROUAL"): the entry and its codes are skipped
            warn(n, f"not a usable name: {head[:60]!r}")
            current, gap = _Entry(n, [], blocks), False
            entries.append(current)
            continue
        name = _name(head)
        if current is not None and not current.blocks and not gap and (line[0].isspace() or not blocks):
            current.names.append(name)  # another name for the actor whose codes follow
            current.blocks.extend(blocks)
        else:
            current = _Entry(n, [name], blocks)
            entries.append(current)
        gap = False
    return entries


def _load_actors(d: ActorDictionary, text: str, warn: _Warnings) -> None:
    for e in _parse_actor_entries(text, warn):
        codes = [c for c in (_parse_block(b, n, warn) for b, n in e.blocks) if c is not None]
        names = [n for n in dict.fromkeys(e.names) if n]
        if not names:  # reported when read
            continue
        if not codes:
            if not any(b.strip() in NO_CODE for b, _ in e.blocks) and not e.blocks:
                warn(e.line, f"{names[0]!r} has no code")
            continue
        dated = [c for c in codes if c.dated]
        plain = [c for c in codes if not c.dated]
        if dated or (len(plain[0].code) > 3 and not _is_country_code(d, plain[0].code)):
            _add_coded_person(d, names, dated, plain[0] if plain else None)
        else:
            # "WASHINGTON [USAGOV]": a country's body, like a seat of power; "ARNOR [ARN]": the country
            code = plain[0].code
            country, role = code[:3], code[3:6] or None
            _ensure_country(d, country)
            if country in NON_COUNTRY or (country in ROLE_PREFIXES and country not in d.countries):
                _add_coded_person(d, names, [], plain[0])
                continue
            for n in names:
                d.add_surface(n, Surface("seat", country, role) if role else Surface("country", country))


def _add_coded_person(d: ActorDictionary, names: list[str], dated: list["_Code"], default: Optional["_Code"]) -> None:
    """A named person or group with codes, modelled as a person with coded terms. The
    undated code, if any, holds outside the dated terms (it fills the gaps between them)."""
    for c in dated:
        _ensure_country(d, c.code[:3])
    terms = [OfficeTerm("petrarch", "", _role_of(d, c.code), c.start, c.end, code=c.code) for c in dated]
    if default is not None:
        _ensure_country(d, default.code[:3])
        for start, end in _gaps([(c.start, c.end) for c in dated]):
            terms.append(OfficeTerm("petrarch", "", _role_of(d, default.code), start, end, code=default.code))
    country = next((c.code[:3] for c in [*dated, *([default] if default else [])]
                    if _is_country_code(d, c.code) and c.code[:3] not in NON_COUNTRY), None)
    pid = person_id(names[0], country)
    old = d.people.get(pid)
    if old is not None:  # the same name twice in a file (or in two files): one person, all terms
        terms = list(old.terms) + [t for t in terms if t not in old.terms]
        names = list(dict.fromkeys([*old.variants, *names]))
    person = Person(pid, names[0], country, tuple(names), tuple(sorted(terms, key=lambda t: t.start)))
    d.people[pid] = person
    for n in names:
        d.add_surface(n, Surface("person", pid))


def _gaps(spans: list[tuple[date, Optional[date]]]) -> list[tuple[date, Optional[date]]]:
    """The stretches of time from date.min on that no span covers."""
    out, cursor = [], date.min
    for start, end in sorted(spans, key=lambda s: s[0]):
        if cursor is None:
            break
        if start > cursor:
            out.append((cursor, date.fromordinal(start.toordinal() - 1)))
        if end is None:
            cursor = None
        elif end >= cursor:
            cursor = date.fromordinal(end.toordinal() + 1) if end < date.max else None
    if cursor is not None:
        out.append((cursor, None))
    return out


def _is_country_code(d: ActorDictionary, code: str) -> bool:
    return len(code) >= 3 and code[:3] in d.countries


def _load_agents(d: ActorDictionary, text: str, warn: _Warnings) -> None:
    macros: dict[str, list[str]] = {}
    for n, line in _strip_comments(text):
        m = MACRO.match(line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = CODE_BLOCK.findall(line)
        if not codes:
            warn(n, f"an agent with no [~ROLE] code: {line.strip()[:60]!r}")
            continue
        head = line.split("[")[0]
        plural_block = re.search(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", "", head).strip()
        role = codes[0].replace("~", "").strip().upper()
        if not role or not re.match(r"^(?:[A-Z]{3})+$", role):
            warn(n, f"[{codes[0]}] is not an agent role code")
            continue
        if not head or not any(c.isalnum() for c in head):
            warn(n, f"an agent code with no term: {line.strip()[:60]!r}")
            continue
        terms = [head]
        for macro, alts in macros.items():
            if macro in head:
                terms = [t.replace(macro, a) for t in terms for a in alts]
        if any("!" in t for t in terms):
            warn(n, f"an undefined macro in {head!r}")
            continue
        for t in terms:
            forms = [t]
            if plural_block is None:
                forms.append(_plural(t))
            elif plural_block.group(1).strip():
                forms.append(plural_block.group(1).strip())
            for f in forms:
                key = normalise_surface(_name(f))
                if key:
                    d.roles[key] = RoleTerm(key, role[:3], person=False, title=False)
