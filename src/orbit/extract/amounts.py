"""Amounts: money, percentages and counts, with their value and unit.

  - money: a currency symbol, word or ISO code with a number and scale ("$20 million" is
    20000000.0 USD, "€3bn", "25 million US dollars", "15.8 billion yen", "500 tenge");
    currency forms come from data/extract/currencies.tsv;
  - percentages: "20 percent", "60%", "per cent", "pct" (unit "percent"); "percentage
    points" has the unit "percentage point";
  - counts of people: a number counting people, a demonym or a people noun ("about
    200,000 Russians", "3.5 million ethnic Russians", "1,500 troops") has the unit
    "people" and `counts` the counted phrase ("ethnic Russians"); "a population of 19
    million" is 19000000.0 people counting "population";
  - other counts: the unit is the lemma of the counted noun, singular and lower case, so
    amounts of the same thing aggregate ("13 MiG-29 fighter jets" is 13.0 "jet",
    counts "MiG-29 fighter jets").

Not amounts: years and dates ("in 2014", "Feb. 28", "the 1990s"), durations and ages
("three years", "45-year-old"), numbers in names ("MiG-29", "Covid-19", "G-20"), vague
plurals ("hundreds of protesters", "tens of thousands of conscripts"), "one", and small
number words after a determiner ("the five nations" names a group, it does not count
it). Values parse "1,000", "3.5", "two", "twenty-five", "a dozen", "half a million",
"bn", "m", "k", "million", "billion", "trillion", "crore", "lakh".

`attach_amounts` links money to the aid, support or trade event of its sentence.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from ..lexicon.numbers import SCALES, TENS, UNITS, parse_number
from ..lexicon.roots import root_class
from ..lexicon.words import word_sequence, words
from ..model import Amount, Event
from ..resources import read_list

COMPOUND_ADJECTIVE_NOUNS = words("amounts.compound_adjective_nouns")

ROUND_NUMBER_WORDS = words("amounts.round_number_words")

VAGUE_QUANTIFIERS = words("amounts.vague_quantifiers")

COUNT_STARTERS = word_sequence("amounts.count_starters")

ARTICLE_NUMBER_WORDS = words("amounts.article_number_words")

# abbreviations that are a scale only glued to the number or after a currency ("$5m", "€3bn")
SHORT_SCALES = words("amounts.short_scales")
# words that stand for a number at the start of a number group ("a dozen", "half a million")
ARTICLE_NUMBERS = word_sequence("amounts.article_numbers")

_WORDNUM = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a|an|half\s+a)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_SCALE = r"(?:hundred|thousand|million|billion|trillion|lakhs?|crores?|mln|bln|mn|bn|tn|trn|[kmb])"
# a number: digits or words, then up to two scales ("3.5 million", "two dozen", "a hundred thousand")
_NUMBER = rf"(?:(?:{_DIGITS})(?:\s?(?:{_SCALE})\b)?(?:\s(?:{_SCALE})\b)?|\b{_WORDNUM}(?:\s(?:dozen|{_SCALE}))+\b|\b{_WORDNUM}\b)"

PEOPLE_NOUNS = words("amounts.people_nouns")
TIME_NOUNS = words("amounts.time_nouns")
MONTHS = words("amounts.months")
DETERMINERS = words("amounts.determiners")
VAGUE_NUMBERS = words("amounts.vague_numbers")
POPULATION_NOUNS = {"population", "populace"}
# units glued to a number by a hyphen that make it a measure ("a 20-km stretch", "a 16-page report")
MEASURE_UNITS = words("amounts.measure_units")
# ... or its size in people ("a 4,000-person agency", "a 5,000-strong force")
PEOPLE_UNITS = words("amounts.people_units")


@lru_cache(maxsize=1)
def currencies() -> tuple[dict, dict, dict]:
    """(symbols, words, codes): form -> ISO code, from data/extract/currencies.tsv."""
    symbols, words, codes = {}, {}, {}
    for line in read_list("extract/currencies.tsv"):
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        form, code, kind = parts[0].strip(), parts[1].strip(), parts[2].strip()
        {"symbol": symbols, "word": words, "code": codes}.get(kind, words)[form if kind != "word" else form.lower()] = code
    return symbols, words, codes


_NUMBER_RE = re.compile(_NUMBER, re.I)
# where a number can start: a digit, or a number word at a word boundary
_NUMBER_START = re.compile(rf"(?<![\w.,])(?:\d|\.\d|{_WORDNUM}\b)", re.I)
_PERCENT_AFTER = re.compile(r"\s?%|\s?(?:percent|per\s?cent|pct)\b|\s(?:percentage\spoints?)\b", re.I)


@lru_cache(maxsize=1)
def _money_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(currency right before a number, currency right after one)."""
    symbols, words, codes = currencies()

    def alt(forms):
        return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))

    # before: "$20 million", "US$5m", "€3bn", "USD 5 million", "Rs 500 crore"
    before = re.compile(rf"(?:(?<![\w$])(?:{alt(symbols)})|\b(?:{alt(codes)}))\s?\Z")
    # after: "25 million US dollars", "15.8 billion yen", "5 million EUR", "20 million of tenge"
    after = re.compile(rf"\s(?:of\s)?((?i:{alt(words)})|(?:{alt(codes)}))\b")
    return before, after


