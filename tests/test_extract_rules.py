"""Extraction rules on articles written for these tests (Vietnamese and English).

Each article is made as a scraped page would be, run through ingest, then
extract: the rules must hold for news prose in general, not for the seeds.
"""

from __future__ import annotations

from functools import cache

import pytest

from generator.extract import extract, extract_article, quote_spans, sentence_spans
from generator.gazetteer import Gazetteer, Topics
from generator.ingest import RegistryEntry, ingest_page
from tests.conftest import ROOT


@cache
def gazetteer() -> tuple[Gazetteer, Topics]:
    return Gazetteer.load(ROOT / "data" / "gazetteer.yaml"), Topics.load(ROOT / "data" / "topics.yaml")


def article(text: str, name: str = "t.txt", published: str | None = None):
    return ingest_page(text.strip() + "\n", name, RegistryEntry(published=published) if published else None)


def events_of(text: str, name: str = "t.txt", published: str | None = None):
    gaz, topics = gazetteer()
    events, _unknown = extract_article(article(text, name, published), gaz, topics)
    return events


def only(events, type_):
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.participant_ids, e.date) for e in events]
    return found[0]


# --- Text structure -------------------------------------------------------------


def test_sentences_do_not_end_inside_quotes_numbers_or_abbreviations():
    text = 'Ông nói: "Hòa bình. Ngay bây giờ." Mr. Smith agreed. Khoảng 1.550 đầu đạn. Hết.'
    parts = [text[s.start : s.end] for s in sentence_spans(text)]
    assert parts == ['Ông nói: "Hòa bình. Ngay bây giờ."', "Mr. Smith agreed.", "Khoảng 1.550 đầu đạn.", "Hết."]


def test_quotes_are_found_with_curly_and_straight_marks():
    text = 'A “first one” and "second one" here'
    assert [text[q.start : q.end] for q in quote_spans(text)] == ["first one", "second one"]


# --- Events -----------------------------------------------------------------------

VI_CALL = """
Putin và Trump điện đàm về Ukraine
Tổng thống Nga Vladimir Putin ngày 18/3 đã điện đàm với người đồng cấp Mỹ Donald Trump. Cuộc điện đàm kéo dài hơn 2 giờ.
Hai nhà lãnh đạo thảo luận về lệnh ngừng bắn và trao đổi tù binh.
Người phát ngôn Điện Kremlin Dmitry Peskov xác nhận cuộc điện đàm diễn ra "trong không khí thẳng thắn và hữu ích".
"""


def test_vietnamese_call_with_honorifics_counterpart_duration_and_confirmation():
    call = only(events_of(VI_CALL, published="2025-03-19T08:00+07:00"), "phone_call")
    assert set(call.participant_ids) == {"vladimir-putin", "donald-trump"}
    assert call.date.edtf == "2025-03-18"
    assert (call.duration_minutes, call.duration_approximate) == (120, True)
    assert call.status == "held" and call.mentioned is False and call.cameo == "041"
    assert "dmitry-peskov" in [a.who for a in call.confirmed_by]
    assert "ceasefire" in call.topics


EN_PLANNED = """
Lavrov and Rubio to meet in Riyadh
Russian Foreign Minister Sergei Lavrov will meet Secretary of State Marco Rubio in Riyadh on February 18, the Kremlin said on Sunday.
"""


def test_english_planned_meeting_at_a_third_location():
    meeting = only(events_of(EN_PLANNED, published="2025-02-16"), "meeting")
    assert set(meeting.participant_ids) == {"sergei-lavrov", "marco-rubio"}
    assert meeting.status == "planned"
    assert meeting.date.edtf == "2025-02-18"
    assert meeting.place == "riyadh"
    assert meeting.cameo == "044"
    assert meeting.mentioned is True  # a plan is never the news of what happened


