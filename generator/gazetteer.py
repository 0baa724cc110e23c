"""Who and what the articles name: gazetteer, topics and glossary.

Takes the editors' files ``data/gazetteer.yaml``, ``data/topics.yaml`` and
``data/glossary.yaml``; gives

* :class:`Gazetteer`: the entities (persons, countries, organisations,
  places, media) with their English and Vietnamese names, aliases, roles with
  dates and metonyms ("the Kremlin" stands for Russia). ``find_mentions``
  turns a text into :class:`~generator.models.EntityMention` spans;
  ``candidates`` lists the capitalised names it does not know, so that an
  unknown name is reported, never dropped silently.
* :class:`Topics`: topic ids found in a text by keyword.
* :class:`Glossary`: the terms explained on the site, and where a text uses them.

Everything here is pure: ``load`` reads one file, every other call works on
the text it is given. A file that cannot be used raises
:class:`~generator.store.DataError` naming the file, the line and the field.

How ``find_mentions`` reads a text (the same rules for every article):

1. The text is NFC-normalised; spans are offsets into that NFC text. For
   matching only, Vietnamese old-style tone placement ("Thuỵ", "hoà") is
   folded onto the new style ("Thụy", "hòa") and typographic apostrophes and
   non-breaking spaces onto plain ones; these folds keep every offset.
2. Names and aliases match case-sensitively on word boundaries, the longest
   first, left to right, never overlapping. Person and media names in English
   also serve Vietnamese text (Vietnamese press writes "Donald Trump").
3. A title or honorific before a person's name is part of the mention
   (``via="honorific"``): "Tổng thống Nga Vladimir Putin", "ông Putin",
   "US President Donald Trump", "Mr. Putin", "Kremlin spokesman Peskov".
4. A title with a country or organisation but no name is resolved through the
   roles (``via="title"``): "Ngoại trưởng Mỹ", "the Russian leader",
   "người phát ngôn Điện Kremlin" -> whoever held that office on day ``on``;
   with ``on=None``, whoever holds it now (a role without an end date). A
   title resolves to no one when several people fit it, when it is
   "former"/"cựu", when it names two countries ("Bộ trưởng Quốc phòng Mỹ và
   Nga") or when an unknown capitalised name follows it ("Tổng thống Hàn Quốc
   Lee Jae Myung": that name is a candidate, see below); its country is then
   an ordinary mention.
5. "người đồng cấp Nga" / "his Russian counterpart" (``via="counterpart"``)
   resolve to the holder, in that country, of the office held by the last
   person named before it on the same line; else to the country's leader
   (president, then chancellor, then prime minister); else to the country.
6. Entities with ``stands_for`` (the Kremlin, the White House, the Pentagon,
   capitals such as Moscow or Washington) are ``via="metonym"`` unless a
   preposition of place comes just before them ("tại Moscow", "at the White
   House"): then they are a place, ``via="name"``/``"alias"``.
7. Vietnamese one-word country names that are also ordinary words or given
   names ("Anh", "Nga", "Đức", "Mỹ", "Pháp") are not matched in "Anh ấy",
   "tiếng Anh", "Thị Nga", "Tuấn Anh", "Đức Giáo hoàng"; a lone surname
   ("Trump") is not matched right after an unknown capitalised given name
   ("Melania Trump"; in Vietnamese only mid-sentence, and never in an English
   Headline In Title Case).

``candidates`` lists the capitalised names no mention covers (see its
docstring), for the editors' report of names to add.

Role dates: ``start`` is the first day in office, ``end`` the first day out
of it (the handover day, so two holders never overlap); both may be partial
(``2025-07``), and a partial end counts its whole period as held.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import EntityMention
from .store import DataError, did_you_mean, load_yaml

LANGS = ("en", "vi")
KINDS = ("person", "country", "organisation", "place", "media")
ENTITY_FIELDS = {
    "id", "kind", "name_en", "name_vi", "aliases", "demonyms", "country", "stands_for",
    "roles", "located_in", "wikidata", "note",
}
ROLE_FIELDS = {"title_en", "title_vi", "of", "office", "start", "end", "note"}
TOPIC_FIELDS = {"id", "name_en", "name_vi", "keywords", "note"}
TERM_FIELDS = {"id", "term_en", "term_vi", "match", "definition_en", "definition_vi", "note"}

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_OFFICE = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_TOKEN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
# unbound, so that map() runs them without a Python-level loop
_SPAN = re.Match.span


# --------------------------------------------------------------------------
# Text folding. Every fold keeps the length of the text, so offsets found in
# the folded text are offsets in the NFC text.

_TONED = {
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ",
    "A": "ÀÁẢÃẠ", "E": "ÈÉẺẼẸ", "Y": "ỲÝỶỸỴ", "O": "ÒÓỎÕỌ", "U": "ÙÚỦŨỤ",
}
_BASE_OF = {c: (base, i) for base, marks in _TONED.items() for i, c in enumerate(marks)}
# old style puts the tone on the second vowel of a word-final oa/oe/uy
_OLD_TONE = re.compile(r"([oOuU])([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?!\w)")
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\t": " ",
                         "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})
_SPACE_CHARS = re.compile("[" + re.escape("".join(map(chr, _SPACES))) + "]")


def _swap_tone(m: re.Match[str]) -> str:
    first, second = m.group(1), m.group(2)
    base, tone = _BASE_OF[second]
    if (first.lower(), base.lower()) not in {("o", "a"), ("o", "e"), ("u", "y")}:
        return m.group(0)
    return _TONED[first][tone] + base


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """The matching form of an NFC text: same length, same offsets."""
    if _SPACE_CHARS.search(text):  # translate() is slow on non-ASCII text, and most texts need none
        text = text.translate(_SPACES)
    return _OLD_TONE.sub(_swap_tone, text)


def _lower(text: str) -> str:
    """Lower case that keeps offsets (a few letters lower to two characters)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _keeps_word_edges(c: str) -> bool:
    low = c.lower()
    return len(low) != 1 or bool(_WORD_CHAR.match(c)) == bool(_WORD_CHAR.match(low))


# ASCII, Latin (Vietnamese included), combining marks and punctuation, checked
# here once rather than assumed. Greek is left out: its final sigma lowers by context.
_STABLE_CHARS = frozenset(
    c
    for lo, hi in ((0x0000, 0x036F), (0x1E00, 0x1EFF), (0x2000, 0x206F))
    for c in map(chr, range(lo, hi + 1))
    if _keeps_word_edges(c)
)


def _char_class(chars: Iterable[str], negate: bool = False) -> re.Pattern[str]:
    points = sorted(map(ord, chars))
    spans: list[list[int]] = []
    for p in points:
        if spans and spans[-1][1] == p - 1:
            spans[-1][1] = p
        else:
            spans.append([p, p])
    body = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in spans)
    return re.compile(("[^" if negate else "[") + body + "]")


# a regex search finds the first letter outside them faster than a set test on every letter
_UNSTABLE_CHAR = _char_class(_STABLE_CHARS, negate=True)


def _key(text: str) -> str:
    return fold(nfc(text.strip()))


def _is_title_word(tok: str) -> bool:
    return tok[:1].isupper() and not tok.isupper() if len(tok) > 1 else tok.isupper()


