"""Find and resolve the actors of a document: who is named, and as what, on its date.

Size: over the project's 600 lines because its steps share one per-document state
(`_State`: mentions so far, consumed tokens, the coreference windows) that each step
reads and extends in order; the steps are methods of one class so that the order is
visible in one place (`ActorResolver.__call__`). Splitting the state from the steps is issue 18's next move.

Runs after spaCy's parser and NER. Steps, in order:
  1. dictionary names (countries, capitals, seats, organisations, people) by phrase matching,
     and "the North"/"the South" of a divided country the story names;
  2. people the dictionaries do not know, from NER and honorifics ("Mr. Joroev");
  3. titles before names ("Foreign Minister Mukhtar Tileuberdi") and appositions
     ("Emil Joroev, a researcher at ... in Bishkek") that give unknown people a role and a country;
  4. office and group nouns ("the Kazakh president", "U.S. officials"), resolved through
     the office index to a person when the office has one holder;
  5. coreference: surnames, definite titles ("the president") and pronouns, only where the
     antecedent is clear.
The result is a list of `ActorMention`s on `doc._.orbit_mentions` and the distinct
`DocActor`s on `doc._.orbit_actors`.
"""
from __future__ import annotations

from bisect import bisect_right
from datetime import date
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

from ..clean.glue import lexicon
from ..doc_extensions import reference_day
from ..lexicon.actor_dictionary import (
    ActorDictionary,
    Person,
    Surface,
    normalise_surface,
)
from ..lexicon.gazetteer import country_of_place_name
from ..lexicon.words import (
    ARGUMENT_DEPS,
    PLACE_OVER_NAME_POPULATION,
    QUALIFIER_DEPS,
    acted_on_by_force,
    words,
)
from .entities import ActorMention, DocActor
from .matching import ActorMatcher
from .vessels import vessel_spans

HONORIFICS = words("actors.honorifics")
FEMALE_HONORIFICS = words("actors.female_honorifics")
ACTOR_LOCATIVE_PREPS = words("actors.actor_locative_preps")
OFFICE_ORIGIN_PREPS = words("actors.office_origin_preps")
# "the mayor of the city of Nablus": the place is named after one of these
OFFICE_PLACE_NOUNS = words("actors.office_place_nouns")
MALE_PRONOUNS = words("actors.male_pronouns")
FEMALE_PRONOUNS = words("actors.female_pronouns")
SINGULAR_THING_PRONOUNS = words("actors.singular_thing_pronouns")
PLURAL_PRONOUNS = words("actors.plural_pronouns")
# how many sentences back a pronoun or a bare title may look for its antecedent
COREF_WINDOW = 2
# definite descriptions that stand for a country already in the text
# words that make a country adjective a region's ("South American", "Latin American"); the
# country adjectives that begin with one ("South Korean") are matched whole before this applies
REGION_PREFIXES = words("actors.region_prefixes")
COUNTRY_DESCRIPTIONS = words("actors.country_descriptions")
# plural nouns that refer back to a set of actors, and the actor types they can stand for
SET_NOUNS = {"countries": {"country"}, "nations": {"country"}, "states": {"country"}, "sides": {"country", "group", "person"},
             "governments": {"country", "group"}, "neighbours": {"country"}, "neighbors": {"country"},
             "rivals": {"country", "person", "group"}, "allies": {"country"}, "capitals": {"country"},
             "leaders": {"person"}, "presidents": {"person"}, "ministers": {"person"}, "parties": {"country", "group"}}
# family of a named person take that person's country, as elites
KIN_NOUNS = words("actors.kin_nouns")
FAMILY_ROLE = "ELI"
# "each side", "each country": one of a pair named before, for "each side accused the other"
EACH_NOUNS = {"side": {"country", "group", "person"}, "country": {"country"}, "nation": {"country"},
              "party": {"country", "group"}, "government": {"country", "group"}}
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "2": 2, "3": 3, "4": 4, "5": 5}
INTERNATIONAL_PREFIXES = {"IGO", "NGO", "IMG", "MNC"}
SURFACE_PRIORITY = {"person": 0, "organisation": 1, "country": 2, "capital": 3, "seat": 3, "territory": 3, "demonym": 4,
                    "adjective": 5}


