"""The gazetteer, topics and glossary: who and what a text names.

The sentences here are written for these tests, in both languages; the seed
articles are only used to check that the shipped data covers their actors.
"""

from __future__ import annotations

import textwrap
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.gazetteer import Gazetteer, Glossary, Topics
from generator.store import DataError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(DATA / "gazetteer.yaml")


@pytest.fixture(scope="module")
def topics() -> Topics:
    return Topics.load(DATA / "topics.yaml")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load(DATA / "glossary.yaml")


def found(gaz: Gazetteer, text: str, lang: str, on: str | None = None) -> list[tuple[str, str, str]]:
    return [(m.id, m.surface, m.via) for m in gaz.find_mentions(text, lang, on=on)]


def ids(gaz: Gazetteer, text: str, lang: str, on: str | None = None) -> list[str]:
    return [m.id for m in gaz.find_mentions(text, lang, on=on)]


# --- the shipped data ------------------------------------------------------------


def test_shipped_data_files_load_without_errors(gaz, topics, glossary):
    assert len(gaz) > 100
    assert {"person", "country", "organisation", "place", "media"} <= {e.kind for e in gaz.entities}
    assert len(topics.topics) >= 19
    assert len(glossary.terms) >= 19


@pytest.mark.parametrize(
    "entity_id",
    [
        "donald-trump", "vladimir-putin", "volodymyr-zelensky", "dmitry-peskov", "andriy-yermak", "pete-hegseth",
        "steve-witkoff", "jared-kushner", "kirill-dmitriev", "rustem-umerov", "mark-milley", "valery-gerasimov",
        "sergei-shoigu", "lloyd-austin", "jake-sullivan", "william-burns", "marco-rubio", "yury-ushakov",
        "viktor-orban", "jd-vance", "sergei-lavrov", "andrii-sybiha", "dmytro-kuleba", "vladimir-medinsky",
        "keith-kellogg", "mike-waltz", "emmanuel-macron", "keir-starmer", "friedrich-merz", "olaf-scholz",
        "recep-tayyip-erdogan", "hakan-fidan", "mohammed-bin-salman", "xi-jinping", "narendra-modi",
        "ursula-von-der-leyen", "kaja-kallas", "antonio-guterres", "pope-leo-xiv", "alexander-lukashenko",
        "kyrylo-budanov", "oleksandr-syrskyi", "dan-driscoll", "scott-bessent", "joe-biden", "antony-blinken",
        "nato", "kremlin", "white-house", "pentagon", "us-european-command", "russia-national-defence-control-centre",
        "russian-foreign-ministry", "world-economic-forum", "european-union", "united-nations", "osce", "g7", "iaea",
        "axios", "reuters", "new-york-post", "truth-social",
        "united-states", "russia", "ukraine", "saudi-arabia", "finland", "switzerland", "egypt", "hungary", "china",
        "turkey", "qatar", "united-arab-emirates", "belarus", "france", "united-kingdom", "germany", "poland", "india",
        "vatican", "crimea", "donbas", "donetsk", "luhansk", "zaporizhzhia", "kherson", "kursk",
        "helsinki", "davos", "geneva", "budapest", "alaska", "anchorage", "moscow", "kyiv", "washington", "wiesbaden",
        "riyadh", "jeddah", "istanbul", "abu-dhabi", "miami", "mar-a-lago", "paris", "london", "berlin", "brussels",
        "minsk", "doha", "beijing", "rome",
    ],
)
def test_the_actors_of_the_talks_are_in_the_gazetteer(gaz, entity_id):
    assert entity_id in gaz


def test_every_person_role_names_a_known_body_and_valid_dates(gaz):
    for person in gaz.of_kind("person"):
        for role in person.roles:
            assert role.of in gaz, (person.id, role)
            if role.start and role.end:
                assert role.start < role.end, (person.id, role)


def _spec_names(seed: dict) -> set[str]:
    names = set(seed.get("also_named", []))
    for event in seed.get("events", []):
        names.update(event.get("participants", []))
        names.update(event.get("also_named", []))
    return names