def find_amounts(doc, text: Optional[str] = None) -> list[Amount]:
    """Money, percentages and counts in a parsed Doc (or a plain string: money and
    percentages only), in text order."""
    if isinstance(doc, str):
        text, doc = doc, None
    elif text is None:
        text = doc.text
    symbols, words, codes = currencies()
    before, after = _money_patterns()
    out: list[Amount] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    pos = 0
    while True:
        m = _NUMBER_START.search(text, pos)
        if m is None:
            break
        num = _NUMBER_RE.match(text, m.start())
        if num is None or num.end() == m.start():
            pos = m.end()
            continue
        ns, ne = num.span()
        pos = max(ne, m.end())
        value = parse_number(num.group())
        if value is None or num.group().strip().lower() in ARTICLE_NUMBER_WORDS:
            continue
        if ne < len(text) and (text[ne].isalnum() and not text[ns:ne].strip()[-1:].isalpha()):
            continue  # "3D", "5G": glued to letters
        # money: a currency before the number, then after it
        cur = before.search(text, max(0, ns - 8), ns)
        if cur is not None and not (num.group()[:1].isalpha() and cur.group().strip()[-1:].isalpha()):
            code = _currency_code(cur.group(), symbols, words, codes)
            if code is not None and free(cur.start(), ne):
                taken.append((cur.start(), ne))
                out.append(Amount(text=text[cur.start():ne], span=(cur.start(), ne), value=value, unit=code))
                continue
        cur = after.match(text, ne)
        if cur is not None:
            code = _currency_code(cur.group(1), symbols, words, codes)
            if code is not None and free(ns, cur.end()):
                taken.append((ns, cur.end()))
                out.append(Amount(text=text[ns:cur.end()], span=(ns, cur.end()), value=value, unit=code))
                continue
        pct = _PERCENT_AFTER.match(text, ne)
        if pct is not None and free(ns, pct.end()):
            unit = "percentage point" if "point" in pct.group().lower() else "percent"
            taken.append((ns, pct.end()))
            out.append(Amount(text=text[ns:pct.end()], span=(ns, pct.end()), value=value, unit=unit))

    if doc is not None:
        out += _counts(doc, text, free, taken)
    out.sort(key=lambda a: a.span)
    return out


def _currency_code(cur: str, symbols: dict, words: dict, codes: dict) -> Optional[str]:
    c = re.sub(r"\s+", " ", cur.strip())
    if c in symbols:
        return symbols[c]
    for form, code in symbols.items():
        if form.lower() == c.lower():
            return code
    if c.lower() in words:
        return words[c.lower()]
    if c.upper() in codes and c.isupper():
        return codes[c.upper()]
    return None