class ActorResolver:
    def __init__(self, nlp, dictionary: ActorDictionary):
        self.dictionary = dictionary
        self.matcher = ActorMatcher(nlp, dictionary)
        self.halves = _halves_of(dictionary)

    # ------------------------------------------------------------------ entry point
    def __call__(self, doc: Doc) -> Doc:
        day = reference_day(doc)
        state = _State(doc, day, self.dictionary)
        self._dictionary_names(state)
        self._vessels(state)
        self._divided_country_halves(state)
        self._unknown_people(state)
        self._titles_before_names(state)
        self._appositions(state)
        self._role_nouns(state)
        self._plural_sets(state)
        self._pronouns(state)
        self._possessive_pronoun_groups(state)
        mentions = sorted(state.mentions, key=lambda m: (m.start, m.end))
        doc._.orbit_mentions = mentions
        doc._.orbit_actors = state.ordered_actors()
        return doc

    # ------------------------------------------------------------------ step 1
    def _dictionary_names(self, st: "_State") -> None:
        doc = st.doc
        for m in self.matcher.names(doc):
            span = doc[m.start:m.end]
            surfaces = self.dictionary.surfaces.get(m.key, [])
            if not surfaces or not _proper_name_form(span):
                continue  # dictionary names are proper names: "chad" or "turkey" in lower case are not
            if st.covered(m.start, m.end):
                continue
            if m.start > 0 and doc[m.start - 1].lower_ in REGION_PREFIXES and \
                    all(s.kind in ("adjective", "demonym") for s in surfaces):
                continue  # "South American", "Latin Americans", "Central Asian": a region, not a country
            if _given_name(span) and not any(s.kind == "person" for s in surfaces) and \
                    not (all(s.kind in ("adjective", "demonym") for s in surfaces) and _office_word_next(span)):
                continue  # "Aden Duale", "Chad Wolf", "Jordan Bardella": a first name, left to the people steps
            surface = self._choose_surface(st, span, surfaces)
            if surface is None:
                continue
            st.add_named(span, surface)

    def _vessels(self, st: "_State") -> None:
        """Ships named with a navy's prefix act for that navy ("USS Carney": USA MIL)."""
        for start, end, country, role in vessel_spans(st.doc):
            if not st.covered(start, end):
                st.add_group_name(start, end, st.group_actor(country, role, st.doc[start:end].text, plural=False))

    def _divided_country_halves(self, st: "_State") -> None:
        """ "the North" and "the South" in a story about a divided country: "North Korea"
        when the article names North or South Korea (or their capitals). Only when one
        country fits, and not as part of a longer name ("the North Atlantic")."""
        halves = self.halves
        named = {m.actor.country for m in st.mentions if m.actor.type == "country"}
        doc = st.doc
        for i in _indices(doc, halves):
            tok = doc[i]
            if tok.text not in ("North", "South") or st.taken[i] or i == 0 or doc[i - 1].lower_ != "the":
                continue
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if nxt is not None and nxt.tag_ != "POS" and (nxt.text[:1].isupper() or nxt.text == "-"):
                continue
            fits = {iso3 for iso3, pair in halves[tok.lower_] if named & pair}
            if len(fits) == 1:
                actor = st.country_actor(fits.pop())
                st.mentions.append(ActorMention(i - 1, i + 1, actor, "name", locative=_locative(doc[i - 1:i + 1]),
                                                head=i))
                st._take(i - 1, i + 1)

    def _choose_surface(self, st: "_State", span: Span, surfaces: list[Surface]) -> Optional[Surface]:
        people = [s for s in surfaces if s.kind == "person"]
        others = sorted((s for s in surfaces if s.kind != "person"), key=lambda s: SURFACE_PRIORITY.get(s.kind, 9))
        if people:
            if len(span) == 1 and not self._plausible_single_name(span[0], people, st.day):
                people = []
            else:
                chosen = self._choose_person(st, people)
                if chosen is not None:
                    return chosen
        return others[0] if others else None

    def _plausible_single_name(self, tok: Token, people: list[Surface], day: date) -> bool:
        """A bare surname ("Putin") is a name; a word that is also English ("May", "Bush",
        "Trump") needs an honorific or title in front of it, or must belong to someone in
        office on the article's date and be tagged as a proper noun."""
        if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
            return False
        if tok.lower_ not in lexicon()[0]:  # English words, read on first use
            return True
        prev = tok.nbor(-1) if tok.i > 0 else None
        if prev is not None and (prev.lower_ in HONORIFICS or normalise_surface(prev.text) in self.dictionary.roles):
            return True
        # the small model tags a sentence-initial "Trump" as a common noun but still sees an entity
        proper = tok.tag_ == "NNP" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        return proper and tok.text[:1].isupper() and any(self.dictionary.people[s.key].term_on(day) for s in people)

    def _choose_person(self, st: "_State", people: list[Surface]) -> Optional[Surface]:
        if len(people) == 1:
            return people[0]
        # several people share the form: one already in the text, else the one in office
        for s in people:
            if s.key in st.person_actors:
                return s
        in_office = [s for s in people if self.dictionary.people[s.key].term_on(st.day)]
        return in_office[0] if len(in_office) == 1 else None

    # ------------------------------------------------------------------ step 2
    def _unknown_people(self, st: "_State") -> None:
        doc = st.doc
        candidates: list[tuple[int, int]] = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
        # honorific + capitalised words, which the small NER model often labels ORG or misses
        for i in _indices(doc, HONORIFICS):
            tok = doc[i]
            if tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper():
                end = tok.i + 1
                while end < len(doc) and (doc[end].text[:1].isupper() or doc[end].text == "-") and doc[end].pos_ in ("PROPN", "PUNCT", "NOUN", "ADJ"):
                    end += 1
                candidates.append((tok.i + 1, end))
        for start, end in sorted(set(candidates)):
            # drop honorifics and possessive endings from the name
            while start < end and doc[start].lower_ in HONORIFICS:
                start += 1
            while end > start and doc[end - 1].tag_ in ("POS", ",", "HYPH"):
                end -= 1
            if start >= end or st.covered(start, end):
                continue
            span = doc[start:end]
            if not span.text[:1].isupper():
                continue
            def place_country(text=span.text):
                return country_of_place_name(text, PLACE_OVER_NAME_POPULATION, self.dictionary)

            if acted_on_by_force(span.root, place_country) and place_country():
                continue  # "struck Kharkiv": the NER's person is a city, left to the places stage
            st.add_unknown_person(span)

    # ------------------------------------------------------------------ step 3
    def _titles_before_names(self, st: "_State") -> None:
        doc = st.doc
        roles = {(m.start, m.end): m for m in self.matcher.role_terms(doc)}
        st.role_matches = roles
        by_end = {m.end: m for m in roles.values()}
        for mention in [m for m in st.mentions if m.actor.type == "person" and m.kind in ("name", "surname")]:
            start = mention.start
            while start > 0 and doc[start - 1].lower_ in HONORIFICS:
                start -= 1
            title = by_end.get(start)
            if title is None:
                continue
            term = self.dictionary.roles[title.key]
            if not (term.title or term.person):
                continue
            st.consumed.update(range(title.start, title.end))
            actor = mention.actor
            # "Indian Foreign Secretary Vikram Misri": the country the words give outranks the
            # title's usual one (the foreign secretary is British unless the text says otherwise)
            country = st.modifier_country(doc[title.start:title.end]) or term.country
            if not actor.known:
                actor.role = actor.role or term.role
                actor.country = actor.country or country
                actor.office = actor.office or doc[title.start:title.end].text
                # "International Criminal Court prosecutor Karim Khan": he acts for the court
                org = st.mention_at(title.start - 1) if title.start > 0 else None
                if org is not None and org.actor.type in ("organisation", "group") and not actor.code:
                    actor.code, actor.country = org.actor.actor_code(), actor.country or org.actor.country
            # "Secretary of State Antony J. Blinken" is one mention of him
            mention.start = min(mention.start, title.start)

    # ------------------------------------------------------------------ step 4a
    def _appositions(self, st: "_State") -> None:
        doc = st.doc
        for mention in [m for m in st.mentions if m.actor.type == "person" and m.kind in ("name", "surname")]:
            head = doc[mention.start:mention.end].root
            if not mention.actor.known and mention.actor.country is None:
                # "American basketball star Brittney Griner", "his Lithuanian counterpart X"
                for c in head.children:
                    if c.dep_ in QUALIFIER_DEPS and c.i < mention.start:
                        found = [m for t in c.subtree for m in [st.mention_at(t.i)]
                                 if m is not None and m.actor.type == "country"]
                        if found:
                            mention.actor.country = found[0].actor.country
                            break
            # "Emil Joroev, a researcher at ..." : the description follows the name
            for child in head.children:
                if child.dep_ == "appos":
                    self._describe(st, mention.actor, child)
            # "the Kazakh foreign minister, Mukhtar Tileuberdi" : the name follows the description
            if head.dep_ == "appos" and head.head.i < head.i:
                self._describe(st, mention.actor, head.head)

    def _describe(self, st: "_State", actor: DocActor, noun: Token) -> None:
        role = st.role_at(noun.i, self.dictionary)
        if role is None:
            if noun.lemma_.lower() in KIN_NOUNS and not actor.known and actor.country is None:
                # "Kim Yo Jong, the sister of North Korean leader Kim Jong Un": family of the powerful
                relative = next((m for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                                 for g in c.children if g.dep_ == "pobj" for m in [st.mention_at(g.i)]
                                 if m is not None and m.actor.type == "person" and m.actor.country), None)
                if relative is not None:
                    actor.country, actor.role = relative.actor.country, actor.role or FAMILY_ROLE
            return
        start, end, term = role
        start = _phrase_start(noun, start)
        st.consumed.update(range(start, end))
        st.mentions.append(ActorMention(start, end, actor, "description", head=noun.i))
        if actor.known:
            return
        actor.role = actor.role or term.role
        if actor.country is None:
            actor.country = st.modifier_country(st.doc[start:end]) or term.country or st.country_within(noun)

    # ------------------------------------------------------------------ step 4b
    def _role_nouns(self, st: "_State") -> None:
        doc = st.doc
        for (start, end), match in sorted(st.role_matches.items()):
            if any(i in st.consumed for i in range(start, end)) or st.covered(start, end):
                continue
            term = self.dictionary.roles[match.key]
            span = doc[start:end]
            head = span.root
            if term.person and head.tag_ == "JJ":
                continue  # a title word used as an adjective: "a general strike", "the general election"
            start = _phrase_start(head, start)
            country, role_override = None, None
            found = st.modifier_country(span, with_role=True)
            if found:
                country, role_override = found
            country = country or term.country
            role = term.role
            plural = head.tag_ in ("NNS", "NNPS")
            if term.person and not plural:
                actor = None
                words = normalise_surface(span.text)
                if country:
                    person = self.dictionary.holder_by_title(country, words, st.day)
                    if person is not None:
                        actor = st.person_actor(person)
                elif _is_definite(span):
                    actor = st.recent_person_with_title(words, start, COREF_WINDOW)
                if actor is None:
                    actor = st.group_actor(country, role, span.text, plural=False)
                st.mentions.append(ActorMention(start, end, actor, "role", head=head.i))
            else:
                actor = st.group_actor(country, role_override if role_override and role == "GOV" and role_override != "GOV" else role,
                                       span.text, plural=plural)
                st.mentions.append(ActorMention(start, end, actor, "role", head=head.i))
            st.consumed.update(range(start, end))
        # "the country", "the nation": the country most recently named
        for i in _indices(doc, COUNTRY_DESCRIPTIONS):
            tok = doc[i]
            # "the country", "the South American country", "the Gulf state"; not "the Kazakh
            # state" (a mention of its own) nor "a country"
            modifiers = [c for c in tok.children if c.dep_ in ("amod", "compound")]
            if tok.tag_ == "NN" and _is_definite(doc[tok.i:tok.i + 1]) \
                    and not st.covered(tok.i, tok.i + 1) and not any(st.covered(c.i, c.i + 1) for c in modifiers):
                actor = st.recent_actor(tok.i, {"country"}, COREF_WINDOW, exclude=_clause_subject_actors(st, tok))
                if actor is not None:
                    st.mentions.append(ActorMention(tok.i, tok.i + 1, actor, "description", head=tok.i))

    # ------------------------------------------------------------------ step 5
    def _plural_sets(self, st: "_State") -> None:
        """ "the two countries", "both sides", "the three nations": the last coordinated set
        of that many actors ("Spain, Ireland and Norway ... the three countries")."""
        doc = st.doc
        for i in _indices(doc, set(SET_NOUNS) | set(EACH_NOUNS) | {"two", "both"}):
            tok = doc[i]
            if tok.lower_ in EACH_NOUNS:
                # "with each side accusing the other": the two sides, one event each way
                each = next((c for c in tok.children if c.lower_ == "each" and c.dep_ == "det"), None)
                if each is not None and not st.covered(each.i, i + 1):
                    members = st.recent_coordination(i, 2, EACH_NOUNS[tok.lower_], COREF_WINDOW) or \
                        st.recent_country_pair(i, COREF_WINDOW)
                    if members:
                        mention = ActorMention(each.i, i + 1, members[0], "description", head=i)
                        mention.extra["members"] = members
                        st.mentions.append(mention)
                        st._take(each.i, i + 1)
                continue
            if tok.lower_ in ("two", "both") and tok.dep_ in ARGUMENT_DEPS \
                    and not st.taken[tok.i] and (tok.lower_ == "both" or any(c.lower_ == "the" for c in tok.children)):
                # "the two held talks", "both condemned": the last pair named
                members = st.recent_coordination(tok.i, 2, {"person", "country"}, COREF_WINDOW)
                if members:
                    start = min([c.i for c in tok.children if c.i < tok.i] + [tok.i])
                    mention = ActorMention(start, tok.i + 1, members[0], "description", head=tok.i)
                    mention.extra["members"] = members
                    st.mentions.append(mention)
                    st._take(start, tok.i + 1)
                continue
            if tok.lower_ not in SET_NOUNS or tok.tag_ != "NNS" or st.taken[tok.i]:
                continue
            size = None
            for c in tok.children:
                if c.lower_ == "both" or (c.dep_ == "nummod" and c.lower_ in NUMBER_WORDS):
                    size = 2 if c.lower_ == "both" else NUMBER_WORDS[c.lower_]
            if tok.i > 0 and doc[tok.i - 1].lower_ == "both":
                size = 2
            if not size:
                continue
            members = st.recent_coordination(tok.i, size, SET_NOUNS[tok.lower_], COREF_WINDOW + 1)
            if members is None and size == 2 and "country" in SET_NOUNS[tok.lower_]:
                # "Cambodia said ..., while Thailand said ...; Anwar urged both sides": the two
                # countries the last sentences are about, when there are just two besides the speaker's
                members = st.recent_country_pair(tok.i, COREF_WINDOW, _clause_subject_actors(st, tok))
            if members:
                start = min([c.i for c in tok.children if c.i < tok.i and c.dep_ in ("det", "nummod", "predet", "amod")]
                            + [tok.i])
                mention = ActorMention(start, tok.i + 1, members[0], "description", head=tok.i)
                mention.extra["members"] = members
                st.mentions.append(mention)
                st._take(start, tok.i + 1)

    # ------------------------------------------------------------------ step 6
    def _pronouns(self, st: "_State") -> None:
        for i in _indices(st.doc, MALE_PRONOUNS | FEMALE_PRONOUNS | SINGULAR_THING_PRONOUNS | PLURAL_PRONOUNS):
            tok = st.doc[i]
            low = tok.lower_
            if (tok.pos_ != "PRON" and tok.tag_ not in ("PRP", "PRP$")) or st.taken[tok.i]:
                continue
            if low in MALE_PRONOUNS or low in FEMALE_PRONOUNS:
                actor = _relative_clause_person(st, tok, low in FEMALE_PRONOUNS) or \
                    st.recent_actor(tok.i, {"person"}, COREF_WINDOW, female=low in FEMALE_PRONOUNS)
            elif low in SINGULAR_THING_PRONOUNS:
                # "it" is a country, an organisation or one body ("the ministry said it would")
                actor = st.recent_actor(tok.i, {"country", "organisation", "group"}, COREF_WINDOW, singular=True)
            elif low in PLURAL_PRONOUNS:
                actor = st.recent_actor(tok.i, {"group", "country"}, COREF_WINDOW, plural=True)
            else:
                continue
            if actor is not None:
                st.mentions.append(ActorMention(tok.i, tok.i + 1, actor, "pronoun", head=tok.i))


    def _possessive_pronoun_groups(self, st: "_State") -> None:
        """ "its border forces": a role group whose country is a possessive pronoun, known
        only once pronouns are resolved."""
        by_head = {}
        for m in st.mentions:
            if m.kind == "pronoun":
                by_head[m.start] = m
        for i, m in enumerate(st.mentions):
            if m.kind != "role" or m.actor.type != "group" or m.actor.country is not None or m.head is None:
                continue
            for c in st.doc[m.head].children:
                p = by_head.get(c.i)
                if c.dep_ == "poss" and p is not None and p.actor.country:
                    m.actor = st.group_actor(p.actor.country, m.actor.role, st.doc[m.start:m.end].text,
                                             plural=m.actor.plural)
                    break