VI_POSTPONED = """
Hoãn cuộc họp Nga - Mỹ
Ngày 3/5, Bộ Ngoại giao Nga thông báo, cuộc họp giữa Nga và Mỹ dự kiến diễn ra tại Istanbul từ ngày 10/5 đến 12/5 sẽ bị hoãn sang thời điểm muộn hơn.
"""


def test_vietnamese_postponed_talks_with_a_date_range_and_the_announcer():
    talks = only(events_of(VI_POSTPONED, published="2025-05-03"), "negotiation_round")
    assert set(talks.participant_ids) == {"russia", "united-states"}
    assert talks.status == "postponed"
    assert talks.date.edtf == "2025-05-10/2025-05-12"
    assert talks.place == "istanbul"
    assert [a.who for a in talks.announced_by] == ["russian-foreign-ministry"]


EN_UNCONFIRMED = """
Trump says he spoke to Putin
President Donald Trump said in an interview on Friday that he had spoken by phone with Vladimir Putin.
Kremlin spokesman Dmitry Peskov said he could neither confirm nor deny the phone call between Trump and Putin.
"""


def test_english_unconfirmed_call_is_disputed_not_confirmed():
    events = events_of(EN_UNCONFIRMED, published="2025-02-09")
    call = only(events, "phone_call")
    assert call.status == "reported_unconfirmed"
    assert [a.who for a in call.disputed_by] == ["dmitry-peskov"]
    assert not call.confirmed_by
    assert set(call.participant_ids) == {"donald-trump", "vladimir-putin"}


VI_MID_BODY_BOILERPLATE = """
Zelensky gặp Macron tại Paris
Tổng thống Ukraine Volodymyr Zelensky ngày 4/6 đã hội đàm với Tổng thống Pháp Emmanuel Macron tại Paris.

Tin liên quan
Trump gặp Putin tại Alaska
Ông Trump nói sẽ gặp ông Putin vào tuần tới

Hai nhà lãnh đạo thảo luận về bảo đảm an ninh cho Ukraine và việc triển khai lực lượng châu Âu sau khi có lệnh ngừng bắn.
"""


def test_teasers_of_a_mid_body_related_block_make_no_event():
    events = events_of(VI_MID_BODY_BOILERPLATE, published="2025-06-05")
    assert [e.type for e in events] == ["meeting"]
    meeting = events[0]
    assert set(meeting.participant_ids) == {"volodymyr-zelensky", "emmanuel-macron"}
    assert meeting.place == "paris" and meeting.date.edtf == "2025-06-04"
    assert "security-guarantees" in meeting.topics


EN_RELATIVE = """
Trump and Putin speak again
President Donald Trump held a phone call with President Vladimir Putin on October 16.
Trump wrote: "Tomorrow, I will meet President Zelensky at the White House."
The two leaders last met in mid-August in Alaska.
"""


def test_english_relative_dates_hang_on_the_event_not_on_a_guessed_year():
    events = events_of(EN_RELATIVE)  # no publication date: the year cannot be known
    call = only(events, "phone_call")
    assert call.date.edtf == "XXXX-10-16" and call.date.precision == "year_unknown"
    meeting = next(e for e in events if "volodymyr-zelensky" in e.participant_ids)
    assert meeting.date.edtf == "XXXX-10-17"
    assert meeting.status == "planned"
    alaska = next(e for e in events if e.place == "alaska")
    assert alaska.status == "held" and alaska.date.edtf.startswith("XXXX-08")


VI_INVITATION = """
Putin mời Trump thăm Moscow
Tổng thống Nga Vladimir Putin ngày 12/2 đã điện đàm với Tổng thống Mỹ Donald Trump và mời ông đến thăm Moscow.
Ông Putin sẵn sàng gặp ông Trump bất cứ lúc nào.
"""


def test_an_invitation_or_a_readiness_is_an_outcome_not_an_event():
    events = events_of(VI_INVITATION, published="2025-02-13")
    assert [e.type for e in events] == ["phone_call"]
    assert any("mời" in o.text for o in events[0].outcomes)