# -- counts ------------------------------------------------------------------------------
_NUM_TOKEN = re.compile(rf"^(?:{_DIGITS}|{_WORDNUM}|dozen|{_SCALE})$", re.I)


def _is_num_token(tok) -> bool:
    if tok.lower_ in VAGUE_NUMBERS:
        return False
    if tok.tag_ == "CD" or tok.lower_ == "dozen" or tok.lower_ in SCALES and tok.lower_ not in SHORT_SCALES:
        return bool(_NUM_TOKEN.match(tok.text)) or tok.lower_ in UNITS or tok.lower_.split("-")[0] in TENS
    return False


def _counts(doc, text: str, free, taken) -> list[Amount]:
    from spacy.attrs import LOWER, TAG

    out: list[Amount] = []
    n = len(doc)
    strings = doc.vocab.strings
    cd = strings.add("CD")
    starters = {strings.add(w) for w in COUNT_STARTERS}
    arr = doc.to_array([TAG, LOWER]).tolist()
    mention_kind = {}
    for m in (doc._.orbit_mentions if doc.has_extension("orbit_mentions") else None) or []:
        for i in range(m.start, m.end):
            mention_kind.setdefault(i, m.kind)
    i = 0
    while i < n:
        if arr[i][0] != cd and arr[i][1] not in starters:
            i += 1
            continue
        tok = doc[i]
        if not _is_num_token(tok) and tok.lower_ not in ARTICLE_NUMBERS:
            i += 1
            continue
        # the number group: "3.5 million", "two dozen", "a dozen", "half a million"
        j = i
        if tok.lower_ in ARTICLE_NUMBERS:
            k = i + 1
            if tok.lower_ == "half" and k < n and doc[k].lower_ in ("a", "an"):
                k += 1
            if k < n and (doc[k].lower_ == "dozen" or doc[k].lower_ in SCALES and doc[k].lower_ not in SHORT_SCALES):
                j = k
            else:
                i += 1
                continue
        while j + 1 < n and _is_num_token(doc[j + 1]) and (doc[j + 1].lower_ in SCALES or doc[j + 1].lower_ == "dozen"
                                                           or doc[j].lower_.split("-")[0] in TENS):
            j += 1
        start, end = i, j + 1
        i = end
        amount = _amount_at(doc, text, start, end, free, taken, mention_kind)
        if amount is not None:
            out.append(amount)
    return out