def _by_english_name(gaz: Gazetteer) -> dict[str, str]:
    return {e.name_en: e.id for e in gaz.entities}


def test_every_participant_and_name_in_the_seed_spec_resolves_by_english_name(gaz, seed_spec):
    table = _by_english_name(gaz)
    missing = sorted({name for seed in seed_spec for name in _spec_names(seed)} - set(table))
    assert missing == []


@pytest.mark.parametrize("index", range(5))
def test_each_seed_text_names_the_actors_its_spec_lists(gaz, seed_spec, index):
    seed = seed_spec[index]
    text = (ROOT / "seeds" / seed["file"]).read_text(encoding="utf-8")
    table = _by_english_name(gaz)
    expected = {table[name] for name in _spec_names(seed)}
    assert expected <= set(ids(gaz, text, seed["language"]))
    assert "donald-trump" in ids(gaz, text, seed["language"])


def test_the_first_seed_finds_trump_putin_zelensky_with_their_titles(gaz):
    text = (ROOT / "seeds" / "000_cbd8a5b9abaed145.txt").read_text(encoding="utf-8")
    mentions = found(gaz, text, "vi")
    assert ("vladimir-putin", "Tổng thống Nga Vladimir Putin", "honorific") in mentions
    assert ("donald-trump", "Tổng thống Mỹ Donald Trump", "honorific") in mentions
    assert ("volodymyr-zelensky", "Tổng thống Ukraine Volodymyr Zelensky", "honorific") in mentions
    assert ("dmitry-peskov", "Người phát ngôn Điện Kremlin Dmitry Peskov", "honorific") in mentions
    assert ("andriy-yermak", "Andrey Yermak", "alias") in mentions


# --- names, honorifics and titles ------------------------------------------------------


def test_a_name_alone_is_found_by_name_or_alias(gaz):
    assert found(gaz, "Vladimir Putin phát biểu, sau đó Putin rời đi.", "vi") == [
        ("vladimir-putin", "Vladimir Putin", "name"),
        ("vladimir-putin", "Putin", "alias"),
    ]
    assert found(gaz, "Zelenskiy and Zelenskyy are spelt two ways.", "en") == [
        ("volodymyr-zelensky", "Zelenskiy", "alias"),
        ("volodymyr-zelensky", "Zelenskyy", "alias"),
    ]


def test_vietnamese_honorifics_are_part_of_the_span(gaz):
    assert found(gaz, "Hôm qua ông Putin nói chuyện với Tổng thống Nga Vladimir Putin.", "vi") == [
        ("vladimir-putin", "ông Putin", "honorific"),
        ("vladimir-putin", "Tổng thống Nga Vladimir Putin", "honorific"),
    ]
    assert found(gaz, "Bộ trưởng Quốc phòng Mỹ Pete Hegseth và bà Kaja Kallas dự họp.", "vi") == [
        ("pete-hegseth", "Bộ trưởng Quốc phòng Mỹ Pete Hegseth", "honorific"),
        ("kaja-kallas", "bà Kaja Kallas", "honorific"),
    ]


def test_english_honorifics_and_titles_are_part_of_the_span(gaz):
    assert found(gaz, "President Donald Trump called Mr. Putin, then Russia's Foreign Minister Sergei Lavrov.", "en") == [
        ("donald-trump", "President Donald Trump", "honorific"),
        ("vladimir-putin", "Mr. Putin", "honorific"),
        ("sergei-lavrov", "Russia's Foreign Minister Sergei Lavrov", "honorific"),
    ]
    assert found(gaz, "Hungarian Prime Minister Viktor Orban met Kremlin spokesman Peskov.", "en") == [
        ("viktor-orban", "Hungarian Prime Minister Viktor Orban", "honorific"),
        ("dmitry-peskov", "Kremlin spokesman Peskov", "honorific"),
    ]