def _strip_marks(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


_VI_SYLLABLE = re.compile(r"^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$")


def _vietnamese_syllable(tok: str) -> bool:
    """True for a word shaped like one Vietnamese syllable ("Tuấn", "Giáo"), not "Sergei"."""
    return bool(_VI_SYLLABLE.match(_strip_marks(tok).lower()))


# --------------------------------------------------------------------------
# Vocabulary of titles. Titles match case-insensitively; each gives the
# offices it can name (empty: an honorific or rank, which names no office).
# The roles in data/gazetteer.yaml add their own titles to these.

HONORIFIC = "honorific"
TITLE = "title"
MODIFIER = "modifier"
FORMER = "former"
DETERMINER = "determiner"
CONNECTOR = "connector"
COUNTERPART = "counterpart"
COUNTERPARTS = "counterparts"
LEADER = ("president", "chancellor", "prime_minister", "supreme_leader", "emir", "king", "pope")

_SPOKES = ("spokesman", "kremlin_spokesman", "press_secretary")
_CHIEF_OF_DEFENCE = ("chief_of_defence",)

_TITLE_TABLE: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "vi": {
        "ông": (HONORIFIC, ()), "bà": (HONORIFIC, ()), "ngài": (HONORIFIC, ()), "quý bà": (HONORIFIC, ()),
        "tướng": (HONORIFIC, ()), "đại tướng": (HONORIFIC, ()), "thượng tướng": (HONORIFIC, ()),
        "trung tướng": (HONORIFIC, ()), "thiếu tướng": (HONORIFIC, ()), "đô đốc": (HONORIFIC, ()),
        "tỷ phú": (HONORIFIC, ()), "nghị sĩ": (HONORIFIC, ()), "thượng nghị sĩ": (HONORIFIC, ()),
        "tổng thống": (TITLE, ("president",)),
        "tân tổng thống": (TITLE, ("president",)),
        "phó tổng thống": (TITLE, ("vice_president",)),
        "chủ tịch nước": (TITLE, ("president",)),
        "chủ tịch": (TITLE, ("president", "chairman")),
        "tổng bí thư": (TITLE, ("general_secretary",)),
        "thủ tướng": (TITLE, ("prime_minister", "chancellor")),
        "phó thủ tướng": (TITLE, ("deputy_prime_minister",)),
        "ngoại trưởng": (TITLE, ("foreign_minister",)),
        "bộ trưởng ngoại giao": (TITLE, ("foreign_minister",)),
        "bộ trưởng quốc phòng": (TITLE, ("defence_minister",)),
        "bộ trưởng chiến tranh": (TITLE, ("defence_minister",)),
        "bộ trưởng tài chính": (TITLE, ("finance_minister",)),
        "bộ trưởng lục quân": (TITLE, ("army_secretary",)),
        "bộ trưởng": (TITLE, ()),
        "thứ trưởng ngoại giao": (TITLE, ("deputy_foreign_minister",)),
        "thứ trưởng": (TITLE, ()),
        "người phát ngôn": (TITLE, _SPOKES),
        "phát ngôn viên": (TITLE, _SPOKES),
        "nữ phát ngôn viên": (TITLE, _SPOKES),
        "thư ký báo chí": (TITLE, _SPOKES),
        "đặc phái viên": (TITLE, ("special_envoy",)),
        "đặc phái viên đặc biệt": (TITLE, ("special_envoy",)),
        "đặc phái viên hòa bình": (TITLE, ("special_envoy",)),
        "đặc sứ": (TITLE, ("special_envoy",)),
        "phái viên": (TITLE, ("special_envoy",)),
        "cố vấn an ninh quốc gia": (TITLE, ("national_security_adviser",)),
        "cố vấn": (TITLE, ("aide",)),
        "trợ lý": (TITLE, ("aide",)),
        "trợ lý tổng thống": (TITLE, ("aide",)),
        "giám đốc": (TITLE, ("director",)),
        "giám đốc cia": (TITLE, ("director",)),
        "chủ tịch hội đồng tham mưu trưởng liên quân": (TITLE, _CHIEF_OF_DEFENCE),
        "tổng tham mưu trưởng": (TITLE, _CHIEF_OF_DEFENCE),
        "tổng tham mưu trưởng quân đội": (TITLE, _CHIEF_OF_DEFENCE),
        "tổng tư lệnh": (TITLE, ("commander_in_chief",)),
        "tổng tư lệnh các lực lượng vũ trang": (TITLE, ("commander_in_chief",)),
        "tư lệnh": (TITLE, ("commander",)),
        "tham mưu trưởng": (TITLE, ("chief_of_staff",)),
        "chánh văn phòng": (TITLE, ("chief_of_staff",)),
        "chánh văn phòng tổng thống": (TITLE, ("chief_of_staff",)),
        "người đứng đầu văn phòng tổng thống": (TITLE, ("chief_of_staff",)),
        "trưởng văn phòng tổng thống": (TITLE, ("chief_of_staff",)),
        "thư ký hội đồng an ninh và quốc phòng quốc gia": (TITLE, ("nsdc_secretary",)),
        "thư ký hội đồng an ninh quốc gia và quốc phòng": (TITLE, ("nsdc_secretary",)),
        "thư ký hội đồng an ninh": (TITLE, ("security_council_secretary",)),
        "tổng thư ký": (TITLE, ("secretary_general",)),
        "giáo hoàng": (TITLE, ("pope",)),
        "đức giáo hoàng": (TITLE, ("pope",)),
        "thái tử": (TITLE, ("crown_prince",)),
        "quốc vương": (TITLE, ("king", "emir")),
        "nhà vua": (TITLE, ("king",)),
        "tiểu vương": (TITLE, ("emir",)),
        "đại sứ": (TITLE, ("ambassador",)),
        "trưởng phái đoàn": (TITLE, ("delegation_head",)),
        "trưởng đoàn đàm phán": (TITLE, ("delegation_head",)),
        "đại diện cấp cao": (TITLE, ("foreign_policy_chief",)),
        "người đứng đầu chính sách đối ngoại": (TITLE, ("foreign_policy_chief",)),
        "nhà lãnh đạo": (TITLE, LEADER),
        "người đứng đầu nhà nước": (TITLE, LEADER),
        "nhà lãnh đạo tối cao": (TITLE, ("supreme_leader",)),
        "người đồng cấp": (COUNTERPART, ()),
        "cựu": (FORMER, ()),
        "quyền": (MODIFIER, ()),
        "tân": (MODIFIER, ()),
        "của": (CONNECTOR, ()),
    },
    "en": {
        "mr.": (HONORIFIC, ()), "mr": (HONORIFIC, ()), "mrs.": (HONORIFIC, ()), "mrs": (HONORIFIC, ()),
        "ms.": (HONORIFIC, ()), "ms": (HONORIFIC, ()), "dr.": (HONORIFIC, ()), "sir": (HONORIFIC, ()),
        "madam": (HONORIFIC, ()), "dame": (HONORIFIC, ()), "gen.": (HONORIFIC, ()), "general": (HONORIFIC, ()),
        "lt. gen.": (HONORIFIC, ()), "adm.": (HONORIFIC, ()), "admiral": (HONORIFIC, ()),
        "sen.": (HONORIFIC, ()), "senator": (HONORIFIC, ()), "rep.": (HONORIFIC, ()),
        "president": (TITLE, ("president",)),
        "president-elect": (TITLE, ()),
        "vice president": (TITLE, ("vice_president",)),
        "vice-president": (TITLE, ("vice_president",)),
        "prime minister": (TITLE, ("prime_minister", "chancellor")),
        "premier": (TITLE, ("prime_minister",)),
        "chancellor": (TITLE, ("chancellor",)),
        "deputy prime minister": (TITLE, ("deputy_prime_minister",)),
        "foreign minister": (TITLE, ("foreign_minister",)),
        "foreign affairs minister": (TITLE, ("foreign_minister",)),
        "minister of foreign affairs": (TITLE, ("foreign_minister",)),
        "foreign secretary": (TITLE, ("foreign_minister",)),
        "secretary of state": (TITLE, ("foreign_minister",)),
        "top diplomat": (TITLE, ("foreign_minister",)),
        "deputy foreign minister": (TITLE, ("deputy_foreign_minister",)),
        "defence minister": (TITLE, ("defence_minister",)),
        "defense minister": (TITLE, ("defence_minister",)),
        "minister of defence": (TITLE, ("defence_minister",)),
        "minister of defense": (TITLE, ("defence_minister",)),
        "defence secretary": (TITLE, ("defence_minister",)),
        "defense secretary": (TITLE, ("defence_minister",)),
        "secretary of defense": (TITLE, ("defence_minister",)),
        "secretary of war": (TITLE, ("defence_minister",)),
        "war secretary": (TITLE, ("defence_minister",)),
        "treasury secretary": (TITLE, ("finance_minister",)),
        "secretary of the treasury": (TITLE, ("finance_minister",)),
        "finance minister": (TITLE, ("finance_minister",)),
        "army secretary": (TITLE, ("army_secretary",)),
        "secretary of the army": (TITLE, ("army_secretary",)),
        "minister": (TITLE, ()),
        "secretary": (TITLE, ()),
        "spokesman": (TITLE, _SPOKES),
        "spokeswoman": (TITLE, _SPOKES),
        "spokesperson": (TITLE, _SPOKES),
        "press secretary": (TITLE, _SPOKES),
        "special envoy": (TITLE, ("special_envoy",)),
        "special presidential envoy": (TITLE, ("special_envoy",)),
        "peace envoy": (TITLE, ("special_envoy",)),
        "envoy": (TITLE, ("special_envoy",)),
        "national security adviser": (TITLE, ("national_security_adviser",)),
        "national security advisor": (TITLE, ("national_security_adviser",)),
        "adviser": (TITLE, ("aide",)),
        "advisor": (TITLE, ("aide",)),
        "foreign policy adviser": (TITLE, ("aide",)),
        "foreign policy aide": (TITLE, ("aide",)),
        "aide": (TITLE, ("aide",)),
        "assistant": (TITLE, ("aide",)),
        "presidential aide": (TITLE, ("aide",)),
        "director": (TITLE, ("director",)),
        "chairman of the joint chiefs of staff": (TITLE, _CHIEF_OF_DEFENCE),
        "chairman of the joint chiefs": (TITLE, _CHIEF_OF_DEFENCE),
        "joint chiefs chairman": (TITLE, _CHIEF_OF_DEFENCE),
        "chief of the general staff": (TITLE, _CHIEF_OF_DEFENCE),
        "chief of general staff": (TITLE, _CHIEF_OF_DEFENCE),
        "army chief": (TITLE, _CHIEF_OF_DEFENCE),
        "military chief": (TITLE, _CHIEF_OF_DEFENCE),
        "top general": (TITLE, _CHIEF_OF_DEFENCE),
        "commander-in-chief": (TITLE, ("commander_in_chief",)),
        "commander in chief": (TITLE, ("commander_in_chief",)),
        "commander": (TITLE, ("commander",)),
        "chief of staff": (TITLE, ("chief_of_staff",)),
        "presidential chief of staff": (TITLE, ("chief_of_staff",)),
        "head of the presidential office": (TITLE, ("chief_of_staff",)),
        "head of the presidential administration": (TITLE, ("chief_of_staff",)),
        "security council secretary": (TITLE, ("security_council_secretary",)),
        "secretary of the security council": (TITLE, ("security_council_secretary",)),
        "secretary of the national security and defense council": (TITLE, ("nsdc_secretary",)),
        "secretary of the national security and defence council": (TITLE, ("nsdc_secretary",)),
        "secretary-general": (TITLE, ("secretary_general",)),
        "secretary general": (TITLE, ("secretary_general",)),
        "pope": (TITLE, ("pope",)),
        "crown prince": (TITLE, ("crown_prince",)),
        "king": (TITLE, ("king",)),
        "emir": (TITLE, ("emir",)),
        "ambassador": (TITLE, ("ambassador",)),
        "chief negotiator": (TITLE, ("delegation_head",)),
        "lead negotiator": (TITLE, ("delegation_head",)),
        "negotiator": (TITLE, ("delegation_head",)),
        "foreign policy chief": (TITLE, ("foreign_policy_chief",)),
        "high representative": (TITLE, ("foreign_policy_chief",)),
        "leader": (TITLE, LEADER),
        "head of state": (TITLE, LEADER),
        "supreme leader": (TITLE, ("supreme_leader",)),
        "counterpart": (COUNTERPART, ()),
        "counterparts": (COUNTERPARTS, ()),
        "former": (FORMER, ()),
        "ex-": (FORMER, ()),
        "then-": (FORMER, ()),
        "outgoing": (FORMER, ()),
        "acting": (MODIFIER, ()),
        "incoming": (MODIFIER, ()),
        "new": (MODIFIER, ()),
        "the": (DETERMINER, ()),
        "his": (DETERMINER, ()),
        "her": (DETERMINER, ()),
        "their": (DETERMINER, ()),
        "its": (DETERMINER, ()),
        "of": (CONNECTOR, ()),
        "of the": (CONNECTOR, ()),
    },
}