def _amount_at(doc, text: str, start: int, end: int, free, taken, mention_kind: dict) -> Optional[Amount]:
    """The amount the number group doc[start:end] gives, if any: a measure in the unit glued
    to it ("a 20-km stretch"), or a count of the noun it quantifies ("5,000 troops")."""
    s_char, e_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    if not free(s_char, e_char):
        return None
    num_text = text[s_char:e_char]
    value = parse_number(num_text)
    if value is None or _not_an_amount(doc, start, end, num_text):
        return None
    glued = _hyphen_unit(doc, end)
    if glued is not None and doc[glued].lower_ == "plus":
        glued, end = None, glued + 1  # "6,000-plus donors": count the donors
    if glued is not None and doc[glued].lower_ not in MEASURE_UNITS | PEOPLE_UNITS:
        return None  # "a four-way race", "a two-party system", "seven-figure sums"
    if glued is not None:
        # "a 20-km stretch", "the 7,500-km border": a measure, in the unit glued to it
        unit_tok = doc[glued]
        e2 = unit_tok.idx + len(unit_tok.text)
        noun = _counted_noun(doc, glued, glued + 1)
        counts = doc[glued + 1:noun.i + 1].text if noun is not None and noun.i > glued else None
        if free(s_char, e2):
            taken.append((s_char, e2))
            unit = "people" if unit_tok.lower_ in PEOPLE_UNITS else unit_tok.lower_
            return Amount(text=text[s_char:e2], span=(s_char, e2), value=value, unit=unit, counts=counts)
        return None
    head = _counted_noun(doc, start, end)
    if head is None:
        # "a population of 19 million"
        last = doc[end - 1]
        if last.dep_ == "pobj" and last.head.lower_ == "of" and last.head.head.lemma_.lower() in POPULATION_NOUNS:
            taken.append((s_char, e_char))
            return Amount(text=num_text, span=(s_char, e_char), value=value, unit="people",
                          counts=last.head.head.text)
        return None
    if head.lemma_.lower() in TIME_NOUNS or head.lower_ in TIME_NOUNS or head.lower_ in MONTHS:
        return None
    word = doc[start].lower_
    if word in UNITS or word.split("-")[0] in TENS or word in ARTICLE_NUMBERS:
        # "the five nations", "two" of a list: small number words after a determiner name a group
        if start > 0 and doc[start - 1].lower_ in DETERMINERS:
            return None
        if word in ("one", "zero"):
            return None
    phrase_start = end
    phrase_end = head.i + 1
    counts = doc[phrase_start:phrase_end].text if phrase_end > phrase_start else head.text
    e2 = head.idx + len(head.text)
    if not free(s_char, e2):
        return None
    unit = "people" if _people(head, mention_kind) else _unit_lemma(head)
    taken.append((s_char, e2))
    return Amount(text=text[s_char:e2], span=(s_char, e2), value=value, unit=unit, counts=counts)


def _not_an_amount(doc, start: int, end: int, num_text: str) -> bool:
    first, last = doc[start], doc[end - 1]
    t = num_text.strip()
    # years: a bare four-digit number between 1800 and 2100; decades; times and ratios
    if end - start == 1 and re.fullmatch(r"(1[89]|20)\d\d", t):
        return True
    if re.search(r"\d(s|st|nd|rd|th)$|[:/]", t):
        return True
    # dates: "Feb. 28", "28 February"
    if start > 0 and doc[start - 1].lower_.rstrip(".") in MONTHS:
        return True
    if end < len(doc) and doc[end].lower_.rstrip(".") in MONTHS:
        return True
    # names and models: "MiG-29", "Covid-19", "G-20", "F-16s", "Article 5"
    if start > 0:
        prev = doc[start - 1]
        if prev.text in ("-", "–") and prev.idx + 1 == first.idx and start > 1 and doc[start - 2].is_alpha \
                and doc[start - 2].idx + len(doc[start - 2].text) == prev.idx:
            return True
        if prev.text in ("No.", "no.", "#", "No", "Number", "number"):
            return True
    if start > 0 and doc[start - 1].text in ("-", "–", "/") and doc[start - 1].idx + 1 == first.idx and start > 1 \
            and doc[start - 2].like_num:
        return True  # "2016-11-07", "50-50", "9/11": dates, scores and ranges
    if end < len(doc):
        nxt = doc[end]
        if nxt.idx == last.idx + len(last.text) and not nxt.is_space and nxt.text not in ("-", "–", ",", ".", ")", "%") \
                and nxt.lower_ not in SCALES:
            return True  # glued to what follows: "5G", "3D", '07">'
        if "/" in nxt.text or (nxt.like_num and nxt.lower_ not in SCALES):
            return True  # "3 1/2", "2 3": not one number we can read
    if start > 0:
        prev = doc[start - 1]
        if first.lower_ == "dozen" or (prev.lower_ in VAGUE_QUANTIFIERS
                                       and first.lower_ in ROUND_NUMBER_WORDS):
            return True  # "several dozen", "some hundred": vague
        if prev.is_title and prev.pos_ in ("PROPN", "NOUN") and prev.tag_ != "NNPS" and not prev.is_sent_start:
            return True  # "Shed 3", "Big 10", "Article 5", "Resolution 2231": part of a name
    if last.i + 1 < len(doc) and doc[last.i + 1].text in ("-", "–") and doc[last.i + 1].idx == last.idx + len(last.text):
        # "45-year-old", "three-day": a compound adjective, not a count
        nxt = doc[last.i + 2] if last.i + 2 < len(doc) else None
        if nxt is not None and (nxt.lemma_.lower() in TIME_NOUNS or nxt.lower_ in COMPOUND_ADJECTIVE_NOUNS):
            return True
    return False


