"""Temporal expressions resolved against the publication date, as precisely as the text allows.

News conventions, not calendar arithmetic, decide the reading:
  - a bare weekday ("on Tuesday") is the latest such day on or before publication
    (the same day when the story is published on a Tuesday), unless the verb is future;
  - a bare month ("in June") is the latest such month on or before the publication month;
  - seasons: "last summer" in February 2023 is summer 2022, "this spring" is 2023;
  - "months earlier" / "weeks later" are relative to the last date the text resolved.
Precision follows the text: "2023-02-28", "2022-06", "2022". Explicit dates with a
year ("February 2022", "Feb. 28, 2023") are read directly; other absolute forms fall
back to dateparser with the publication date as its base.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Optional

from ..lexicon.words import words
from ..model import DateRef, UndatedDay

VAGUE_SEASON_OPENERS = words("dates.vague_season_openers")

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3, "a few": 3, "some": 3, "many": 6}

_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
PATTERNS = [
    ("iso", re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")),
    ("month_day_year", re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)),
    ("day_month_year", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE},?\s+((?:19|20)\d\d)\b", re.I)),
    ("month_year", re.compile(rf"\b{_MONTH_RE},?\s+((?:19|20)\d\d)\b", re.I)),
    ("month_day", re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![\d,]*\s*(?:million|billion|percent|people))", re.I)),
    ("relative_day", re.compile(r"\b(yesterday|today|tonight|tomorrow|this morning|this afternoon|this evening|last night)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(last|next|this|on)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I)),
    ("season", re.compile(r"\b(last|this|next|early|late|the)\s+(?:(early|late)\s+)?(spring|summer|fall|autumn|winter)(?:\s+of\s+((?:19|20)\d\d))?\b", re.I)),
    ("season_year", re.compile(r"\b(?:(?:in\s+)?(?:the\s+)?)(spring|summer|fall|autumn|winter)\s+(?:of\s+)?((?:19|20)\d\d)\b", re.I)),
    ("relative_period", re.compile(r"\b(last|this|next|past|previous|coming)\s+(week|month|year|decade)\b", re.I)),
    ("ago", re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|few)\s+(day|week|month|year)s?\s+ago\b", re.I)),
    ("relative_shift", re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|few|some|many)?\s*(day|week|month|year)s?\s+(earlier|later|before|after)\b", re.I)),
    ("bare_month", re.compile(rf"\b(?:in|since|until|by|during|early|late|mid-?|last|this|next)\s+{_MONTH_RE}\b(?!\s*\d)", re.I)),
    ("year", re.compile(r"\b(?:in|since|until|by|during|of|from|before|after|early|late|mid-?)\s+((?:19|20)\d\d)\b(?!\s*(?:percent|people|troops|soldiers|-))")),
]
# words one of which a pattern cannot match without (lower case): a text with none of them
# skips the pattern, which saves most of the regex time on articles without dates
_MONTH_WORDS = frozenset(MONTHS) | {"sept"}
_SEASON_WORDS = frozenset(SEASONS)
PATTERN_WORDS = {
    "month_day_year": _MONTH_WORDS, "day_month_year": _MONTH_WORDS, "month_year": _MONTH_WORDS,
    "month_day": _MONTH_WORDS, "bare_month": _MONTH_WORDS,
    "relative_day": words("dates.relative_days"),
    "weekday": frozenset(WEEKDAYS) | {d + "s" for d in WEEKDAYS},
    "season": _SEASON_WORDS, "season_year": _SEASON_WORDS,
    "relative_period": words("dates.relative_periods"),
    "ago": frozenset({"ago"}),
    "relative_shift": words("dates.relative_shifts"),
}
_WORD = re.compile(r"[a-z]+")
# a pattern only counts where a token of the span is a date or time word, so numbers in
# other roles ("the 2014 agreement" is still a date; "2014 troops" is not) are skipped
FUTURE_TAGS = {"MD"}


def undated_today() -> UndatedDay:
    return UndatedDay.today()


def undated(day: date) -> UndatedDay:
    """`day` marked as a stand-in for a missing publication date."""
    return UndatedDay(day.year, day.month, day.day)


# expressions that need no publication date to be read
ABSOLUTE_KINDS = frozenset({"iso", "month_day_year", "day_month_year", "month_year", "season_year", "year"})


def _needs_base(kind: str, m: re.Match, anchored: bool) -> bool:
    if kind in ABSOLUTE_KINDS:
        return False
    if kind == "season" and m.group(4):  # "the summer of 2019"
        return False
    if kind == "relative_shift" and anchored:  # "two days later", after a dated expression
        return False
    return True


def _latest_weekday(base: date, weekday: int) -> date:
    return base - timedelta(days=(base.weekday() - weekday) % 7)


def _month_iso(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _month_bounds(year: int, month: int) -> tuple[str, str]:
    last = calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"


def _latest_month(base: date, month: int) -> int:
    """Year of the latest given month on or before the base date's month."""
    return base.year if month <= base.month else base.year - 1


