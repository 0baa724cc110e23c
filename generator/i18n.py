"""The chronicle's own words in English and Vietnamese.

Type and status names, roles, and the one-line summaries of events come from
these catalogues, never from machine translation, so that every generated
sentence exists in both languages and reads as an editor would write it.
"""

from __future__ import annotations

from typing import Protocol

LANGUAGES = ("en", "vi")

TYPE_NAMES = {
    "phone_call": {"en": "Phone call", "vi": "Điện đàm"},
    "meeting": {"en": "Meeting", "vi": "Cuộc gặp"},
    "summit": {"en": "Summit", "vi": "Hội nghị thượng đỉnh"},
    "negotiation_round": {"en": "Negotiation round", "vi": "Vòng đàm phán"},
    "visit": {"en": "Visit", "vi": "Chuyến thăm"},
    "hotline_contact": {"en": "Hotline contact", "vi": "Liên lạc qua đường dây nóng"},
    "statement": {"en": "Statement", "vi": "Tuyên bố"},
    "interview": {"en": "Interview", "vi": "Phỏng vấn"},
    "announcement": {"en": "Announcement", "vi": "Thông báo"},
}
STATUS_NAMES = {
    "held": {"en": "held", "vi": "đã diễn ra"},
    "planned": {"en": "planned", "vi": "dự kiến"},
    "proposed": {"en": "proposed", "vi": "được đề xuất"},
    "postponed": {"en": "postponed", "vi": "bị hoãn"},
    "cancelled": {"en": "cancelled", "vi": "bị hủy"},
    "reported_unconfirmed": {"en": "reported, unconfirmed", "vi": "được đưa tin, chưa xác nhận"},
}
ROLE_NAMES = {
    "caller": {"en": "caller", "vi": "người gọi"},
    "host": {"en": "host", "vi": "chủ nhà"},
    "visitor": {"en": "visitor", "vi": "khách"},
    "mediator": {"en": "mediator", "vi": "trung gian"},
    "participant": {"en": "participant", "vi": "tham gia"},
    "speaker": {"en": "speaker", "vi": "người phát biểu"},
}
_AND = {"en": " and ", "vi": " và "}
_BETWEEN = {"en": "between", "vi": "giữa"}
_BY = {"en": "by", "vi": "của"}
_IN = {"en": "in", "vi": "tại"}


class Named(Protocol):
    def name(self, lang: str) -> str: ...