# Words before a metonym that make it a place ("tại Moscow", "in Washington").
_LOCATIVE = {
    "vi": re.compile(
        r"(?:^|\s)(?:tại|ở|đến|tới|sang|từ|thăm|rời|rời khỏi|gần|quanh|bên trong|trong|ngoài|khỏi|thủ đô|thành phố)\s+$",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:in|at|to|from|into|near|outside|inside|around|across|visit|visits|visited|visiting|toured|left|"
        r"capital|city of|arrived in|flew to)\s+(?:the\s+)?$",
        re.IGNORECASE,
    ),
}

# One-word Vietnamese country names that are also ordinary words: the words
# after them that show the ordinary use ("Anh ấy" = he, "Đức tin" = faith).
_VI_NOT_FOLLOWED_BY: dict[str, set[str]] = {
    "Anh": {"ấy", "ta", "em", "chị", "ơi", "ạ", "mình", "trai", "rể", "họ", "hùng", "cả", "ruột", "chàng", "bạn", "tôi"},
    "Đức": {"tin", "hạnh", "tính", "độ", "phật", "chúa", "mẹ", "cha", "thánh"},
    "Mỹ": {"phẩm", "thuật", "nhân", "viện", "miều", "quan", "mãn", "nữ", "tho", "tục"},
    "Pháp": {"luật", "lý", "lệnh", "sư", "danh", "chế", "nhân", "quyền", "môn", "đình", "y"},
    "Nga": {"ơi", "ạ"},
    "Nhật": {"ký", "thực", "báo", "trình"},
    "Ý": {"kiến", "nghĩa", "tưởng", "định", "chí", "thức", "muốn", "đồ"},
}
# Lower-case words before a country name that make it a language, not an actor.
_VI_NOT_PRECEDED_BY = {"tiếng", "chữ", "hằng", "thị"}

# Capitalised words that start Vietnamese sentences: before a country or a
# surname they are not part of a personal name.
_VI_FUNCTION_WORDS = {
    "theo", "tại", "ở", "với", "cả", "để", "khi", "nếu", "còn", "nhưng", "và", "phía", "trong", "sau", "trước",
    "từ", "cho", "vì", "do", "bởi", "về", "đối", "giữa", "hôm", "ngày", "tuy", "dù", "mặc", "hiện", "riêng",
    "ngoài", "cùng", "đến", "tới", "sang", "bên", "chính", "như", "hay", "hoặc", "rồi", "lúc", "đó", "đây",
    "nay", "năm", "tháng", "tuần", "ngay", "đồng", "thời", "chỉ", "các", "những", "một", "hai", "ba", "mỗi",
    "không", "chưa", "đã", "đang", "sẽ", "cũng", "vẫn", "ông", "bà", "anh", "chị", "tuy nhiên", "thế", "vậy",
    "nga", "mỹ", "ukraine", "là", "có", "được", "bị", "ảnh", "nguồn", "video", "clip", "xem", "đọc", "tin",
    "chiều", "sáng", "tối", "đêm", "trưa", "đầu", "cuối", "giữa", "hồi", "kể", "tính", "nhằm", "nhờ",
    "trả", "phát", "cuộc", "tổng", "thủ", "bộ", "ngoại", "người", "nhà", "điện", "lầu",
}
_EN_FUNCTION_WORDS = {
    "the", "a", "an", "in", "on", "at", "to", "for", "of", "from", "by", "with", "and", "or", "but", "as",
    "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "you", "his", "her", "their",
    "its", "our", "my", "your", "however", "according", "after", "before", "while", "when", "where", "what",
    "who", "why", "how", "if", "since", "during", "meanwhile", "also", "then", "now", "today", "yesterday",
    "tomorrow", "last", "next", "both", "all", "some", "many", "most", "both", "each", "every", "no", "not",
    "there", "here", "so", "yet", "still", "even", "only", "just", "under", "over", "about", "despite",
    "although", "though", "because", "until", "unless", "whether", "said", "says", "told", "asked",
    "later", "earlier", "separately", "speaking", "asked", "instead", "afterwards", "overnight", "finally",
    "initially", "previously", "recently", "again", "indeed", "thus", "hence", "first", "second", "third",
    "like", "unlike", "besides", "beyond", "against", "between", "among", "amid", "toward", "towards",
    "mr", "mrs", "ms", "dr", "president", "former", "new", "news", "photo", "video", "read", "related",
    "reuters", "ap", "afp", "minister", "secretary", "prime", "foreign", "defense", "defence", "spokesman",
    "special", "envoy", "senior", "top", "chief", "head", "deputy", "vice", "general", "gen", "sen",
}
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_EN_TRIM = _EN_FUNCTION_WORDS | _MONTHS | _WEEKDAYS
_EN_STOP = _EN_TRIM | {
    "summit", "palace", "war", "cold", "world", "office", "state", "states", "republic", "west", "east",
    "north", "south", "western", "eastern", "european", "coast", "time", "day", "week", "year", "spirit",
    "process", "program", "programme", "plan", "peace", "talks", "negotiations", "council", "ministry",
    "department", "agency", "committee", "house", "group", "forum", "conference", "treaty", "agreement",
    "operation", "military", "army", "navy", "air", "force", "forces", "party", "government", "administration",
    "parliament", "congress", "senate", "national", "international", "federal", "united", "central",
    "security", "intelligence", "defence", "defense", "economic", "energy", "nuclear", "ceasefire",
    "social", "media", "post", "page", "share", "comment", "comments", "home", "sports", "business", "opinion",
    "tags", "tag", "topic", "topics", "updated", "published", "source", "sources", "more", "breaking", "live",
    "exclusive", "analysis", "editorial", "ukrainian", "russian", "american", "european", "chinese",
}
_VI_STOP = _VI_FUNCTION_WORDS | {
    "thứ", "chủ", "nhật", "hai", "ba", "tư", "năm", "sáu", "bảy", "phó", "đặc", "cố", "giám", "chánh", "thư",
    "hội", "ủy", "uỷ", "ban", "cục", "sở", "viện", "tòa", "văn", "phủ", "trung", "diễn", "hiệp", "liên",
    "quốc", "tổ", "cơ", "đảng", "quân", "lực", "tập", "công", "ngân", "chiến", "thỏa", "hiến", "luật",
    "nghị", "quyết", "sắc", "lệnh", "kế", "hoạch", "tên", "lửa", "đài", "báo", "tờ", "hãng", "mạng",
    "thông", "tấn", "xã", "cụm", "khu", "vùng", "bán", "đảo", "biển", "sông", "núi", "đường", "phố", "tỉnh",
    "huyện", "thị", "làng", "bản", "tổng", "thống", "thủ", "tướng", "bộ", "trưởng", "ngoại", "giao",
    "người", "nhà", "lãnh", "đạo", "điện", "lầu", "em", "cháu", "cô", "chú", "bác", "cụ", "ngài", "tiến",
    "sĩ", "giáo", "sư", "đại", "tá", "tướng", "ngày", "tháng", "tuần", "quý", "mùa", "xuân", "hạ", "thu",
    "đông", "tết", "lễ", "hội", "chương", "trình", "dự", "án", "sự", "kiện", "multimedia", "infographic",
    "emagazine", "longform", "podcast", "tin", "bài", "liên", "quan", "đọc", "nhiều", "xem", "thêm", "mới",
}
_CONNECTOR_PARTICLES = {"von", "der", "van", "de", "bin", "al", "da", "del", "la", "le", "di", "ibn", "dos", "du"}


# --------------------------------------------------------------------------
# Data types


@dataclass(frozen=True)
class Role:
    """An office an entity held: what it is called, whose, and when."""

    title_en: str
    title_vi: str
    of: str
    office: str
    start: str | None = None
    end: str | None = None

    def held_on(self, day: str | None) -> bool:
        """Held on ``day`` (ISO); with ``day=None``: held now (no end date)."""
        if day is None:
            return self.end is None
        return _low(self.start) <= day and (self.end is None or day < _high(self.end))

    def title(self, lang: str) -> str:
        return self.title_vi if lang == "vi" else self.title_en


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str
    name_en: str
    name_vi: str
    aliases_en: tuple[str, ...] = ()
    aliases_vi: tuple[str, ...] = ()
    country: str | None = None
    stands_for: str | None = None
    roles: tuple[Role, ...] = ()
    located_in: str | None = None
    demonyms_en: tuple[str, ...] = ()
    demonyms_vi: tuple[str, ...] = ()
    wikidata: str | None = None

    def name(self, lang: str) -> str:
        return self.name_vi if lang == "vi" else self.name_en

    def aliases(self, lang: str) -> tuple[str, ...]:
        return self.aliases_vi if lang == "vi" else self.aliases_en

    def role_on(self, day: str | None = None) -> Role | None:
        """The role held on ``day`` (the first listed when several are);
        with ``day=None`` the current one (no end date), else the latest."""
        if not self.roles:
            return None
        if day is None:
            current = [r for r in self.roles if r.end is None]
            if current:
                return current[0]
            return max(self.roles, key=lambda r: _high(r.end))
        d = as_day(day)
        return next((r for r in self.roles if r.held_on(d)), None)

    def roles_on(self, day: str | None = None) -> list[Role]:
        d = None if day is None else as_day(day)
        return [r for r in self.roles if r.held_on(d)]


def as_day(day: Any) -> str:
    """An ISO day from a date, a datetime, or an ISO string (partial: its first day)."""
    if isinstance(day, (_dt.date, _dt.datetime)):
        return day.isoformat()[:10]
    text = str(day).strip()[:10]
    if re.match(r"^\d{4}$", text):
        return text + "-01-01"
    if re.match(r"^\d{4}-\d{2}$", text):
        return text + "-01"
    return text


def _low(value: str | None) -> str:
    if value is None:
        return "0000-00-00"
    return {4: value + "-01-01", 7: value + "-01"}.get(len(value), value)


def _high(value: str | None) -> str:
    """The first day out of office; a partial date counts its whole period as held."""
    if value is None:
        return "9999-99-99"
    return {4: value + "-99", 7: value + "-99"}.get(len(value), value)


