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