def test_a_title_of_someone_else_before_a_name_stays_out_of_the_span(gaz):
    # "the envoys of President Trump": the name belongs to the last title only
    assert found(gaz, "các đặc phái viên của Tổng thống Trump - ông Steve Witkoff", "vi") == [
        ("donald-trump", "Tổng thống Trump", "honorific"),
        ("steve-witkoff", "ông Steve Witkoff", "honorific"),
    ]


def test_a_title_without_a_name_resolves_to_the_holder_on_the_day(gaz):
    assert found(gaz, "Ngoại trưởng Mỹ sẽ tới Riyadh.", "vi", on="2025-06-01")[0] == (
        "marco-rubio", "Ngoại trưởng Mỹ", "title",
    )
    assert found(gaz, "Ngoại trưởng Mỹ sẽ tới Riyadh.", "vi", on="2023-06-01")[0] == (
        "antony-blinken", "Ngoại trưởng Mỹ", "title",
    )
    assert ids(gaz, "The US president spoke to the Russian leader.", "en", on="2024-03-01") == ["joe-biden", "vladimir-putin"]


def test_a_title_without_a_day_resolves_to_the_current_holder(gaz):
    assert ids(gaz, "Tổng thống Mỹ và người phát ngôn Điện Kremlin", "vi") == ["donald-trump", "dmitry-peskov"]


def test_role_dates_are_half_open_on_the_handover_day(gaz):
    assert ids(gaz, "Tổng thống Mỹ", "vi", on="2021-01-19") == ["donald-trump"]
    assert ids(gaz, "Tổng thống Mỹ", "vi", on="2021-01-20") == ["joe-biden"]
    assert ids(gaz, "Tổng thống Mỹ", "vi", on="2025-01-20T18:00+07:00") == ["donald-trump"]


def test_former_holders_and_two_countries_are_not_resolved_by_date(gaz):
    assert ids(gaz, "Cựu Tổng thống Mỹ phát biểu.", "vi") == ["united-states"]
    assert ids(gaz, "The former US president spoke.", "en") == ["united-states"]
    # one title for two countries names two people: leave it to the countries
    assert ids(gaz, "Bộ trưởng Quốc phòng Mỹ và Nga hiếm khi gặp nhau.", "vi", on="2022-11-01") == [
        "united-states", "russia",
    ]


def test_a_title_followed_by_an_unknown_name_is_not_given_to_the_office_holder(gaz):
    text = "Tổng thống Hàn Quốc Lee Jae Myung hội đàm tại Seoul."
    assert ids(gaz, text, "vi") == ["south-korea"]
    assert "Lee Jae Myung" in gaz.candidates(text, "vi")


def test_an_ambiguous_title_resolves_to_no_one(gaz):
    # Witkoff and Kellogg are both US special envoys in 2025
    assert ids(gaz, "Đặc phái viên Mỹ tới Moscow.", "vi", on="2025-04-01") == ["united-states", "moscow"]


# --- counterparts --------------------------------------------------------------------


def test_counterpart_is_the_head_of_state_on_the_day(gaz):
    assert found(gaz, "Tổng thống Mỹ đã điện đàm với người đồng cấp Nga.", "vi", on="2025-02-12") == [
        ("donald-trump", "Tổng thống Mỹ", "title"),
        ("vladimir-putin", "người đồng cấp Nga", "counterpart"),
    ]
    assert ids(gaz, "Ông đã điện đàm với người đồng cấp Nga.", "vi", on="2025-02-12") == ["vladimir-putin"]
    assert ids(gaz, "He later called his Ukrainian counterpart.", "en", on="2025-02-12") == ["volodymyr-zelensky"]


def test_counterpart_holds_the_same_office_as_the_person_named_before(gaz):
    text = "Ngoại trưởng Mỹ Marco Rubio đã điện đàm với người đồng cấp Nga."
    assert ids(gaz, text, "vi", on="2025-05-01") == ["marco-rubio", "sergei-lavrov"]
    assert ids(gaz, "Secretary of State Marco Rubio met his Russian counterpart.", "en", on="2025-05-01") == [
        "marco-rubio", "sergei-lavrov",
    ]


