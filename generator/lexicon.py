"""The words the extractor listens for, per language.

Kept apart from the extraction logic so that a linguist can read and extend
them without reading Python control flow. Every pattern is matched
case-insensitively on NFC-normalised text with word boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_F = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True)
class Trigger:
    """A phrase that names an event.

    ``creates``: False for generic words ("the call", "cuộc trao đổi") that
    only refer back to an event already named; they add facts to it but never
    make an event of their own. ``family`` groups types that may describe one
    event ("meeting" later found to be a "summit").
    """

    type: str
    pattern: re.Pattern
    creates: bool = True
    requires: re.Pattern | None = None  # the sentence must also contain this


def _t(type_: str, pattern: str, creates: bool = True, requires: str | None = None) -> Trigger:
    return Trigger(type_, re.compile(pattern, _F), creates, re.compile(requires, _F) if requires else None)


# "gặp" is everyday Vietnamese for "encounter" as well: "gặp khó khăn".
_VI_NOT_MEET = r"(?!\s+(?:khó khăn|trở ngại|vấn đề|sự cố|nguy hiểm|rắc rối|thất bại|may|rủi ro|phải))"
_EN_NOT_MEET = r"(?!\s+(?:the\s+|their\s+|its\s+)?(?:demands?|needs?|requirements?|targets?|goals?|expectations?|deadlines?|criteria|standards?|conditions?))"

TRIGGERS: dict[str, list[Trigger]] = {
    "vi": [
        _t("summit", r"(?:hội nghị|cuộc gặp|cuộc họp)\s+thượng đỉnh|thượng đỉnh"),
        _t("phone_call", r"điện đàm|cuộc gọi điện(?: thoại)?|gọi điện(?: thoại)?|(?:nói chuyện|trao đổi|trò chuyện) (?:qua|bằng) điện thoại"),
        _t("hotline_contact", r"đường dây (?:nóng|liên lạc|giảm xung đột|khẩn cấp|quân sự)(?: (?:khẩn cấp|quân sự|giảm xung đột))?", requires=r"sử dụng|dùng|kích hoạt|liên lạc qua"),
        _t("negotiation_round", r"(?:vòng|cuộc|các cuộc)\s+(?:đàm phán|hòa đàm|thương lượng)|đàm phán|hòa đàm|thương lượng"),
        _t("interview", r"(?:trả lời )?(?:cuộc )?phỏng vấn"),
        _t("visit", r"chuyến thăm|chuyến công du|công du|đến thăm|tới thăm|thăm chính thức|thăm cấp nhà nước"),
        _t("meeting", r"cuộc gặp(?: gỡ| mặt)?|gặp gỡ|gặp nhau|hội đàm|hội kiến|tiếp kiến|họp báo chung|cuộc họp(?! báo)|hội nghị|gặp" + _VI_NOT_MEET
           + r"|(?<!trực )(?<!liên )\btiếp(?-i:(?= (?:Tổng thống|Thủ tướng|Ngoại trưởng|Bộ trưởng|người đồng cấp|phái đoàn|ông|bà|[A-ZĐ][a-zà-ỹđ])))"),
        _t("announcement", r"công bố|thông báo|loan báo"),
        _t("statement", r"(?:ra |đưa ra )?tuyên bố"),
        # Generic references: they name no event of their own.
        _t("any", r"cuộc gọi|cuộc trao đổi|cuộc nói chuyện|cuộc trò chuyện|cuộc đối thoại|nói chuyện|trò chuyện|trao đổi|liên lạc|tiếp xúc", creates=False),
    ],
    "en": [
        _t("summit", r"\bsummits?\b"),
        _t("phone_call", r"\b(?:tele)?phone (?:call|conversation|talks?)s?\b|\b(?:tele)?phoned\b|\bby (?:tele)?phone\b|\bcalled\b(?=[^.]{0,40}\bby phone)"
           r"|\b\d+-(?:minute|hour) (?:phone )?call\b|\bcalls? with\b|(?:\bcalled|(?<=to |nd |en |ll |ld )call)\s+(?-i:(?=(?:President |Prime Minister |Mr\. |Ms\. |his |her )?[A-Z][a-z]))"),
        _t("hotline_contact", r"\b(?:hotline|deconfliction (?:line|channel)|(?:military|emergency) (?:hot)?line)\b", requires=r"\bused\b|\busing\b|\bactivated\b|\bcontacted\b|\bthrough\b"),
        _t("negotiation_round", r"\b(?:rounds? of (?:peace |direct )?talks|(?:peace|direct|bilateral|trilateral|three-way|face-to-face|security|technical) talks|negotiations?|negotiating round)\b"
           r"|\b(?:held|hold|holding|had|have|resumed?|began|begin|started?|hours of|days? of)\s+(?:\w+\s+){0,2}?talks\b|\btalks\s+(?=(?:with|between|in|on|at)\b)"),
        _t("interview", r"\binterview(?:ed)?\b"),
        _t("visit", r"\b(?:visit(?:ed|s|ing)?|state visit|trip to|travel(?:l)?ed to)\b"),
        _t("meeting", r"\b(?:meet(?:s|ing|ings)?" + _EN_NOT_MEET + r"|met\b|sat down with|joint (?:news|press) conference|hosted|received)\b"),
        _t("announcement", r"\bannounc(?:ed|ement|es)\b"),
        _t("statement", r"\b(?:statement|declared)\b"),
        _t("any", r"\b(?:the|a|this|that) call\b|\bconversation\b|\bexchange\b|\bspoke (?:with|to)\b|\btalked (?:with|to)\b|\bcontacts?\b", creates=False),
    ],
}

# Types that can describe one event as more is learnt about it.
FAMILIES = {
    "phone_call": "call",
    "hotline_contact": "hotline",
    "meeting": "meeting",
    "summit": "meeting",
    "negotiation_round": "meeting",
    "visit": "meeting",
    "interview": "interview",
    "statement": "statement",
    "announcement": "announcement",
}
INTERACTIONS = {"phone_call", "meeting", "summit", "negotiation_round", "hotline_contact", "visit"}


def _any(words: list[str]) -> re.Pattern:
    return re.compile("|".join(words), _F)


# Status cues, strongest first. A cue counts only in the clause of its trigger.
STATUS_CUES: dict[str, list[tuple[str, re.Pattern]]] = {
    "vi": [
        ("cancelled", _any([r"\bhủy bỏ\b", r"\bbị hủy\b", r"\bhủy\b", r"không còn diễn ra", r"sẽ không diễn ra", r"không có kế hoạch"])),
        ("postponed", _any([r"\bhoãn\b", r"trì hoãn", r"lùi lại", r"dời (?:lại|sang)", r"lùi sang"])),
        ("reported_unconfirmed", _any([r"không thể xác nhận", r"chưa (?:được )?xác nhận", r"không xác nhận", r"bác bỏ thông tin", r"không xác nhận cũng không phủ nhận", r"chưa rõ liệu"])),
        ("proposed", _any([r"có thể", r"khả năng", r"đề xuất", r"đề nghị", r"tiềm năng", r"có lẽ", r"ý tưởng", r"xem xét"])),
        ("planned", _any([r"\bsẽ\b", r"dự kiến", r"lên kế hoạch", r"kế hoạch", r"chuẩn bị", r"\bsắp\b", r"nhất trí (?:tổ chức|gặp)", r"đồng ý (?:tổ chức|gặp)", r"tiếp theo", r"\btới\b(?= [,.)]|$)"])),
        ("held", _any([r"\bđã\b", r"\bvừa\b", r"\btừng\b", r"hôm qua", r"diễn ra", r"lần gần nhất", r"gần đây nhất"])),
    ],
    "en": [
        ("cancelled", _any([r"\bcancel(?:l)?ed\b", r"\bcalled off\b", r"\bscrapped\b", r"\bwill not (?:take place|happen)\b", r"\bno plans? (?:yet )?for\b", r"\bwon't (?:take place|happen)\b"])),
        ("postponed", _any([r"\bpostponed?\b", r"\bdelayed\b", r"\bput off\b", r"\bpushed back\b", r"\brescheduled\b"])),
        ("reported_unconfirmed", _any([r"neither confirm nor deny", r"(?:could|would) not (?:confirm|verify)", r"\bunconfirmed\b", r"declined to confirm", r"not been confirmed", r"\breportedly\b", r"\bdid not confirm\b", r"\b(?:was|were) not confirmed\b", r"\bno such\b", r"\bdenying\b"])),
        ("proposed", _any([r"\bpotential\b", r"\bpossibl[ey]\b", r"\bcould\b", r"\bmight\b", r"(?-i:\bmay\b)", r"\bpropos(?:ed|es)\b", r"\bsuggest(?:ed|s)?\b", r"\bidea of\b"])),
        ("planned", _any([r"\bwas due to\b", r"\bwere due to\b", r"\bwill\b", r"\b(?:is|are) expected to\b", r"\bplans? to\b", r"\bplanned\b", r"\bscheduled\b", r"\bupcoming\b", r"\bagree(?:d|ing)? (?:on|to)\b", r"\bto be held\b", r"\bpreparing for\b", r"\bnext\b"])),
        ("held", _any([r"\bheld\b", r"\bhad\b", r"\bmet\b", r"\btook place\b", r"\bspoke\b", r"\btalked\b", r"\bfinished\b", r"\blast met\b", r"\bhosted\b", r"\breceived\b"])),
    ],
}

# A plan stated as someone's readiness or an invitation is not an event.
NOT_AN_EVENT = {
    "vi": _any([r"sẵn sàng", r"\bmời\b[^.]{0,40}\bthăm\b", r"\bmuốn\b", r"mong muốn"]),
    "en": _any([r"\bready to\b", r"\bwilling to\b", r"\binvit(?:ed|es|ation)\b[^.]{0,40}\bvisit\b", r"\bwants? to\b"]),
}
INVITATION = {
    "vi": re.compile(r"\bmời\b[^.]{0,60}\b(?:thăm|đến)\b[^.,;]*", _F),
    "en": re.compile(r"\binvit(?:ed|es)\b[^.]{0,80}?\bto (?:visit|come to)\b[^.,;]*", _F),
}
AGREEMENT = {
    "vi": re.compile(r"(?:nhất trí|đồng ý|thống nhất|thỏa thuận)\b[^.;]*", _F),
    "en": re.compile(r"\bagree(?:d|ing)?\b[^.;]*", _F),
}

SPEECH_VERBS = {
    "vi": _any([r"cho biết", r"\bnói\b", r"nói thêm", r"chia sẻ", r"nhấn mạnh", r"khẳng định", r"tuyên bố", r"xác nhận", r"phát biểu", r"viết", r"bày tỏ", r"tiết lộ", r"hé lộ", r"cho rằng", r"mô tả", r"đăng", r"thông báo", r"lưu ý", r"kể lại"]),
    "en": _any([r"\bsaid\b", r"\bsays\b", r"\btold\b", r"\bwrote\b", r"\bposted\b", r"\badded\b", r"\bcontinued\b", r"\bstressed\b", r"\bconfirmed\b", r"\bannounced\b", r"\bdescribed\b", r"\bnoted\b", r"\bstated\b", r"\bexplained\b"]),
}
CONFIRM = {"vi": _any([r"xác nhận"]), "en": _any([r"\bconfirm(?:ed|s)?\b"])}
DENY = {"vi": _any([r"phủ nhận", r"bác bỏ"]), "en": _any([r"\bden(?:ied|ies|y)\b", r"\brejected\b"])}
NEITHER = {
    "vi": _any([r"không thể xác nhận hoặc phủ nhận", r"không xác nhận cũng không phủ nhận", r"không thể xác nhận hay phủ nhận"]),
    "en": _any([r"neither confirm nor deny", r"(?:could|would) not confirm or deny"]),
}
REPORTING = {
    "vi": _any([r"\bdẫn\b", r"\btheo\b", r"đưa tin", r"cho biết", r"suy đoán", r"đăng tải"]),
    "en": _any([r"\baccording to\b", r"\breported\b", r"\breports\b", r"\bcited\b", r"\bciting\b", r"\btold\b"]),
}
INTERVIEW_MEDIUM = {
    "vi": re.compile(r"phỏng vấn(?: với)?(?: (?:tờ|báo|kênh|đài|tạp chí))?\s*$", _F),
    "en": re.compile(r"interview (?:with|to)(?: the)?\s*$", _F),
}
LOCATIVE = {
    "vi": re.compile(r"(?:tại|ở|đến|tới|sang)\s*(?:thủ đô|thành phố|bang|vùng)?\s*$", _F),
    "en": re.compile(r"\b(?:in|at|to|hosted by|location)\b(?:\s+[-–—]|\s+(?:the|agreed|capital|city|of|Hungarian|Turkish|Swiss|Saudi))*\s*$", _F),
}
SIDELINES = {"vi": _any([r"bên lề"]), "en": _any([r"on the sidelines"])}
SINGLE_PLACE_SUMMIT = {"vi": _any([r"thượng đỉnh"]), "en": _any([r"\bsummit\b"])}

# "the two leaders" and the like refer back to the parties of the event in hand.
BOTH_PARTIES = {
    "vi": _any([r"hai nhà lãnh đạo", r"hai bên", r"hai nước", r"hai ông", r"chúng tôi", r"hai phía", r"đại diện hai"]),
    "en": _any([r"\b(?:the )?two leaders\b", r"\bboth leaders\b", r"\b(?:the )?two sides\b", r"\bboth sides\b", r"\bwe\b", r"\bthe two\b"]),
}
FIRST_PERSON = {"vi": re.compile(r"(?<!chúng )\btôi\b", _F), "en": re.compile(r"\b(?:I|me)\b")}
FIRST_PERSON_PLURAL = {"vi": re.compile(r"\bchúng tôi\b", _F), "en": re.compile(r"\b(?:[Ww]e|us)\b")}
PRONOUN_SUBJECT = {
    "vi": re.compile(r"(?:^|[,.:;]\s*|\s)(?:ông|bà|ông ấy|bà ấy|ông ta|bà ta)\s+(?=\S)", _F),
    "en": re.compile(r"\b(?:he|she)\b", _F),
}
LED_BY = {
    "vi": re.compile(r"(?:do|dưới sự dẫn dắt của)\s+(?P<who>[^.;]{3,80}?)\s+dẫn đầu|dẫn đầu (?:là|bởi)\s+(?P<who2>[^.;]{3,80})", _F),
    "en": re.compile(r"\b(?:led|headed) by\s+(?P<who>[^.;]{3,80})", _F),
}

_VI_NUM = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10, "nửa": 0.5}
_EN_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "an": 1, "a": 1, "half an": 0.5}
NUMBERS = {"vi": _VI_NUM, "en": _EN_NUM}

_NUM_VI = r"\d+(?:[.,]\d+)?|" + "|".join(sorted(_VI_NUM, key=len, reverse=True))
_NUM_EN = r"\d+(?:\.\d+)?|" + "|".join(sorted(_EN_NUM, key=len, reverse=True))
DURATION = {
    # a lead word ("kéo dài", "lasted") or a hedge ("hơn", "nearly") marks a length of time, not a time of day;
    # "24 giờ sau khi" / "two hours later" are not durations
    "vi": re.compile(
        rf"(?:(?P<lead>kéo dài|trong|suốt|mất)\s+)?(?P<approx>khoảng|gần|hơn|chừng|xấp xỉ|chưa đầy|gần như)?\s*(?<![\d,.])(?P<num>{_NUM_VI})\s*(?P<unit>giờ|tiếng(?: đồng hồ)?|phút)(?P<half> rưỡi)?(?!\s*(?:sau|trước|nữa|qua|tới|kể từ)\b)",
        _F,
    ),
    "en": re.compile(
        rf"(?:(?P<lead>lasted|lasting|for|a|an|of)\s+)?(?P<approx>(?:just\s+)?(?:about|around|nearly|almost|more than|over|under|less than|roughly|some))?\s*(?<![\d.])(?P<num>{_NUM_EN})[\s-]*(?P<unit>hours?|minutes?|mins?)(?P<half> and a half)?(?:[\s-]+long)?(?!\s+(?:after|before|later|ago|earlier|from now)\b)",
        _F,
    ),
}
COUNT = {
    "vi": re.compile(rf"(?P<num>{_NUM_VI})\s+(?:lần|vòng|cuộc)\b", _F),
    "en": re.compile(rf"\b(?:(?P<num>{_NUM_EN})\s+(?:times|rounds)|(?P<twice>twice))\b", _F),
}
# Habitual or generic sentences ("officials talk twice a day") name no event.
HABITUAL = {
    "vi": _any([r"mỗi ngày", r"hằng ngày", r"hàng ngày", r"thường xuyên", r"mỗi tuần", r"định kỳ", r"một số dịp", r"\bthường lệ\b"]),
    "en": _any([r"\bevery day\b", r"\bdaily\b", r"\bregularly\b", r"\busually\b", r"\boften\b", r"\bon rare occasions\b", r"\ba day\b"]),
}

# A participant list: "giữa Nga và Mỹ", "between Russia and the US".
BETWEEN = {
    "vi": re.compile(
        r"\bgiữa\s+((?:[^\s,.;:]+[\s,]+){0,14}?(?:và|với|cùng)\s+(?:[^\s,.;:]+\s*){1,6}?)"
        r"(?=[,.;:]|$|\s(?:về|kể từ|để|nhằm|chỉ|tại|ở|vào|dự kiến|sẽ|đã|là|trong|diễn ra|được|hồi|từ)\b)",
        _F,
    ),
    "en": re.compile(
        r"\bbetween\s+((?:[\w.'’-]+\s+){0,6}?(?:and|with)\s+(?:the\s+)?(?:[\w.'’-]+\s*){1,4}?)"
        r"(?=[,.;:]|$|\s(?:on|over|since|to|in|at|about|was|were|will|is|comes|came|has|had|for|amid|after|before|that|which)\b)",
        _F,
    ),
}
# "the two leaders" names the people of the event in hand, not their countries
LEADERS = {"vi": _any([r"hai nhà lãnh đạo", r"hai ông", r"hai tổng thống"]), "en": _any([r"\btwo leaders\b", r"\bboth leaders\b", r"\btwo presidents\b"])}
# "xung đột Ukraine", "chiến sự ở Ukraine", "the war in Ukraine": a country as the subject matter, not a party
CONFLICT_OF = {
    "vi": re.compile(
        r"(?:xung đột|chiến sự|cuộc chiến|chiến tranh|khủng hoảng|hòa bình|tình hình)(?:\s+(?:ở|tại))?\s*$"
        r"|(?:xung đột|chiến tranh|cuộc chiến)\s+(?:giữa\s+)?(?:\S+\s+){0,3}(?:và|-|–)\s*$",
        _F,
    ),
    "en": re.compile(
        r"\b(?:war|conflict|crisis|fighting|peace|situation)\s+(?:in|over)\s+$"
        r"|\b(?:war|conflict|crisis)\s+(?:between|with)\s+(?:\S+\s+){0,3}$",
        _F,
    ),
}
CONFLICT_AFTER = {"vi": re.compile(r"^\b(?!)", _F), "en": re.compile(r"^(?:-\w+)?\s+(?:war|conflict|crisis)\b", _F)}
WITHOUT = {"vi": _any([r"không có sự tham gia của\s*$", r"không có\s*$", r"ngoại trừ\s*$"]), "en": _any([r"\bwithout\s+(?:the\s+)?$", r"\bexcluding\s+$"])}
# "cuộc gặp này", "that meeting": a reference to an event already named
DEMONSTRATIVE_AFTER = {"vi": re.compile(r"\s+(?:này|đó|ấy|trên|nói trên)\b", _F), "en": re.compile(r"^(?!)")}
DEMONSTRATIVE_BEFORE = {"vi": re.compile(r"(?!)"), "en": re.compile(r"\b(?:this|that|the same|the)\s+$", _F)}
# "the meeting between ...", "the call with ...": a definite article that still introduces the event
DEFINITE_INTRODUCES = {"vi": re.compile(r"(?!)"), "en": re.compile(r"^\s+(?:between|with|of|in|at|on|to|was held|took place)\b", _F)}
# Talk of negotiation as a process is not a round of talks
ABSTRACT = {
    "vi": _any([r"tiến trình", r"quá trình", r"thông qua đàm phán", r"bàn đàm phán", r"nhóm đàm phán", r"các nhóm", r"đoàn đàm phán"]),
    "en": _any([r"\bprocess\b", r"\bthrough negotiations?\b", r"\bnegotiating (?:team|table)\b", r"\bnegotiators?\b"]),
}
# An event word told relative to another ("since the meeting"): it shares the names before it
TEMPORAL_LINK = {"vi": _any([r"kể từ\s*$", r"\bsau\s*$", r"\btrước\s*$", r"\btừ\s*$"]), "en": _any([r"\bsince\s+(?:the|a|their|last)?\s*$", r"\bafter\s+(?:the|a|their)?\s*$", r"\bbefore\s+(?:the|a|their)?\s*$"])}
WITH = {"vi": re.compile(r"với\\b", _F), "en": re.compile(r"with\\b", _F)}
# "theo ông X", "according to X": X tells of the event, he is not in it
ACCORDING_TO = {
    "vi": re.compile(r"(?:\btheo|dẫn lời|trích lời)\s+(?:ông|bà|trợ lý|người phát ngôn|phát ngôn viên)?\s*$", _F),
    "en": re.compile(r"\b(?:according to|citing|quoting)\s+(?:(?:the\s+)?(?:assistant|aide|spokesman|spokeswoman|adviser|official)\s+)?$", _F),
}
# People below the leaders: their meeting is not the leaders' summit
DELEGATES = {
    "vi": _any([r"đại diện", r"quan chức", r"phái đoàn", r"cố vấn", r"trợ lý", r"bộ trưởng", r"đặc phái viên", r"nhóm đàm phán", r"cấp cao"]),
    "en": _any([r"\badvis[eo]rs?\b", r"\bofficials?\b", r"\bdelegations?\b", r"\brepresentatives?\b", r"\bministers?\b", r"\benvoys?\b", r"\bnegotiators?\b", r"\baides?\b"]),
}
# "Russian officials", "the Ukrainian delegation": a country named by its adjective
DEMONYM_GROUPS = r"(?:delegations?|officials?|negotiators?|sides?|teams?|representatives?|diplomats?|envoys?|military|forces|leaders?|government)"
# "Phía Mỹ có sự tham gia của ...", "joined by ...": people added to the meeting in hand
JOINED = {
    "vi": re.compile(r"(?:có sự tham gia của|tham dự cùng|cùng tham dự|tham gia cùng|làm trưởng đoàn|dẫn đầu phái đoàn|chủ trì|gồm có|bao gồm)[^.;]{0,160}", _F),
    "en": re.compile(r"(?:joined by|along with|accompanied by|\bincluded\b|\bincluding\b|took part|attended by|delegation (?:was )?(?:again )?led by)[^.;]{0,160}", _F),
}
# "Trump's envoy Steve Witkoff", "đặc phái viên của Tổng thống Trump": the first name only qualifies the second
ROLE_OF = {
    "vi": re.compile(r"(?:đặc phái viên|phái viên|trợ lý|cố vấn|người phát ngôn|phát ngôn viên|chánh văn phòng|chính quyền|văn phòng|nội các|con rể)\s+(?:của\s+)?$", _F),
    "en": re.compile(r"^['’]s\s+(?:special\s+)?(?:envoy|aide|adviser|advisor|assistant|spokes(?:man|woman|person)|administration|government|office|team|son-in-law|chief of staff)\b", _F),
}
TIME_ZONE_NOTE = {"vi": re.compile(r"\(?giờ\s*$", _F), "en": re.compile(r"\b(?:time|local time)\s*$", _F)}
# Talks of delegations are rounds of negotiation; talks of leaders are meetings
TALKS_WORDS = re.compile(r"hội đàm|đàm phán|hòa đàm|\btalks\b|negotiat", _F)
# "Witkoff and Kushner also took part": people added to the event already named
ALSO_JOINED = {"vi": _any([r"cũng tham gia", r"cũng có mặt", r"cùng tham gia"]), "en": _any([r"\balso (?:took part|joined|participated|on the call|attended)\b"])}

TRAILING_SPEECH = {
    "vi": re.compile(r"\s*(?:\S+\s+){0,3}?(?:cho biết|nói|cho hay|khẳng định|thông báo|xác nhận)\s*[.,]", _F),
    "en": re.compile(r"\s*(?:\S+\s+){0,3}?(?:said|says|told reporters|added|confirmed|announced)\s*[.,]", _F),
}
# Where a purpose, relative or reason clause starts: names after it are not the event's people
CLAUSE_BREAK = {
    "vi": re.compile(r"\s(?:để|nhằm|những gì|điều mà|vì|bởi vì|sau khi|trước khi|trong khi|mặc dù)\s", _F),
    "en": re.compile(r"\s(?:to (?:discuss|find out|learn|talk about|review|ask)|in order to|which|whom|because|after|before|while|although|what)\s", _F),
}