def _indices(doc: Doc, words: Iterable[str]) -> list[int]:
    """Indices of the tokens whose lower-case form is one of `words`, found on the token
    array without making a Python Token for every word of the document."""
    strings = doc.vocab.strings
    wanted = {strings.add(w) for w in words}
    lowers = doc.to_array("LOWER")
    return [i for i, h in enumerate(lowers.tolist()) if h in wanted]


def _halves_of(d: ActorDictionary) -> dict[str, list[tuple[str, set]]]:
    """"north"/"south" -> [(ISO3 of "North Korea", {its ISO3 and "South Korea"'s})]: the
    countries whose name is a compass half, with the other half when it is a country too."""
    by_name = {c.name: iso3 for iso3, c in d.countries.items()}
    out: dict[str, list[tuple[str, set]]] = {"north": [], "south": []}
    for iso3, c in d.countries.items():
        word, _, rest = c.name.partition(" ")
        if word in ("North", "South") and rest:
            other = by_name.get(("South " if word == "North" else "North ") + rest)
            out[word.lower()].append((iso3, {iso3} | ({other} if other else set())))
    return out


def _given_name(span: Span) -> bool:
    """Whether a place or country name opens a person's name the NER found ("Aden Duale"):
    the entity starts with it and goes on with capitalised words."""
    first = span[0]
    if first.ent_type_ != "PERSON" or first.ent_iob_ != "B" or span.end >= len(span.doc):
        return False
    nxt = span.doc[span.end]
    return nxt.ent_iob_ == "I" and nxt.ent_type_ == "PERSON" and nxt.text[:1].isupper()