def test_counterpart_with_a_name_is_that_person(gaz):
    assert found(gaz, "Mark Milley hội đàm với người đồng cấp Nga Valery Gerasimov.", "vi")[-1] == (
        "valery-gerasimov", "người đồng cấp Nga Valery Gerasimov", "honorific",
    )


def test_counterpart_in_a_country_without_known_leader_is_the_country(gaz):
    assert found(gaz, "Ông gặp người đồng cấp Ai Cập.", "vi") == [("egypt", "người đồng cấp Ai Cập", "counterpart")]


# --- metonyms ---------------------------------------------------------------------------


def test_the_kremlin_is_a_metonym_for_russia(gaz):
    mention = gaz.find_mentions("Điện Kremlin xác nhận cuộc điện đàm.", "vi")[0]
    assert (mention.id, mention.surface, mention.via) == ("kremlin", "Điện Kremlin", "metonym")
    assert gaz.get(mention.id).stands_for == "russia"
    assert gaz.actor(mention.id) == "russia"


def test_white_house_and_pentagon_stand_for_the_united_states(gaz):
    mentions = gaz.find_mentions("Nhà Trắng và Lầu Năm Góc bác bỏ thông tin; the White House declined.", "vi")
    assert [(m.id, m.via) for m in mentions] == [("white-house", "metonym"), ("pentagon", "metonym")]
    assert {gaz.actor(m.id) for m in mentions} == {"united-states"}
    assert found(gaz, "The White House declined to comment.", "en") == [("white-house", "White House", "metonym")]


def test_a_capital_is_an_actor_unless_a_preposition_makes_it_a_place(gaz):
    assert found(gaz, "Moscow đang chờ Washington đáp lại. Tại Moscow, ông Peskov nói.", "vi") == [
        ("moscow", "Moscow", "metonym"),
        ("washington", "Washington", "metonym"),
        ("moscow", "Moscow", "name"),
        ("dmitry-peskov", "ông Peskov", "honorific"),
    ]
    assert [m.via for m in gaz.find_mentions("Kyiv rejected it; he flew to Kyiv and talked at the Kremlin.", "en")] == [
        "metonym", "name", "name",
    ]


# --- words that look like names -----------------------------------------------------


def test_anh_the_pronoun_is_not_the_united_kingdom(gaz):
    assert ids(gaz, "Anh ấy cho biết anh sẽ tới.", "vi") == []
    assert ids(gaz, "Em trai Tuấn Anh học tiếng Anh.", "vi") == []
    assert ids(gaz, "Anh và Pháp cam kết; Thủ tướng Anh Keir Starmer đồng ý.", "vi") == [
        "united-kingdom", "france", "keir-starmer",
    ]


def test_lower_case_words_never_match_a_capitalised_name(gaz):
    assert ids(gaz, "em nhỏ ngân nga, người mỹ nữ, đức tin và pháp luật", "vi") == []


def test_given_names_that_equal_country_names_are_not_countries(gaz):
    assert ids(gaz, "Chị Nguyễn Thị Nga và Hằng Nga", "vi") == []
    assert ids(gaz, "Đức Giáo hoàng Leo XIV kêu gọi hòa bình tại Đức.", "vi") == ["pope-leo-xiv", "germany"]
    assert ids(gaz, "Các nước Mỹ Latinh theo dõi.", "vi") == ["latin-america"]


def test_a_surname_after_an_unknown_given_name_is_someone_else(gaz):
    assert ids(gaz, "The talks, Melania Trump said, matter. Later Trump left.", "en") == ["donald-trump"]
    assert ids(gaz, "Trump Says Putin Wants Peace", "en") == ["donald-trump", "vladimir-putin"]


def test_old_style_vietnamese_tones_and_nfd_text_match(gaz):
    assert ids(gaz, "Thuỵ Sĩ và Liên minh châu Âu", "vi") == ["switzerland", "european-union"]
    nfd = unicodedata.normalize("NFD", "Tổng thống Nga Vladimir Putin tới Thụy Sĩ")
    mentions = gaz.find_mentions(nfd, "vi")
    assert [m.id for m in mentions] == ["vladimir-putin", "switzerland"]
    assert mentions[0].surface == "Tổng thống Nga Vladimir Putin"  # spans are offsets in the NFC text