# --------------------------------------------------------------------------
# Loading helpers


class _Errors:
    def __init__(self, path: Path):
        self.path = path
        self.items: list[str] = []

    def add(self, line: Any, message: str) -> None:
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        self.items.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            more = f" (and {len(self.items) - 1} more problem(s) below)" if len(self.items) > 1 else ""
            raise DataError(self.items[0] + more + ("\n" + "\n".join(self.items[1:]) if len(self.items) > 1 else ""))


def _load(path: Path) -> Any:
    """``load_yaml`` with line numbers; an impossible date (2025-13-01) is a DataError too."""
    try:
        return load_yaml(path, with_lines=True)
    except DataError:
        raise
    except ValueError as err:  # PyYAML builds dates itself and raises on 2025-02-30
        line = "?"
        try:
            for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for value in re.findall(r"(?<![\w\"'-])(\d{4}-\d{2}-\d{2})(?![\w\"'])", text):
                    try:
                        _dt.date.fromisoformat(value)
                    except ValueError:
                        line = str(n)
                        raise StopIteration from None
        except StopIteration:
            pass
        raise DataError(f"{path}:{line}: a date is not a real day ({err}). Fix it, or write null when unknown.") from None


def _top_list(path: Path, key: str, errors: _Errors) -> list[dict]:
    data = _load(path)
    if data is None:
        return []
    if not isinstance(data, dict) or key not in data:
        raise DataError(f"{path}:1: expected a mapping with a list `{key}:`. See the comment at the top of the file.")
    for other in data:
        if other not in (key, "__line__"):
            errors.add(data.get("__line__", 1), f"top-level key '{other}' is unknown{did_you_mean(other, [key])}")
    items = data[key] or []
    if not isinstance(items, list):
        raise DataError(f"{path}:{data.get('__line__', 1)}: `{key}` must be a list of entries")
    out = []
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            errors.add(data.get("__line__", 1), f"{key}[{n}]: expected a mapping of fields, got {type(item).__name__}")
            continue
        out.append(item)
    return out


def _label(item: dict, n: int, what: str) -> str:
    ident = item.get("id")
    return f"{what} '{ident}'" if isinstance(ident, str) else f"{what} #{n + 1}"


def _check_fields(item: dict, allowed: set[str], label: str, errors: _Errors) -> None:
    line = item.get("__line__")
    for key in item:
        if key != "__line__" and key not in allowed:
            errors.add(line, f"{label}: field '{key}' is unknown{did_you_mean(str(key), allowed)}")


def _text(item: dict, key: str, label: str, errors: _Errors, required: bool = True) -> str | None:
    value = item.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.add(item.get("__line__"), f"{label}: field '{key}' is missing")
        return None
    if not isinstance(value, str):
        errors.add(item.get("__line__"), f"{label}: field '{key}' must be text, got {value!r}")
        return None
    return nfc(value.strip())


def _lang_lists(item: dict, key: str, label: str, errors: _Errors) -> dict[str, tuple[str, ...]]:
    """A field like ``aliases: {en: [...], vi: [...]}``."""
    value = item.get(key)
    out: dict[str, tuple[str, ...]] = {lang: () for lang in LANGS}
    if value is None:
        return out
    line = value.get("__line__", item.get("__line__")) if isinstance(value, dict) else item.get("__line__")
    if not isinstance(value, dict):
        errors.add(line, f"{label}: field '{key}' must be a mapping {{en: [...], vi: [...]}}")
        return out
    for lang, surfaces in value.items():
        if lang == "__line__":
            continue
        if lang not in LANGS:
            errors.add(line, f"{label}: {key}.{lang}: language '{lang}' is unknown{did_you_mean(str(lang), LANGS)}")
            continue
        if surfaces is None:
            continue
        if isinstance(surfaces, str):
            surfaces = [surfaces]
        if not isinstance(surfaces, list) or not all(isinstance(s, str) and s.strip() for s in surfaces):
            errors.add(line, f"{label}: {key}.{lang} must be a list of non-empty texts")
            continue
        seen: list[str] = []
        for s in surfaces:
            s = nfc(s.strip())
            if s not in seen:
                seen.append(s)
        out[lang] = tuple(seen)
    return out


def _date(value: Any, label: str, key: str, line: Any, errors: _Errors) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not _ISO.match(text):
        errors.add(line, f"{label}: {key} '{value}' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY); use null when unknown")
        return None
    if len(text) == 10:
        try:
            _dt.date.fromisoformat(text)
        except ValueError:
            errors.add(line, f"{label}: {key} '{text}' is not a real day")
            return None
    return text


# --------------------------------------------------------------------------
# The gazetteer


@dataclass
class _Surface:
    key: str  # folded surface
    entity: str
    canonical: bool
    kind: str = ""  # the entity's
    # a surface ending in a letter must not run on into the next word
    word_end: bool = field(init=False)

    def __post_init__(self) -> None:
        self.word_end = bool(self.key) and bool(_WORD_CHAR.match(self.key[-1]))


@dataclass
class _TitleInfo:
    kind: str
    offices: tuple[str, ...] = ()
    implied_of: str | None = None


@dataclass
class _Part:
    kind: str  # honorific | title | counterpart(s) | former | modifier | determiner | connector | qual
    start: int
    end: int
    offices: tuple[str, ...] = ()
    implied_of: str | None = None
    qual: str | None = None


def _word_at(memo: dict[int, str | None], text: str, pos: int) -> str | None:
    """The word of ``text`` starting at ``pos`` (None if none), remembered in ``memo``: the
    title and name lookups ask for the same positions again and again."""
    try:
        return memo[pos]
    except KeyError:
        m = _TOKEN.match(text, pos)
        word = memo[pos] = m.group(0) if m else None
        return word


@dataclass
class _Text:
    """One text prepared for matching."""

    text: str  # NFC
    folded: str
    lower: str
    _title_case: dict[int, bool] = field(default_factory=dict)
    # words already looked up at an offset: the same offset is asked about
    # for titles, qualifiers and names in turn
    _words: dict[int, str | None] = field(default_factory=dict)
    _lower_words: dict[int, str | None] = field(default_factory=dict)
    _tokens: list[tuple[int, int]] | None = None

    @classmethod
    def of(cls, text: str) -> _Text:
        t = nfc(text)
        f = fold(t)
        return cls(t, f, _lower(f))

    @property
    def tokens(self) -> list[tuple[int, int]]:
        # on demand: find_mentions finds its starting points without them
        if self._tokens is None:
            self._tokens = list(map(_SPAN, _TOKEN.finditer(self.folded)))
        return self._tokens

    def same_words_in_lower(self) -> bool:
        """Whether ``lower`` has its words where ``folded`` has them.

        Lowering could in principle turn a letter into a non-word character
        or back; none of _STABLE_CHARS does, and for other scripts the words
        are compared rather than assumed.
        """
        if not _UNSTABLE_CHAR.search(self.folded):
            return True
        return list(map(_SPAN, _TOKEN.finditer(self.lower))) == self.tokens

    def word_at(self, pos: int) -> str | None:
        """``_TOKEN.match(folded, pos)``, as a string."""
        return _word_at(self._words, self.folded, pos)

    def lower_word_at(self, pos: int) -> str | None:
        """``_TOKEN.match(lower, pos)``, as a string."""
        return _word_at(self._lower_words, self.lower, pos)

    def token(self, i: int) -> str:
        s, e = self.tokens[i]
        return self.folded[s:e]

    def skip_space(self, pos: int) -> int:
        """Position of the next word after spaces on the same line (or ``pos``)."""
        j = pos
        while j < len(self.folded) and self.folded[j] == " ":
            j += 1
        return j

    def prev_token(self, pos: int) -> tuple[int, str] | None:
        """The word right before ``pos`` when only one space separates them."""
        j = pos - 1
        if j < 1 or self.folded[j] != " ":
            return None
        end = j
        while j > 0 and _WORD_CHAR.match(self.folded[j - 1]):
            j -= 1
        if j == end:
            return None
        return j, self.folded[j:end]

    def next_token(self, pos: int) -> tuple[int, str] | None:
        if pos >= len(self.folded) or self.folded[pos] != " ":
            return None
        j = pos + 1
        m = _TOKEN.match(self.folded, j)
        return (j, m.group(0)) if m else None

    def sentence_initial(self, pos: int) -> bool:
        j = pos - 1
        while j >= 0 and self.folded[j] in " \t":
            j -= 1
        if j < 0 or self.folded[j] in "\n\r.!?:;\"“”(|[*#>-–—•…":
            return True
        return False

    def title_case_line(self, pos: int, known: set[str]) -> bool:
        """An English headline In Title Case: most of its words that are not
        known names or titles are capitalised."""
        lo = self.folded.rfind("\n", 0, pos) + 1
        if lo not in self._title_case:
            hi = self.folded.find("\n", lo)
            line = self.folded[lo : hi if hi >= 0 else len(self.folded)]
            words = [w for w in _TOKEN.findall(line) if w.isalpha() and len(w) > 3 and _lower(w) not in known]
            self._title_case[lo] = len(words) >= 3 and sum(1 for w in words if w[0].isupper()) >= 0.7 * len(words)
        return self._title_case[lo]


