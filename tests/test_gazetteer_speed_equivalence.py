"""The shortcuts that make ``find_mentions`` fast must not change what it finds.

``find_mentions`` skips the words where no mention can start (found by one
regex scan), remembers recent answers per text, and shares an answer between
days when the reading never asked for the day. Each shortcut is checked here
against the plain definition it stands for.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.gazetteer import Entity, Gazetteer, _Text, _word_pattern

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(ROOT / "data" / "gazetteer.yaml")


def unmemoised(gaz: Gazetteer, text: str, lang: str, on: str | None = None):
    gaz._found.clear()
    gaz._texts.clear()
    return gaz.find_mentions(text, lang, on=on)


def openings_by_word(gaz: Gazetteer, t: _Text, lang: str) -> list[int]:
    """The definition the regex scan stands for: every word, looked up."""
    firsts, titles = gaz._first_words[lang], gaz._titles[lang]
    return [s for s, _ in t.tokens if t.word_at(s) in firsts or t.lower_word_at(s) in titles]


TEXTS = [
    ("Tổng thống Mỹ Donald Trump và người đồng cấp Nga Vladimir Putin gặp nhau tại Alaska.", "vi"),
    ("Ngoại trưởng Mỹ sẽ tới Riyadh; Bộ trưởng Quốc phòng Mỹ và Nga hiếm khi gặp nhau.", "vi"),
    ("The US president spoke to the Russian leader, then called his Ukrainian counterpart.", "en"),
    ("Former US President Joe Biden and ex-President Trump; Mr. Putin\u00a0met Kremlin spokesman Peskov.", "en"),
    ("Hoà đàm ở Thuỵ Sĩ: ông Zelensky nói \u201cNga\u2019s\u201d\tđề xuất", "vi"),
    # letters outside Latin: Greek final sigma, Turkish dotted I, Cyrillic
    ("ΟΔΥΣΣΕΥΣ met President Erdoğan in İSTANBUL; Путин and Tổng thống Nga ΣΑΣ", "en"),
    ("İstanbul: Tổng thống Thổ Nhĩ Kỳ và ông Putin, ΣΟΦΟΣ", "vi"),
    ("", "en"),
    ("   \n\n", "vi"),
]


@pytest.mark.parametrize(("text", "lang"), TEXTS)
def test_the_regex_scan_finds_the_same_words_as_looking_up_every_word(gaz, text, lang):
    t = _Text.of(text)
    assert gaz._openings(t, lang) == openings_by_word(gaz, t, lang)


_ALPHABET = st.sampled_from(
    ["Tổng", "thống", "Mỹ", "Nga", "Trump", "Putin", "ông", "bà", "President", "president", "US", "Russian",
     "Kremlin", "Điện", "điện", "the", "of", "ex-", "Mr.", "İ", "Σ", "ς", "ΣΟΣ", "Ä", "ß", "ǅ", "\u00a0", " ",
     " ", " ", ",", ".", "\n", "-", "'", "\u2019", "hoà", "Thuỵ", "x", "1"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join), st.sampled_from(["en", "vi"]))
def test_the_regex_scan_matches_the_definition_on_any_text(gaz, text, lang):
    t = _Text.of(text)
    assert gaz._openings(t, lang) == openings_by_word(gaz, t, lang)


def test_a_title_asked_on_alternating_days_resolves_on_each_day(gaz):
    text = "Tổng thống Mỹ nói chuyện với Ngoại trưởng Mỹ."
    days = ["2021-01-19", "2021-01-20", None, "2025-06-01", "2023-06-01"] * 3
    random.Random(1).shuffle(days)
    expected = {day: unmemoised(gaz, text, "vi", on=day) for day in set(days)}
    assert len({tuple(m.id for m in v) for v in expected.values()}) > 1  # the day matters here
    gaz._found.clear()
    for day in days:
        assert gaz.find_mentions(text, "vi", on=day) == expected[day]


def test_an_undated_reading_is_shared_between_days_and_stays_right(gaz):
    text = "Ông Putin và ông Zelensky gặp nhau tại Istanbul."
    plain = unmemoised(gaz, text, "vi")
    for day in ("2022-03-01", None, "2025-05-16"):
        assert gaz.find_mentions(text, "vi", on=day) == plain
    assert gaz.candidates(text, "vi") == []


def test_callers_may_change_the_list_they_get(gaz):
    text = "US President Donald Trump spoke to Vladimir Putin."
    first = gaz.find_mentions(text, "en", on="2025-03-18")
    want = list(first)
    first.append(first[0])
    first.sort(key=lambda m: -m.start)
    assert gaz.find_mentions(text, "en", on="2025-03-18") == want


def test_the_memos_stay_small(gaz):
    for k in range(2000):
        gaz.find_mentions(f"Ông Putin, đoạn {k}.", "vi")
    assert len(gaz._found) <= 512 and len(gaz._texts) <= 512


def test_a_gazetteer_without_names_finds_nothing_rather_than_everything():
    empty = Gazetteer([])
    assert empty.find_mentions("Tổng thống Mỹ Donald Trump", "vi") == []
    assert empty.find_mentions("the president said", "en") == []
    one = Gazetteer([Entity(id="nga", kind="country", name_en="Russia", name_vi="Nga")])
    assert [m.id for m in one.find_mentions("Nga và Ngai, Ngà, Nga.", "vi")] == ["nga", "nga"]
    unnamed = Gazetteer([Entity(id="x", kind="place", name_en="Xland", name_vi="")])  # no surface, no table entry
    assert [m.id for m in unnamed.find_mentions("Xland", "en")] == ["x"]


def test_the_word_pattern_takes_whole_words_only():
    pattern = _word_pattern(["Nga", "Ngai", "N", "a_b"])
    text = "Nga Ngai Ngaix N xN Ng a_b a_bc Nga_"
    assert [m.group(0) for m in pattern.finditer(text)] == ["Nga", "Ngai", "N", "a_b"]
