"""orbit: political event data from news articles.

    >>> import orbit
    >>> doc = orbit.read("Mr. Blinken met with officials from Kazakhstan in Astana on Tuesday.",
    ...                  date="2023-02-28")
    >>> [(e.source.code, e.target.code, e.cameo) for e in doc.events]
    [('USAGOV', 'KAZGOV', '040')]

The public surface is small: `read`, `load_pipeline`, the model types and `Settings`.
Everything else is internal and may change.
"""
from __future__ import annotations

import logging
from datetime import date as _date
from typing import Optional, Union

from .errors import OrbitError
from .model import Actor, ActorRef, Amount, ArticleResult, DateRef, Event, Place, Quote
from .settings import Settings, load_settings

__all__ = ["read", "load_pipeline", "open", "Settings", "load_settings", "OrbitError", "ArticleResult", "Event",
           "Actor", "ActorRef", "Quote", "Amount", "DateRef", "Place", "__version__"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def load_pipeline(settings: Optional[Settings] = None):
    """A `Pipeline` (spaCy model and orbit's components loaded once) for many calls."""
    from .pipeline import Pipeline

    return Pipeline(settings or load_settings())


def read(text: str, date: Union[str, _date, None] = None, *, doc_id: str = "doc", title: str = "",
         settings: Optional[Settings] = None, date_default: str = "none") -> ArticleResult:
    """Analyse one article's text: actors, events, quotes, amounts, dates and places. With no
    `date` and none in the text the result is undated (`result.article.date_source` is
    "today", event dates None, "on Friday" unresolved) unless `date_default="today"`."""
    pub = _date.fromisoformat(date) if isinstance(date, str) else date
    return load_pipeline(settings).read(text, pub=pub, doc_id=doc_id, title=title, date_default=date_default)


def open(path: str = "orbit.db"):  # noqa: A001 - the documented entry point, orbit.open(db)
    """A read-only view of a store for queries: `orbit.open("orbit.db").events(source="RUS")`."""
    from .corpus import Corpus

    return Corpus(path)
