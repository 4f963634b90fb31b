"""Document-level actors and their mentions, as the resolver builds them on a Doc.

`DocActor` is mutable while the resolver works (an unknown person may gain a role from an
apposition later in the text); `to_model` freezes them into `orbit.model.Actor`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(eq=False, slots=True)
class DocActor:
    id: str
    type: str  # country | person | organisation | group
    name: str
    country: Optional[str] = None
    role: Optional[str] = None
    code: Optional[str] = None
    office: Optional[str] = None  # title on the article's date ("President")
    person_id: Optional[str] = None  # key into the people dictionary
    known: bool = False  # found in a dictionary (not only by NER)
    plural: bool = False

    def actor_code(self) -> Optional[str]:
        if self.code:
            return self.code
        if self.country:
            return self.country + (self.role or "")
        return None

    def key(self) -> tuple:
        return (self.type, self.name.lower(), self.country, self.role)


@dataclass(eq=False, slots=True)
class ActorMention:
    """Tokens [start, end) of a Doc that name an actor."""

    start: int
    end: int
    actor: DocActor
    kind: str  # name | surname | title | role | adjective | demonym | capital | seat | pronoun | description
    locative: bool = False  # the words name a place here ("in Astana"), not an actor
    head: Optional[int] = None  # token index of the syntactic head inside the span
    extra: dict = field(default_factory=dict)