def test_two_articles_about_one_call_become_one_event_with_two_sources():
    vi = article(VI_CALL, "vi-call.txt", "2025-03-19T08:00+07:00")
    en = article(
        """
Putin and Trump discuss ceasefire by phone
Russian President Vladimir Putin and US President Donald Trump held a phone call on March 18 that lasted about two hours.
""",
        "en-call.txt",
        "2025-03-18",
    )
    gaz, topics = gazetteer()
    result = extract([vi, en], gaz, topics)
    calls = [e for e in result.events if e.type == "phone_call"]
    assert len(calls) == 1
    assert sorted(s.article for s in calls[0].sources) == ["en-call", "vi-call"]
    assert result.merge_log and "2025-03-18" in result.merge_log[0]["key"]


def test_undated_reports_of_two_articles_are_never_merged():
    gaz, topics = gazetteer()
    a = article("Trump gọi Putin\nTổng thống Mỹ Donald Trump đã điện đàm với Tổng thống Nga Vladimir Putin.\n", "a.txt")
    b = article("Another call\nDonald Trump held a phone call with Vladimir Putin.\n", "b.txt")
    result = extract([a, b], gaz, topics)
    assert len([e for e in result.events if e.type == "phone_call"]) == 2


def test_unknown_capitalised_names_are_reported_as_candidates():
    gaz, topics = gazetteer()
    art = article("Gặp gỡ\nÔng Nguyễn Văn Thành đã gặp Tổng thống Ukraine Volodymyr Zelensky tại Kyiv ngày 2/3.\n", published="2025-03-03")
    _events, unknown = extract_article(art, gaz, topics)
    assert any("Nguyễn Văn Thành" in u["name"] for u in unknown)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ông Trump cho biết ông gặp khó khăn khi thuyết phục các bên.",
        "The plan must meet the demands of both sides, Trump said.",
        "Các quan chức thường xuyên trao đổi qua điện thoại mỗi ngày.",
    ],
)
def test_words_that_look_like_events_but_are_not(sentence):
    assert events_of("Tiêu đề\n" + sentence + "\n", published="2025-03-03") == []


def test_a_plan_is_linked_to_what_became_of_it():
    gaz, topics = gazetteer()
    plan = article(
        "Nga và Ukraine sẽ đàm phán tại Istanbul\nPhái đoàn Nga và Ukraine sẽ đàm phán trực tiếp tại Istanbul vào ngày 16/5, Bộ Ngoại giao Thổ Nhĩ Kỳ cho biết.\n",
        "plan.txt", "2025-05-14",
    )
    held = article(
        "Russia and Ukraine hold first direct talks in Istanbul\nRussian and Ukrainian delegations held direct peace talks in Istanbul on May 16 that lasted less than two hours.\n",
        "held.txt", "2025-05-16",
    )
    result = extract([plan, held], gaz, topics)
    talks = [e for e in result.events if e.type == "negotiation_round"]
    assert len(talks) == 2, [(e.status, e.participant_ids, e.date) for e in talks]
    planned = next(e for e in talks if e.status == "planned")
    done = next(e for e in talks if e.status == "held")
    assert planned.became == done.id and done.plan_of == planned.id


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Trump called Putin on Tuesday, the White House said.", "phone_call"),
        ("Trump stepped away from the meeting to call Putin.", "phone_call"),
        ("U.S. and Ukrainian officials held nearly four hours of talks in Miami on Sunday.", "negotiation_round"),
        ("Ông Trump đã tiếp Tổng thống Ukraine Volodymyr Zelensky tại Nhà Trắng hôm 17/10.", "meeting"),
    ],
)
def test_event_words_of_everyday_news_prose(sentence, expected):
    from generator.extract import find_triggers

    lang = "vi" if "Ông" in sentence else "en"
    assert expected in [t.type for _s, _e, t in find_triggers(sentence, lang)]


def test_he_called_the_move_is_not_a_phone_call():
    from generator.extract import find_triggers

    assert [t.type for _s, _e, t in find_triggers("He called the move reckless.", "en")] == []