def _office_word_next(span: Span) -> bool:
    """Whether the word after a demonym is an English word ("Kenyan Defence Cabinet Secretary
    Aden Duale", which the NER reads as one person): the demonym then qualifies an office,
    it does not open a name."""
    return span.doc[span.end].lower_ in lexicon()[0]


def _is_definite(span: Span) -> bool:
    first = span[0]
    if first.lower_ in ("the",):
        return True
    return any(c.lower_ == "the" and c.dep_ == "det" for c in span.root.children)



def _clause_subject_actors(st: "_State", tok) -> list:
    """The actors that are the subject of the clause a description is the object of, with
    their countries: "Israel thanked the Gulf state" cannot mean Israel thanked itself, nor
    "Trump threatened tariffs on the South American country" the United States."""
    verb = tok.head
    # up to the clause's verb: "threatened [tariffs [on [the country]]]"
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i or verb.dep_ not in ("prep", "dobj", "pobj", "conj"):
            break
        verb = verb.head
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return []
    out = []
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            m = st.mention_at(c.i)
            if m is not None:
                out.append(m.actor)
                own = st.actors.get(("country", m.actor.country)) if m.actor.country else None
                if own is not None:
                    out.append(own)
    return out


def _relative_clause_person(st: "_State", tok, female: bool) -> Optional[DocActor]:
    """ "Nurtleu, who thanked Berlin for what he called a gesture": a personal pronoun inside
    a relative clause whose subject is the relative pronoun is the person the clause is
    about (not in "Lukashenko, whom he accused": there "he" is someone else)."""
    t = tok
    for _ in range(8):
        if t.head.i == t.i:
            return None
        if t.dep_ == "relcl":
            if not any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in t.children):
                return None
            m = st.mention_at(t.head.i)
            if m is None or m.actor.type != "person" or m.start > tok.i:
                return None
            if female != (m.actor.id in st.female) and (female or m.actor.id in st.female):
                return None
            return m.actor
        t = t.head
    return None