class Gazetteer:
    """The entities of the chronicle and the rules that find them in a text."""

    def __init__(self, entities: Iterable[Entity], source: str = "<memory>"):
        self._entities: dict[str, Entity] = {}
        for e in entities:
            self._entities[e.id] = e
        self.source = source
        self._build()

    # -- loading ---------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        """Read ``data/gazetteer.yaml``; every problem names the file, line and field."""
        path = Path(path)
        errors = _Errors(path)
        items = _top_list(path, "entities", errors)
        entities: list[Entity] = []
        lines: dict[str, Any] = {}
        refs: list[tuple[Any, str, str, str, tuple[str, ...]]] = []  # line, label, field, target, allowed kinds
        for n, item in enumerate(items):
            label = _label(item, n, "entity")
            line = item.get("__line__")
            _check_fields(item, ENTITY_FIELDS, label, errors)
            ident = item.get("id")
            if ident is None:
                errors.add(line, f"{label}: field 'id' is missing")
                continue
            if not isinstance(ident, str) or not _SLUG.match(ident):
                errors.add(line, f"{label}: id {ident!r} must be a lowercase ascii slug like 'donald-trump'")
                continue
            if ident in lines:
                errors.add(line, f"{label}: duplicate id (first defined at line {lines[ident]})")
                continue
            lines[ident] = line
            kind = item.get("kind")
            if kind not in KINDS:
                hint = did_you_mean(str(kind), KINDS) if kind else ""
                errors.add(line, f"{label}: kind {kind!r} is unknown{hint}; use one of {', '.join(KINDS)}")
                continue
            name_en = _text(item, "name_en", label, errors)
            name_vi = _text(item, "name_vi", label, errors)
            aliases = _lang_lists(item, "aliases", label, errors)
            demonyms = _lang_lists(item, "demonyms", label, errors)
            for key in ("country", "stands_for", "located_in"):
                target = item.get(key)
                if target is None:
                    continue
                if not isinstance(target, str):
                    errors.add(line, f"{label}: field '{key}' must be an entity id")
                    continue
                allowed = ("country",) if key in ("country", "located_in") else ("country", "organisation", "place")
                refs.append((line, label, key, target, allowed))
            if item.get("country") == ident or item.get("stands_for") == ident:
                errors.add(line, f"{label}: refers to itself")
            wikidata = item.get("wikidata")
            if wikidata is not None and (not isinstance(wikidata, str) or not _WIKIDATA.match(wikidata)):
                errors.add(line, f"{label}: wikidata {wikidata!r} must look like 'Q7747' (or be left out)")
                wikidata = None
            roles: list[Role] = []
            raw_roles = item.get("roles") or []
            if not isinstance(raw_roles, list):
                errors.add(line, f"{label}: field 'roles' must be a list")
                raw_roles = []
            for r_n, raw in enumerate(raw_roles):
                if not isinstance(raw, dict):
                    errors.add(line, f"{label}: roles[{r_n}] must be a mapping of title_en, title_vi, of, office, start, end")
                    continue
                r_line = raw.get("__line__", line)
                r_label = f"{label}: roles[{r_n}]"
                _check_fields(raw, ROLE_FIELDS, r_label, errors)
                title_en = _text(raw, "title_en", r_label, errors)
                title_vi = _text(raw, "title_vi", r_label, errors)
                office = raw.get("office")
                if not isinstance(office, str) or not _OFFICE.match(office):
                    errors.add(r_line, f"{r_label}: office {office!r} must be a short key like 'president' or 'foreign_minister'")
                    continue
                of = raw.get("of")
                if not isinstance(of, str):
                    errors.add(r_line, f"{r_label}: field 'of' (the country or organisation id) is missing")
                    continue
                refs.append((r_line, r_label, "of", of, ("country", "organisation")))
                start = _date(raw.get("start"), r_label, "start", r_line, errors)
                end = _date(raw.get("end"), r_label, "end", r_line, errors)
                if start and end and _low(start) >= _high(end):
                    errors.add(r_line, f"{r_label}: end {end} is not after start {start}")
                if title_en and title_vi:
                    roles.append(Role(title_en, title_vi, of, office, start, end))
            if kind != "person" and roles:
                errors.add(line, f"{label}: only persons have roles")
            if name_en is None or name_vi is None:
                continue
            entities.append(
                Entity(
                    id=ident, kind=kind, name_en=name_en, name_vi=name_vi,
                    aliases_en=aliases["en"], aliases_vi=aliases["vi"],
                    country=item.get("country"), stands_for=item.get("stands_for"),
                    roles=tuple(roles), located_in=item.get("located_in"),
                    demonyms_en=demonyms["en"], demonyms_vi=demonyms["vi"], wikidata=wikidata,
                )
            )
        kinds = {e.id: e.kind for e in entities}
        for line, label, key, target, allowed in refs:
            if target not in kinds:
                if target in lines:  # defined, but with its own error
                    continue
                errors.add(line, f"{label}: {key} '{target}' is not an entity id in this file{did_you_mean(target, list(lines))}")
            elif kinds[target] not in allowed:
                errors.add(line, f"{label}: {key} '{target}' is a {kinds[target]}; expected {' or '.join(allowed)}")
        for problem_line, message in _surface_problems(entities, lines):
            errors.add(problem_line, message)
        errors.raise_if_any()
        return cls(entities, source=str(path))

    # -- access ------------------------------------------------------------------

    def get(self, entity_id: str) -> Entity:
        try:
            return self._entities[entity_id]
        except KeyError:
            raise KeyError(f"no entity '{entity_id}' in the gazetteer{did_you_mean(entity_id, list(self._entities))}") from None

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entities

    def __len__(self) -> int:
        return len(self._entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities.values())

    @property
    def entities(self) -> list[Entity]:
        return list(self._entities.values())

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self._entities.values() if e.kind == kind]

    def actor(self, entity_id: str) -> str:
        """The entity an id acts for: the Kremlin -> russia; anything else itself."""
        ent = self._entities.get(entity_id)
        return ent.stands_for if ent is not None and ent.stands_for else entity_id

    def lookup(self, surface: str, lang: str | None = None) -> Entity | None:
        """The entity a name or alias (exactly as written) belongs to, if any."""
        key = _key(surface)
        for lg in (lang,) if lang else LANGS:
            hit = self._by_surface[lg].get(key)
            if hit:
                return self._entities[hit]
        for e in self._entities.values():
            if key in (_key(e.name_en), _key(e.name_vi)):
                return e
        return None

    def holders(self, offices: Iterable[str], of: str, on: str | None = None) -> list[Entity]:
        """Persons who held one of ``offices`` of ``of`` on day ``on`` (None: now), best match first.

        ``of`` matches a role's ``of`` directly, or through ``stands_for`` /
        ``country`` (the Kremlin's spokesman is a spokesman "of Russia").
        The offices are tried in the order given.
        """
        day = None if on is None else as_day(on)
        for office in offices:
            direct: list[str] = []
            linked: list[str] = []
            for person_id, role in self._roles_by_office.get(office, ()):
                if not role.held_on(day):
                    continue
                if role.of == of:
                    direct.append(person_id)
                elif self._linked(role.of, of):
                    linked.append(person_id)
            for found in (direct, linked):
                unique = list(dict.fromkeys(found))
                if unique:
                    return [self._entities[p] for p in unique]
        return []

    def holder(self, offices: Iterable[str] | str, of: str, on: str | None = None) -> Entity | None:
        """The one person who held the office on the day; None when nobody or several did."""
        found = self.holders((offices,) if isinstance(offices, str) else offices, of, on)
        return found[0] if len(found) == 1 else None

    def _linked(self, a: str, b: str) -> bool:
        ea, eb = self._entities.get(a), self._entities.get(b)
        if ea is None or eb is None:
            return False
        return b in (ea.stands_for, ea.country) or a in (eb.stands_for, eb.country)

    # -- matching tables ---------------------------------------------------------------

    def _build(self) -> None:
        self._by_surface: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
        self._names: dict[str, dict[str, list[_Surface]]] = {lang: {} for lang in LANGS}
        self._demonyms: dict[str, dict[str, list[_Surface]]] = {lang: {} for lang in LANGS}
        self._known_tokens: dict[str, set[str]] = {lang: set() for lang in LANGS}
        self._roles_by_office: dict[str, list[tuple[str, Role]]] = {}
        for e in self._entities.values():
            for lang in LANGS:
                for surface, canonical in _surfaces(e, lang):
                    key = _key(surface)
                    if key in self._by_surface[lang] and self._by_surface[lang][key] != e.id:
                        continue  # a clash the loader reports; in memory the first wins
                    self._by_surface[lang][key] = e.id
                    self._add(self._names[lang], _Surface(key, e.id, canonical, e.kind))
                    self._known_tokens[lang].update(_TOKEN.findall(key))
                    variant = _lowercase_variant(key) if e.kind in ("organisation", "place") else None
                    if variant and variant not in self._by_surface[lang]:
                        self._by_surface[lang][variant] = e.id
                        self._add(self._names[lang], _Surface(variant, e.id, canonical, e.kind))
                for demonym in e.demonyms_vi if lang == "vi" else e.demonyms_en:
                    key = _key(demonym)
                    self._add(self._demonyms[lang], _Surface(key, e.id, False, e.kind))
                    self._known_tokens[lang].update(_TOKEN.findall(key))
            for role in e.roles:
                self._roles_by_office.setdefault(role.office, []).append((e.id, role))
        for table in (*self._names.values(), *self._demonyms.values()):
            for surfaces in table.values():
                surfaces.sort(key=lambda s: -len(s.key))
        # titles: the fixed vocabulary and the titles of every role
        self._titles: dict[str, dict[str, list[tuple[str, _TitleInfo]]]] = {lang: {} for lang in LANGS}
        merged: dict[str, dict[str, _TitleInfo]] = {lang: {} for lang in LANGS}
        for lang in LANGS:
            for phrase, (kind, offices) in _TITLE_TABLE[lang].items():
                merged[lang][_lower(_key(phrase))] = _TitleInfo(kind, offices)
        for e in self._entities.values():
            for role in e.roles:
                for lang in LANGS:
                    phrase = _lower(_key(role.title(lang)))
                    implied = None
                    target = self._entities.get(role.of)
                    if target is not None:
                        for surface, _ in _surfaces(target, lang):
                            if re.search(r"(?<!\w)" + re.escape(_lower(_key(surface))) + r"(?!\w)", phrase):
                                implied = role.of
                                break
                    info = merged[lang].get(phrase)
                    if info is None:
                        merged[lang][phrase] = _TitleInfo(TITLE, (role.office,), implied)
                    elif info.kind == TITLE:
                        offices = info.offices if role.office in info.offices else (*info.offices, role.office)
                        if info.implied_of is None or implied is None or info.implied_of == implied:
                            keep = info.implied_of or implied
                        else:
                            keep = None  # two roles imply different bodies: the text must say which
                        merged[lang][phrase] = _TitleInfo(TITLE, offices, keep)
        for lang in LANGS:
            for phrase, info in merged[lang].items():
                first = _TOKEN.match(phrase)
                if first:
                    self._titles[lang].setdefault(first.group(0), []).append((phrase, info))
                    self._known_tokens[lang].update(_TOKEN.findall(phrase))
            for entries in self._titles[lang].values():
                entries.sort(key=lambda pi: -len(pi[0]))
        self._known_lower = {lang: {_lower(t) for t in toks} for lang, toks in self._known_tokens.items()}
        # The qualifiers of a title ("Mỹ", "Russian") in one table, longest
        # first: the names ahead of the demonyms, so that a demonym wins only
        # when it is longer, as when the two tables were asked in turn.
        self._quals: dict[str, dict[str, list[_Surface]]] = {lang: {} for lang in LANGS}
        self._persons: dict[str, dict[str, list[_Surface]]] = {lang: {} for lang in LANGS}
        for lang in LANGS:
            for table in (self._names[lang], self._demonyms[lang]):
                for word, surfaces in table.items():
                    quals = [x for x in surfaces if x.kind in _QUAL_KINDS]
                    if quals:
                        self._quals[lang].setdefault(word, []).extend(quals)
            for surfaces in self._quals[lang].values():
                surfaces.sort(key=lambda x: -len(x.key))  # stable: ties keep the order above
            for word, surfaces in self._names[lang].items():
                persons = [x for x in surfaces if x.kind == "person"]
                if persons:
                    self._persons[lang][word] = persons
        # where a name or a title's qualifier can start
        self._first_words = {lang: set(self._names[lang]) | set(self._quals[lang]) for lang in LANGS}
        self._first_word_re = {lang: _word_pattern(self._first_words[lang]) for lang in LANGS}
        self._title_word_re = {lang: _word_pattern(self._titles[lang]) for lang in LANGS}
        # Memos of recent answers: the same paragraph is asked about several
        # times in one run (mentions, candidates, the reader's second pass).
        # The tables never change after _build, so an answer cannot go stale.
        self._found: dict[tuple[str, str], dict[Any, tuple[EntityMention, ...]]] = {}
        self._texts: dict[str, _Text] = {}

    @staticmethod
    def _add(table: dict[str, list[_Surface]], surface: _Surface) -> None:
        first = _TOKEN.match(surface.key)
        if first:
            table.setdefault(first.group(0), []).append(surface)

    # -- finding mentions ------------------------------------------------------------

    def find_mentions(self, text: str, lang: str, on: str | None = None) -> list[EntityMention]:
        """The entities a text names, in order, non-overlapping (see the module docstring)."""
        lang = lang if lang in LANGS else "en"
        day = None if on is None else as_day(on)
        by_day = self._found.get((text, lang))
        if by_day is None:
            by_day = {}
            _remember(self._found, (text, lang), by_day)
        found = by_day.get(_ANY_DAY)
        if found is None:
            found = by_day.get(day)
        if found is None:
            when = _Day(day)
            found = tuple(self._find(self._text(text), lang, when))
            # A reading that never asked for the day goes the same way on
            # any day: everything before the first question is undated.
            by_day[day if when.asked else _ANY_DAY] = found
        return list(found)  # a new list: callers may extend or sort it

    def _text(self, text: str) -> _Text:
        """The prepared text; the extractor asks find_mentions and candidates about the same text in turn."""
        t = self._texts.get(text)
        if t is None:
            t = _Text.of(text)
            _remember(self._texts, text, t)
        return t

    def _find(self, t: _Text, lang: str, day: _Day) -> list[EntityMention]:
        out: list[EntityMention] = []
        done = 0  # the end of the last mention: words before it are inside it
        for start in self._openings(t, lang):
            if start < done:
                continue
            found = self._titled_at(t, start, lang, day, out)
            if found is None:
                found = self._name_at(t, start, lang, careful=True)
            if found is None:
                continue
            out.append(found)
            done = found.end
        return out

    def _openings(self, t: _Text, lang: str) -> list[int]:
        """The words, in order, where a mention can start: the first word of a
        title (in ``lower``) or of a name or demonym (in ``folded``).

        Any other word starts an empty chain in _titled_at and misses the
        table of _name_at, so find_mentions skips it; one regex scan finds
        these words faster than looking up every word of the text.
        """
        if t.same_words_in_lower():
            # the scan has found the words at these offsets, in both forms
            # (the same span in each): _titled_at and _name_at need not
            # match them again
            folded, lower, words, lower_words = t.folded, t.lower, t._words, t._lower_words
            names = []
            for m in self._first_word_re[lang].finditer(folded):
                s, e = m.span()
                names.append(s)
                words[s] = m.group(0)
                lower_words[s] = lower[s:e]
            titles = []
            for m in self._title_word_re[lang].finditer(lower):
                s, e = m.span()
                titles.append(s)
                words[s] = folded[s:e]
                lower_words[s] = m.group(0)
            if not titles:
                return names
            return sorted({*names, *titles}) if names else titles
        firsts, heads = self._first_words[lang], self._titles[lang]
        return [s for s, _ in t.tokens if t.word_at(s) in firsts or t.lower_word_at(s) in heads]

    @staticmethod
    def _matches(t: _Text, pos: int, table: dict[str, list[_Surface]]) -> Iterator[_Surface]:
        """Surfaces of ``table`` that match at ``pos``, longest first."""
        surfaces = table.get(t.word_at(pos))  # type: ignore[arg-type]
        if not surfaces:
            return
        folded = t.folded
        for s in surfaces:
            if not folded.startswith(s.key, pos):
                continue
            if s.word_end:
                end = pos + len(s.key)
                if end < len(folded) and _WORD_CHAR.match(folded[end]):
                    continue
            yield s

    def _title_at(self, t: _Text, pos: int, lang: str) -> tuple[int, _TitleInfo] | None:
        entries = self._titles[lang].get(t.lower_word_at(pos))  # type: ignore[arg-type]
        if not entries:
            return None
        for phrase, info in entries:
            if not t.lower.startswith(phrase, pos):
                continue
            end = pos + len(phrase)
            if _WORD_CHAR.match(phrase[-1]) and end < len(t.lower) and _WORD_CHAR.match(t.lower[end]):
                continue
            return end, info
        return None

    def _qual_at(self, t: _Text, pos: int, lang: str) -> tuple[int, str] | None:
        for s in self._matches(t, pos, self._quals[lang]):
            return pos + len(s.key), s.entity
        return None

    def _chain(self, t: _Text, pos: int, lang: str) -> list[_Part]:
        """Titles, honorifics and qualifiers in a row from the word at ``pos`` ("Tổng thống Nga ...")."""
        parts: list[_Part] = []
        while pos < len(t.folded):
            title = self._title_at(t, pos, lang)
            qual = self._qual_at(t, pos, lang)
            if title and (qual is None or title[0] >= qual[0]):
                end, info = title
                if info.kind == DETERMINER and parts:
                    break
                if info.kind == CONNECTOR and (not parts or parts[-1].kind == CONNECTOR):
                    break
                parts.append(_Part(info.kind, pos, end, info.offices, info.implied_of))
            elif qual:
                end, ident = qual
                parts.append(_Part("qual", pos, end, qual=ident))
                if lang == "en" and t.folded.startswith("'s", end):
                    end += 2
                    parts[-1].end = end
            else:
                break
            if parts[-1].kind in (FORMER,) and t.folded[end - 1] == "-":
                pos = end  # "ex-President"
                continue
            nxt = t.skip_space(end)
            if nxt == end or nxt >= len(t.folded) or not _WORD_CHAR.match(t.folded[nxt]):
                break
            pos = nxt
        while parts and parts[-1].kind == CONNECTOR:
            parts.pop()
        return parts

    def _titled_at(self, t: _Text, pos: int, lang: str, day: _Day, before: list[EntityMention]) -> EntityMention | None:
        if t.lower_word_at(pos) not in self._titles[lang]:
            # The chain cannot start with a title: it is empty, or starts
            # with a qualifier, which Vietnamese never puts before a title
            # (the check on core[0] below). Most names end here.
            if lang == "vi" or t.word_at(pos) not in self._quals[lang]:
                return None
        parts = self._chain(t, pos, lang)
        core = [p for p in parts if p.kind not in (DETERMINER,)]
        if not core or not any(p.kind in (HONORIFIC, TITLE, COUNTERPART, COUNTERPARTS) for p in core):
            return None
        if lang == "vi" and core[0].kind == "qual":
            return None
        start = core[0].start
        # the part after the last connector names the person ("đặc phái viên của Tổng thống Trump")
        last_conn = max((k for k, p in enumerate(parts) if p.kind == CONNECTOR), default=-1)
        tail = parts[last_conn + 1 :]
        if last_conn >= 0 and any(p.kind in (HONORIFIC, TITLE, COUNTERPART) for p in tail):
            name_start = tail[0].start
        else:
            name_start = start
        end = parts[-1].end
        after = t.skip_space(end)
        if after > end:
            for s in self._matches(t, after, self._persons[lang]):
                stop = after + len(s.key)
                return EntityMention(s.entity, name_start, stop, t.text[name_start:stop], "honorific")
        former = any(p.kind == FORMER for p in core) or self._former_before(t, start, lang)
        quals = [p for p in core if p.kind == "qual"]
        end = max((p.end for p in core if p.kind in ("qual", TITLE, COUNTERPART, COUNTERPARTS)), default=end)
        counterpart = next((p for p in core if p.kind in (COUNTERPART, COUNTERPARTS)), None)
        if counterpart is not None:
            if not quals:
                return None
            country = quals[0].qual if lang == "vi" else quals[-1].qual
            assert country is not None
            ident = country if counterpart.kind == COUNTERPARTS else self._counterpart(country, t, start, day.ask(), before)
            return EntityMention(ident, start, end, t.text[start:end], "counterpart")
        if former or self._name_follows(t, end, lang) or self._coordinated(t, end, lang):
            return None
        titles = [p for p in core if p.kind == TITLE and p.offices]
        if not titles:
            return None
        head = titles[0] if lang == "vi" else titles[-1]
        of = None
        if lang == "vi":
            after_head = [q for q in quals if q.start > head.start]
            of = (after_head or quals or [None])[0]
        else:
            before_head = [q for q in quals if q.start < head.start]
            of = (before_head[-1:] or quals or [None])[0]
        target = of.qual if of is not None else head.implied_of
        if target is None:
            return None
        person = self.holder(head.offices, target, day.ask())
        if person is None:
            return None
        return EntityMention(person.id, start, end, t.text[start:end], "title")

    def _counterpart(self, country: str, t: _Text, pos: int, day: str | None, before: list[EntityMention]) -> str:
        line_start = t.folded.rfind("\n", 0, pos) + 1
        for m in reversed(before):
            if m.start < line_start:
                break
            ent = self._entities.get(m.id)
            if ent is None or ent.kind != "person":
                continue
            role = ent.role_on(day)
            if role is not None:
                found = self.holder((role.office,), country, day)
                if found is not None and found.id != ent.id:
                    return found.id
            break
        leader = self._leader(country, day)
        return leader.id if leader else country

    def _leader(self, country: str, day: str | None) -> Entity | None:
        for office in LEADER:
            found = self.holders((office,), country, day)
            if len(found) == 1:
                return found[0]
            if found:
                return None
        return None

    def _former_before(self, t: _Text, start: int, lang: str) -> bool:
        """"cựu Tổng thống Mỹ", "former US president": a past holder, not resolved by date."""
        j = start
        for _ in range(2):  # "the former", "ex-"
            if j >= 1 and t.folded[j - 1] == "-":
                m = re.search(r"(\w+-)$", t.lower[max(0, j - 12) : j])
                found = self._title_at(t, j - len(m.group(1)), lang) if m else None
                if found and found[1].kind == FORMER:
                    return True
            prev = t.prev_token(j)
            if prev is None:
                return False
            found = self._title_at(t, prev[0], lang)
            if found and found[1].kind == FORMER:
                return True
            if not (found and found[1].kind in (DETERMINER, MODIFIER)):
                return False
            j = prev[0]
        return False

    def _coordinated(self, t: _Text, end: int, lang: str) -> bool:
        """"Bộ trưởng Quốc phòng Mỹ và Nga": one title for two countries names two people."""
        for conj in (" và ", " and ", " & ", " hoặc ", " or "):
            if t.folded.startswith(conj, end) and self._qual_at(t, end + len(conj), lang):
                return True
        return False

    def _name_follows(self, t: _Text, end: int, lang: str) -> bool:
        """A capitalised word right after a title: an unknown name, so the title is not resolved."""
        nxt = t.next_token(end)
        if nxt is None:
            return False
        _, tok = nxt
        if not tok[:1].isupper():
            return False
        low = _lower(tok)
        stop = _VI_FUNCTION_WORDS if lang == "vi" else _EN_FUNCTION_WORDS
        return low not in stop and low not in self._known_lower[lang]

    def _name_at(self, t: _Text, pos: int, lang: str, careful: bool) -> EntityMention | None:
        for s in self._matches(t, pos, self._names[lang]):
            ent = self._entities[s.entity]
            end = pos + len(s.key)
            if careful and self._reject(t, pos, end, s, ent, lang):
                continue
            via = "name" if s.canonical else "alias"
            if ent.stands_for:
                before = t.folded[max(t.folded.rfind("\n", 0, pos) + 1, pos - 30) : pos]
                if not _LOCATIVE[lang].search(before):
                    via = "metonym"
            return EntityMention(ent.id, pos, end, t.text[pos:end], via)
        return None

    def _reject(self, t: _Text, pos: int, end: int, s: _Surface, ent: Entity, lang: str) -> bool:
        """Ordinary words and other people's names that look like a known name."""
        one_word = _TOKEN.fullmatch(s.key) is not None
        if not one_word:
            return False
        prev = t.prev_token(pos)
        nxt = t.next_token(end)
        known = self._known_lower[lang]
        if ent.kind == "person":
            if prev is None or lang == "en" and t.title_case_line(pos, known):
                return False
            p_pos, p_tok = prev
            low = _lower(p_tok)
            return (
                _is_title_word(p_tok)
                and (lang == "en" or not t.sentence_initial(p_pos))
                and low not in known
                and low not in (_VI_STOP if lang == "vi" else _EN_STOP)
            )
        if lang != "vi" or ent.kind not in ("country", "place"):
            return False
        if nxt is not None and _lower(nxt[1]) in _VI_NOT_FOLLOWED_BY.get(s.key, ()):
            return True
        if prev is not None and _lower(prev[1]) in _VI_NOT_PRECEDED_BY:
            return True
        if prev is not None:
            p_pos, p_tok = prev
            low = _lower(p_tok)
            if (
                _is_title_word(p_tok)
                and _vietnamese_syllable(p_tok)
                and low not in known
                and not (t.sentence_initial(p_pos) and low in _VI_FUNCTION_WORDS)
            ):
                return True
        if nxt is not None:
            n_tok = nxt[1]
            if _is_title_word(n_tok) and _vietnamese_syllable(n_tok) and _lower(n_tok) not in known:
                return True
        return False

    # -- unknown names --------------------------------------------------------------

    def candidates(self, text: str, lang: str) -> list[str]:
        """Capitalised names in a text that the gazetteer does not cover, in order, once each.

        English: two or more capitalised words in a row, or one capitalised
        word that does not start a sentence. Vietnamese: two or more
        capitalised syllables in a row, or one after "ông"/"bà". Sentence
        starters, months, weekdays, titles and other capitalised common words
        are left out. Meant for reporting names to add, never for dropping text.
        """
        lang = lang if lang in LANGS else "en"
        t = self._text(text)
        covered = [(m.start, m.end) for m in self.find_mentions(text, lang)]
        trim = _VI_STOP if lang == "vi" else _EN_TRIM
        single_stop = _VI_STOP if lang == "vi" else _EN_STOP
        known = self._known_lower[lang]
        is_covered = _CoverTest(covered)
        runs: list[list[int]] = []
        run: list[int] = []
        tokens, folded = t.tokens, t.folded  # locals: this loop runs once a word
        for k, (s, e) in enumerate(tokens):
            if is_covered(s, e):
                if run:
                    runs.append(run)
                run = []
                continue
            tok = folded[s:e]
            joined = bool(run) and folded[tokens[run[-1]][1] : s] in (" ", "-")
            if tok[:1].isupper():
                if run and not joined:
                    runs.append(run)
                    run = []
                run.append(k)
            elif lang == "en" and tok in _CONNECTOR_PARTICLES and joined:
                run.append(k)
            elif run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
        out: list[str] = []
        for run in runs:
            while run and (_lower(t.token(run[0])) in trim or t.token(run[0]) in _CONNECTOR_PARTICLES):
                run = run[1:]
            while run and (_lower(t.token(run[-1])) in trim or t.token(run[-1]) in _CONNECTOR_PARTICLES):
                run = run[:-1]
            if not run:
                continue
            capitals = [t.token(k) for k in run if t.token(k)[:1].isupper()]
            if len(capitals) >= 2 and all(w.isupper() for w in capitals) and any(len(w) > 4 for w in capitals):
                continue  # SHOUTED HEADINGS
            first_pos = t.tokens[run[0]][0]
            if lang == "en" and t.title_case_line(first_pos, known):
                continue  # a Headline In Title Case: its names come again in the body
            if len(capitals) < 2:
                word = capitals[0]
                low = _lower(word)
                if len(word) < 2 or low in known or low in single_stop or word.isdigit():
                    continue
                if lang == "en" and t.sentence_initial(first_pos):
                    continue
                if lang == "vi":
                    prev = t.prev_token(first_pos)
                    if prev is None or _lower(prev[1]) not in ("ông", "bà", "ngài"):
                        continue
            start, end = t.tokens[run[0]][0], t.tokens[run[-1]][1]
            name = t.text[start:end]
            if name not in out:
                out.append(name)
        return out