def test_mentions_are_in_order_and_never_overlap(gaz):
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        mentions = gaz.find_mentions(text, "en" if path.name.startswith("004") else "vi")
        for a, b in zip(mentions, mentions[1:]):
            assert a.end <= b.start
        for m in mentions:
            assert text[m.start : m.end] == m.surface


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Tổng thống", "Nga", "Mỹ", "ông", "Putin", "Donald Trump", "người đồng cấp", "Anh",
                                 "ấy", "US", "President", "the", "Russian", "counterpart", "Kremlin", ",", ".", "\n",
                                 "Điện Kremlin", "cựu", "former", "của", "Zelensky", "Xyz", "và"]), max_size=25),
       st.sampled_from(["vi", "en"]), st.sampled_from([None, "2025-02-12", "2019-01-01"]))
def test_any_text_gives_ordered_spans_within_it(gaz, words, lang, on):
    text = " ".join(words)
    mentions = gaz.find_mentions(text, lang, on=on)
    last = 0
    for m in mentions:
        assert last <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.surface
        assert m.id in gaz
        last = m.end
    assert isinstance(gaz.candidates(text, lang), list)


def test_matching_is_fast_enough_for_thousands_of_articles(gaz, topics):
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))) * 6
    start = time.perf_counter()
    gaz.find_mentions(text, "vi")
    topics.find(text, "vi")
    assert time.perf_counter() - start < 5  # ~250 kB; about half a second on a laptop


# --- unknown names ----------------------------------------------------------------------


def test_unknown_names_are_reported_as_candidates(gaz):
    assert gaz.candidates("Ông Nguyễn Văn A gặp Tổng thống Putin tại Hà Nội.", "vi") == ["Nguyễn Văn A", "Hà Nội"]
    assert gaz.candidates("President Trump met John Smithers and later Smithers left.", "en") == [
        "John Smithers", "Smithers",
    ]


def test_candidates_leave_out_common_capitalised_words(gaz):
    assert gaz.candidates("Thứ Năm, Bộ Ngoại giao Nga cho biết. Theo Trump, Tổng thống Mỹ sẽ tới.", "vi") == []
    assert gaz.candidates("On Monday, The talks began in October. However, Russian officials said no.", "en") == []
    assert gaz.candidates("RELATED NEWS", "en") == []


def test_a_lone_vietnamese_name_after_ong_is_a_candidate(gaz):
    assert gaz.candidates("Cháu ông Thaksin được chọn.", "vi") == ["Thaksin"]


# --- roles and lookups -------------------------------------------------------------------


def test_role_on_a_day_and_the_current_role(gaz):
    trump = gaz.get("donald-trump")
    assert trump.role_on("2019-06-01").office == "president"
    assert trump.role_on("2022-06-01") is None
    assert trump.role_on(None).start == "2025-01-20"
    umerov = gaz.get("rustem-umerov")
    assert umerov.role_on("2024-01-01").office == "defence_minister"
    assert umerov.role_on(None).office == "nsdc_secretary"
    assert gaz.get("andriy-yermak").role_on(None).end == "2025-11-28"  # no current role: the latest


def test_holder_and_lookup(gaz):
    assert gaz.holder("foreign_minister", "russia", "2025-01-01").id == "sergei-lavrov"
    assert gaz.holder("kremlin_spokesman", "russia").id == "dmitry-peskov"  # through the Kremlin's stands_for
    assert gaz.holder("special_envoy", "united-states", "2025-06-01") is None  # two envoys
    assert gaz.lookup("Dê-len-xki", "vi").id == "volodymyr-zelensky"
    assert gaz.lookup("Ả Rập Xê Út").id == "saudi-arabia"
    assert gaz.lookup("Nobody Known") is None
    assert gaz.get("vladimir-putin").name("vi") == "Vladimir Putin"
    assert gaz.get("united-states").name("vi") == "Mỹ"
    with pytest.raises(KeyError, match="did you mean 'vladimir-putin'"):
        gaz.get("vladimir-puttin")


