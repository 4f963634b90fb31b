"""Every Doc extension orbit uses, declared in one idempotent function.

Values live in doc.user_data (spaCy's mechanism), travel with the Doc, and a typo in an
attribute name fails at once instead of silently creating a new attribute.
"""
from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = {
    "orbit_doc_id": None,  # str
    "orbit_date": None,  # datetime.date: publication date, the reference for offices and dates
    "orbit_dateline_end": None,  # int: character offset where the dateline ends (0 if none)
    "orbit_mentions": None,  # list[ActorMention]
    "orbit_actors": None,  # list[DocActor]
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
