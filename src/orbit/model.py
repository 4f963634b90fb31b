"""The data model: what flows between orbit's stages.

Every stage after the NLP layer sees only these types (no spaCy objects), so results can
be pickled across processes (Dask workers), stored, served and exported. Offsets are
character offsets into `Article.text`, the cleaned text. Conversion to and from JSON
lives in `orbit.serialize`, to and from SQL rows in `orbit.store.rows`.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as one event or quote names it: the words used and what they resolve to."""

    text: str
    span: Span
    name: Optional[str] = None
    code: Optional[str] = None
    country: Optional[str] = None
    role: Optional[str] = None
    actor_id: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Actor:
    """One distinct actor of a document with all the places it is mentioned."""

    id: str
    name: str
    type: str  # country | person | organisation | group
    country: Optional[str]
    role: Optional[str]
    code: Optional[str]
    mentions: tuple[Mention, ...] = ()
    office: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Plover:
    event: Optional[str]
    mode: Optional[str] = None
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    span: Span
    name: str
    country: Optional[str]
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonameid: Optional[int] = None
    admin1: Optional[str] = None
    kind: str = "city"  # city | country | region | water | landmark


@dataclass(frozen=True, slots=True)
class DateRef:
    text: str
    span: Span
    date: str  # as precise as the text allows: YYYY-MM-DD, YYYY-MM or YYYY
    start: Optional[str] = None  # first day of the period, for ranges and sorting
    end: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Amount:
    text: str
    span: Span
    value: float
    unit: str  # ISO currency code, "percent", or what is counted ("people")
    counts: Optional[str] = None  # the noun phrase counted: "ethnic Russians"
    event_index: Optional[int] = None  # the event this amount belongs to (aid pledged...)


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    span: Span
    kind: str  # direct | indirect
    speaker: Optional[ActorRef] = None
    cue: Optional[Mention] = None


@dataclass(frozen=True, slots=True)
class Event:
    doc_id: str
    sentence: str
    sentence_span: Span
    span: Span  # evidence: from the first to the last of trigger, source and target
    trigger: Mention
    source: Optional[ActorRef]
    target: Optional[ActorRef]
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: Plover
    rule: str
    confidence: float
    negated: bool = False
    hypothetical: bool = False
    modality: str = "asserted"  # asserted | negated | hypothetical | denied | alleged | intended
    date: Optional[str] = None
    place: Optional[Place] = None

    @property
    def asserted(self) -> bool:
        return not (self.negated or self.hypothetical)


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in the cleaned text back to the original text.

    `clean` and `original` hold, for each piece copied from the original, where it
    starts in each text. Inserted characters (a space that splits glued words) map to
    the original offset of the next copied character.
    """

    clean: tuple[int, ...] = (0,)
    original: tuple[int, ...] = (0,)

    def to_original(self, offset: int) -> int:
        i = max(bisect_right(self.clean, offset) - 1, 0)
        return self.original[i] + (offset - self.clean[i])


class UndatedDay(date):
    """Today's date standing in for the publication date of a document that has none
    (`date_source` "today"). Expressions read against the publication date ("on
    Friday", "last week", "in June") are not resolved against it: they keep their text
    with no date. Dates that carry their year ("March 3, 2018", "in 2014") still are; the
    document's and its events' dates are given as none (serialize, nlp/to_model)."""


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned document, ready for NLP."""

    doc_id: str
    text: str
    date: date
    title: str = ""
    url: Optional[str] = None
    source: Optional[str] = None
    path: Optional[str] = None
    date_source: str = "given"  # given | text | today
    offsets: OffsetMap = field(default_factory=OffsetMap)
    original: str = ""
    removed: tuple[str, ...] = ()  # boilerplate lines removed by cleaning, for audit
    dateline: Optional[Span] = None  # "ASTANA, Kazakhstan — ": where the story was filed


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything orbit found in one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    amounts: tuple[Amount, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateRef, ...] = ()

    @property
    def doc_id(self) -> str:
        return self.article.doc_id


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document as read from disk or the network, before cleaning."""

    doc_id: str
    content: str
    kind: str  # text | html
    date: Optional[date] = None
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    path: Optional[str] = None


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input item that could not be read; recorded, reported and skipped."""

    item: str
    code: str
    reason: str
