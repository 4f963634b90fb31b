"""Cleaning scraped pages: boilerplate, glued words, offsets back to the original."""
from __future__ import annotations

import json

import pytest

from orbit.clean import clean_document, clean_text
from orbit.clean.dateline import find_dateline
from orbit.clean.glue import split_glued
from orbit.model import RawDocument

from ..conftest import SAMPLES, SEED, need_shared


@pytest.fixture(scope="module")
def seed_article(settings):
    need_shared()
    raw = RawDocument("seed", SEED.with_suffix(".txt").read_text(encoding="utf-8"), "text")
    return clean_document(raw, settings)


def test_seed_boilerplate_is_removed(seed_article):
    meta = json.loads(SEED.with_suffix(".meta.json").read_text())
    for line in meta["boilerplate_to_remove"]:
        assert line not in seed_article.text


def test_seed_glued_words_are_split(seed_article):
    meta = json.loads(SEED.with_suffix(".meta.json").read_text())
    for glued, fixed in meta["glued_words"].items():
        assert glued not in seed_article.text
        assert fixed in seed_article.text


def test_seed_title_date_and_captions(seed_article):
    assert seed_article.title.startswith("Blinken Finds Receptive Leaders")
    # captions stay (they carry events), only their credits go
    assert "Mr. Blinken met with officials from Kazakhstan" in seed_article.text
    # the related-links box and the byline are page furniture
    assert "Deploying High-Powered Aides" not in seed_article.text
    assert "contributed reporting" not in seed_article.text


def test_offsets_map_back_to_the_original(seed_article):
    text, original = seed_article.text, seed_article.original
    for phrase in ["came after a group meeting", "Downtown Astana", "government has to balance", "devices, since"]:
        i = text.index(phrase)
        o = seed_article.offsets.to_original(i)
        assert original[o:o + 40].replace(" ", "").startswith(phrase.replace(" ", "")[:10])
    # every word of the cleaned text is found at its mapped place in the original
    for word_start in range(0, len(text), 97):
        if text[word_start].isalnum():
            assert original[seed_article.offsets.to_original(word_start)] == text[word_start]


@pytest.mark.parametrize("word,parts", [("cameafter", ("came", "after")), ("governmenthas", ("government", "has")),
                                        ("downtown", None), ("prewar", None), ("rollout", None), ("obliterated", None)])
def test_split_glued(word, parts):
    assert split_glued(word) == parts


def test_invisible_characters_and_spaces():
    text, offsets, _ = clean_text("Kaz\u200bakhstan\u00a0and \u202eRussia\r\nsigned")
    assert text == "Kazakhstan and Russia\nsigned"
    assert offsets.to_original(text.index("Russia")) == "Kaz\u200bakhstan\u00a0and \u202eRussia".index("Russia")


def test_bullet_lists_that_are_content_stay():
    body = ("Officials listed their demands:\n"
            "• The government must release all detained protesters before the talks resume next week.\n"
            "• Foreign journalists must be allowed to enter the region without escort or delay.\n")
    text, _, removed = clean_text(body)
    assert "release all detained protesters" in text and not removed


def test_related_links_box_goes():
    body = ("Russia and Ukraine exchanged prisoners on Friday.\n\nMore on the war\n\n"
            "• Drone War: How Kyiv builds cheap drones\n• Grain Deal: What happens next\n\n"
            "The exchange was mediated by the United Arab Emirates.")
    text, _, removed = clean_text(body)
    assert "Drone War" not in text and "More on the war" not in text
    assert "mediated by the United Arab Emirates" in text


@pytest.mark.parametrize("head,expected", [
    ("XI'AN, China, May 18 (AFP) - Chinese President", "XI'AN, China, May 18 (AFP) - "),
    ("WASHINGTON (AP) - U.S. officials", "WASHINGTON (AP) - "),
    ("NEW DELHI/ISLAMABAD (Reuters) - India", "NEW DELHI/ISLAMABAD (Reuters) - "),
    ("ASTANA, Kazakhstan — Secretary", "ASTANA, Kazakhstan — "),
    ("US - China talks resumed", None),
    ("LUSAKA - Zambian police on Monday", "LUSAKA - "),
    ("PORT MORESBY - The prime minister", "PORT MORESBY - "),
    ("BREAKING - Fighting erupted", None),
    ("TALKS - NO DEAL YET", None),
])
def test_datelines(head, expected):
    found = find_dateline(head)
    assert (head[:found[1]] if found else None) == expected


def test_html_main_text(settings):
    html = (SAMPLES / "sample.html").read_text(encoding="utf-8")
    article = clean_document(RawDocument("page", html, "html"), settings)
    assert len(article.text) > 500
    lowered = article.text.lower()
    assert "cookie" not in lowered and "subscribe" not in lowered


def test_credit_lines_go_but_a_sentence_that_mentions_reporting_stays():
    sentence = ("Afghan guerillas blew up three power lines leading into Kabul last month, "
                "the news agency Ceteka reported from Kabul today.")
    assert clean_text(sentence)[0].strip() == sentence
    for credit in ("Ivan Nechepurenko reported from Moscow, and Anton Troianovski from Berlin.",
                   "Ivan Nechepurenko, Anton Troianovski and Marc Santora contributed reporting.",
                   "Reporting by Tom Balmforth; Editing by Alex Richardson"):
        assert clean_text("Russia attacked Ukraine.\n\n" + credit)[0].strip() == "Russia attacked Ukraine."


@pytest.mark.parametrize("credit", ["(Muhammad Hamed/Reuters)", "(Sergei Supinsky/AFP via Getty Images)"])
def test_parenthesised_photo_credits_go(credit):
    text = clean_text(f"{credit}\n Gunmen attacked a castle in central Jordan on Sunday.")[0]
    assert text.strip() == "Gunmen attacked a castle in central Jordan on Sunday."
    assert clean_text("The talks (begun in 2019/2020) stalled.")[0].strip() == "The talks (begun in 2019/2020) stalled."