# --- topics and glossary ----------------------------------------------------------------


def test_topics_in_vietnamese_in_order_of_first_occurrence(topics):
    text = "Hai bên thảo luận nhiều vấn đề quan trọng như Ukraine, Trung Đông, năng lượng và trí tuệ nhân tạo."
    assert topics.find(text, "vi") == ["middle-east", "energy", "artificial-intelligence"]
    assert topics.find("Hai nước bàn về lệnh ngừng bắn và trao đổi tù binh, cùng Hiệp ước New START.", "vi") == [
        "ceasefire", "prisoner-exchange", "nuclear-arms-control",
    ]


def test_topics_in_english_with_stems(topics):
    text = "They discussed trade, new sanctions on oil and the delivery of Tomahawks to Kyiv."
    assert topics.find(text, "en") == ["trade", "sanctions", "energy", "weapons-supply"]


def test_topic_keywords_with_capitals_are_case_sensitive(topics):
    assert "artificial-intelligence" not in topics.find("Không ai biết cuộc gặp sẽ ra sao.", "vi")
    assert "artificial-intelligence" in topics.find("Hai bên bàn về AI.", "vi")
    assert topics.get("ceasefire").name("vi") == "Ngừng bắn"


def test_glossary_finds_terms_longest_first(glossary):
    hits = glossary.find("Điện Kremlin và NATO bàn về New START; đường dây giảm xung đột vẫn mở.", "vi")
    assert [(h.id, h.surface) for h in hits] == [
        ("kremlin", "Điện Kremlin"),
        ("nato", "NATO"),
        ("new-start", "New START"),
        ("deconfliction-line", "đường dây giảm xung đột"),
    ]
    assert glossary.get("edtf").definition_en
    for term in ("nato", "new-start", "cameo", "kremlin", "white-house", "pentagon", "edtf", "deconfliction-line",
                 "truth-social", "axios", "world-economic-forum", "tomahawk", "national-defence-control-centre", "eu",
                 "un", "special-envoy", "ceasefire", "donbas", "crimea"):
        assert term in glossary


# --- load errors ----------------------------------------------------------------------------


