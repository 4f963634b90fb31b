"""Reading PETRARCH / TABARI actor and agent dictionaries into an `ActorDictionary`.

Actor files:   NAME_WITH_UNDERSCORES [CODE]          one actor
               +SYNONYM                              another name for the entry above
               NAME  (then indented lines)  [CODE <YYMMDD] [CODE d1-d2] [CODE >YYMMDD]
                                                     codes that hold in date ranges
Agent files:   TERM {PLURAL} [~ROLE]  or  [ROLE~]     a role noun (~ marks where the
               !MACRO! = A, B, C                      country code goes); macros expand
Comments start with '#' or sit in <!-- -->. Codes of three letters that are not yet
known countries become countries, so fictional test worlds (Gondor, Arnor) work.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Optional

from .dictionary import ActorDictionary, Country, OfficeTerm, Person, RoleTerm, Surface, normalise_surface, person_id

CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
DATED = re.compile(r"^\s*([A-Z0-9~+\-]*)\s*(?:([<>])\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))\s*$")
MACRO = re.compile(r"^\s*(![A-Z_]+!)\s*=\s*(.+)$")
AGENT_HINT = re.compile(r"\[\s*~|\w~\s*\]")


def is_petrarch_file(path: Path, text: str) -> bool:
    if path.suffix.lower() == ".jsonl":
        return False
    return bool(CODE_BLOCK.search(text)) and not text.lstrip().startswith("{")


def _strip_comments(text: str) -> list[str]:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    lines = []
    for line in text.splitlines():
        line = re.sub(r"#.*$", "", line).rstrip()
        if line.strip():
            lines.append(line)
    return lines


def _date(s: str) -> date:
    if len(s) == 6:  # YYMMDD, two-digit years >= 50 are 19xx as in TABARI
        yy = int(s[:2])
        return date(1900 + yy if yy >= 50 else 2000 + yy, int(s[2:4]), int(s[4:6]))
    return date(int(s[:4]), int(s[4:6]), int(s[6:8]))


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


def load_petrarch_file(d: ActorDictionary, text: str, origin: str) -> None:
    if AGENT_HINT.search(text):
        _load_agents(d, text, origin)
    else:
        _load_actors(d, text, origin)


def _ensure_country(d: ActorDictionary, code: str) -> None:
    if len(code) == 3 and code.isalpha() and code.upper() not in d.countries:
        d.countries[code.upper()] = Country(code.upper(), code.upper(), code.upper(), sovereign=False)


def _load_actors(d: ActorDictionary, text: str, origin: str) -> None:
    entries: list[dict] = []
    current: Optional[dict] = None
    for line in _strip_comments(text):
        stripped = line.strip()
        if stripped.startswith("+"):
            if current is not None:
                current["names"].append(_name(stripped[1:].split("[")[0]))
            continue
        if line[0].isspace() and stripped.startswith("[") and current is not None:
            current["codes"].extend(CODE_BLOCK.findall(stripped))
            continue
        head = stripped.split("[")[0].strip()
        if not head:
            continue
        current = {"names": [_name(head)], "codes": CODE_BLOCK.findall(stripped)}
        entries.append(current)
    for e in entries:
        plain, dated = [], []
        for block in e["codes"]:
            block = block.strip()
            m = DATED.match(block)
            if m and (m.group(2) or m.group(4)):
                code = m.group(1).upper()
                if m.group(2) == "<":
                    dated.append((code, date(1, 1, 1), _date(m.group(3))))
                elif m.group(2) == ">":
                    dated.append((code, _date(m.group(3)), None))
                else:
                    dated.append((code, _date(m.group(4)), _date(m.group(5))))
            elif block:
                plain.append(block.split()[0].upper())
        names = [n for n in e["names"] if n]
        if not names:
            continue
        if dated or (plain and plain[0] not in ("+++", "---") and len(plain[0]) > 3 and not _is_country_code(d, plain[0])):
            # a named person or group with codes: modelled as a person with coded terms
            terms = [OfficeTerm("petrarch", "", code[3:6] or "", start, end, code=code) for code, start, end in dated]
            if plain and plain[0] not in ("+++", "---"):
                terms.append(OfficeTerm("petrarch", "", plain[0][3:6], date(1, 1, 1), None, code=plain[0]))
            country = next((c[:3] for c, *_ in dated + [(p,) for p in plain] if _is_country_code(d, c[:3])), None)
            pid = person_id(names[0], country)
            person = Person(pid, names[0], country, tuple(names), tuple(sorted(terms, key=lambda t: t.start)))
            d.people[pid] = person
            for n in names:
                d.add_surface(n, Surface("person", pid))
            for code, *_ in dated:
                _ensure_country(d, code[:3])
        elif plain:
            code = plain[0]
            if code in ("+++", "---"):
                continue
            # "WASHINGTON [USAGOV]": a country's body, like a seat of power; "ARNOR [ARN]": the country
            country, role = code[:3], code[3:6] or None
            _ensure_country(d, country)
            for n in names:
                d.add_surface(n, Surface("seat", country, role) if role else Surface("country", country))


def _is_country_code(d: ActorDictionary, code: str) -> bool:
    return len(code) >= 3 and code[:3] in d.countries


def _load_agents(d: ActorDictionary, text: str, origin: str) -> None:
    macros: dict[str, list[str]] = {}
    for line in _strip_comments(text):
        m = MACRO.match(line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = CODE_BLOCK.findall(line)
        if not codes:
            continue
        head = line.split("[")[0]
        plural_block = re.search(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", "", head).strip()
        role = codes[0].replace("~", "").strip().upper()
        if not role or not re.match(r"^(?:[A-Z]{3})+$", role):
            continue
        terms = [head]
        for macro, alts in macros.items():
            if macro in head:
                terms = [t.replace(macro, a) for t in terms for a in alts]
        for t in terms:
            forms = [t]
            if plural_block is None:
                forms.append(_plural(t))
            elif plural_block.group(1).strip():
                forms.append(plural_block.group(1).strip())
            for f in forms:
                key = normalise_surface(_name(f))
                d.roles[key] = RoleTerm(key, role[:3], person=False, title=False)