_QUAL_KINDS = ("country", "organisation", "place")


def _word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A regex for any of ``words`` (each a whole ``\\w+`` word), as a trie:
    sre tries the alternatives of a flat list one by one, but a trie's in one step."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + branch(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    if not trie:
        return re.compile(r"(?!)")  # matches nothing, not the empty word everywhere
    return re.compile(r"(?<!\w)" + branch(trie) + r"(?!\w)")
_MEMO_SIZE = 512
_ANY_DAY: Any = object()  # no string, so no day passed in can be taken for it


def _remember(memo: dict, key: Any, value: Any) -> None:
    if len(memo) >= _MEMO_SIZE:
        memo.clear()  # the memo serves texts asked about in turn, not a whole run
    memo[key] = value


class _Day:
    """The day a text is read on, and whether the reading needed it."""

    __slots__ = ("day", "asked")

    def __init__(self, day: str | None):
        self.day = day
        self.asked = False

    def ask(self) -> str | None:
        self.asked = True
        return self.day


class _CoverTest:
    """Whether a token overlaps a mention; tokens are asked about in text order."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.k = 0

    def __call__(self, s: int, e: int) -> bool:
        while self.k < len(self.spans) and self.spans[self.k][1] <= s:
            self.k += 1
        return self.k < len(self.spans) and self.spans[self.k][0] < e


def _surfaces(e: Entity, lang: str) -> list[tuple[str, bool]]:
    """Every surface an entity is written with in a language; True for its name.

    Person and media names in English serve Vietnamese text too.
    """
    out: list[tuple[str, bool]] = [(e.name(lang), True)]
    out += [(a, False) for a in e.aliases(lang)]
    if lang == "vi" and e.kind in ("person", "media"):
        out.append((e.name_en, True))
        out += [(a, False) for a in e.aliases_en]
    seen: set[str] = set()
    unique = []
    for surface, canonical in out:
        key = _key(surface)
        if key not in seen:
            seen.add(key)
            unique.append((surface, canonical or key in (_key(e.name_en), _key(e.name_vi))))
    return unique


def _lowercase_variant(key: str) -> str | None:
    """"điện Kremlin" for "Điện Kremlin": a capitalised head word before a proper name."""
    words = key.split(" ")
    if len(words) >= 2 and words[0][:1].isupper() and not words[0].isupper() and any(w[:1].isupper() for w in words[1:]):
        return words[0][:1].lower() + key[1:]
    return None


def _surface_problems(entities: list[Entity], lines: dict[str, Any]) -> list[tuple[Any, str]]:
    problems: list[tuple[Any, str]] = []
    for lang in LANGS:
        owner: dict[str, str] = {}
        for e in entities:
            for surface, _ in _surfaces(e, lang):
                if not _WORD_CHAR.match(surface[:1]):
                    problems.append((lines.get(e.id), f"entity '{e.id}': {lang} alias {surface!r} must start with a letter or digit"))
                    continue
                key = _key(surface)
                other = owner.get(key)
                if other is not None and other != e.id:
                    problems.append(
                        (
                            lines.get(e.id),
                            f"entity '{e.id}': {lang} alias {surface!r} is already used by entity '{other}' "
                            f"(line {lines.get(other)}); an alias must name one entity: keep it on one of them",
                        )
                    )
                    continue
                owner[key] = e.id
    return problems


# --------------------------------------------------------------------------
# Keywords (topics and glossary)


def _keyword_regex(keyword: str) -> str:
    """A keyword as a pattern: word boundaries; ``*`` at the end for any ending;
    case-insensitive unless the keyword has a capital ("AI", "New START")."""
    stem = keyword.endswith("*")
    word = _key(keyword.rstrip("*"))
    pieces = []
    for chunk in re.split(r"(\s*[-–]\s*|\s+)", word):
        if not chunk:
            continue
        if chunk.strip() in ("-", "–"):
            pieces.append(r"\s*[-–—]\s*")
        elif chunk.isspace():
            pieces.append(r"\s+")
        else:
            pieces.append(re.escape(chunk))
    body = "".join(pieces)
    if any(c.isupper() for c in word):
        body = f"(?-i:{body})"
    left = r"(?<!\w)" if _WORD_CHAR.match(word[:1]) else ""
    right = "" if stem or not _WORD_CHAR.match(word[-1:]) else r"(?!\w)"
    return left + body + right


class _KeywordIndex:
    """Keywords by the first three letters of their first word: a text is read
    once, word by word, and only the few keywords that can start at a word are tried."""

    def __init__(self, entries: Iterable[tuple[str, str]]):
        # patterns are compiled when a text first needs them: a stage that only shows
        # names (render) never does, and compiling them all took a third of a second
        self._sources: dict[str, list[tuple[str, str]]] = {}
        self._by_key: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        for keyword, owner in sorted(set(entries), key=lambda e: -len(e[0])):
            first = _TOKEN.match(_key(keyword))
            if not first:
                continue
            self._sources.setdefault(_lower(first.group(0))[:3], []).append((_keyword_regex(keyword), owner))

    def __bool__(self) -> bool:
        return bool(self._sources)

    def _patterns(self, key: str) -> list[tuple[re.Pattern[str], str]]:
        found = self._by_key.get(key)
        if found is None:
            found = self._by_key[key] = [(re.compile(source, re.IGNORECASE), owner)
                                         for source, owner in self._sources.get(key, ())]
        return found

    def scan(self, folded: str) -> Iterator[tuple[int, int, str]]:
        """Every (start, end, owner) of a keyword at a word start, longest first at each start."""
        for word in _TOKEN.finditer(folded):
            key = _lower(word.group(0))[:3]
            if key not in self._sources:
                continue
            for pattern, owner in self._patterns(key):
                m = pattern.match(folded, word.start())
                if m:
                    yield m.start(), m.end(), owner


def _check_keywords(values: dict[str, tuple[str, ...]], label: str, key: str, line: Any, errors: _Errors) -> None:
    for lang, words in values.items():
        for w in words:
            if not _WORD_CHAR.match(w):
                errors.add(line, f"{label}: {key}.{lang} {w!r} must start with a letter or digit")
            elif "*" in w.rstrip("*"):
                errors.add(line, f"{label}: {key}.{lang} {w!r}: '*' may only end a keyword")


@dataclass(frozen=True)
class Topic:
    id: str
    name_en: str
    name_vi: str
    keywords_en: tuple[str, ...] = ()
    keywords_vi: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_vi if lang == "vi" else self.name_en

    def keywords(self, lang: str) -> tuple[str, ...]:
        return self.keywords_vi if lang == "vi" else self.keywords_en


class Topics:
    """The chronicle's topics and the keywords that show them."""

    def __init__(self, topics: Iterable[Topic]):
        self._topics: dict[str, Topic] = {t.id: t for t in topics}
        self._index = {
            lang: _KeywordIndex((k, t.id) for t in self._topics.values() for k in t.keywords(lang)) for lang in LANGS
        }

    @classmethod
    def load(cls, path: Path) -> Topics:
        path = Path(path)
        errors = _Errors(path)
        topics: list[Topic] = []
        lines: dict[str, Any] = {}
        for n, item in enumerate(_top_list(path, "topics", errors)):
            label = _label(item, n, "topic")
            line = item.get("__line__")
            _check_fields(item, TOPIC_FIELDS, label, errors)
            ident = item.get("id")
            if not isinstance(ident, str) or not _SLUG.match(ident):
                errors.add(line, f"{label}: field 'id' is missing or not a lowercase slug like 'ceasefire'")
                continue
            if ident in lines:
                errors.add(line, f"{label}: duplicate id (first defined at line {lines[ident]})")
                continue
            lines[ident] = line
            name_en = _text(item, "name_en", label, errors)
            name_vi = _text(item, "name_vi", label, errors)
            keywords = _lang_lists(item, "keywords", label, errors)
            _check_keywords(keywords, label, "keywords", line, errors)
            if not keywords["en"] and not keywords["vi"]:
                errors.add(line, f"{label}: field 'keywords' is missing or empty")
            if name_en and name_vi:
                topics.append(Topic(ident, name_en, name_vi, keywords["en"], keywords["vi"]))
        errors.raise_if_any()
        return cls(topics)

    @property
    def topics(self) -> list[Topic]:
        return list(self._topics.values())

    def get(self, topic_id: str) -> Topic:
        try:
            return self._topics[topic_id]
        except KeyError:
            raise KeyError(f"no topic '{topic_id}'{did_you_mean(topic_id, list(self._topics))}") from None

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self._topics

    def find(self, text: str, lang: str) -> list[str]:
        """Topic ids whose keywords occur in the text, in order of first occurrence."""
        index = self._index.get(lang, self._index["en"])
        found: list[str] = []
        for _, _, topic_id in index.scan(fold(nfc(text))):
            if topic_id not in found:
                found.append(topic_id)
        return found


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term_en: str
    term_vi: str
    match_en: tuple[str, ...]
    match_vi: tuple[str, ...]
    definition_en: str
    definition_vi: str

    def term(self, lang: str) -> str:
        return self.term_vi if lang == "vi" else self.term_en

    def definition(self, lang: str) -> str:
        return self.definition_vi if lang == "vi" else self.definition_en