def _write(tmp_path: Path, text: str, name: str = "gazetteer.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


GOOD = """
entities:
  - {id: russia, kind: country, name_en: Russia, name_vi: Nga}
"""


def test_a_small_valid_file_loads(tmp_path):
    gaz = Gazetteer.load(_write(tmp_path, GOOD))
    assert gaz.get("russia").name_vi == "Nga"


@pytest.mark.parametrize(
    "body, line, words",
    [
        ("  - {kind: country, name_en: France, name_vi: Pháp}\n", 3, ["'id' is missing"]),
        ("  - {id: france, kind: country, name_vi: Pháp}\n", 3, ["france", "'name_en' is missing"]),
        ("  - {id: france, kind: country, name_en: France, name_vi: Pháp, alias: {vi: [Pháp quốc]}}\n", 3,
         ["field 'alias' is unknown", "did you mean 'aliases'"]),
        ("  - {id: russia, kind: country, name_en: Russia again, name_vi: Nga nữa}\n", 3, ["duplicate id", "line 2"]),
        ("  - {id: france, kind: contry, name_en: France, name_vi: Pháp}\n", 3, ["kind 'contry' is unknown", "country"]),
        ("  - {id: moscow, kind: place, name_en: Moscow, name_vi: Moscow, located_in: rusia}\n", 3,
         ["located_in 'rusia'", "did you mean 'russia'"]),
        ("  - {id: kremlin, kind: organisation, name_en: Kremlin, name_vi: Điện Kremlin, stands_for: rusia}\n", 3,
         ["stands_for 'rusia'"]),
        ("  - {id: France, kind: country, name_en: France, name_vi: Pháp}\n", 3, ["lowercase ascii slug"]),
    ],
)
def test_load_errors_name_the_file_line_and_field(tmp_path, body, line, words):
    path = _write(tmp_path, GOOD + body)
    with pytest.raises(DataError) as err:
        Gazetteer.load(path)
    message = str(err.value)
    assert f"{path}:{line}:" in message
    for word in words:
        assert word in message


def test_a_role_error_names_the_line_of_the_role(tmp_path):
    path = _write(
        tmp_path,
        GOOD
        + """
  - id: sergei-lavrov
    kind: person
    name_en: Sergei Lavrov
    name_vi: Sergei Lavrov
    roles:
      - {title_en: Foreign Minister, title_vi: Ngoại trưởng, of: russia, office: foreign_minister, start: 2004-03-09}
      - {title_en: Ambassador, title_vi: Đại sứ, of: united-nation, office: ambassador, start: "1994-13-01"}
""",
    )
    with pytest.raises(DataError) as err:
        Gazetteer.load(path)
    message = str(err.value)
    assert f"{path}:10:" in message
    assert "of 'united-nation' is not an entity id" in message
    assert "start '1994-13-01' is not a real day" in message


def test_an_impossible_unquoted_date_names_its_line(tmp_path):
    path = _write(
        tmp_path,
        GOOD
        + """
  - id: sergei-lavrov
    kind: person
    name_en: Sergei Lavrov
    name_vi: Sergei Lavrov
    roles:
      - {title_en: Foreign Minister, title_vi: Ngoại trưởng, of: russia, office: foreign_minister, start: 2004-02-30}
""",
    )
    with pytest.raises(DataError, match=rf"{path}:9: a date is not a real day"):
        Gazetteer.load(path)


def test_an_alias_used_by_two_entities_is_an_error(tmp_path):
    path = _write(
        tmp_path,
        GOOD
        + """
  - id: moscow
    kind: place
    name_en: Moscow
    name_vi: Moscow
    aliases: {vi: [Nga]}
""",
    )
    with pytest.raises(DataError) as err:
        Gazetteer.load(path)
    message = str(err.value)
    assert f"{path}:4:" in message
    assert "vi alias 'Nga' is already used by entity 'russia'" in message


def test_bad_yaml_names_the_line(tmp_path):
    path = _write(tmp_path, "entities:\n  - {id: russia, kind: country\n  - oops: [\n")
    with pytest.raises(DataError, match=rf"{path}:\d+: this is not valid YAML"):
        Gazetteer.load(path)


def test_topics_and_glossary_load_errors_name_the_file_and_line(tmp_path):
    topics_path = _write(
        tmp_path,
        """
topics:
  - {id: ceasefire, name_en: Ceasefire, name_vi: Ngừng bắn, keywords: {en: [ceasefire]}}
  - {id: ceasefire, name_en: Again, name_vi: Lại, keywords: {en: [truce]}}
  - {id: trade, name_en: Trade, name_vi: Thương mại, keyword: {en: [trade]}}
""",
        "topics.yaml",
    )
    with pytest.raises(DataError) as err:
        Topics.load(topics_path)
    assert f"{topics_path}:3: topic 'ceasefire': duplicate id" in str(err.value)
    assert f"{topics_path}:4: topic 'trade': field 'keyword' is unknown (did you mean 'keywords'?)" in str(err.value)

    glossary_path = _write(
        tmp_path,
        """
terms:
  - {id: nato, term_en: NATO, term_vi: NATO, match: {en: [NATO]}, definition_en: An alliance., definition_vi: Liên minh.}
  - {id: alliance, term_en: Alliance, term_vi: Liên minh, match: {en: [nato]}, definition_en: A pact.}
""",
        "glossary.yaml",
    )
    with pytest.raises(DataError) as err:
        Glossary.load(glossary_path)
    assert f"{glossary_path}:3:" in str(err.value)
    assert "already used by term 'nato'" in str(err.value)
    assert "'definition_vi' is missing" in str(err.value)