def _hyphen_unit(doc, end: int) -> Optional[int]:
    """Index of a unit glued to the number by a hyphen ("20-km"), or None."""
    if end + 1 >= len(doc):
        return None
    hy, unit = doc[end], doc[end + 1]
    last = doc[end - 1]
    if hy.text in ("-", "–") and hy.idx == last.idx + len(last.text) and unit.idx == hy.idx + len(hy.text) \
            and unit.is_alpha:
        return end + 1
    return None


def _counted_noun(doc, start: int, end: int):
    """The noun a number group counts: its syntactic head to the right ("200,000 Russians"),
    through adjectives and compounds ("3.5 million ethnic Russians", "13 MiG-29 fighter jets")."""
    last = doc[end - 1]
    tok = last
    # climb from the number to the noun it modifies
    for _ in range(3):
        if tok.dep_ in ("nummod", "compound", "quantmod", "amod") and tok.head.i > tok.i:
            tok = tok.head
            if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
                break
        else:
            break
    if tok is not last and tok.pos_ in ("NOUN", "PROPN") and tok.i - end <= 5 and tok.lower_ not in VAGUE_NUMBERS:
        if tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head
        return tok
    # no parse link: the next noun, through adjectives and compounds only
    k = end
    while k < len(doc) and k - end < 4 and doc[k].pos_ in ("ADJ", "NOUN", "PROPN") and not doc[k].is_punct:
        if doc[k].pos_ in ("NOUN", "PROPN") and (k + 1 >= len(doc) or doc[k + 1].pos_ not in ("NOUN", "PROPN")):
            return doc[k] if doc[k].lower_ not in VAGUE_NUMBERS else None
        k += 1
    return None


def _people(head, mention_kind: dict) -> bool:
    if mention_kind.get(head.i) == "demonym" or head.tag_ == "NNPS":  # "Russians", "Floridians", "Democrats"
        return True
    lemma = head.lemma_.lower()
    return lemma in PEOPLE_NOUNS or head.lower_ in PEOPLE_NOUNS


def _unit_lemma(head) -> str:
    lemma = head.lemma_.lower() if head.lemma_ else head.lower_
    return lemma or head.lower_


# -- linking money to events -------------------------------------------------------------
MONEY_ROOTS = root_class("money")


def is_money(amount: Amount) -> bool:
    return len(amount.unit) == 3 and amount.unit.isupper()


def attach_amounts(amounts: Iterable[Amount], events: Sequence[Event]) -> list[Amount]:
    """Amounts with `event_index` set on money: the index (in `events`) of the aid, support
    or transaction event (roots 07, 03, 06, 16) whose sentence contains the amount, the one
    with the closest trigger when there are several. Other amounts are returned unchanged."""
    by_sentence: list[tuple[int, int, int, int]] = []  # (sentence start, end, trigger mid, event index)
    for k, ev in enumerate(events):
        if ev.root in MONEY_ROOTS:
            mid = (ev.trigger.span[0] + ev.trigger.span[1]) // 2
            by_sentence.append((ev.sentence_span[0], ev.sentence_span[1], mid, k))
    out = []
    for a in amounts:
        if not is_money(a) or not by_sentence:
            out.append(a)
            continue
        mid = (a.span[0] + a.span[1]) // 2
        best, dist = None, None
        for s, e, tmid, k in by_sentence:
            if s <= a.span[0] and a.span[1] <= e:
                d = abs(tmid - mid)
                if dist is None or d < dist:
                    best, dist = k, d
        out.append(replace(a, event_index=best) if best is not None else a)
    return out

