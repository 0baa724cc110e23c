"""The date finder on sentences written for these tests (and a few lines of
the seeds): general Vietnamese and English news prose, never guessed years."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.dates import (
    DateMention,
    anchor_from_published,
    dates_compatible,
    find_dates,
    format_date,
    parse_dateline,
    parse_edtf,
    resolve_relative_date,
    sort_key,
)
from generator.models import DateValue

PUB = anchor_from_published


def edtfs(text: str, lang: str, anchor: DateValue | None = None) -> list[str | None]:
    return [m.value.edtf for m in find_dates(text, lang, anchor)]


def only(text: str, lang: str, anchor: DateValue | None = None) -> DateMention:
    mentions = find_dates(text, lang, anchor)
    assert len(mentions) == 1, mentions
    return mentions[0]


def dv(edtf: str | None, precision: str = "day", text: str = "", approximate: bool = False) -> DateValue:
    return DateValue(edtf, precision, text, approximate=approximate)


# --------------------------------------------------------------------------
# DateValue conventions
# --------------------------------------------------------------------------


def test_a_day_fills_every_field_of_the_value():
    value = only("Ông Lavrov tới Ankara ngày 7/2/2025.", "vi").value
    assert value == DateValue("2025-02-07", "day", "ngày 7/2/2025", "2025-02-07", "2025-02-07", False)


def test_a_month_has_its_first_and_last_day_as_bounds():
    value = only("Hai ông gặp nhau tại Helsinki tháng 7/2018.", "vi").value
    assert value == DateValue("2018-07", "month", "tháng 7/2018", "2018-07-01", "2018-07-31", False)


def test_a_year_has_the_whole_year_as_bounds():
    value = only("Hiệp ước có hiệu lực vào năm 2011.", "vi").value
    assert (value.edtf, value.precision, value.start, value.end) == ("2011", "year", "2011-01-01", "2011-12-31")


def test_late_month_is_approximate_with_the_last_third_of_the_month_as_bounds():
    value = only("Cuộc gặp diễn ra cuối tháng 1/2026.", "vi").value
    assert (value.edtf, value.precision, value.approximate) == ("2026-01~", "approximate", True)
    assert (value.start, value.end) == ("2026-01-21", "2026-01-31")


def test_early_and_mid_month_cover_the_first_and_second_third():
    early = only("Vòng đàm phán mới dự kiến vào đầu tháng 3/2026.", "vi").value
    mid = only("Cuộc họp dời sang giữa tháng 8/2025.", "vi").value
    assert (early.start, early.end) == ("2026-03-01", "2026-03-10")
    assert (mid.start, mid.end) == ("2025-08-11", "2025-08-20")


def test_late_february_ends_on_the_last_day_of_february():
    value = only("hạ tuần tháng 2/2024", "vi").value
    assert (value.start, value.end) == ("2024-02-21", "2024-02-29")


def test_start_of_a_year_is_approximate_january_to_april():
    value = only("Kế hoạch được công bố đầu năm 2026.", "vi").value
    assert (value.edtf, value.precision, value.start, value.end) == ("2026~", "approximate", "2026-01-01", "2026-04-30")


def test_end_of_a_year_is_approximate_september_to_december():
    value = only("Dự án hoàn thành vào cuối năm 2025.", "vi").value
    assert (value.edtf, value.start, value.end) == ("2025~", "2025-09-01", "2025-12-31")


def test_a_range_has_both_ends_in_edtf():
    value = only("Hội nghị diễn ra từ ngày 29/11 đến ngày 6/12/2022.", "vi").value
    assert value == DateValue(
        "2022-11-29/2022-12-06", "range", "từ ngày 29/11 đến ngày 6/12/2022", "2022-11-29", "2022-12-06", False
    )


def test_value_text_is_the_exact_words_of_the_source():
    mention = only("Theo AP, vào HÔM QUA đã có vụ nổ.", "vi", PUB("2025-05-10"))
    assert mention.value.text == "HÔM QUA"
    assert "Theo AP, vào HÔM QUA đã có vụ nổ."[mention.start : mention.end] == "HÔM QUA"


# --------------------------------------------------------------------------
# Vietnamese: days
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Bộ Ngoại giao ra thông báo ngày 7/2.",
        "Ngày 7/2, phái đoàn tới Riyadh.",
        "Phái đoàn tới Riyadh ngày 07/02.",
        "Phái đoàn tới Riyadh vào 7/2.",
        "Phái đoàn tới Riyadh tối 7/2 (giờ địa phương).",
        "Phái đoàn tới Riyadh (7/2) sau nhiều tuần trì hoãn.",
        "Phái đoàn tới Riyadh ngày 7-2.",
        "Phái đoàn tới Riyadh ngày 7 tháng 2.",
        "Phái đoàn tới Riyadh mùng 7/2.",
    ],
)
def test_vietnamese_day_month_forms_take_the_year_of_the_publication(sentence):
    assert edtfs(sentence, "vi", PUB("2025-02-09")) == ["2025-02-07"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Văn bản được ký ngày 7/2/2025.",
        "Văn bản được ký ngày 7-2-2025.",
        "Văn bản được ký ngày 7.2.2025.",
        "Văn bản được ký 07/02/2025.",
        "Văn bản được ký ngày 7 tháng 2 năm 2025.",
        "Văn bản được ký ngày 7 tháng Hai năm 2025.",
        "Văn bản được ký 2025-02-07.",
    ],
)
def test_vietnamese_full_dates_need_no_anchor(sentence):
    assert edtfs(sentence, "vi") == ["2025-02-07"]


def test_day_month_without_year_takes_the_year_nearest_the_publication():
    assert edtfs("Hội nghị khai mạc ngày 15/6.", "vi", PUB("2025-05-20")) == ["2025-06-15"]


def test_day_month_without_year_in_early_january_belongs_to_the_previous_december():
    assert edtfs("Cuộc tấn công xảy ra ngày 28/12.", "vi", PUB("2025-01-03")) == ["2024-12-28"]


def test_day_month_in_late_december_can_point_to_the_next_january():
    assert edtfs("Hai bên hẹn gặp lại ngày 5/1.", "vi", PUB("2024-12-27")) == ["2025-01-05"]


def test_day_month_without_any_anchor_has_an_unknown_year():
    value = only("Ngày 28/11, Bộ Ngoại giao Nga thông báo hoãn cuộc họp.", "vi").value
    assert (value.edtf, value.precision, value.start, value.end) == ("XXXX-11-28", "year_unknown", None, None)


def test_an_anchor_without_a_known_year_gives_no_year_either():
    assert edtfs("Ông Putin phát biểu ngày 20/10.", "vi", dv("XXXX-10-16", "year_unknown")) == ["XXXX-10-20"]


def test_weekday_with_the_day_in_brackets_is_one_mention_with_the_explicit_day():
    mention = only("Ông Dmitriev có thể tới Geneva vào thứ Năm (26/2) để đàm phán.", "vi", PUB("2026-02-26"))
    assert (mention.value.edtf, mention.value.text) == ("2026-02-26", "thứ Năm (26/2)")


def test_weekday_followed_by_a_comma_and_the_day_is_one_mention():
    mention = only("Thứ Hai, 24/2, các ngoại trưởng họp tại Brussels.", "vi", PUB("2025-02-25"))
    assert (mention.value.edtf, mention.value.text) == ("2025-02-24", "Thứ Hai, 24/2")


def test_weekday_written_as_a_number_joins_the_day_after_it():
    assert edtfs("Cuộc họp dời sang thứ 6 (28/2).", "vi", PUB("2025-02-25")) == ["2025-02-28"]


def test_weekday_in_brackets_after_the_day_joins_it():
    mention = only("Cuộc họp diễn ra ngày 26/2 (thứ Năm) tại Geneva.", "vi", PUB("2026-02-20"))
    assert (mention.value.edtf, mention.value.text) == ("2026-02-26", "ngày 26/2 (thứ Năm)")


def test_a_day_and_a_later_weekday_after_a_comma_stay_two_dates():
    text = "Ông tới Kyiv ngày 7/2, thứ Sáu tuần trước thì tới Warsaw."
    assert edtfs(text, "vi", PUB("2025-02-19")) == ["2025-02-07", "2025-02-14"]


def test_explicit_day_wins_over_today():
    mention = only("Hôm nay, 26/2, đặc phái viên gặp ông Umerov.", "vi", PUB("2026-02-25"))
    assert (mention.value.edtf, mention.value.text) == ("2026-02-26", "Hôm nay, 26/2")


def test_explicit_day_in_brackets_after_sang_nay_is_one_mention():
    assert edtfs("Sáng nay (20/3), Thủ tướng tiếp đoàn.", "vi", PUB("2025-03-20")) == ["2025-03-20"]


def test_invalid_day_is_no_date_and_no_crash():
    assert find_dates("Ông nói sẽ trả lời vào ngày 30/2.", "vi", PUB("2025-02-09")) == []
    assert find_dates("Hạn chót là ngày 31/4/2025.", "vi") == []


def test_second_day_of_a_list_is_a_date_too():
    assert edtfs("Ông thăm Kyiv ngày 7/2 và 8/2.", "vi", PUB("2025-02-09")) == ["2025-02-07", "2025-02-08"]


def test_day_month_standing_alone_between_commas_is_a_date():
    assert edtfs("Theo thông báo phát đi, 14/3, phía Nga đồng ý.", "vi", PUB("2025-03-15")) == ["2025-03-14"]


def test_a_lone_day_month_expression_is_a_date():
    assert edtfs("26/2", "vi", PUB("2026-02-20")) == ["2026-02-26"]


def test_decomposed_vietnamese_accents_are_read_and_spans_point_to_the_original_text():
    text = unicodedata.normalize("NFD", "Hội nghị diễn ra vào cuối tháng 1, như thường lệ.")
    mention = only(text, "vi", PUB("2026-02-26"))
    assert mention.value.edtf == "2026-01~"
    assert text[mention.start : mention.end] == mention.value.text
    assert unicodedata.normalize("NFC", mention.value.text) == "cuối tháng 1"


# --------------------------------------------------------------------------
# Vietnamese: months and years
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    ["Hai ông gặp nhau tháng 7/2018.", "Hai ông gặp nhau tháng 7 năm 2018.", "Hai ông gặp nhau tháng Bảy năm 2018."],
)
def test_month_and_year_forms_give_a_month(sentence):
    assert edtfs(sentence, "vi") == ["2018-07"]


@pytest.mark.parametrize("sentence", ["Đường dây được công bố vào tháng 3.", "Đường dây được công bố tháng Ba."])
def test_month_without_year_takes_the_year_nearest_the_anchor(sentence):
    assert edtfs(sentence, "vi", PUB("2022-05-10")) == ["2022-03"]


def test_month_without_year_and_without_anchor_has_an_unknown_year():
    value = only("Đường dây được Lầu Năm Góc công bố vào tháng 3.", "vi").value
    assert (value.edtf, value.precision) == ("XXXX-03", "year_unknown")


def test_november_mentioned_in_january_is_last_november():
    assert edtfs("Các cuộc gọi bắt đầu từ tháng 11.", "vi", PUB("2025-01-15")) == ["2024-11"]


def test_month_of_last_year_uses_the_anchor_year():
    assert edtfs("Ông từng tới Moscow tháng 3 năm ngoái.", "vi", PUB("2025-06-01")) == ["2024-03"]


def test_year_with_nam():
    assert edtfs("Chiến sự bùng phát năm 2022.", "vi") == ["2022"]


def test_last_year_and_this_year_are_relative_to_the_anchor():
    assert edtfs("Năm ngoái hai bên không gặp nhau, năm nay thì khác.", "vi", PUB("2025-06-01")) == ["2024", "2025"]


def test_end_of_this_year_is_approximate():
    value = only("Thỏa thuận có thể đạt được trước cuối năm nay.", "vi", PUB("2025-06-01")).value
    assert (value.edtf, value.start, value.end) == ("2025~", "2025-09-01", "2025-12-31")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Cuộc gặp ở Davos hồi cuối tháng 1.", "2026-01~"),
        ("Vòng tiếp theo vào đầu tháng 3.", "2026-03~"),
        ("Vòng tiếp theo vào đầu tháng Ba.", "2026-03~"),
        ("Đoàn sẽ trở lại vào giữa tháng 3.", "2026-03~"),
        ("Phiên họp dự kiến vào trung tuần tháng 4.", "2026-04~"),
        ("Cuộc gặp ở Davos cuối tháng 1 năm nay.", "2026-01~"),
    ],
)
def test_parts_of_a_month_are_approximate(sentence, expected):
    value = only(sentence, "vi", PUB("2026-02-26")).value
    assert (value.edtf, value.precision, value.approximate) == (expected, "approximate", True)


def test_part_of_a_month_without_anchor_is_approximate_with_unknown_year():
    value = only("Xung đột nổ ra hồi cuối tháng 2.", "vi").value
    assert (value.edtf, value.precision, value.approximate) == ("XXXX-02~", "year_unknown", True)


def test_early_this_month_and_late_last_month():
    assert edtfs("đầu tháng này và cuối tháng trước", "vi", PUB("2025-05-20")) == ["2025-05~", "2025-04~"]


def test_a_decade_is_not_read_as_a_year():
    assert find_dates("Quan hệ hai nước căng thẳng từ những năm 1990.", "vi") == []


def test_lower_case_thang_nam_is_time_not_may():
    assert find_dates("Bao tháng năm chờ đợi đã qua.", "vi", PUB("2025-06-01")) == []
    assert edtfs("Hội nghị diễn ra vào tháng Năm.", "vi", PUB("2025-06-01")) == ["2025-05"]


# --------------------------------------------------------------------------
# Vietnamese: ranges
# --------------------------------------------------------------------------


def test_range_without_year_takes_the_year_nearest_the_anchor():
    assert edtfs("Cuộc họp dự kiến từ ngày 29/11 đến 6/12.", "vi", PUB("2022-11-28")) == ["2022-11-29/2022-12-06"]


def test_range_without_year_and_without_anchor_keeps_an_unknown_year():
    value = only("Cuộc họp dự kiến diễn ra tại Ai Cập từ ngày 29/11 đến 6/12, sẽ hoãn.", "vi").value
    assert (value.edtf, value.precision) == ("XXXX-11-29/XXXX-12-06", "year_unknown")


def test_range_with_the_year_on_its_end_gives_it_to_both_ends():
    assert edtfs("Từ 29/11 đến ngày 6/12/2022, hai bên họp kín.", "vi") == ["2022-11-29/2022-12-06"]


def test_range_written_with_a_hyphen():
    assert edtfs("Triển lãm mở cửa 29/11-6/12.", "vi", PUB("2022-11-01")) == ["2022-11-29/2022-12-06"]


def test_range_can_cross_the_new_year():
    assert edtfs("Lệnh ngừng bắn kéo dài từ 28/12 đến 3/1.", "vi", PUB("2025-01-03")) == ["2024-12-28/2025-01-03"]


def test_range_with_a_year_on_its_end_can_start_the_year_before():
    assert edtfs("từ 28/12 đến 3/1/2025", "vi") == ["2024-12-28/2025-01-03"]


def test_range_of_days_in_one_month():
    assert edtfs("Hội nghị diễn ra ngày 29-30/11/2022.", "vi") == ["2022-11-29/2022-11-30"]


def test_range_of_days_written_in_words():
    assert edtfs("từ ngày 29 tháng 11 đến ngày 6 tháng 12 năm 2022", "vi") == ["2022-11-29/2022-12-06"]


def test_range_of_months():
    assert edtfs("Chiến dịch kéo dài từ tháng 3 đến tháng 5/2025.", "vi") == ["2025-03/2025-05"]


def test_range_of_years():
    assert edtfs("Kế hoạch giai đoạn 2021-2025 đã hoàn thành.", "vi") == ["2021/2025"]


def test_range_with_an_invalid_end_is_no_range():
    assert [m.value.text for m in find_dates("từ 29/11 đến 31/11", "vi", PUB("2022-11-01"))] == ["29/11"]


# --------------------------------------------------------------------------
# Vietnamese: relative dates
# --------------------------------------------------------------------------


def test_next_week_is_monday_to_sunday_of_the_following_week_approximate():
    value = only("Ông Trump có thể gặp ông Zelensky vào tuần tới.", "vi", PUB("2025-02-07")).value
    assert value == DateValue(
        "2025-02-10/2025-02-16~", "range", "tuần tới", "2025-02-10", "2025-02-16", True
    )


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("hôm nay", "2025-02-07"),
        ("hôm qua", "2025-02-06"),
        ("hôm kia", "2025-02-05"),
        ("ngày mai", "2025-02-08"),
        ("sáng nay", "2025-02-07"),
        ("tối qua", "2025-02-06"),
        ("chiều mai", "2025-02-08"),
        ("tuần sau", "2025-02-10/2025-02-16~"),
        ("tuần trước", "2025-01-27/2025-02-02~"),
        ("tuần này", "2025-02-03/2025-02-09~"),
        ("cuối tuần này", "2025-02-08/2025-02-09~"),
        ("tuần qua", "2025-02-01/2025-02-07~"),
        ("tháng tới", "2025-03"),
        ("tháng trước", "2025-01"),
        ("năm tới", "2026"),
        ("năm ngoái", "2024"),
        ("thứ Năm tới", "2025-02-13"),
        ("thứ Hai tuần tới", "2025-02-10"),
        ("thứ Sáu tuần trước", "2025-01-31"),
        ("Chủ nhật tới", "2025-02-09"),
    ],
)
def test_vietnamese_relative_words_resolve_against_a_friday_anchor(words, expected):
    assert resolve_relative_date(words, "vi", PUB("2025-02-07")).edtf == expected


def test_resolving_the_words_of_a_mention_accepts_a_bare_weekday():
    assert resolve_relative_date("thứ Ba", "vi", PUB("2025-02-07")).edtf == "2025-02-04"


def test_resolving_words_without_a_date_gives_none():
    assert resolve_relative_date("cuộc gặp", "vi", PUB("2025-02-07")) is None


def test_relative_words_inside_a_sentence():
    text = "Hôm qua ông Witkoff tới Moscow và sẽ trở lại Washington vào tuần sau."
    assert edtfs(text, "vi", PUB("2025-03-14")) == ["2025-03-13", "2025-03-17/2025-03-23~"]


def test_a_bare_weekday_after_vao_is_the_latest_such_day():
    assert edtfs("Hai bên đã điện đàm vào thứ Ba.", "vi", PUB("2025-02-07")) == ["2025-02-04"]


def test_a_bare_weekday_in_a_future_clause_is_the_next_such_day():
    assert edtfs("Ông Dmitriev sẽ tới Geneva vào thứ Năm.", "vi", PUB("2026-02-23")) == ["2026-02-26"]


def test_ordinal_thu_hai_is_not_a_weekday():
    assert find_dates("Đây là lần thứ hai hai bên gặp nhau; người thứ năm tới sau.", "vi", PUB("2025-02-07")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Cuộc chiến sẽ quay lại sáu tháng sau đó.",
        "Ông muốn đạt thỏa thuận trong hai tuần tới.",
        "Giá dầu có thể tăng trong những tháng tới.",
        "Hai bên họp mỗi tháng 2 lần.",
        "Một năm sau đó, hiệp ước hết hạn.",
    ],
)
def test_durations_are_not_dates(sentence):
    assert find_dates(sentence, "vi", PUB("2025-02-07")) == []


def test_relative_date_with_a_year_unknown_anchor_keeps_the_year_unknown():
    assert resolve_relative_date("ngày mai", "vi", dv("XXXX-10-16", "year_unknown")).edtf == "XXXX-10-17"


def test_relative_date_across_an_unknown_29_february_is_unknown():
    assert resolve_relative_date("ngày mai", "vi", dv("XXXX-02-28", "year_unknown")).precision == "unknown"


def test_relative_date_without_anchor_is_reported_as_unknown_with_its_words():
    mention = only("Ông nói hôm nay là ngày quan trọng.", "vi")
    assert (mention.value.edtf, mention.value.precision, mention.value.text) == (None, "unknown", "hôm nay")


def test_week_words_need_an_anchor_known_to_the_day():
    assert resolve_relative_date("tuần tới", "vi", dv("XXXX-10-16", "year_unknown")).precision == "unknown"


def test_next_month_with_a_month_anchor():
    anchor = DateValue("2025-12", "month", "", "2025-12-01", "2025-12-31")
    assert resolve_relative_date("tháng tới", "vi", anchor).edtf == "2026-01"


# --------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------


def test_ke_tu_dau_nam_is_a_starting_point():
    mention = only("Kể từ đầu năm 2026, ba vòng đàm phán đã được tổ chức.", "vi", PUB("2026-02-26"))
    assert (mention.value.edtf, mention.relation) == ("2026~", "since")


def test_tu_dau_nam_is_a_starting_point():
    assert only("Giá khí đốt tăng từ đầu năm 2026.", "vi").relation == "since"


def test_truoc_ngay_is_before():
    mention = only("Hai bên phải trả lời trước ngày 26/2.", "vi", PUB("2026-02-20"))
    assert (mention.value.edtf, mention.relation) == ("2026-02-26", "before")


def test_cho_den_is_until():
    assert only("Lệnh trừng phạt kéo dài cho đến tháng 6/2026.", "vi").relation == "until"


def test_a_date_after_hoi_is_the_date_of_the_event():
    assert only("Ông Milley điện đàm hai lần kể từ khi chiến sự nổ ra hồi cuối tháng 2.", "vi").relation == "on"


def test_a_range_is_on_even_though_it_starts_with_tu():
    assert only("Cuộc họp diễn ra từ ngày 29/11 đến 6/12.", "vi", PUB("2022-11-01")).relation == "on"


def test_english_since_is_a_starting_point():
    mention = only("Talks have stalled since late February.", "en", PUB("2022-11-20"))
    assert (mention.value.edtf, mention.relation) == ("2022-02~", "since")


def test_a_starting_point_without_year_is_placed_before_the_anchor():
    # Nearest would be March 2023; "since" says it has already happened.
    assert edtfs("Ukraine has waited since March.", "en", PUB("2022-11-20")) == ["2022-03"]


def test_tu_ngay_can_announce_a_future_start():
    mention = only("Từ ngày 1/7, quy định mới có hiệu lực.", "vi", PUB("2025-06-20"))
    assert (mention.value.edtf, mention.relation) == ("2025-07-01", "since")


def test_ke_tu_puts_a_year_less_day_before_the_anchor():
    assert edtfs("Kể từ ngày 7/2, hai bên chưa liên lạc.", "vi", PUB("2025-02-05")) == ["2024-02-07"]


def test_english_until_and_before():
    text = "The truce holds until March 2026 and must be renewed before April 15, 2026."
    assert [m.relation for m in find_dates(text, "en")] == ["until", "before"]


def test_khoang_makes_a_date_approximate_and_joins_the_span():
    value = only("Hai bên có thể gặp khoảng ngày 10/3.", "vi", PUB("2026-02-26")).value
    assert (value.edtf, value.precision, value.approximate, value.text) == (
        "2026-03-10~",
        "approximate",
        True,
        "khoảng ngày 10/3",
    )


def test_around_makes_an_english_date_approximate():
    assert edtfs("The envoys may meet around October 20.", "en", PUB("2025-10-16")) == ["2025-10-20~"]


# --------------------------------------------------------------------------
# Things that are not dates
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Cuộc điện đàm kéo dài 1,5 giờ.",
        "Cuộc gọi kéo dài 30 phút.",
        "Lạm phát tăng 20%.",
        "Giới hạn 1.550 đầu đạn hạt nhân.",
        "Cuộc họp bắt đầu lúc 10:30.",
        "Dự luật cần 3/4 số phiếu.",
        "Bài thi chỉ đạt 5/10 điểm.",
        "Đội nhà thắng 2-1 trên sân khách.",
        "Đội nhà thắng (2-1) trên sân khách.",
        "Gọi 0912-345-678 hoặc 024.3825.1234 để biết thêm.",
        "Đại dịch COVID-19 làm gián đoạn đàm phán.",
        "Điều 5 của hiệp ước NATO.",
        "Hội nghị G7 họp tại Canada.",
        "Tiêm kích F-16 và hệ thống S-400.",
        "Tổng đài hoạt động 24/7.",
        "Tỷ lệ ủng hộ tăng lên tới 3/4.",
        "Ảnh: https://example.vn/2025/042025/29/09/anh.jpg",
    ],
)
def test_numbers_that_are_not_dates_give_nothing(sentence):
    assert find_dates(sentence, "vi", PUB("2025-02-09")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The call lasted 1.5 hours, and 20% of voters approve.",
        "The score was 2-1 at half time.",
        "Talks resumed at 10:30 with 1,550 warheads on the table.",
        "The COVID-19 pandemic and Article 5 came up, as did the G7.",
        "Officials may 5 times have met.",
        "It was Black Friday.",
        "Prices rose over the last year.",
    ],
)
def test_english_non_dates_give_nothing(sentence):
    assert find_dates(sentence, "en", PUB("2025-02-09")) == []


def test_a_year_inside_a_name_is_acceptable_only_with_a_preposition():
    assert find_dates("The New START 2010 treaty.", "en") == []
    assert edtfs("The treaty was signed in 2010.", "en") == ["2010"]


# --------------------------------------------------------------------------
# English
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The call took place on October 16.",
        "The call took place on Oct. 16.",
        "The call took place on Oct 16th.",
        "The call took place on 16 October.",
        "The call took place on the 16th of October.",
    ],
)
def test_english_month_day_forms_take_the_year_of_the_anchor(sentence):
    assert edtfs(sentence, "en", PUB("2025-10-18")) == ["2025-10-16"]


@pytest.mark.parametrize(
    "sentence",
    ["The call took place on October 16, 2025.", "The call took place on 16 October 2025.", "on Oct. 16 2025"],
)
def test_english_full_dates(sentence):
    assert edtfs(sentence, "en") == ["2025-10-16"]


def test_english_month_day_without_anchor_has_an_unknown_year():
    value = only("President Trump held a phone call with President Putin on October 16.", "en").value
    assert (value.edtf, value.precision) == ("XXXX-10-16", "year_unknown")


def test_tomorrow_after_a_year_unknown_anchor_is_the_next_day_with_unknown_year():
    value = resolve_relative_date("Tomorrow", "en", dv("XXXX-10-16", "year_unknown", "October 16"))
    assert (value.edtf, value.precision) == ("XXXX-10-17", "year_unknown")


def test_tomorrow_without_anchor_is_unknown():
    value = resolve_relative_date("Tomorrow", "en", None)
    assert (value.edtf, value.precision, value.text) == (None, "unknown", "Tomorrow")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("today", "2025-10-16"),
        ("tonight", "2025-10-16"),
        ("yesterday", "2025-10-15"),
        ("last night", "2025-10-15"),
        ("Tomorrow", "2025-10-17"),
        ("next week", "2025-10-20/2025-10-26~"),
        ("last week", "2025-10-06/2025-10-12~"),
        ("this week", "2025-10-13/2025-10-19~"),
        ("this weekend", "2025-10-18/2025-10-19~"),
        ("next month", "2025-11"),
        ("last month", "2025-09"),
        ("this year", "2025"),
        ("last year", "2024"),
        ("next year", "2026"),
        ("earlier this month", "2025-10-01/2025-10-16"),
        ("later this year", "2025-10-16/2025-12-31"),
        ("next Thursday", "2025-10-23"),
        ("last Thursday", "2025-10-09"),
        ("the end of the year", "2025~"),
        ("early next year", "2026~"),
    ],
)
def test_english_relative_words_resolve_against_a_thursday_anchor(words, expected):
    assert resolve_relative_date(words, "en", PUB("2025-10-16")).edtf == expected


def test_on_a_weekday_is_the_most_recent_such_day_on_or_before_the_anchor():
    assert edtfs("The two leaders spoke on Tuesday.", "en", PUB("2025-10-16")) == ["2025-10-14"]


def test_a_weekday_in_a_future_clause_is_the_next_such_day():
    assert edtfs("Rubio will fly to Budapest on Tuesday.", "en", PUB("2025-10-16")) == ["2025-10-21"]


def test_weekday_with_explicit_date_is_one_mention():
    mention = only("The summit opens Thursday, October 23, in Budapest.", "en", PUB("2025-10-16"))
    assert (mention.value.edtf, mention.value.text) == ("2025-10-23", "Thursday, October 23")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The leaders last met in mid-August in Alaska.", "2025-08~"),
        ("A new round is planned for early March.", "2026-03~"),
        ("They met in Davos in late January 2026.", "2026-01~"),
        ("The talks ended at the end of September.", "2025-09~"),
    ],
)
def test_english_parts_of_a_month_are_approximate(sentence, expected):
    value = only(sentence, "en", PUB("2025-10-16")).value
    assert (value.edtf, value.approximate) == (expected, True)


def test_mid_august_without_anchor_is_approximate_with_unknown_year():
    value = only("Mr. Putin and Mr. Trump last met in mid-August in Alaska (USA).", "en").value
    assert (value.edtf, value.precision, value.approximate) == ("XXXX-08~", "year_unknown", True)


def test_english_months_and_years():
    text = "The line was set up in March 2022, tested in May and used once in 2022."
    assert edtfs(text, "en", PUB("2022-08-20")) == ["2022-03", "2022-05", "2022"]


def test_english_month_after_in_takes_the_nearest_year():
    assert edtfs("Elections are due in March.", "en", PUB("2025-12-01")) == ["2026-03"]


def test_lower_case_may_and_march_are_words():
    assert find_dates("Troops may march 10 miles.", "en", PUB("2025-12-01")) == []


def test_last_march_is_the_latest_march_before_the_anchor():
    assert edtfs("They last spoke last March.", "en", PUB("2025-10-16")) == ["2025-03"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Talks were set from November 29 to December 6.",
        "Talks were set for Nov 29–Dec 6.",
        "Talks were set for 29 November – 6 December.",
        "Talks were set between November 29 and December 6.",
    ],
)
def test_english_ranges(sentence):
    assert edtfs(sentence, "en", PUB("2022-11-28")) == ["2022-11-29/2022-12-06"]


def test_english_range_within_a_month():
    assert edtfs("The forum runs October 22-24, 2025.", "en") == ["2025-10-22/2025-10-24"]


def test_two_days_joined_by_and_are_not_a_range():
    assert edtfs("They met on October 16 and again later.", "en", PUB("2025-10-20")) == ["2025-10-16"]


def test_english_range_of_months_and_of_years():
    assert edtfs("from March to May 2025, and from 2014 to 2022", "en") == ["2025-03/2025-05", "2014/2022"]


def test_since_a_year():
    mention = only("This is the first direct meeting between the two leaders since 2019.", "en")
    assert (mention.value.edtf, mention.relation) == ("2019", "since")


def test_numeric_english_dates_are_read_only_when_the_order_is_certain():
    assert edtfs("Signed 16/10/2025, filed 10/16/2025, dated 07/02/2025.", "en") == ["2025-10-16", "2025-10-16"]


# --------------------------------------------------------------------------
# The seeds' sentences
# --------------------------------------------------------------------------


def test_seed_interview_day_takes_the_year_of_the_dateline():
    anchor = PUB(parse_dateline("22:45 09/02/2025"))
    text = "Trong một cuộc phỏng vấn ngày 7/2, Tổng thống Mỹ Donald Trump đã hé lộ về cuộc điện đàm."
    assert edtfs(text, "vi", anchor) == ["2025-02-07"]


def test_seed_next_week_said_on_the_seventh():
    text = "Ngày 7/2, Tổng thống Trump cho biết ông có thể sẽ gặp Tổng thống Ukraine vào tuần tới."
    mentions = find_dates(text, "vi", PUB("2025-02-09T22:45+07:00"))
    said_on = mentions[0].value
    assert resolve_relative_date(mentions[1].value.text, "vi", said_on).edtf == "2025-02-10/2025-02-16~"


def test_seed_geneva_article_dates():
    text = (
        "kể từ cuộc gặp tại Diễn đàn Kinh tế Thế giới ở Davos hồi cuối tháng 1. "
        "Ông Zelensky bày tỏ hy vọng chiến sự có thể kết thúc trong năm nay. "
        "Ông Dmitriev có thể sẽ tới Geneva vào thứ Năm (26/2). "
        "Cuộc họp ba bên dự kiến diễn ra vào đầu tháng 3."
    )
    assert edtfs(text, "vi", PUB("2026-02-26")) == ["2026-01~", "2026", "2026-02-26", "2026-03~"]


# --------------------------------------------------------------------------
# anchor_from_published
# --------------------------------------------------------------------------


def test_anchor_keeps_the_local_date_as_written():
    anchor = PUB("2025-02-09T22:45+07:00")
    assert (anchor.edtf, anchor.precision, anchor.start, anchor.end) == ("2025-02-09", "day", "2025-02-09", "2025-02-09")


def test_anchor_from_a_plain_date():
    assert PUB("2026-02-26").edtf == "2026-02-26"


def test_anchor_from_nothing_is_none():
    assert PUB(None) is None
    assert PUB("") is None
    assert PUB("không rõ") is None


def test_anchor_from_a_dateline_stamp():
    assert PUB("22:45 09/02/2025").edtf == "2025-02-09"


# --------------------------------------------------------------------------
# format_date
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "english", "vietnamese"),
    [
        (PUB("2025-02-12"), "12 February 2025", "ngày 12 tháng 2 năm 2025"),
        (dv("2018-07", "month"), "July 2018", "tháng 7 năm 2018"),
        (dv("2022", "year"), "2022", "năm 2022"),
        (dv("2026-01~", "approximate", "hồi cuối tháng 1", True), "~ late January 2026", "khoảng cuối tháng 1 năm 2026"),
        (dv("2026-01~", "approximate", "late January", True), "~ late January 2026", "khoảng cuối tháng 1 năm 2026"),
        (dv("2026-01~", "approximate", "khoảng tháng 1", True), "January 2026 (approximate)", "khoảng tháng 1 năm 2026"),
        (dv("2026~", "approximate", "đầu năm 2026", True), "~ early 2026", "khoảng đầu năm 2026"),
        (dv("XXXX-10-16", "year_unknown"), "16 October, year not in the source", "ngày 16 tháng 10 (không rõ năm)"),
        (dv("XXXX-03", "year_unknown"), "March, year not in the source", "tháng 3 (không rõ năm)"),
        (
            dv("XXXX-08~", "year_unknown", "mid-August", True),
            "~ mid-August, year not in the source",
            "khoảng giữa tháng 8 (không rõ năm)",
        ),
        (dv("2022-11-29/2022-12-06", "range"), "29 November – 6 December 2022", "từ 29/11 đến 6/12/2022"),
        (dv("2024-12-28/2025-01-03", "range"), "28 December 2024 – 3 January 2025", "từ 28/12/2024 đến 3/1/2025"),
        (
            dv("XXXX-11-29/XXXX-12-06", "year_unknown"),
            "29 November – 6 December, year not in the source",
            "từ 29/11 đến 6/12 (không rõ năm)",
        ),
        (
            dv("2025-02-10/2025-02-16~", "range", "tuần tới", True),
            "10–16 February 2025 (approximate)",
            "khoảng từ 10/2 đến 16/2/2025",
        ),
        (dv("2025-03/2025-05", "range"), "March – May 2025", "từ tháng 3 đến tháng 5 năm 2025"),
        (dv("2014/2022", "range"), "2014–2022", "từ năm 2014 đến năm 2022"),
        (None, "date unknown", "không rõ ngày"),
        (dv(None, "unknown", "hôm nay"), "date unknown", "không rõ ngày"),
    ],
)
def test_format_date_in_both_languages(value, english, vietnamese):
    assert format_date(value, "en") == english
    assert format_date(value, "vi") == vietnamese


def test_format_date_of_found_values_keeps_the_word_of_the_source():
    value = only("Cuộc gặp diễn ra hồi cuối tháng 1.", "vi", PUB("2026-02-26")).value
    assert format_date(value, "en") == "~ late January 2026"


# --------------------------------------------------------------------------
# dates_compatible
# --------------------------------------------------------------------------


def test_year_unknown_day_is_compatible_with_the_same_day_of_a_known_year():
    assert dates_compatible(dv("XXXX-10-16", "year_unknown"), PUB("2025-10-16"))
    assert dates_compatible(PUB("2025-10-16"), dv("XXXX-10-16", "year_unknown"))


def test_year_unknown_day_is_not_compatible_with_another_month():
    assert not dates_compatible(dv("XXXX-10-16", "year_unknown"), PUB("2025-11-16"))


def test_days_one_apart_are_compatible_because_of_time_zones():
    assert dates_compatible(PUB("2025-02-12"), PUB("2025-02-13"))
    assert not dates_compatible(PUB("2025-02-12"), PUB("2025-02-14"))


def test_different_known_years_are_not_compatible():
    assert not dates_compatible(PUB("2024-10-16"), PUB("2025-10-16"))
    assert not dates_compatible(dv("2024", "year"), dv("2025-03", "month"))


def test_overlapping_ranges_are_compatible():
    assert dates_compatible(dv("2022-11-29/2022-12-06", "range"), dv("2022-12-01/2022-12-10", "range"))
    assert not dates_compatible(dv("2022-11-01/2022-11-05", "range"), dv("2022-12-01/2022-12-10", "range"))


def test_approximate_month_is_compatible_with_its_days_and_three_days_around():
    february = dv("2026-02~", "approximate", approximate=True)
    assert dates_compatible(february, PUB("2026-02-14"))
    assert dates_compatible(february, PUB("2026-03-02"))
    assert dates_compatible(february, PUB("2026-01-29"))
    assert not dates_compatible(february, PUB("2026-03-05"))


def test_late_month_found_in_text_matches_days_of_its_last_third():
    late_january = only("hồi cuối tháng 1", "vi", PUB("2026-02-26")).value
    assert dates_compatible(late_january, PUB("2026-01-22"))
    assert not dates_compatible(late_january, PUB("2026-01-05"))


def test_year_unknown_range_across_new_year_is_compatible_with_a_day_inside():
    assert dates_compatible(dv("XXXX-12-28/XXXX-01-03", "year_unknown"), PUB("2025-01-02"))


def test_two_year_unknown_days_compare_by_month_and_day():
    assert dates_compatible(dv("XXXX-10-16", "year_unknown"), dv("XXXX-10-17", "year_unknown"))
    assert not dates_compatible(dv("XXXX-10-16", "year_unknown"), dv("XXXX-10-20", "year_unknown"))


def test_missing_dates_are_never_compatible():
    assert not dates_compatible(None, None)
    assert not dates_compatible(PUB("2025-01-01"), None)
    assert not dates_compatible(dv(None, "unknown"), dv(None, "unknown"))


# --------------------------------------------------------------------------
# sort_key
# --------------------------------------------------------------------------


def test_sort_key_orders_known_dates_then_year_unknown_then_missing():
    values = [
        None,
        dv("XXXX-10-16", "year_unknown"),
        PUB("2025-02-07"),
        dv(None, "unknown"),
        dv("2018-07", "month"),
        dv("2025-01~", "approximate", approximate=True),
        dv("XXXX-03", "year_unknown"),
        dv("2022", "year"),
    ]
    ordered = [v.edtf if v else None for v in sorted(values, key=sort_key)]
    assert ordered == ["2018-07", "2022", "2025-01~", "2025-02-07", "XXXX-03", "XXXX-10-16", None, None]


def test_sort_key_is_stable_for_equal_dates():
    a, b = dv("2025-02-07", text="a"), dv("2025-02-07", text="b")
    assert [v.text for v in sorted([b, a], key=sort_key)] == ["b", "a"]


# --------------------------------------------------------------------------
# find_dates: shape of the answer
# --------------------------------------------------------------------------


def test_mentions_are_in_text_order_and_do_not_overlap():
    text = "Ngày 7 tháng 2 năm 2025, hai bên gặp; ngày 9/2 lại gặp; tháng 3/2025 sẽ ký."
    mentions = find_dates(text, "vi")
    assert [m.value.text for m in mentions] == ["Ngày 7 tháng 2 năm 2025", "ngày 9/2", "tháng 3/2025"]
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


def test_empty_text_gives_no_mentions():
    assert find_dates("", "vi") == []


def test_mentions_are_frozen():
    mention = only("ngày 7/2/2025", "vi")
    with pytest.raises(AttributeError):
        mention.start = 0  # type: ignore[misc]


# --------------------------------------------------------------------------
# parse_edtf (dates written by an editor)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edtf", "precision", "start", "end", "approximate"),
    [
        ("2025-02-12", "day", "2025-02-12", "2025-02-12", False),
        ("2018-07", "month", "2018-07-01", "2018-07-31", False),
        ("2022", "year", "2022-01-01", "2022-12-31", False),
        ("2026-01~", "approximate", "2026-01-01", "2026-01-31", True),
        ("2022-11-29/2022-12-06", "range", "2022-11-29", "2022-12-06", False),
        ("2025-02-10/2025-02-16~", "range", "2025-02-10", "2025-02-16", True),
        ("XXXX-10-16", "year_unknown", None, None, False),
        ("XXXX-08~", "year_unknown", None, None, True),
    ],
)
def test_parse_edtf_fills_every_field(edtf, precision, start, end, approximate):
    value = parse_edtf(edtf, text="editor")
    assert value == DateValue(edtf, precision, "editor", start, end, approximate)


def test_parse_edtf_reads_the_iso_month_day_form_as_year_unknown():
    assert parse_edtf("--10-16").edtf == "XXXX-10-16"


@pytest.mark.parametrize("text", ["2025-02-30", "soon", "2025-13", "XXXX", "2022-12-06/2022-11-29", ""])
def test_parse_edtf_refuses_what_is_not_a_date(text):
    assert parse_edtf(text) is None


# --------------------------------------------------------------------------
# parse_dateline keeps working
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("22:45 09/02/2025", "2025-02-09T22:45"),
        ("Thứ Bảy, 24/05/2025 - 10:20", "2025-05-24T10:20"),
        ("May 24, 2025 10:20 PM", "2025-05-24T22:20"),
        ("2025-05-24T10:20:00+0700", "2025-05-24T10:20+07:00"),
        ("2026-02-26", "2026-02-26"),
        ("31/02/2025", None),
        ("", None),
    ],
)
def test_parse_dateline_still_reads_publication_stamps(stamp, expected):
    assert parse_dateline(stamp) == expected


# --------------------------------------------------------------------------
# Robustness
# --------------------------------------------------------------------------

_PIECES = (
    "ngày tháng năm tuần tới sau trước qua nay hôm mai thứ Hai Năm chủ nhật từ đến kể cuối đầu giữa khoảng "
    "7/2 29/11 30/2 31/12 13/13 - – ( ) , . 2025 2026 next last this week month year October Oct. 16 since "
    "from to between and mid- early late Thursday today tomorrow May March 1990 những giai đoạn"
).split()


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_PIECES), max_size=14),
    lang=st.sampled_from(["vi", "en", "fr"]),
    anchor=st.sampled_from([None, "2024-02-29", "2025-12-31", "2026-01-01"]),
)
def test_find_dates_never_crashes_and_gives_ordered_spans_matching_text(words, lang, anchor):
    text = " ".join(words)
    mentions = find_dates(text, lang, PUB(anchor))
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.value.text
        assert format_date(mention.value, "vi") and format_date(mention.value, "en")
        sort_key(mention.value)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