def join_names(names: list[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + _AND[lang] + names[-1]


def summary(event_type: str, status: str, names: list[str], place: str | None, lang: str, medium: str | None = None) -> str:
    """One line that says what happened: "Phone call between Donald Trump and Vladimir Putin"."""
    head = TYPE_NAMES[event_type][lang]
    if event_type in ("statement", "announcement"):
        text = f"{head} {_BY[lang]} {join_names(names, lang)}"
    elif event_type == "interview":
        text = f"{head} {_BY[lang] if lang == 'en' else ''} {join_names(names, lang)}".replace("  ", " ")
        if medium:
            text += f" ({medium})"
    elif len(names) >= 2:
        text = f"{head} {_BETWEEN[lang]} {join_names(names, lang)}"
    else:
        text = f"{head} {_BY[lang]} {join_names(names, lang)}"
    if place:
        text += f" {_IN[lang]} {place}"
    if status != "held":
        text += f" ({STATUS_NAMES[status][lang]})"
    return text


def entity_name(gazetteer, entity_id: str | None, lang: str) -> str | None:
    if entity_id is None:
        return None
    if entity_id in gazetteer:
        return gazetteer.get(entity_id).name(lang)
    return entity_id


def fill_summaries(events, gazetteer) -> None:
    """Write each event's summary in both languages, unless an editor set it."""
    for ev in events:
        for lang in LANGUAGES:
            name = f"summary_{lang}"
            if name in ev.curated_fields:
                continue
            names = [entity_name(gazetteer, p.id, lang) for p in ev.participants]
            place = entity_name(gazetteer, ev.place, lang)
            medium = entity_name(gazetteer, ev.medium, lang)
            setattr(ev, name, summary(ev.type, ev.status, names, place, lang, medium))


# --- The site's words ----------------------------------------------------------
#
# Every word the site shows that is not data comes from here, in both
# languages, so the Vietnamese pages of a later version need no new template.
# A value is a string, or a pair (singular, plural) chosen by ``n``; ``{name}``
# fields are filled by ``label(key, lang, name=...)``.

PRECISION_NAMES = {
    "day": {"en": "to the day", "vi": "chính xác đến ngày"},
    "month": {"en": "to the month", "vi": "chính xác đến tháng"},
    "year": {"en": "to the year", "vi": "chính xác đến năm"},
    "range": {"en": "a span of days", "vi": "một khoảng ngày"},
    "approximate": {"en": "approximate", "vi": "ước chừng"},
    "year_unknown": {"en": "year not in the source", "vi": "nguồn không nêu năm"},
    "unknown": {"en": "no date in the source", "vi": "nguồn không nêu ngày"},
}
KIND_NAMES = {
    "person": {"en": "Person", "vi": "Nhân vật"},
    "country": {"en": "Country", "vi": "Quốc gia"},
    "organisation": {"en": "Organisation", "vi": "Tổ chức"},
    "media": {"en": "News outlet", "vi": "Cơ quan báo chí"},
    "place": {"en": "Place", "vi": "Địa điểm"},
}
# How an entity takes part in an event, as listed on its page.
RELATION_NAMES = {
    "quoted": {"en": "quoted", "vi": "được trích lời"},
    "confirmed_by": {"en": "confirmed it", "vi": "xác nhận"},
    "denied_by": {"en": "denied it", "vi": "bác bỏ"},
    "disputed_by": {"en": "neither confirmed nor denied it", "vi": "không xác nhận cũng không bác bỏ"},
    "reported_by": {"en": "reported it", "vi": "đưa tin"},
    "announced_by": {"en": "announced it", "vi": "công bố"},
    "place": {"en": "place", "vi": "địa điểm"},
    "medium": {"en": "outlet", "vi": "cơ quan báo chí"},
}
ATTRIBUTION_NAMES = {
    "confirmed_by": {"en": "Confirmed by", "vi": "Xác nhận"},
    "denied_by": {"en": "Denied by", "vi": "Bác bỏ"},
    "disputed_by": {"en": "Neither confirmed nor denied by", "vi": "Không xác nhận cũng không bác bỏ"},
    "reported_by": {"en": "Reported by", "vi": "Đưa tin"},
    "announced_by": {"en": "Announced by", "vi": "Công bố"},
}
FIELD_NAMES = {
    "date": {"en": "date", "vi": "ngày"},
    "place": {"en": "place", "vi": "địa điểm"},
    "status": {"en": "status", "vi": "tình trạng"},
    "type": {"en": "type", "vi": "loại"},
    "participants": {"en": "participants", "vi": "thành phần tham dự"},
    "duration_minutes": {"en": "duration", "vi": "thời lượng"},
    "summary_en": {"en": "English summary", "vi": "tóm tắt tiếng Anh"},
    "summary_vi": {"en": "Vietnamese summary", "vi": "tóm tắt tiếng Việt"},
    "topics": {"en": "topics", "vi": "chủ đề"},
}
LANGUAGE_NAMES = {
    "en": {"en": "English", "vi": "tiếng Anh"},
    "vi": {"en": "Vietnamese", "vi": "tiếng Việt"},
}
MONTH_NAMES = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "vi": tuple(f"Tháng {m}" for m in range(1, 13)),
}
REMOVAL_REASON_NAMES = {
    "related_news": {"en": "related-news or teaser block", "vi": "khối tin liên quan hoặc tin giới thiệu"},
    "navigation": {"en": "site navigation", "vi": "thanh điều hướng của trang"},
    "advertisement": {"en": "advertisement or sponsored content", "vi": "quảng cáo hoặc nội dung tài trợ"},
    "image_line": {"en": "image line", "vi": "dòng ảnh"},
    "repeated_headline": {"en": "headline repeated (image alt text or teaser)", "vi": "tiêu đề lặp lại (chú thích ảnh hoặc tin giới thiệu)"},
    "byline": {"en": "byline (kept as metadata)", "vi": "tên tác giả (giữ làm siêu dữ liệu)"},
    "dateline": {"en": "dateline (kept as publication date)", "vi": "dòng ngày tháng (giữ làm ngày đăng)"},
    "metadata": {"en": "scraper metadata (kept as article metadata)", "vi": "siêu dữ liệu của công cụ thu thập (giữ làm siêu dữ liệu bài)"},
    "error_text": {"en": "error text left by the page", "vi": "thông báo lỗi còn sót trên trang"},
    "duplicate_caption": {"en": "caption repeated (one copy kept)", "vi": "chú thích ảnh lặp lại (giữ một bản)"},
    "script": {"en": "script, style or embedded frame", "vi": "mã script, kiểu trình bày hoặc khung nhúng"},
    "furniture": {"en": "other page furniture (header, footer, share buttons, forms)", "vi": "thành phần khác của trang (đầu trang, chân trang, nút chia sẻ, biểu mẫu)"},
    "outside_article": {"en": "text of the page outside the article (beside it, or after the end of the page)", "vi": "văn bản của trang nằm ngoài bài báo (bên cạnh bài, hoặc sau phần cuối trang)"},
}
# Notes the extractor writes on an event (generator/extract.py), by their
# English text; a note not listed here is shown as it is written.
EXTRACTOR_NOTES = {
    "date not stated: on or just before the publication date": {
        "en": "date not stated: on or just before the publication date",
        "vi": "bài không nêu ngày: vào hoặc ngay trước ngày đăng",
    },
}

LABELS: dict[str, dict[str, str | tuple[str, str]]] = {
    # whole site
    "site_name": {"en": "Peace Talks Chronicle", "vi": "Biên niên đàm phán hòa bình"},
    # site_description and the nav_* titles are also in mkdocs.yml (the i18n
    # plugin's site_description and nav_translations); tests check they agree
    "site_description": {
        "en": "A bilingual, annotated chronicle of the Russia–Ukraine–United States peace talks, built from news articles.",
        "vi": "Biên niên song ngữ, có chú giải, về các cuộc đàm phán hòa bình Nga – Ukraine – Mỹ, lập từ các bài báo.",
    },
    "nav_home": {"en": "Home", "vi": "Trang chủ"},
    "date_time": {"en": "{date}, {time}", "vi": "{date}, lúc {time}"},
    "n_events": {"en": ("{n} event", "{n} events"), "vi": "{n} sự kiện"},
    "n_sources": {"en": ("{n} source", "{n} sources"), "vi": "{n} nguồn"},
    "n_blocks": {"en": ("{n} block", "{n} blocks"), "vi": "{n} khối"},
    "n_lines": {"en": ("{n} line", "{n} lines"), "vi": "{n} dòng"},
    "paragraph_n": {"en": "paragraph {n}", "vi": "đoạn {n}"},
    "paragraph_short": {"en": "¶{n}", "vi": "¶{n}"},
    "link_to_paragraph": {"en": "Link to paragraph {n}", "vi": "Liên kết đến đoạn {n}"},
    "none": {"en": "none", "vi": "không có"},
    "not_given": {"en": "not given", "vi": "không nêu"},
    "not_known": {"en": "not known", "vi": "không rõ"},
    "editor_note": {"en": "Editor's note", "vi": "Ghi chú của biên tập viên"},
    "editor_correction": {"en": "Editor's correction", "vi": "Đính chính của biên tập viên"},
    "why": {"en": "Why: {why}", "vi": "Lý do: {why}"},
    "should_read": {"en": "“{text}” should read “{should_be}”", "vi": "“{text}” cần đọc là “{should_be}”"},
    # home
    "home_intro": {
        "en": "A chronicle of the Russia–Ukraine–United States peace talks: every call, meeting, summit and "
              "round of negotiations that the news articles report, with who took part, when, where and what "
              "came of it. Every fact links back to the paragraph of the article it was taken from.",
        "vi": "Biên niên các cuộc đàm phán hòa bình Nga – Ukraine – Mỹ: mọi cuộc điện đàm, cuộc gặp, hội nghị "
              "thượng đỉnh và vòng đàm phán mà các bài báo đưa tin, với ai tham gia, khi nào, ở đâu và kết quả "
              "ra sao. Mỗi thông tin đều dẫn về đúng đoạn văn của bài báo mà nó được lấy ra.",
    },
    "home_how_title": {"en": "How it is made", "vi": "Biên niên được làm thế nào"},
    "home_how_1": {
        "en": "News articles in Vietnamese and English are collected as they were published.",
        "vi": "Các bài báo tiếng Việt và tiếng Anh được thu thập nguyên như khi đăng.",
    },
    "home_how_2": {
        "en": "Each article is cleaned of its site's furniture (related-news lists, advertisements, repeated "
              "headlines); every cut is listed with its reason on the article's page.",
        "vi": "Mỗi bài được lọc bỏ các thành phần của trang (danh sách tin liên quan, quảng cáo, tiêu đề lặp lại); "
              "mọi phần bị cắt đều được liệt kê kèm lý do trên trang của bài.",
    },
    "home_how_3": {
        "en": "A rule-based extractor reads the events, their participants, dates and places from the text. "
              "A date is never guessed: when the source gives no year, the chronicle says so.",
        "vi": "Một bộ trích xuất theo quy tắc đọc ra các sự kiện, thành phần tham dự, ngày tháng và địa điểm từ "
              "văn bản. Ngày tháng không bao giờ được đoán: khi nguồn không nêu năm, biên niên nói rõ điều đó.",
    },
    "home_how_4": {
        "en": "Editors add what the text cannot give and correct what it gets wrong; each change says why and "
              "is shown on the site as an editor's note.",
        "vi": "Biên tập viên bổ sung điều văn bản không nêu và sửa điều văn bản sai; mỗi thay đổi đều có lý do "
              "và được hiển thị trên trang dưới dạng ghi chú của biên tập viên.",
    },
    "home_how_5": {
        "en": "The site is generated from these records; nothing on it is written by hand.",
        "vi": "Trang được tạo ra từ các dữ liệu này; không có nội dung nào được viết tay.",
    },
    "at_a_glance": {"en": "At a glance", "vi": "Tổng quan"},
    "figure_events": {"en": "Events", "vi": "Sự kiện"},
    "figure_sources": {"en": "Source articles", "vi": "Bài báo nguồn"},
    "figure_people": {"en": "People", "vi": "Nhân vật"},
    "figure_span": {"en": "Date span", "vi": "Khoảng thời gian"},
    "figure_no_year": {"en": "Events without a known year", "vi": "Sự kiện không rõ năm"},
    "figure_languages": {"en": "Articles by language", "vi": "Bài báo theo ngôn ngữ"},
    "span_value": {"en": "{first} to {last}", "vi": "{first} đến {last}"},
    "span_none": {"en": "no dated events yet", "vi": "chưa có sự kiện có ngày"},
    "latest_events": {"en": "Latest events", "vi": "Sự kiện gần nhất"},
    "all_events_in_timeline": {"en": "Every event, in order, is on the timeline.", "vi": "Mọi sự kiện theo thứ tự có trên dòng thời gian."},
    "timeline_picture": {"en": "The chronicle in time", "vi": "Biên niên theo thời gian"},
    "timeline_picture_alt": {
        "en": "Timeline of the chronicle's events with a known year, one mark per event, coloured by type",
        "vi": "Dòng thời gian các sự kiện có năm xác định, mỗi sự kiện một dấu, tô màu theo loại",
    },
    "timeline_picture_note": {
        "en": "Filled marks: dated to the day; hollow marks: approximate, or only the month or year is known; "
              "bars: spans of days. Years with no event are left out.",
        "vi": "Dấu đặc: có ngày chính xác; dấu rỗng: ước chừng hoặc chỉ biết tháng hay năm; thanh ngang: một "
              "khoảng ngày. Những năm không có sự kiện được lược bỏ.",
    },
    "timeline_not_drawn": {
        "en": ("{n} event without a known year is not drawn; it is listed at the end of the timeline.",
               "{n} events without a known year are not drawn; they are listed at the end of the timeline."),
        "vi": "{n} sự kiện không rõ năm không được vẽ; chúng được liệt kê ở cuối dòng thời gian.",
    },
    "sources_latest": {"en": "Latest source articles", "vi": "Các bài báo nguồn mới nhất"},
    "all_sources": {"en": "All source articles", "vi": "Tất cả bài báo nguồn"},
    "exports_title": {"en": "Exports", "vi": "Dữ liệu xuất"},
    "exports_intro": {
        "en": "The events as data, made from the same records as these pages:",
        "vi": "Các sự kiện dưới dạng dữ liệu, tạo từ cùng các bản ghi với những trang này:",
    },
    "export_json": {"en": "every event with all its fields (JSON)", "vi": "mọi sự kiện với đầy đủ các trường (JSON)"},
    "export_schema": {"en": "the JSON Schema of that file", "vi": "JSON Schema của tệp đó"},
    "export_csv": {"en": "one row per event, for spreadsheets (CSV)", "vi": "mỗi sự kiện một dòng, cho bảng tính (CSV)"},
    "export_ics": {
        "en": "a calendar of the events dated to the day or to a span of days (iCalendar)",
        "vi": "lịch các sự kiện có ngày hoặc khoảng ngày xác định (iCalendar)",
    },
    "export_atom": {"en": "a feed of the events (Atom)", "vi": "nguồn tin các sự kiện (Atom)"},
    "title_generated": {"en": "title made by the chronicle: the page has none", "vi": "tiêu đề do biên niên đặt: trang không có"},
    "outlet_unknown": {"en": "outlet not known", "vi": "không rõ cơ quan báo chí"},
    "date_not_given": {"en": "date not given", "vi": "không nêu ngày"},
    # timeline
    "timeline_title": {"en": "Timeline", "vi": "Dòng thời gian"},
    "timeline_intro": {
        "en": "Every event of the chronicle in order, by year and month. Each date is as precise as the sources "
              "allow: “~” marks an approximate date, and a date whose year the source does not give says so. "
              "Events without a known year, and events without any date, come last.",
        "vi": "Mọi sự kiện của biên niên theo thứ tự, theo năm và tháng. Mỗi ngày tháng chính xác đến mức nguồn "
              "cho phép: “khoảng” đánh dấu ngày ước chừng, và ngày mà nguồn không nêu năm được ghi rõ như vậy. "
              "Các sự kiện không rõ năm và không có ngày nằm ở cuối.",
    },
    "group_month_unknown": {"en": "{year}, month not known", "vi": "Năm {year}, không rõ tháng"},
    "group_year_unknown": {"en": "Year not in the source", "vi": "Nguồn không nêu năm"},
    "group_undated": {"en": "Undated", "vi": "Không có ngày"},
    "year_heading": {"en": "{year}", "vi": "Năm {year}"},
    "month_heading": {"en": "{month} {year}", "vi": "{month} năm {year}"},
    "filter_title": {"en": "Show only", "vi": "Chỉ hiển thị"},
    "filter_type": {"en": "Type", "vi": "Loại"},
    "filter_person": {"en": "Person", "vi": "Nhân vật"},
    "filter_status": {"en": "Status", "vi": "Tình trạng"},
    "filter_all": {"en": "all", "vi": "tất cả"},
    "filter_reset": {"en": "Show all", "vi": "Hiện tất cả"},
    "filter_showing": {"en": "Showing {shown} of {total} events.", "vi": "Đang hiển thị {shown} trên {total} sự kiện."},
    "no_events": {"en": "No events yet.", "vi": "Chưa có sự kiện nào."},
    # event page
    "facts": {"en": "Facts", "vi": "Thông tin"},
    "fact_date": {"en": "Date", "vi": "Ngày"},
    "fact_precision": {"en": "Precision", "vi": "Độ chính xác"},
    "fact_as_written": {"en": "as the source writes it: “{text}”", "vi": "theo nguyên văn: “{text}”"},
    "fact_date_by_editor": {"en": "set by an editor", "vi": "do biên tập viên xác định"},
    "fact_type": {"en": "Type", "vi": "Loại"},
    "fact_cameo": {"en": "CAMEO code {code}", "vi": "mã CAMEO {code}"},
    "fact_status": {"en": "Status", "vi": "Tình trạng"},
    "fact_duration": {"en": "Duration", "vi": "Thời lượng"},
    "fact_place": {"en": "Place", "vi": "Địa điểm"},
    "fact_participants": {"en": "Participants", "vi": "Thành phần tham dự"},
    "fact_medium": {"en": "Outlet", "vi": "Cơ quan báo chí"},
    "fact_count": {"en": "How many times", "vi": "Số lần"},
    "fact_topics": {"en": "Topics", "vi": "Chủ đề"},
    "fact_reported_as": {"en": "In the sources", "vi": "Trong các nguồn"},
    "reported_as_news": {"en": "the news of the article", "vi": "tin chính của bài"},
    "reported_as_background": {"en": "mentioned as background", "vi": "được nhắc đến như bối cảnh"},
    "fact_confidence": {"en": "Confidence of the extraction", "vi": "Độ tin cậy của việc trích xuất"},
    "confidence_high": {"en": "high", "vi": "cao"},
    "confidence_medium": {"en": "medium", "vi": "trung bình"},
    "confidence_low": {"en": "low", "vi": "thấp"},
    "duration_minutes": {"en": ("{n} minute", "{n} minutes"), "vi": "{n} phút"},
    "duration_about": {"en": "about {duration}", "vi": "khoảng {duration}"},
    "count_times": {"en": "{n} times", "vi": "{n} lần"},
    "summary": {"en": "Summary", "vi": "Tóm tắt"},
    "summary_sentence": {"en": "{summary}; {date}.", "vi": "{summary}; {date}."},
    "outcomes": {"en": "Outcomes", "vi": "Kết quả"},
    "no_outcomes": {"en": "The sources report no outcome.", "vi": "Các nguồn không nêu kết quả nào."},
    "quotes": {"en": "Quotes", "vi": "Trích dẫn"},
    "speaker_unknown": {"en": "speaker not named", "vi": "không nêu người nói"},
    "original_in": {"en": "Original ({language})", "vi": "Nguyên văn ({language})"},
    "translation": {"en": "Translation", "vi": "Bản dịch"},
    # translations of an article's title, paragraphs, captions and quotes, with how far to trust them
    "translation_pending": {
        "en": "Translation pending: neither an editor nor a machine has translated this yet.",
        "vi": "Đang chờ bản dịch: chưa có bản dịch của biên tập viên hay bản dịch máy.",
    },
    "translation_reviewed": {"en": "Translation reviewed by {by}", "vi": "Bản dịch do {by} duyệt"},
    "translation_stale": {
        "en": "Translation reviewed by {by}, but the original has changed since: stale, it may no longer match",
        "vi": "Bản dịch do {by} duyệt, nhưng nguyên văn đã thay đổi từ đó: bản dịch cũ, có thể không còn khớp",
    },
    "translation_machine": {
        "en": "Machine translation ({engine}), not reviewed by an editor",
        "vi": "Bản dịch máy ({engine}), chưa được biên tập viên duyệt",
    },
    "editor_unnamed": {"en": "an editor", "vi": "một biên tập viên"},
    "engine_unknown": {"en": "engine not recorded", "vi": "không rõ công cụ"},
    "translator_note": {"en": "Translator's note: {note}", "vi": "Ghi chú của người dịch: {note}"},
    "translated_intro": {
        "en": "This article is written in {language}. Beside each paragraph is its English translation, marked as "
              "reviewed by an editor, stale (reviewed, but the original has changed since), machine-made or pending.",
        "vi": "Bài báo này viết bằng {language}. Bên cạnh mỗi đoạn là bản dịch tiếng Việt, có ghi rõ đã được biên "
              "tập viên duyệt, cũ (đã duyệt nhưng nguyên văn đã thay đổi), dịch máy hay đang chờ.",
    },
    "translation_counts": {
        "en": "On this page: {reviewed} reviewed, {stale} stale, {machine} machine-translated, {missing} pending.",
        "vi": "Trên trang này: {reviewed} đã duyệt, {stale} bản cũ, {machine} dịch máy, {missing} đang chờ.",
    },
    "attributions": {"en": "Who confirmed, denied or reported it", "vi": "Ai xác nhận, bác bỏ hay đưa tin"},
    "attribution_who": {"en": "Who", "vi": "Ai"},
    "attribution_what": {"en": "What", "vi": "Điều gì"},
    "attribution_where": {"en": "Where the source says so", "vi": "Nguồn nói ở đâu"},
    "no_attributions": {
        "en": "No source names anyone who confirmed, denied or reported it.",
        "vi": "Không nguồn nào nêu tên người xác nhận, bác bỏ hay đưa tin.",
    },
    "editors_notes": {"en": "Editors' notes", "vi": "Ghi chú của biên tập viên"},
    "editor_set_fields": {"en": "An editor set the {fields} of this event.", "vi": "Biên tập viên đã xác định {fields} của sự kiện này."},
    "extractor_notes": {"en": "Notes from the extractor", "vi": "Ghi chú của bộ trích xuất"},
    "sources": {"en": "Sources", "vi": "Nguồn"},
    "evidence": {"en": "words found: {words}", "vi": "từ tìm thấy: {words}"},
    "caption_n": {"en": "photo caption {n}", "vi": "chú thích ảnh {n}"},
    "related": {"en": "Related events", "vi": "Sự kiện liên quan"},
    "plan_became": {"en": "What this plan became", "vi": "Kế hoạch này đã trở thành"},
    "plan_of": {"en": "The plan this event carried out", "vi": "Kế hoạch mà sự kiện này thực hiện"},
    "same_people": {"en": "With the same people", "vi": "Với cùng những người này"},
    "no_related": {"en": "No other event has the same people.", "vi": "Không có sự kiện nào khác với cùng những người này."},
    "previous_event": {"en": "Previous event", "vi": "Sự kiện trước"},
    "next_event": {"en": "Next event", "vi": "Sự kiện sau"},
    "first_event": {"en": "this is the first event", "vi": "đây là sự kiện đầu tiên"},
    "last_event": {"en": "this is the last event", "vi": "đây là sự kiện cuối cùng"},
    # entity pages
    "section_people": {"en": "People", "vi": "Nhân vật"},
    "section_actors": {"en": "Countries and organisations", "vi": "Quốc gia và tổ chức"},
    "section_places": {"en": "Places", "vi": "Địa điểm"},
    "section_topics": {"en": "Topics", "vi": "Chủ đề"},
    "intro_people": {
        "en": "Everyone who takes part in an event of the chronicle or is named in its sources.",
        "vi": "Mọi người tham gia một sự kiện của biên niên hoặc được nêu tên trong các nguồn.",
    },
    "intro_actors": {
        "en": "Countries, organisations and news outlets that take part in, confirm or report an event, or are named in the sources.",
        "vi": "Các quốc gia, tổ chức và cơ quan báo chí tham gia, xác nhận hoặc đưa tin về một sự kiện, hoặc được nêu tên trong các nguồn.",
    },
    "intro_places": {
        "en": "Places where events were held or planned, and places the sources name.",
        "vi": "Những nơi sự kiện đã hoặc dự kiến diễn ra, và những nơi các nguồn nêu tên.",
    },
    "intro_topics": {
        "en": "What the events were about, as found in the sentences that report them.",
        "vi": "Nội dung của các sự kiện, theo các câu đưa tin về chúng.",
    },
    "col_name": {"en": "Name", "vi": "Tên"},
    "col_kind": {"en": "Kind", "vi": "Loại"},
    "col_events": {"en": "Events", "vi": "Sự kiện"},
    "col_mentions": {"en": "Paragraphs naming it", "vi": "Số đoạn nêu tên"},
    "col_date": {"en": "Date", "vi": "Ngày"},
    "col_event": {"en": "Event", "vi": "Sự kiện"},
    "col_as": {"en": "As", "vi": "Với vai trò"},
    "col_status": {"en": "Status", "vi": "Tình trạng"},
    "col_with": {"en": "With", "vi": "Với"},
    "col_between": {"en": "Between", "vi": "Giữa"},
    "events_heading": {"en": "Events", "vi": "Sự kiện"},
    "no_entity_events": {
        "en": "No event of the chronicle involves {name}; the sources name them in passing.",
        "vi": "Không sự kiện nào của biên niên liên quan đến {name}; các nguồn chỉ nhắc đến.",
    },
    "named_in": {"en": "Named in the sources", "vi": "Được nêu tên trong các nguồn"},
    "offices": {"en": "Offices", "vi": "Chức vụ"},
    "office_since": {"en": "since {start}", "vi": "từ {start}"},
    "office_span": {"en": "{start} to {end}", "vi": "từ {start} đến {end}"},
    "office_until": {"en": "until {end}", "vi": "đến {end}"},
    "office_dates_unknown": {"en": "dates not recorded", "vi": "chưa ghi ngày"},
    "country": {"en": "Country", "vi": "Quốc gia"},
    "located_in": {"en": "Located in", "vi": "Thuộc"},
    "stands_for": {"en": "Stands for", "vi": "Đại diện cho"},
    "also_written": {"en": "Also written", "vi": "Còn được viết"},
    "people_of": {"en": "People", "vi": "Nhân vật"},
    "places_in": {"en": "Places", "vi": "Địa điểm"},
    "talks_title": {"en": "Who talked to whom", "vi": "Ai nói chuyện với ai"},
    "talks_intro": {
        "en": "People linked by the calls, meetings, summits and talks they took part in together; a thicker line means more events.",
        "vi": "Những người được nối với nhau qua các cuộc điện đàm, gặp gỡ, thượng đỉnh và đàm phán họ cùng tham gia; nét càng dày là càng nhiều sự kiện.",
    },
    "talks_alt": {"en": "Graph of who talked to whom", "vi": "Sơ đồ ai nói chuyện với ai"},
    "talks_alt_person": {"en": "Graph of the people {name} talked to", "vi": "Sơ đồ những người {name} đã nói chuyện"},
    "talks_none": {
        "en": "No call or meeting of the chronicle has two people in it yet.",
        "vi": "Chưa có cuộc điện đàm hay cuộc gặp nào của biên niên có hai người tham gia.",
    },
    "talked_with": {"en": "Talked with", "vi": "Đã nói chuyện với"},
    # sources
    "sources_title": {"en": "Sources", "vi": "Nguồn"},
    "sources_intro": {
        "en": "Every article the chronicle is built from, newest first. Undated articles come last.",
        "vi": "Mọi bài báo làm nên biên niên, mới nhất trước. Các bài không có ngày nằm ở cuối.",
    },
    "col_article": {"en": "Article", "vi": "Bài báo"},
    "col_outlet": {"en": "Outlet", "vi": "Cơ quan báo chí"},
    "col_published": {"en": "Published", "vi": "Ngày đăng"},
    "col_language": {"en": "Language", "vi": "Ngôn ngữ"},
    "col_paragraphs": {"en": "Paragraphs", "vi": "Số đoạn"},
    "col_removed": {"en": "Removed blocks", "vi": "Khối bị loại"},
    "title_generated_note_title": {"en": "Title made by the chronicle", "vi": "Tiêu đề do biên niên đặt"},
    "title_generated_note": {
        "en": "The page has no headline; this title is the start of its first sentence.",
        "vi": "Trang không có tiêu đề; tiêu đề này là phần đầu câu đầu tiên của bài.",
    },
    "meta_outlet": {"en": "Outlet", "vi": "Cơ quan báo chí"},
    "meta_published": {"en": "Published", "vi": "Ngày đăng"},
    "meta_byline": {"en": "Byline", "vi": "Tác giả"},
    "meta_language": {"en": "Language", "vi": "Ngôn ngữ"},
    "meta_original": {"en": "Original", "vi": "Bản gốc"},
    "meta_file": {"en": "File", "vi": "Tệp"},
    "published_not_given": {"en": "not given in the text", "vi": "văn bản không nêu"},
    "no_address": {"en": "no address known", "vi": "không rõ địa chỉ"},
    "extracted_title": {"en": "What the chronicle took from this article", "vi": "Biên niên lấy gì từ bài này"},
    "extracted_none": {"en": "No event was taken from this article.", "vi": "Không có sự kiện nào được lấy từ bài này."},
    "text_title": {"en": "Text", "vi": "Văn bản"},
    "photo": {"en": "Photo: {text}", "vi": "Ảnh: {text}"},
    "removed_title": {"en": "Removed from the page: {blocks}", "vi": "Đã loại khỏi trang: {blocks}"},
    "removed_line": {"en": "line {line}, {lines}", "vi": "dòng {line}, {lines}"},
    # glossary
    "glossary_title": {"en": "Glossary", "vi": "Thuật ngữ"},
    "glossary_intro": {
        "en": "Terms the chronicle explains. Wherever one appears on the site, pointing at it shows its definition.",
        "vi": "Các thuật ngữ biên niên giải thích. Ở bất cứ đâu trên trang, trỏ vào thuật ngữ sẽ hiện định nghĩa.",
    },
    "glossary_written": {"en": "Written in the sources as: {forms}", "vi": "Trong các nguồn được viết là: {forms}"},
}


def label(key: str, lang: str, n: int | None = None, **fields: object) -> str:
    """The site's wording for ``key`` in ``lang``, with ``{fields}`` filled in."""
    value = LABELS[key][lang]
    if isinstance(value, tuple):
        value = value[0] if n == 1 else value[1]
    if n is not None:
        fields.setdefault("n", n)
    return value.format(**fields) if fields else value


def name_in(catalogue: dict[str, dict[str, str]], key: str | None, lang: str) -> str:
    """A catalogue entry in ``lang``; an unknown key is shown as it is, never dropped."""
    if key is None:
        return ""
    entry = catalogue.get(key)
    return entry[lang] if entry else key.replace("_", " ")