# Arabic articles and name particles written in lower case before a capitalised name
# ("al-Shabab", "el-Sisi", "bin Salman"): the name is still a proper one
NAME_PARTICLES = words("actors.name_particles")


def _proper_name_form(span) -> bool:
    """Written as a proper name: a capital or digit first, or a lower-case name particle
    followed by a capitalised word."""
    first = span.text[:1]
    if first.isupper() or first.isdigit():
        return True
    rest = [t for t in span[1:] if t.text != "-"]
    return span[0].lower_ in NAME_PARTICLES and bool(rest) and rest[0].text[:1].isupper()


class _State:
    """The resolver's working state for one document."""

    def __init__(self, doc: Doc, day: date, dictionary: ActorDictionary):
        self.doc = doc
        self.day = day
        self.d = dictionary
        self.mentions: list[ActorMention] = []
        self.actors: dict[tuple, DocActor] = {}
        self.person_actors: dict[str, DocActor] = {}
        self.surnames: dict[str, DocActor] = {}
        self.female: set[str] = set()
        self.taken = [False] * len(doc)
        self.consumed: set[int] = set()
        self.role_matches: dict = {}
        self._order: list[DocActor] = []
        self.sent_starts = [s.start for s in doc.sents]
        # the dateline names where the story was filed and the agency, not actors: its
        # tokens count as taken so that no step makes a mention there
        cut = doc._.orbit_dateline_end or 0
        for tok in doc:
            if tok.idx >= cut:
                break
            self.taken[tok.i] = True
            self.consumed.add(tok.i)

    # -- bookkeeping
    def covered(self, start: int, end: int) -> bool:
        return any(self.taken[i] for i in range(start, end))

    def _take(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.taken[i] = True

    def _actor(self, key: tuple, make) -> DocActor:
        actor = self.actors.get(key)
        if actor is None:
            actor = make()
            self.actors[key] = actor
            self._order.append(actor)
        return actor

    def ordered_actors(self) -> list[DocActor]:
        used = {id(m.actor) for m in self.mentions}
        return [a for a in self._order if id(a) in used]

    # -- actors
    def country_actor(self, iso3: str) -> DocActor:
        c = self.d.countries.get(iso3)
        return self._actor(("country", iso3), lambda: DocActor(
            f"country:{iso3}", "country", c.name if c else iso3, country=iso3, code=c.cameo if c else iso3, known=True))

    def person_actor(self, person: Person) -> DocActor:
        def make():
            role, code, term, former = self.d.person_role(person, self.day)
            # an international official acts for the organisation, not for his country
            country = None if code and code[:3] in INTERNATIONAL_PREFIXES else person.country
            return DocActor(f"person:{person.id}", "person", person.name, country=country, role=role,
                            code=code, office=(("former " if former else "") + term.title) if term and term.title else None,
                            person_id=person.id, known=True)
        actor = self._actor(("person", person.id), make)
        self.person_actors[person.id] = actor
        self.surnames.setdefault(person.name.split()[-1].lower(), actor)
        return actor

    def organisation_actor(self, key: str) -> DocActor:
        org = self.d.organisations[key]
        return self._actor(("org", key), lambda: DocActor(
            f"org:{org.code}" + ("" if self._sole_holder(org) else f":{org.name.lower()}"),
            "group" if org.type == "group" else "organisation", org.name, country=org.country,
            role=org.role, code=org.code, known=True))

    def _sole_holder(self, org) -> bool:
        """Whether no other organisation shares the code (then its id is the code alone)."""
        return self.d.organisation_codes.get(org.code, 0) <= 1

    def group_actor(self, country: Optional[str], role: Optional[str], text: str, plural: bool) -> DocActor:
        def make():
            c = self.d.countries.get(country) if country else None
            name = f"{c.name} ({role})" if c and role else " ".join(text.split())
            return DocActor(f"group:{country or '-'}:{role or '-'}:{'' if country else text.lower()}", "group", name,
                            country=country, role=role, code=((c.cameo if c else country) + (role or "")) if country else None,
                            known=country is not None, plural=plural)
        return self._actor(("group", country, role, "" if country else text.lower()), make)

    # -- adding mentions
    def add_named(self, span: Span, surface: Surface) -> None:
        if surface.kind == "person":
            actor = self.person_actor(self.d.people[surface.key])
            kind = "surname" if len(span) == 1 else "name"
            self._note_gender(span, actor)
        elif surface.kind == "organisation":
            actor = self.organisation_actor(surface.key)
            kind = "name"
        else:
            actor = self.country_actor(surface.key)
            kind = {"country": "name"}.get(surface.kind, surface.kind)
        start = span.start
        if surface.kind == "person":
            while start > 0 and self.doc[start - 1].lower_ in HONORIFICS:
                start -= 1  # "Mr. Blinken"
        mention = ActorMention(start, span.end, actor, kind, locative=_locative(span), head=span.root.i)
        if surface.kind in ("capital", "seat"):
            mention.extra["role"] = surface.role
        self.mentions.append(mention)
        self._take(span.start, span.end)

    def add_unknown_person(self, span: Span) -> None:
        name = " ".join(span.text.split())
        surname = span[-1].lower_
        actor = None
        if len(span) == 1:
            actor = self.surnames.get(surname)
        if actor is None:
            key = ("unknown-person", name.lower())
            actor = self._actor(key, lambda: DocActor(f"person:{name.lower()}", "person", name))
            if len(span) > 1:
                self.surnames.setdefault(surname, actor)
        self._note_gender(span, actor)
        start = span.start
        while start > 0 and self.doc[start - 1].lower_ in HONORIFICS:
            start -= 1
        self.mentions.append(ActorMention(start, span.end, actor, "name" if len(span) > 1 else "surname",
                                          head=span.root.i))
        self._take(span.start, span.end)

    def add_group_name(self, start: int, end: int, actor: DocActor) -> None:
        self.mentions.append(ActorMention(start, end, actor, "name", head=end - 1))
        self._take(start, end)

    def _note_gender(self, span: Span, actor: DocActor) -> None:
        if span.start > 0 and self.doc[span.start - 1].lower_ in FEMALE_HONORIFICS:
            self.female.add(actor.id)

    # -- questions used by the steps
    def mention_at(self, i: int) -> Optional[ActorMention]:
        """The innermost mention at a token ("Kazakh" inside "the Kazakh president")."""
        best = None
        for m in self.mentions:
            if m.start <= i < m.end and (best is None or m.end - m.start < best.end - best.start):
                best = m
        return best

    def role_at(self, i: int, d: ActorDictionary):
        for (start, end), match in self.role_matches.items():
            if start <= i < end:
                return start, end, d.roles[match.key]
        return None

    def modifier_country(self, span: Span, with_role: bool = False):
        """The country named by a noun phrase's modifiers: "Kazakh diplomats", "Russia's
        army", "officials from Kazakhstan", "Pentagon officials" (with its role)."""
        head = span.root
        # "nummod": a model number the parser reads as a number ("Israeli F-35 jets")
        tokens = [c for c in head.children if c.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod", "nummod")]
        tokens += [t for t in span if t.i != head.i]
        if head.dep_ == "compound" and head.head.i > head.i:
            # "an Afghan army base": the nationality before a compound qualifies all of it
            tokens += [c for c in head.head.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < head.i]
        for c in list(tokens):
            tokens += [g for g in c.children if g.dep_ in ("compound", "amod")]
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in OFFICE_ORIGIN_PREPS:
                tokens += [p for p in prep.children if p.dep_ == "pobj"]
        for t in tokens:
            m = self.mention_at(t.i)
            if m is not None and m.actor.country and m.actor.type in ("country", "organisation", "group"):
                if with_role:
                    return m.actor.country, m.extra.get("role")
                return m.actor.country
        # "the mayor of Kharkiv", "the governor of Texas": a place that is not an actor
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.lemma_ in OFFICE_PLACE_NOUNS:  # "the city of Nablus"
                        pobj = next((o for p in pobj.children if p.dep_ == "prep" and p.lower_ == "of"
                                     for o in p.children if o.dep_ == "pobj"), pobj)
                    known = self.mention_at(pobj.i)
                    if pobj.dep_ != "pobj" or pobj.pos_ != "PROPN" or (known is not None and known.actor.country):
                        continue  # (the small NER model may have called the place a person)
                    start = min([pobj.i] + [c.i for c in pobj.children if c.dep_ == "compound" and c.pos_ == "PROPN"])
                    country = country_of_place_name(self.doc[start:pobj.i + 1].text, dictionary=self.d)
                    if country:
                        return (country, None) if with_role else country
        return None

    def country_within(self, noun: Token) -> Optional[str]:
        """A country named anywhere under a description ("a research group in Bishkek")."""
        for t in noun.subtree:
            m = self.mention_at(t.i)
            if m is not None and m.actor.type == "country":
                return m.actor.country
        return None

    def _window_start(self, i: int, window: int) -> int:
        """First token of the sentence `window` sentences before token i's."""
        k = bisect_right(self.sent_starts, i) - 1
        return self.sent_starts[max(k - window, 0)]

    def recent_person_with_title(self, words: str, i: int, window: int) -> Optional[DocActor]:
        lo = self._window_start(i, window)
        for m in sorted(self.mentions, key=lambda m: -m.start):
            if lo <= m.start < i and m.actor.type == "person":
                office = (m.actor.office or "").lower()
                if words in office or (m.kind == "description" and words in self.doc[m.start:m.end].text.lower()):
                    return m.actor
        return None

    def recent_coordination(self, i: int, size: int, types: set[str], window: int) -> Optional[list[DocActor]]:
        """The latest set of `size` coordinated actors of the given types before token i; a set
        named as a subject ("The two sides signed") prefers a set that was one ("Russia and
        Ukraine signed ..., hosted by Erdogan and Guterres")."""
        lo = self._window_start(i, window)
        groups: dict[int, list[DocActor]] = {}
        subjects: set[int] = set()
        order: list[int] = []
        near = [m for m in self.mentions if lo <= m.start < i]
        for m in sorted(near, key=lambda m: m.start):
            if m.kind == "pronoun" or m.actor.type not in types:
                continue
            if any(o is not m and o.start <= m.start and m.end <= o.end and o.actor.country == m.actor.country
                   for o in near):
                continue  # "Cambodian" inside "Cambodian forces": one actor, not two
            head_tok = self.doc[m.head if m.head is not None else m.start]
            root_tok = _coordination_root(head_tok)
            if root_tok.dep_ in ("amod", "compound") and (root_tok is not head_tok
                                                          or any(c.dep_ == "conj" for c in root_tok.children)):
                # "Chinese and Russian warships": the adjectives coordinate (but "Cambodian
                # military targets" is one thing with two modifiers)
                root_tok = root_tok.head
            root = root_tok.i
            members = groups.setdefault(root, [])
            if root not in order:
                order.append(root)
            if root_tok.dep_ in ("nsubj", "nsubjpass"):
                subjects.add(root)
            if m.actor not in members:
                members.append(m.actor)
        fitting = [root for root in reversed(order) if len(groups[root]) == size]
        if not fitting:
            return None
        if self.doc[i].dep_ in ("nsubj", "nsubjpass"):
            return groups[next((r for r in fitting if r in subjects), fitting[0])]
        return groups[fitting[0]]

    def recent_country_pair(self, i: int, window: int, exclude=()) -> Optional[list[DocActor]]:
        """The country actors of the two countries named (or implied by their people and bodies)
        before token i in the window, if there are exactly two, apart from those of `exclude`."""
        lo = self._window_start(i, window)
        left_out = {a.country for a in exclude if a.country}
        seen: list[str] = []
        for m in sorted(self.mentions, key=lambda m: m.start):
            c = m.actor.country
            if lo <= m.start < i and c and c not in left_out and not m.locative and c not in seen:
                seen.append(c)
        return [self.country_actor(c) for c in seen] if len(seen) == 2 else None

    def recent_actor(self, i: int, types: set[str], window: int, female: bool = False,
                     singular: bool = False, plural: bool = False, exclude=()) -> Optional[DocActor]:
        lo = self._window_start(i, window)
        sent_start = self._window_start(i, 0)
        scored: list[tuple[float, DocActor]] = []
        for m in self.mentions:
            if not (lo <= m.start < i) or m.locative or m.kind == "pronoun" and m.actor.type not in types:
                continue
            a = m.actor
            if a.type not in types or a in exclude:
                continue
            if a.type == "person" and female != (a.id in self.female) and (female or a.id in self.female):
                continue
            if plural and a.type == "group" and not a.plural:
                continue
            if singular and a.type == "group" and a.plural:
                continue
            head = self.doc[m.head if m.head is not None else m.start]
            score = (2.0 if head.dep_ in ("nsubj", "nsubjpass") else 0.0) + (1.0 if m.start >= sent_start else 0.0) \
                + m.start / max(i, 1)
            scored.append((score, a))
        if not scored:
            return None
        scored.sort(key=lambda x: -x[0])
        best = scored[0]
        # two different actors scoring alike: unclear, leave unresolved
        rival = next((s for s in scored[1:] if s[1] is not best[1]), None)
        if rival is not None and best[0] - rival[0] < 0.5 and not (best[0] >= 2 > rival[0]):
            return None
        return best[1]


def _phrase_start(head: Token, start: int) -> int:
    """Where a role noun's phrase begins: its determiner and modifiers ("The Kazakh president")."""
    left = [c for c in head.lefts if c.dep_ in ("det", "amod", "compound", "nummod", "nmod", "advmod")]
    contiguous = start
    for c in sorted(left, key=lambda t: -t.i):
        first = min(t.i for t in c.subtree)
        if max(t.i for t in c.subtree) == contiguous - 1:
            contiguous = first
    return contiguous


def _coordination_root(tok: Token) -> Token:
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _locative(span: Span) -> bool:
    head = span.root
    return head.dep_ == "pobj" and head.head.lower_ in ACTOR_LOCATIVE_PREPS


def resolve_actors(doc: Doc, resolver: ActorResolver) -> Doc:
    return resolver(doc)


def iter_actor_mentions(doc: Doc) -> Iterable[ActorMention]:
    return doc._.orbit_mentions
