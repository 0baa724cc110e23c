"""Search words: Vietnamese typed without diacritics, and names in their other spellings.

The built site's search index and a real search in a browser are checked in
``tests/test_site.py``; here, the words themselves.
"""

from __future__ import annotations

import unicodedata

import pytest

from generator.gazetteer import Entity, Gazetteer
from generator.search_terms import SearchTerms, fold


def zelensky_gazetteer() -> Gazetteer:
    return Gazetteer([
        Entity("volodymyr-zelensky", "person", "Volodymyr Zelensky", "Volodymyr Zelensky",
               aliases_en=("Zelensky", "Zelenskyy", "Zelenski"), aliases_vi=("Dê-len-xki",)),
        Entity("ukraine", "country", "Ukraine", "Ukraine"),
    ])


@pytest.mark.parametrize("text, folded", [
    ("Điện đàm hòa bình", "Dien dam hoa binh"),
    ("ĐIỆN ĐÀM", "DIEN DAM"),
    ("hoà bình", "hoa binh"),  # the older placement of the mark folds the same
    (unicodedata.normalize("NFD", "điện đàm"), "dien dam"),  # decomposed text as well
    ("Zelensky, Kyiv", "Zelensky, Kyiv"),
])
def test_fold_drops_every_vietnamese_diacritic_and_maps_d_with_stroke(text, folded):
    assert fold(text) == folded


def test_words_with_diacritics_are_added_folded_and_words_already_present_are_not():
    terms = SearchTerms().terms("Cuộc điện đàm hòa bình; hoa binh đã có.")
    assert terms == ["cuoc", "dien", "dam", "da", "co"]


def test_a_named_entity_brings_its_other_spellings_as_written_and_folded():
    terms = SearchTerms(zelensky_gazetteer()).terms("Ông Zelensky điện đàm.")
    assert {"zelenskyy", "zelenski", "volodymyr", "dê", "de", "xki", "ong", "dien", "dam"} <= set(terms)
    assert "zelensky" not in terms  # on the page already
    assert len(terms) == len(set(terms))


def test_a_name_counts_only_as_a_whole_word():
    assert SearchTerms(zelensky_gazetteer()).spellings("Ukrainer Zelenskyism") == []


def test_a_search_index_entry_gets_its_title_and_text_folded_in_fields_of_their_own():
    entry = {"location": "vi/events/x/", "title": "Điện đàm giữa Donald Trump và Volodymyr Zelensky",
             "text": "<p>Ông Zelensky nói &amp; cảm ơn.</p><ul><li>Hòa bình</li></ul>"}
    fields = SearchTerms(zelensky_gazetteer()).fields(entry)
    assert set(fields) == {"title_folded", "text_folded"}
    assert fields["title_folded"].split()[:4] == ["dien", "dam", "giua", "va"]
    assert "zelenski" in fields["title_folded"].split()
    assert {"ong", "noi", "cam", "on", "hoa", "binh", "zelenski"} <= set(fields["text_folded"].split())
    assert "amp" not in fields["text_folded"] and "li" not in fields["text_folded"].split()


def test_an_entry_with_nothing_to_fold_gets_empty_fields():
    assert SearchTerms(zelensky_gazetteer()).fields({"title": "Timeline", "text": "<p>Every event.</p>"}) == {
        "title_folded": "", "text_folded": ""}