@dataclass(frozen=True)
class GlossaryHit:
    id: str
    start: int
    end: int
    surface: str


class Glossary:
    """Terms the site explains, with the surface forms that point to them."""

    def __init__(self, terms: Iterable[GlossaryTerm]):
        self._terms: dict[str, GlossaryTerm] = {t.id: t for t in terms}
        self._index = {
            lang: _KeywordIndex(
                (s, t.id) for t in self._terms.values() for s in (t.match_vi if lang == "vi" else t.match_en)
            )
            for lang in LANGS
        }

    @classmethod
    def load(cls, path: Path) -> Glossary:
        path = Path(path)
        errors = _Errors(path)
        terms: list[GlossaryTerm] = []
        lines: dict[str, Any] = {}
        owners: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
        for n, item in enumerate(_top_list(path, "terms", errors)):
            label = _label(item, n, "term")
            line = item.get("__line__")
            _check_fields(item, TERM_FIELDS, label, errors)
            ident = item.get("id")
            if not isinstance(ident, str) or not _SLUG.match(ident):
                errors.add(line, f"{label}: field 'id' is missing or not a lowercase slug like 'new-start'")
                continue
            if ident in lines:
                errors.add(line, f"{label}: duplicate id (first defined at line {lines[ident]})")
                continue
            lines[ident] = line
            values = {key: _text(item, key, label, errors) for key in ("term_en", "term_vi", "definition_en", "definition_vi")}
            match = _lang_lists(item, "match", label, errors)
            _check_keywords(match, label, "match", line, errors)
            for lang in LANGS:
                for surface in match[lang]:
                    key = _lower(_key(surface))
                    other = owners[lang].get(key)
                    if other and other != ident:
                        errors.add(line, f"{label}: match.{lang} {surface!r} is already used by term '{other}' (line {lines[other]})")
                    owners[lang][key] = ident
            if not match["en"] and not match["vi"]:
                errors.add(line, f"{label}: field 'match' is missing or empty")
            if all(values.values()):
                terms.append(
                    GlossaryTerm(ident, values["term_en"] or "", values["term_vi"] or "", match["en"], match["vi"],
                                 values["definition_en"] or "", values["definition_vi"] or "")
                )
        errors.raise_if_any()
        return cls(terms)

    @property
    def terms(self) -> list[GlossaryTerm]:
        return list(self._terms.values())

    def get(self, term_id: str) -> GlossaryTerm:
        try:
            return self._terms[term_id]
        except KeyError:
            raise KeyError(f"no glossary term '{term_id}'{did_you_mean(term_id, list(self._terms))}") from None

    def __contains__(self, term_id: object) -> bool:
        return term_id in self._terms

    def find(self, text: str, lang: str) -> list[GlossaryHit]:
        """Where a text uses a glossary term: in order, non-overlapping, the longest first."""
        index = self._index.get(lang)
        if not index:
            return []
        t = nfc(text)
        hits: list[GlossaryHit] = []
        reached = 0
        for start, end, term_id in index.scan(fold(t)):
            if start >= reached:
                hits.append(GlossaryHit(term_id, start, end, t[start:end]))
                reached = end
        return hits
