"""Doc -> ArticleResult: the only code that reads orbit's Doc extensions.

Everything after this point (store, API, exports) sees only `orbit.model` types.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..extract.amounts import attach_amounts
from ..model import Actor, Article, ArticleResult, Mention, UndatedDay


def doc_to_result(doc: Doc, article: Article) -> ArticleResult:
    # an event with no date of its own is dated by its document; a document with no date
    # of its own (an UndatedDay stand-in) dates nothing: its events keep no date
    pub = None if isinstance(article.date, UndatedDay) else article.date.isoformat()
    mentions_by_actor: dict[str, list[Mention]] = {}
    for m in doc._.orbit_mentions or []:
        span = doc[m.start:m.end]
        mentions_by_actor.setdefault(m.actor.id, []).append(Mention(span.text, (span.start_char, span.end_char)))
    actors = []
    for a in doc._.orbit_actors or []:
        ms = mentions_by_actor.get(a.id)
        if not ms:
            continue
        unique = sorted({(m.span, m.text): m for m in ms}.values(), key=lambda m: m.span)
        actors.append(Actor(id=a.id, name=a.name, type=a.type, country=a.country, role=a.role,
                            code=a.actor_code(), mentions=tuple(unique), office=a.office))
    events = tuple(e if e.date or not pub else replace(e, date=pub) for e in (doc._.orbit_events or []))
    amounts = tuple(attach_amounts(doc._.orbit_amounts or (), events))
    return ArticleResult(article=article, actors=tuple(actors), events=events,
                         quotes=tuple(doc._.orbit_quotes or ()), amounts=amounts,
                         places=tuple(doc._.orbit_places or ()), dates=tuple(doc._.orbit_dates or ()))