def _season_range(year: int, name: str) -> tuple[date, date]:
    m1, m2 = SEASONS[name]
    if name == "winter":
        return date(year, 12, 1), date(year + 1, 2, calendar.monthrange(year + 1, 2)[1])
    return date(year, m1, 1), date(year, m2, calendar.monthrange(year, m2)[1])


def _season(base: date, which: str, name: str, year: Optional[int]) -> tuple[str, str, str]:
    """Seasons are given at year precision: "last summer" in February 2023 is "2022"."""
    if year is None:
        if which == "last":  # the latest one that had ended by the base date
            year = base.year
            while _season_range(year, name)[1] >= base:
                year -= 1
        elif which == "next":  # the first one that starts after it
            year = base.year - 1
            while _season_range(year, name)[0] <= base:
                year += 1
        else:  # "this": the one in the base date's year (a winter that began last December)
            year = base.year - 1 if name == "winter" and base.month <= 2 else base.year
    start, end = _season_range(year, name)
    return str(start.year if name != "winter" else year), start.isoformat(), end.isoformat()


def _count(word: Optional[str]) -> int:
    if not word:
        return 3
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 3)


def _shift(anchor: date, unit: str, n: int, sign: int) -> date:
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n * sign
    return anchor + timedelta(days=days)


def _precision_iso(d: date, unit: str) -> str:
    if unit in ("day",):
        return d.isoformat()
    if unit in ("week", "month"):
        return _month_iso(d.year, d.month) if unit == "week" else str(d.year)
    return str(d.year)


def resolve(kind: str, m: re.Match, base: date, anchor: date, future: bool) -> Optional[tuple[str, str, str]]:
    """(date, start, end) for one matched expression."""
    g = m.groups()
    try:
        if kind == "iso":
            d = date(int(g[0]), int(g[1]), int(g[2]))
            return d.isoformat(), d.isoformat(), d.isoformat()
        if kind == "month_day_year":
            d = date(int(g[2]), MONTHS[g[0].lower().rstrip(".")], int(g[1]))
            return d.isoformat(), d.isoformat(), d.isoformat()
        if kind == "day_month_year":
            d = date(int(g[2]), MONTHS[g[1].lower().rstrip(".")], int(g[0]))
            return d.isoformat(), d.isoformat(), d.isoformat()
        if kind == "month_year":
            y, mo = int(g[1]), MONTHS[g[0].lower().rstrip(".")]
            return (_month_iso(y, mo), *_month_bounds(y, mo))
        if kind == "month_day":
            mo, day = MONTHS[g[0].lower().rstrip(".")], int(g[1])
            y = base.year
            d = date(y, mo, day)
            if d > base + timedelta(days=7) and not future:
                d = date(y - 1, mo, day)
            return d.isoformat(), d.isoformat(), d.isoformat()
        if kind == "relative_day":
            word = g[0].lower()
            offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
            d = base + timedelta(days=offset)
            return d.isoformat(), d.isoformat(), d.isoformat()
        if kind == "weekday":
            d = _weekday(base, (g[0] or "").lower(), WEEKDAYS[g[1].lower()], future)
            return d.isoformat(), d.isoformat(), d.isoformat()
        if kind == "season":
            which, name, year = g[0].lower(), g[2].lower(), (int(g[3]) if g[3] else None)
            if which in VAGUE_SEASON_OPENERS:
                which = "next" if future else "this"
            return _season(base, which, name, year)
        if kind == "season_year":
            return _season(base, "this", g[0].lower(), int(g[1]))
        if kind == "relative_period":
            return _relative_period(base, g[0].lower(), g[1].lower())
        if kind == "ago":
            n, unit = _count(g[0]), g[1].lower()
            d = _shift(base, unit, n, -1)
            return _precision_iso(d, unit), d.isoformat(), d.isoformat()
        if kind == "relative_shift":
            n, unit, direction = _count(g[0]), g[1].lower(), g[2].lower()
            sign = -1 if direction in ("earlier", "before") else 1
            d = _shift(anchor, unit, n, sign)
            return _precision_iso(d, unit), d.isoformat(), d.isoformat()
        if kind == "bare_month":
            mo = MONTHS[g[0].lower().rstrip(".")]
            y = _bare_month_year(base, mo, m.group(0).lower(), future)
            return (_month_iso(y, mo), *_month_bounds(y, mo))
        if kind == "year":
            y = int(g[0])
            return str(y), f"{y}-01-01", f"{y}-12-31"
    except (ValueError, KeyError):
        return None
    return None


