"""Every Doc extension orbit uses, declared in one idempotent function.

Values live in doc.user_data (spaCy's mechanism), travel with the Doc, and a typo in an
attribute name fails at once instead of silently creating a new attribute.
"""
from __future__ import annotations

import logging
from datetime import date

from spacy.tokens import Doc

from .errors import NoDate

log = logging.getLogger(__name__)

DOC_EXTENSIONS = {
    "orbit_doc_id": None,  # str
    "orbit_date": None,  # datetime.date: publication date, the reference for offices and dates
    "orbit_dateline_end": None,  # int: character offset where the dateline ends (0 if none)
    "orbit_mentions": None,  # list[ActorMention]
    "orbit_actors": None,  # list[DocActor]: final when the actors stage ends
    # list[DocActor]: actors the events stage infers and its events carry (the country of a
    # group named only through its people, a country-and-role group); not output as actors
    "orbit_inferred_actors": None,
    "orbit_events": None,  # list[orbit.model.Event]
    "orbit_quotes": None,  # list[orbit.model.Quote]
    "orbit_amounts": None,  # list[orbit.model.Amount]
    "orbit_dates": None,  # list[orbit.model.DateRef]
    "orbit_places": None,  # list[orbit.model.Place]
}


def set_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def reference_day(doc: Doc) -> date:
    """The day a Doc's offices and relative dates are read against: its `orbit_date`.

    orbit's pipeline always sets it (an undated document gets a stand-in day, reported
    as W102). A Doc made some other way (`nlp(text)` on orbit's components) has none:
    it is read against today, and that is reported (logged once per Doc, and written
    to `orbit_date` so every component reads the same day) rather than done silently."""
    day = doc._.orbit_date
    if day is None:
        day = doc._.orbit_date = date.today()
        log.warning("%s: the Doc has no orbit_date: offices and relative dates are read against today (%s); "
                    "set doc._.orbit_date to the publication date", NoDate.code, day.isoformat())
    return day