def _weekday(base: date, which: str, day: int, future: bool) -> date:
    """"Tuesday", "last Tuesday", "next Tuesday": the past one unless the text looks ahead."""
    if which == "next" or (future and which != "last"):
        return base + timedelta(days=(day - base.weekday()) % 7 or 7)
    d = _latest_weekday(base, day)
    if which == "last" and d == base:
        d -= timedelta(days=7)
    return d


def _relative_period(base: date, which: str, unit: str) -> tuple[str, str, str]:
    """"last year", "next month", "this week", "the past decade"."""
    sign = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "year":
        y = base.year + sign
        return str(y), f"{y}-01-01", f"{y}-12-31"
    if unit == "month":
        d = _shift(base.replace(day=15), "month", 1, sign)
        return (_month_iso(d.year, d.month), *_month_bounds(d.year, d.month))
    if unit == "week":
        d = base + timedelta(days=7 * sign)
        return _month_iso(d.year, d.month), (d - timedelta(days=d.weekday())).isoformat(), \
            (d + timedelta(days=6 - d.weekday())).isoformat()
    y = base.year // 10 * 10 + 10 * sign
    return str(y), f"{y}-01-01", f"{y + 9}-12-31"


def _bare_month_year(base: date, month: int, lead: str, future: bool) -> int:
    """The year of "in March", "last March", "next March": the latest one, or the next one
    when the text looks ahead."""
    y = _latest_month(base, month) if not future else (base.year if month >= base.month else base.year + 1)
    if lead.startswith("last") and y == base.year and month == base.month:
        y -= 1
    if lead.startswith("next"):
        y = base.year if month > base.month else base.year + 1
    return y


def _span_of_match(kind: str, m: re.Match) -> tuple[int, int]:
    """Character span of the expression itself (without a leading preposition)."""
    text = m.group(0)
    lead = re.match(r"(?i)(?:in|since|until|by|during|of|from|before|after|on)\s+", text)
    start = m.start() + (lead.end() if lead and kind in ("year", "bare_month", "weekday") else 0)
    while start < m.end() and text[start - m.start()].isspace():
        start += 1
    return start, m.end()


def find_dates(text: str, base: date, future_at=None) -> list[DateRef]:
    """All temporal expressions in `text`, in order, resolved against `base`.

    `future_at(offset) -> bool` may say whether the clause at a character offset is in
    the future tense ("will meet on Tuesday"), which flips weekday and month readings.
    """
    found: list[tuple[int, int, str, re.Match]] = []
    taken: list[tuple[int, int]] = []
    words = set(_WORD.findall(text.lower()))
    for kind, pattern in PATTERNS:
        needed = PATTERN_WORDS.get(kind)
        if needed is not None and words.isdisjoint(needed):
            continue
        for m in pattern.finditer(text):
            s, e = _span_of_match(kind, m)
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((s, e, kind, m))
    found.sort(key=lambda x: x[0])
    out: list[DateRef] = []
    anchor = base
    no_base = isinstance(base, UndatedDay)
    anchored = False  # has an expression read without the publication date set the anchor?
    for s, e, kind, m in found:
        if no_base and _needs_base(kind, m, anchored):
            out.append(DateRef(text=text[s:e], span=(s, e), date=None))  # unresolved: the document has no date
            continue
        future = bool(future_at(s)) if future_at else False
        res = resolve(kind, m, base, anchor, future)
        if res is None:
            continue
        iso, start, end = res
        out.append(DateRef(text=text[s:e], span=(s, e), date=iso, start=start, end=end))
        try:
            anchor = date.fromisoformat(start)
            anchored = True
        except ValueError:
            pass
    return out
