"""Dates in Vietnamese and English news prose.

Takes text (a dateline, a sentence, a whole article) and gives dates as
precise as the text allows. A date is never guessed: when the year cannot be
known from the text or from an anchor date (the publication date, or the date
of the event a phrase hangs on), the result says so (``XXXX-10-16``,
precision ``year_unknown``).

Public API
----------
``find_dates(text, lang, anchor)``
    every date expression of a text, in order, without overlaps (the longest
    expression wins), each as a :class:`DateMention` with its span, its value
    and its relation ("on", or "since"/"until"/"before" when the words just
    before it make it a bound rather than the date of the event).
``resolve_relative_date(expr, lang, anchor)``
    one expression ("tuần tới", "Tomorrow", "7/2") resolved against an anchor.
``anchor_from_published(published)``
    the publication stamp of an article as a day-precision anchor.
``format_date(value, lang)``
    honest human wording of a value, in English or Vietnamese.
``dates_compatible(a, b)`` / ``sort_key(value)``
    for merging and ordering reports of events.
``parse_edtf(edtf, text)``
    a complete DateValue from an EDTF string (dates written by an editor).
``parse_dateline(text, lang)``
    the publication stamp of a dateline (used by ingest).

Choices for the ambiguous cases (the tests name each of them)
-------------------------------------------------------------
* A day or month without a year takes the year that puts it nearest the
  anchor (never more than about six months away); ties go to the past. After
  "kể từ"/"since" it takes the nearest year that puts it on or before the
  anchor ("since March" has already come; "từ ngày 1/7" may be a future
  start, so plain "từ"/"from" does not count). With no anchor, or an anchor
  whose year is unknown, the year is ``XXXX``.
* Relations are read from the words right before a mention: kể từ, từ, bắt
  đầu từ, sau, since, from, after -> "since"; đến, tới, cho đến, until, by ->
  "until"; trước, before, prior to -> "before". "kể từ khi X nổ ra hồi cuối
  tháng 2" keeps "on": the date belongs to X.
* A relative expression ("hôm nay", "next week", "on Thursday") that cannot be
  resolved because there is no anchor (or the anchor is not precise enough)
  is still reported, with ``DateValue(edtf=None, precision="unknown")`` and
  its words in ``text``: the caller sees that the text gave a relative date.
* A bare ``d/m`` in Vietnamese ("26/2") is taken for a date only in a date
  context: after ngày/mùng/hôm/thứ…/từ/đến/vào/sáng/chiều/tối/đêm/hồi/khoảng/
  trước/sau, inside "(26/2)", standing alone between commas or at the start
  or end of the text, or right after another date of a list ("7/2 và 8/2").
  It is not a date when a counted noun follows ("3/4 số phiếu", "5/10 điểm").
  The "7-2" form (hyphen, no year) needs "ngày" or a weekday before it, since
  "2-1" is usually a score.
* An explicit day next to a weekday or "hôm nay" ("thứ Năm (26/2)", "Hôm nay,
  26/2", "Thursday, October 16") makes one mention whose value is the
  explicit day.
* A weekday on its own is the nearest such day on or before the anchor, or on
  or after it when the clause before it speaks of the future (sẽ, dự kiến,
  will, is due to, scheduled ...). "next Thursday"/"thứ Năm tới" is the first
  Thursday after the anchor; "thứ Năm tuần tới" is the Thursday of the next
  calendar week (weeks run Monday to Sunday). A bare Vietnamese weekday needs
  vào/hôm/sáng/... before it or a date after it, since "thứ hai" is also
  "second" ("lần thứ hai"); one at the start of a sentence is not read.
* "earlier this month"/"later this year" are exact ranges from the start of
  the month or year to the anchor, or from the anchor to the end.
* "tuần tới"/"next week" (and this/last week, weekends, "tuần qua"/"the past
  week") are approximate ranges: ``2025-02-10/2025-02-16~``.
* Numeric dates with a year in English text ("07/02/2025") are read only when
  the order is certain (one part above 12); Vietnamese numbers are day first.
* Lunar months ("tháng Giêng", "tháng Chạp") and seasons are not read.
* The span of a mention covers the date words (with "ngày", and with
  "khoảng"/"around" when they make it approximate); the prepositions that set
  the relation (kể từ, since, đến, trước ...) stay outside the span, except in
  a range ("từ 29/11 đến 6/12"), where they are part of the expression.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .models import DateValue

__all__ = [
    "DateMention",
    "anchor_from_published",
    "dates_compatible",
    "find_dates",
    "format_date",
    "parse_dateline",
    "parse_edtf",
    "resolve_relative_date",
    "sort_key",
]

EN_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_EN_MONTH_RE = "|".join(sorted(EN_MONTHS, key=len, reverse=True))


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text.

    ``start``/``end`` are character offsets in the text given to
    :func:`find_dates`. ``relation`` is "on" when the value is the date of
    what the sentence reports, "since" when the words before make it a
    starting point (kể từ, từ, since, from, sau, after), "until" for an end
    point (đến, cho đến, until, by) and "before" for trước/before/prior to.
    """

    start: int
    end: int
    value: DateValue
    relation: str = "on"


# --------------------------------------------------------------------------
# Calendar helpers and DateValue builders
# --------------------------------------------------------------------------

_LEAP_YEAR = 2024  # stands in for an unknown year when checking "29/2"
_COMMON_YEAR = 2023

# Parts of a month and of a year: "early" = days 1-10, "mid" = 11-20,
# "late" = 21 to the end; "đầu năm" = January-April, "giữa năm" = May-August,
# "cuối năm" = September-December.
_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_YEAR_PARTS = {"early": ((1, 1), (4, 30)), "mid": ((5, 1), (8, 31)), "late": ((9, 1), (12, 31))}


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _valid_month_day(m: int, d: int) -> bool:
    """Whether day ``d`` of month ``m`` exists in some year (29/2 does)."""
    return 1 <= m <= 12 and 1 <= d <= _last_day(_LEAP_YEAR, m)


def _iso(d: date) -> str:
    return d.isoformat()


def _day_value(d: date, approx: bool = False) -> DateValue:
    iso = _iso(d)
    return DateValue(iso + ("~" if approx else ""), "approximate" if approx else "day", "", iso, iso, approx)


def _month_value(y: int, m: int, part: str | None = None, approx: bool = False) -> DateValue:
    last = _last_day(y, m)
    first_day, last_day = 1, last
    if part:
        approx = True
        first_day, last_day = _MONTH_PARTS[part][0], min(_MONTH_PARTS[part][1], last)
    edtf = f"{y:04d}-{m:02d}" + ("~" if approx else "")
    return DateValue(
        edtf,
        "approximate" if approx else "month",
        "",
        _iso(date(y, m, first_day)),
        _iso(date(y, m, last_day)),
        approx,
    )


def _year_value(y: int, part: str | None = None, approx: bool = False) -> DateValue:
    (m1, d1), (m2, d2) = ((1, 1), (12, 31))
    if part:
        approx = True
        (m1, d1), (m2, d2) = _YEAR_PARTS[part]
    edtf = f"{y:04d}" + ("~" if approx else "")
    return DateValue(
        edtf, "approximate" if approx else "year", "", _iso(date(y, m1, d1)), _iso(date(y, m2, d2)), approx
    )


def _range_value(first: date, last: date, unit: str = "day", approx: bool = False) -> DateValue:
    """A range from ``first`` to ``last``; ``unit`` is how precisely the ends are written."""
    if unit == "month":
        left, right = f"{first.year:04d}-{first.month:02d}", f"{last.year:04d}-{last.month:02d}"
        last = date(last.year, last.month, _last_day(last.year, last.month))
    elif unit == "year":
        left, right = f"{first.year:04d}", f"{last.year:04d}"
        last = date(last.year, 12, 31)
    else:
        left, right = _iso(first), _iso(last)
    # The spec writes an approximate range with one "~" at the end.
    edtf = f"{left}/{right}" + ("~" if approx else "")
    return DateValue(edtf, "range", "", _iso(first), _iso(last), approx)


def _day_no_year(m: int, d: int, approx: bool = False) -> DateValue:
    return DateValue(f"XXXX-{m:02d}-{d:02d}" + ("~" if approx else ""), "year_unknown", "", None, None, approx)


def _month_no_year(m: int, approx: bool = False) -> DateValue:
    return DateValue(f"XXXX-{m:02d}" + ("~" if approx else ""), "year_unknown", "", None, None, approx)


def _range_no_year(m1: int, d1: int, m2: int, d2: int, approx: bool = False) -> DateValue:
    edtf = f"XXXX-{m1:02d}-{d1:02d}/XXXX-{m2:02d}-{d2:02d}" + ("~" if approx else "")
    return DateValue(edtf, "year_unknown", "", None, None, approx)


def _unknown() -> DateValue:
    return DateValue(None, "unknown")


def _approximate(value: DateValue) -> DateValue:
    """The value said with "khoảng"/"around": a "~" on the EDTF string."""
    if value.edtf is None or value.approximate:
        return value
    precision = "approximate" if value.precision in ("day", "month", "year") else value.precision
    return replace(value, edtf=value.edtf + "~", precision=precision, approximate=True)


# --------------------------------------------------------------------------
# The anchor: what a relative or year-less date is resolved against
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Anchor:
    day: date | None = None  # the anchor day, when known to the day
    ref: date | None = None  # middle of the anchor, used to choose years
    month: tuple[int, int] | None = None  # (year, month) when the anchor lies in one month
    year: int | None = None
    month_day: tuple[int, int] | None = None  # (month, day) of a year-unknown anchor
    month_only: int | None = None  # month of a year-unknown month anchor
    approximate: bool = False
    past_only: bool = False  # "since March": the year must put the date before the anchor

    @classmethod
    def of(cls, value: DateValue | None) -> _Anchor:
        if value is None or not value.edtf:
            return cls()
        if value.edtf.startswith("XXXX"):
            points = _edtf_points(value.edtf)
            if not points:
                return cls()
            _, m, d = points[0][0]
            if m and d:
                return cls(month_day=(m, d), approximate=value.approximate)
            return cls(month_only=m, approximate=value.approximate)
        bounds = _bounds(value)
        if not bounds:
            return cls()
        first, last = bounds
        ref = first + (last - first) // 2
        return cls(
            day=first if first == last else None,
            ref=ref,
            month=(first.year, first.month) if (first.year, first.month) == (last.year, last.month) else None,
            year=ref.year,
            approximate=value.approximate,
        )


def _nearest_year(anchor: _Anchor, m: int, d: int | None = None) -> int | None:
    """The year that puts day ``d`` (or the middle of month ``m``) nearest the anchor.

    Nearest means within about six months; ties go to the earlier year since
    news mostly reports what has happened. After "since"/"kể từ" the date has
    already come, so it is the nearest one not after the anchor (within a
    year). None when there is no anchor year (or for 29/2 far from any leap
    year).
    """
    ref = anchor.ref
    if ref is None:
        return None
    best: tuple[int, int] | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        if d is not None and not _valid(y, m, d):
            continue
        target = date(y, m, d) if d is not None else date(y, m, 1)
        if anchor.past_only and target > ref:
            continue
        distance = abs((date(y, m, d if d is not None else 15) - ref).days)
        if best is None or distance < best[0]:
            best = (distance, y)
    if best is None or best[0] > (366 if anchor.past_only else 184):
        return None
    return best[1]


def _explicit_day(anchor: _Anchor, d: int, m: int, y: int | None = None) -> DateValue | None:
    if not _valid_month_day(m, d):
        return None
    if y is not None:
        return _day_value(date(y, m, d)) if _valid(y, m, d) else None
    y = _nearest_year(anchor, m, d)
    return _day_no_year(m, d) if y is None else _day_value(date(y, m, d))


def _explicit_month(anchor: _Anchor, m: int, y: int | None = None, part: str | None = None) -> DateValue | None:
    if not 1 <= m <= 12:
        return None
    if y is None:
        y = _nearest_year(anchor, m)
    if y is None:
        return _month_no_year(m, approx=part is not None)
    return _month_value(y, m, part)


def _explicit_day_range(
    anchor: _Anchor, d1: int, m1: int, y1: int | None, d2: int, m2: int, y2: int | None
) -> DateValue | None:
    """A day range; a range may cross the new year ("28/12 đến 3/1")."""
    if not (_valid_month_day(m1, d1) and _valid_month_day(m2, d2)):
        return None
    wraps = int((m2, d2) < (m1, d1))
    if y1 is None and y2 is None:
        y1 = _nearest_year(anchor, m1, d1)
        if y1 is None:
            return _range_no_year(m1, d1, m2, d2)
        y2 = y1 + wraps
    elif y1 is None:
        y1 = y2 - wraps
    elif y2 is None:
        y2 = y1 + wraps
    if not (_valid(y1, m1, d1) and _valid(y2, m2, d2)):
        return None
    first, last = date(y1, m1, d1), date(y2, m2, d2)
    if not first < last or (last - first).days > 366:
        return None
    return _range_value(first, last)


def _explicit_month_range(anchor: _Anchor, m1: int, y1: int | None, m2: int, y2: int | None) -> DateValue | None:
    wraps = int(m2 < m1)
    if y1 is None and y2 is None:
        y1 = _nearest_year(anchor, m1)
        if y1 is None:
            return DateValue(f"XXXX-{m1:02d}/XXXX-{m2:02d}", "year_unknown")
        y2 = y1 + wraps
    elif y1 is None:
        y1 = y2 - wraps
    elif y2 is None:
        y2 = y1 + wraps
    if (y2, m2) <= (y1, m1) or (y2 - y1) * 12 + m2 - m1 > 24:
        return None
    return _range_value(date(y1, m1, 1), date(y2, m2, 1), unit="month")


def _shifted_day(anchor: _Anchor, days: int) -> DateValue:
    """The anchor moved by ``days``; with a year-unknown anchor the result is
    year-unknown too, or unknown when it depends on a 29 February."""
    if anchor.day:
        return _day_value(anchor.day + timedelta(days), anchor.approximate)
    if anchor.month_day:
        m, d = anchor.month_day
        results = {
            (date(y, m, d) + timedelta(days)).strftime("%m-%d")
            for y in (_COMMON_YEAR, _LEAP_YEAR)
            if _valid(y, m, d)
        }
        if len(results) == 1:
            mm, dd = map(int, results.pop().split("-"))
            return _day_no_year(mm, dd, anchor.approximate)
    return _unknown()


def _monday(d: date) -> date:
    return d - timedelta(d.weekday())


def _week_range(anchor: _Anchor, weeks: int, first_wd: int = 0, last_wd: int = 6) -> DateValue:
    """Days ``first_wd``..``last_wd`` (0 = Monday) of the anchor's week moved by ``weeks``."""
    if not anchor.day:
        return _unknown()
    monday = _monday(anchor.day) + timedelta(weeks=weeks)
    return _range_value(monday + timedelta(first_wd), monday + timedelta(last_wd), approx=True)


def _days_range(anchor: _Anchor, first: int, last: int, approx: bool = True) -> DateValue:
    """Anchor + ``first`` .. anchor + ``last`` days."""
    if not anchor.day:
        return _unknown()
    if first == last:
        return _day_value(anchor.day + timedelta(first), approx)
    return _range_value(anchor.day + timedelta(first), anchor.day + timedelta(last), approx=approx)


def _relative_month(anchor: _Anchor, months: int, part: str | None = None) -> DateValue:
    if anchor.month:
        y, m = anchor.month
        index = y * 12 + (m - 1) + months
        return _month_value(index // 12, index % 12 + 1, part)
    month = anchor.month_only or (anchor.month_day[0] if anchor.month_day else None)
    if month:
        return _month_no_year((month - 1 + months) % 12 + 1, approx=part is not None)
    return _unknown()


def _relative_year(anchor: _Anchor, years: int, part: str | None = None) -> DateValue:
    if anchor.year is None:
        return _unknown()
    return _year_value(anchor.year + years, part)


def _month_of_relative_year(anchor: _Anchor, years: int, m: int, part: str | None = None) -> DateValue:
    """"tháng 3 năm ngoái": a month of a year given relative to the anchor."""
    if anchor.year is None:
        return _month_no_year(m, approx=part is not None)
    return _month_value(anchor.year + years, m, part)


def _earlier_or_later(anchor: _Anchor, unit: str, earlier: bool) -> DateValue:
    """"earlier this month", "later this year": from the start of the unit to
    the anchor, or from the anchor to its end."""
    if anchor.day:
        d = anchor.day
        start = d.replace(day=1) if unit == "month" else d.replace(month=1, day=1)
        end = d.replace(day=_last_day(d.year, d.month)) if unit == "month" else d.replace(month=12, day=31)
        first, last = (start, d) if earlier else (d, end)
        return _day_value(first) if first == last else _range_value(first, last)
    if anchor.month_day and unit == "month":
        m, d = anchor.month_day
        last_day = _last_day(_LEAP_YEAR if d == 29 and m == 2 else _COMMON_YEAR, m)
        first, last = ((m, 1), (m, d)) if earlier else ((m, d), (m, last_day))
        return _range_no_year(*first, *last)
    return _unknown()


def _weekday_date(anchor: _Anchor, weekday: int, mode: str) -> DateValue:
    """A weekday (0 = Monday) relative to the anchor day.

    mode: "past" on or before the anchor, "future" on or after it, "next"
    strictly after, "last" strictly before, "week+N" the weekday of the
    anchor's calendar week moved by N weeks.
    """
    if not anchor.day:
        return _unknown()
    a = anchor.day
    if mode == "past":
        d = a - timedelta((a.weekday() - weekday) % 7)
    elif mode == "future":
        d = a + timedelta((weekday - a.weekday()) % 7)
    elif mode == "next":
        d = a + timedelta((weekday - a.weekday() - 1) % 7 + 1)
    elif mode == "last":
        d = a - timedelta((a.weekday() - weekday - 1) % 7 + 1)
    else:
        d = _monday(a) + timedelta(weeks=int(mode[4:]), days=weekday)
    return _day_value(d, anchor.approximate)


# --------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Vietnamese month names ("tháng Ba"). Lunar names (Giêng, Chạp) are left out.
_VI_MONTH_WORDS = {
    "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
    "bảy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12,
}  # fmt: skip
_VI_WEEKDAYS = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5}
_EN_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_EN_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def _words_alternation(words) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


_D = r"(?:0?[1-9]|[12]\d|3[01])"  # a day of the month
_M = r"(?:0?[1-9]|1[0-2])"  # a month number
_Y = r"(?:19|20)\d{2}"  # a year written in digits next to a day or month
_Y_WORD = r"(?:1\d|20|21)\d{2}"  # a year after "năm" ("năm 1945")
# A number that is part of something bigger is not a date: 1.550, 10:30,
# 0912-345-678, http://.../29/09/, 1,5.
_NUM_BEFORE = r"(?<![\w/.:\-+−])(?<!\d,)"
_NUM_AFTER = r"(?![\w%]|[/.,:\-–]\d)"


def _vi_month(group: str) -> str:
    return rf"(?P<{group}>{_M}(?!\d)|(?:{_words_alternation(_VI_MONTH_WORDS)})(?!\w))"


def _en_month(group: str) -> str:
    return rf"(?P<{group}>{_EN_MONTH_RE})(?!\w)\.?"


def _en_day(group: str) -> str:
    return rf"(?P<{group}>{_D})(?:st|nd|rd|th)?(?!\w)"


_VI_PART = r"(?P<part>đầu|giữa|cuối|trung\s+tuần|thượng\s+tuần|hạ\s+tuần)"
_EN_PART = r"(?P<part>early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)"
_VI_DAY_WORD = r"(?:(?:ngày|mùng|mồng)\s+)"
_RANGE_TO_VI = r"\s*(?:-|–|—|đến|tới)\s*"
_RANGE_TO_EN = r"\s*(?P<to>-|–|—|to|through|until|till|and)\s*"


def _part(words: str) -> str:
    """early | mid | late, from the words of the text."""
    w = " ".join(words.lower().split())
    if w in ("đầu", "thượng tuần", "early", "earlier") or "beginning" in w or "start" in w:
        return "early"
    if w in ("giữa", "trung tuần", "mid") or "middle" in w:
        return "mid"
    return "late"


def _vi_month_number(token: str) -> int:
    token = " ".join(token.lower().split())
    return int(token) if token.isdigit() else _VI_MONTH_WORDS[token]


def _lowercase_nam(token: str) -> bool:
    # "tháng năm" in lower case is "months and years" (time), not May.
    return token.strip() == "năm"


def _en_month_number(token: str) -> int | None:
    # May, March and August are also ordinary words: only capitalised names count.
    key = token.rstrip(".").lower()
    if key in ("may", "march", "mar", "august") and token[0].islower():
        return None
    return EN_MONTHS.get(key)


def _g(m: re.Match, name: str) -> str | None:
    return m.groupdict().get(name)


def _int(m: re.Match, name: str) -> int | None:
    value = _g(m, name)
    return int(value) if value else None


# --------------------------------------------------------------------------
# Context around a match
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ctx:
    text: str
    anchor: _Anchor
    lang: str  # vi | en | any

    def before(self, m: re.Match, n: int = 30) -> str:
        start = m.start("date")
        return self.text[max(0, start - n) : start]

    def after(self, m: re.Match, n: int = 30) -> str:
        end = m.end("date")
        return self.text[end : end + n]


# A number or quantifier before "tuần tới", "tháng sau", "năm nay" makes it a
# duration ("hai tuần tới", "sáu tháng sau đó", "những tháng tới").
_VI_QUANTIFIER_BEFORE = _rx(
    r"(?<!\w)(?:\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|trăm|vài|mấy|nhiều|các|những|mỗi|hàng|mọi|từng)\s*$"
)
# "sau đó", "trước đó": after/before the event just told, not the anchor.
_VI_THEN_AFTER = _rx(r"^\s+(?:đó|ấy)(?!\w)")
# Counted nouns: "tháng 2 lần", "3/4 số phiếu", "5/10 điểm".
_COUNT_AFTER = _rx(
    r"^\s*(?:%|phần\s+trăm|percent)|^\s+(?:lần|lượt|người|triệu|tỷ|nghìn|ngàn|trăm|chục|số|phần|điểm|dân|cử\s+tri"
    r"|ghế|phiếu|trận|thành\s+viên|trong\s+số|of)(?!\w)"
)
_DECADE_BEFORE = _rx(r"(?<!\w)(?:những|các|thập\s+niên|thập\s+kỷ)\s*$")
# Words after which a bare "26/2" is a date.
_DM_CONTEXT_BEFORE = _rx(
    r"(?:(?<!\w)(?:ngày|mùng|mồng|hôm|từ|đến|tới|vào|sáng|trưa|chiều|tối|đêm|khuya|trước|sau|hồi|khoảng"
    r"|nay|qua|mai|chủ\s+nhật|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7]))|\()\s*,?\s*$"
)
_UP_TO_BEFORE = _rx(r"(?<!\w)lên\s+(?:tới|đến)\s*$")  # "lên tới 3/4": a quantity
# Before "7-2": only a weekday or a "today" word (a hyphen pair is usually a score).
_DM_STRICT_BEFORE = _rx(
    r"(?<!\w)(?:(?:hôm|sáng|trưa|chiều|tối|đêm)\s+(?:nay|qua|mai)|chủ\s+nhật|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7]))"
    r"\s*[,(]?\s*$"
)
_ALONE_BEFORE = re.compile(r"(?:^|[\n,;])\s*$")
_ALONE_AFTER = re.compile(r"^\s*(?:$|[\n,.;:)])")
# Between two dates of a list: "7/2 và 8/2", "7/2, 8/2".
_LIST_GAP = _rx(r"^\s*(?:,|;|và|hoặc|hay|and|or|&|-|–|—|đến|tới|to)\s*$")
# Words after which a bare "thứ Năm" is the weekday (else "thứ năm" = fifth).
_VI_WEEKDAY_CONTEXT_BEFORE = _rx(
    r"(?:(?<!\w)(?:vào|hôm|sáng|trưa|chiều|tối|đêm|khuya|rạng\s+sáng|từ|đến|kể\s+từ|cho\s+đến|ngay|khoảng|hồi)"
    r"|\d\s*\()\s*$"  # or in brackets after a date: "26/2 (thứ Năm)"
)
# A noun before "thứ hai" makes it an ordinal ("lần thứ hai", "ngày thứ hai").
_VI_ORDINAL_BEFORE = _rx(
    r"(?<!\w)(?:lần|người|vị\s+trí|hạng|điều|năm|ngày|tháng|tuần|vòng|đợt|phiên|cuộc|chiếc|nước|bên|phần|mục|khoản"
    r"|giai\s+đoạn|số|nhiệm\s+kỳ|lớn|là|kỳ|khóa|thế\s+hệ|quốc\s+gia)\s*$"
)
_EXPLICIT_DAY_AFTER = _rx(r"^\s*[,(]?\s*(?:ngày\s+)?\d{1,2}(?:[/\-]\d{1,2}|\s+tháng)")
_EN_HOLIDAY_BEFORE = _rx(r"(?<!\w)(?:black|good|cyber|holy|bloody|super|easter|ash|maundy|palm|giving)\s+$")
_EN_THE_BEFORE = _rx(r"(?<!\w)(?:the|over\s+the|in\s+the|for\s+the)\s+$")  # "the last week" = the past 7 days

_FUTURE_VI = _rx(r"(?<!\w)(?:sẽ|dự\s+kiến|dự\s+định|sắp|chuẩn\s+bị|kế\s+hoạch|lên\s+lịch|hẹn)(?!\w)")
_FUTURE_EN = _rx(
    r"(?<!\w)(?:will|shall|is\s+to|are\s+to|is\s+due|are\s+due|scheduled|expected\s+to|set\s+to|plans?\s+to"
    r"|planned|going\s+to|upcoming)(?!\w)|\w['’]ll(?!\w)"
)
_CLAUSE_BREAK = re.compile(r"[.!?;,\n:]")


def _future_clause(ctx: _Ctx, m: re.Match) -> bool:
    """Whether the clause before the match speaks of the future."""
    before = ctx.before(m, 200)
    clause = _CLAUSE_BREAK.split(before)[-1]
    return bool(_FUTURE_VI.search(clause) or _FUTURE_EN.search(clause))


# --------------------------------------------------------------------------
# Rules: a named pattern and a handler that turns a match into a DateValue
# --------------------------------------------------------------------------

# Every pattern has a group "date" that covers the date words; what lies
# outside it (a preposition) is context only.


def _h_numeric_dmy(m: re.Match, ctx: _Ctx) -> DateValue | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    d, mo = a, b
    if ctx.lang == "en" and a != b:
        # English pages may write day/month or month/day: read only a certain order.
        if a > 12 >= b:
            d, mo = a, b
        elif b > 12 >= a:
            d, mo = b, a
        else:
            return None
    return _explicit_day(ctx.anchor, d, mo, y) if 1 <= mo <= 12 else None


_NUMERIC_DMY = _rx(
    rf"{_NUM_BEFORE}(?P<date>{_VI_DAY_WORD}?(?P<a>\d{{1,2}})(?P<sep>[/.\-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_Y}))"
    + _NUM_AFTER
)


def _h_iso(m: re.Match, ctx: _Ctx) -> DateValue | None:
    return _explicit_day(ctx.anchor, int(m["d"]), int(m["m"]), int(m["y"]))


_ISO_DATE = _rx(
    rf"{_NUM_BEFORE}(?P<date>(?P<y>{_Y})(?P<sep>[-/.])(?P<m>\d{{2}})(?P=sep)(?P<d>\d{{2}}))(?![\d%]|[/.,:\-]\d)"
)

# --- Vietnamese -------------------------------------------------------------

_VI_DM = _rx(
    rf"{_NUM_BEFORE}(?P<date>(?:(?P<strong>ngày|mùng|mồng)\s+)?(?P<d>{_D})(?P<sep>[/\-])(?P<m>{_M})){_NUM_AFTER}"
)


def _h_vi_dm(m: re.Match, ctx: _Ctx) -> DateValue | None:
    return _explicit_day(ctx.anchor, int(m["d"]), int(m["m"]))


def _weak_vi_dm(m: re.Match) -> str | None:
    if m["strong"]:
        return None
    return "dm-strict" if m["sep"] == "-" else "dm"


_VI_WORDS_DATE = _rx(
    rf"(?<![\w.,])(?P<date>(?:(?P<strong>ngày|mùng|mồng)\s+)?(?P<d>{_D})\s+tháng\s+{_vi_month('m')}"
    rf"(?:\s*(?:năm|/)\s*(?P<y>{_Y_WORD})(?!\d))?)"
)


def _h_vi_words_date(m: re.Match, ctx: _Ctx) -> DateValue | None:
    if _lowercase_nam(m["m"]) and not m["y"]:
        return None
    return _explicit_day(ctx.anchor, int(m["d"]), _vi_month_number(m["m"]), _int(m, "y"))


def _weak_unless_strong_or_year(m: re.Match) -> str | None:
    return None if (_g(m, "strong") or _g(m, "y") or _g(m, "y2")) else "dm"


_VI_MONTH_YEAR = _rx(rf"(?<!\w)(?P<date>tháng\s+{_vi_month('m')}\s*(?:/|-|năm)\s*(?P<y>{_Y_WORD}))(?![\d.,]\d|\d)")


def _h_vi_month_year(m: re.Match, ctx: _Ctx) -> DateValue | None:
    return _explicit_month(ctx.anchor, _vi_month_number(m["m"]), int(m["y"]))


_VI_YEAR_OFFSET = {"nay": 0, "ngoái": -1, "trước": -1, "tới": 1, "sau": 1}
_VI_MONTH_OFFSET = {"này": 0, "trước": -1, "qua": -1, "tới": 1, "sau": 1}
_VI_WEEK_OFFSET = {"này": 0, "trước": -1, "qua": -1, "tới": 1, "sau": 1}

_VI_MONTH_ALONE = _rx(
    rf"(?<!\w)(?P<date>tháng\s+{_vi_month('m')}(?:\s+năm\s+(?P<rely>nay|ngoái|trước|tới|sau)(?!\w))?)(?![/\-.]\d)"
)


def _h_vi_month_alone(m: re.Match, ctx: _Ctx) -> DateValue | None:
    if _lowercase_nam(m["m"]):
        return None
    # "mỗi tháng 2 lần" (twice a month), "tháng 3 người": not a month name.
    if _VI_QUANTIFIER_BEFORE.search(ctx.before(m)) or _COUNT_AFTER.match(ctx.after(m)):
        return None
    month = _vi_month_number(m["m"])
    if m["rely"]:
        return _month_of_relative_year(ctx.anchor, _VI_YEAR_OFFSET[m["rely"].lower()], month)
    return _explicit_month(ctx.anchor, month)


_VI_APPROX_MONTH = _rx(
    rf"(?<!\w)(?P<date>{_VI_PART}\s+tháng\s+(?:{_vi_month('m')}(?:\s*(?:/|-|năm)\s*(?P<y>{_Y_WORD})(?!\d)"
    r"|\s+năm\s+(?P<rely>nay|ngoái|trước|tới|sau)(?!\w))?|(?P<relm>này|trước|tới|sau|qua)(?!\w)))"
)


def _h_vi_approx_month(m: re.Match, ctx: _Ctx) -> DateValue | None:
    part = _part(m["part"])
    if m["relm"]:
        return _relative_month(ctx.anchor, _VI_MONTH_OFFSET[m["relm"].lower()], part)
    if _lowercase_nam(m["m"]) and not m["y"]:
        return None
    month = _vi_month_number(m["m"])
    if m["rely"]:
        return _month_of_relative_year(ctx.anchor, _VI_YEAR_OFFSET[m["rely"].lower()], month, part)
    return _explicit_month(ctx.anchor, month, _int(m, "y"), part)


_VI_APPROX_YEAR = _rx(
    rf"(?<!\w)(?P<date>(?P<part>đầu|giữa|cuối)\s+năm\s+"
    rf"(?:(?P<y>{_Y_WORD})(?!\d)|(?P<rely>nay|ngoái|trước|tới|sau)(?!\w)))"
)


def _h_vi_approx_year(m: re.Match, ctx: _Ctx) -> DateValue | None:
    part = _part(m["part"])
    if m["rely"]:
        return _relative_year(ctx.anchor, _VI_YEAR_OFFSET[m["rely"].lower()], part)
    return _year_value(int(m["y"]), part)


_VI_YEAR = _rx(rf"(?<!\w)(?P<date>năm\s+(?P<y>{_Y_WORD}))(?![\d.,]\d|\d)")


def _h_vi_year(m: re.Match, ctx: _Ctx) -> DateValue | None:
    if _DECADE_BEFORE.search(ctx.before(m)):  # "những năm 1990": a decade
        return None
    return _year_value(int(m["y"]))


_VI_RANGE_DM = _rx(
    rf"{_NUM_BEFORE}(?P<date>(?:từ\s+)?{_VI_DAY_WORD}?(?P<d1>{_D})/(?P<m1>{_M})(?:/(?P<y1>{_Y}))?"
    rf"{_RANGE_TO_VI}{_VI_DAY_WORD}?(?P<d2>{_D})/(?P<m2>{_M})(?:/(?P<y2>{_Y}))?){_NUM_AFTER}"
)


def _h_vi_range_dm(m: re.Match, ctx: _Ctx) -> DateValue | None:
    return _explicit_day_range(
        ctx.anchor, int(m["d1"]), int(m["m1"]), _int(m, "y1"), int(m["d2"]), int(m["m2"]), _int(m, "y2")
    )


_VI_RANGE_D = _rx(
    rf"{_NUM_BEFORE}(?P<date>(?:(?P<strong>từ\s+ngày|từ|ngày|mùng|mồng)\s+)?(?P<d1>{_D}){_RANGE_TO_VI}"
    rf"{_VI_DAY_WORD}?(?P<d2>{_D})/(?P<m2>{_M})(?:/(?P<y2>{_Y}))?){_NUM_AFTER}"
)


def _h_vi_range_d(m: re.Match, ctx: _Ctx) -> DateValue | None:
    month = int(m["m2"])
    return _explicit_day_range(ctx.anchor, int(m["d1"]), month, None, int(m["d2"]), month, _int(m, "y2"))


def _weak_unless_strong(m: re.Match) -> str | None:
    return None if _g(m, "strong") else "dm"


_VI_RANGE_WORDS = _rx(
    rf"(?<![\w.,])(?P<date>(?:(?P<strong>từ)\s+)?{_VI_DAY_WORD}?(?P<d1>{_D})(?:\s+tháng\s+{_vi_month('m1')})?"
    rf"(?:\s+năm\s+(?P<y1>{_Y_WORD}))?{_RANGE_TO_VI}{_VI_DAY_WORD}?(?P<d2>{_D})\s+tháng\s+{_vi_month('m2')}"
    rf"(?:\s*(?:năm|/)\s*(?P<y2>{_Y_WORD}))?)(?!\d)"
)


def _h_vi_range_words(m: re.Match, ctx: _Ctx) -> DateValue | None:
    m2 = _vi_month_number(m["m2"])
    m1 = _vi_month_number(m["m1"]) if m["m1"] else m2
    return _explicit_day_range(ctx.anchor, int(m["d1"]), m1, _int(m, "y1"), int(m["d2"]), m2, _int(m, "y2"))


def _weak_vi_range_words(m: re.Match) -> str | None:
    # "5-6 tháng" is a duration: a words range needs "từ" or "ngày".
    return None if (m["strong"] or re.match(r"(?:từ\s+)?(?:ngày|mùng|mồng)", m["date"], re.I)) else "dm"


_VI_RANGE_MONTHS = _rx(
    rf"(?<!\w)(?P<date>(?:từ\s+)?tháng\s+{_vi_month('m1')}(?:\s*(?:/|năm)\s*(?P<y1>{_Y_WORD}))?"
    rf"(?:{_RANGE_TO_VI}tháng\s+|\s*[-–]\s*){_vi_month('m2')}(?:\s*(?:/|năm)\s*(?P<y2>{_Y_WORD}))?)(?![\d.,]\d|\d)"
)


def _h_vi_range_months(m: re.Match, ctx: _Ctx) -> DateValue | None:
    if (_lowercase_nam(m["m1"]) or _lowercase_nam(m["m2"])) and not m["y2"]:
        return None
    return _explicit_month_range(
        ctx.anchor, _vi_month_number(m["m1"]), _int(m, "y1"), _vi_month_number(m["m2"]), _int(m, "y2")
    )


_VI_RANGE_YEARS = _rx(
    rf"(?<!\w)(?P<date>(?:từ\s+)?(?:năm|giai\s+đoạn)\s+(?P<y1>{_Y_WORD})\s*(?:-|–|—|đến|tới)\s*(?:năm\s+)?"
    rf"(?P<y2>{_Y_WORD}))(?!\d)"
)


def _h_year_range(m: re.Match, ctx: _Ctx) -> DateValue | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not y1 < y2:
        return None
    return _range_value(date(y1, 1, 1), date(y2, 1, 1), unit="year")


_VI_RELATIVE_DAY = _rx(
    r"(?<!\w)(?P<date>hôm\s+nay|hôm\s+qua|hôm\s+kia|ngày\s+mai|ngày\s+mốt"
    r"|(?:sáng|trưa|chiều|tối|đêm|khuya|rạng\s+sáng)\s+(?P<rel>nay|qua|mai))(?!\w)"
)
_VI_DAY_OFFSET = {"hôm nay": 0, "hôm qua": -1, "hôm kia": -2, "ngày mai": 1, "ngày mốt": 2}


def _h_vi_relative_day(m: re.Match, ctx: _Ctx) -> DateValue | None:
    if _VI_QUANTIFIER_BEFORE.search(ctx.before(m)):  # "một ngày mai tươi sáng"
        return None
    words = " ".join(m["date"].lower().split())
    offset = {"nay": 0, "qua": -1, "mai": 1}[m["rel"].lower()] if m["rel"] else _VI_DAY_OFFSET[words]
    return _shifted_day(ctx.anchor, offset)


_VI_RELATIVE_WEEK = _rx(r"(?<!\w)(?P<date>(?:(?P<part>đầu|giữa|cuối)\s+)?tuần\s+(?P<rel>này|tới|sau|trước|qua))(?!\w)")
_WEEK_PART_DAYS = {"early": (0, 2), "mid": (1, 3), "late": (5, 6)}  # cuối tuần = the weekend


def _h_vi_relative_week(m: re.Match, ctx: _Ctx) -> DateValue | None:
    if _VI_QUANTIFIER_BEFORE.search(ctx.before(m)) or _VI_THEN_AFTER.match(ctx.after(m)):
        return None
    rel = m["rel"].lower()
    if rel == "qua" and not m["part"]:
        return _days_range(ctx.anchor, -6, 0)  # "tuần qua": the past seven days
    first, last = _WEEK_PART_DAYS[_part(m["part"])] if m["part"] else (0, 6)
    return _week_range(ctx.anchor, _VI_WEEK_OFFSET[rel], first, last)


_VI_RELATIVE_MONTH = _rx(r"(?<!\w)(?P<date>tháng\s+(?P<rel>này|tới|sau|trước))(?!\w)")


def _h_vi_relative_month(m: re.Match, ctx: _Ctx) -> DateValue | None:
    if _VI_QUANTIFIER_BEFORE.search(ctx.before(m)) or _VI_THEN_AFTER.match(ctx.after(m)):
        return None
    return _relative_month(ctx.anchor, _VI_MONTH_OFFSET[m["rel"].lower()])


_VI_RELATIVE_YEAR = _rx(r"(?<!\w)(?P<date>năm\s+(?P<rel>nay|ngoái|trước|tới|sau))(?!\w)")


_VI_ORDINAL_THU_BEFORE = _rx(r"(?<!\w)thứ\s*$")  # "người thứ năm tới": the fifth, not next year


def _h_vi_relative_year(m: re.Match, ctx: _Ctx) -> DateValue | None:
    before = ctx.before(m)
    if _VI_QUANTIFIER_BEFORE.search(before) or _VI_ORDINAL_THU_BEFORE.search(before):
        return None
    if _VI_THEN_AFTER.match(ctx.after(m)):
        return None
    return _relative_year(ctx.anchor, _VI_YEAR_OFFSET[m["rel"].lower()])


_VI_WEEKDAY = _rx(
    r"(?<!\w)(?P<date>(?P<wd>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)(?!\s+mươi)(?!\w)"
    r"(?:\s+(?P<strong>tuần\s+(?:này|tới|sau|trước|qua)|tới|này|vừa\s+qua)(?!\w))?)"
)


def _vi_weekday_number(token: str) -> int:
    token = " ".join(token.lower().split())
    if token == "chủ nhật":
        return 6
    name = token.split()[1]
    return int(name) - 2 if name.isdigit() else _VI_WEEKDAYS[name]


def _h_vi_weekday(m: re.Match, ctx: _Ctx) -> DateValue | None:
    weekday = _vi_weekday_number(m["wd"])
    if m["strong"] and weekday != 6 and _VI_ORDINAL_BEFORE.search(ctx.before(m)):
        return None  # "người thứ hai tới": the second person came
    rel = " ".join(m["strong"].lower().split()) if m["strong"] else ""
    if rel.startswith("tuần"):
        return _weekday_date(ctx.anchor, weekday, f"week{_VI_WEEK_OFFSET[rel.split()[1]]:+d}")
    if rel == "tới":
        return _weekday_date(ctx.anchor, weekday, "next")
    if rel == "vừa qua":
        return _weekday_date(ctx.anchor, weekday, "last")
    if rel == "này":
        return _weekday_date(ctx.anchor, weekday, "future")
    return _weekday_date(ctx.anchor, weekday, "future" if _future_clause(ctx, m) else "past")


def _weak_vi_weekday(m: re.Match) -> str | None:
    if m["strong"] or m["wd"].lower().startswith("chủ"):
        return None
    return "weekday"


# --- English ----------------------------------------------------------------

_EN_MDY = _rx(rf"(?<!\w)(?P<date>{_en_month('mon')}\s*{_en_day('d')},?\s+(?P<y>{_Y}))(?!\d)")
_EN_DMY = _rx(rf"(?<![\w.,])(?P<date>(?:the\s+)?{_en_day('d')}\s+(?:of\s+)?{_en_month('mon')},?\s+(?P<y>{_Y}))(?!\d)")
_EN_MD = _rx(rf"(?<!\w)(?P<date>{_en_month('mon')}\s*{_en_day('d')})(?!\s*[:.]\d)")
_EN_DM = _rx(rf"(?<![\w.,])(?P<date>(?:the\s+)?{_en_day('d')}\s+(?:of\s+)?{_en_month('mon')})")


def _h_en_day(m: re.Match, ctx: _Ctx) -> DateValue | None:
    month = _en_month_number(m["mon"])
    return _explicit_day(ctx.anchor, int(m["d"]), month, _int(m, "y")) if month else None


_EN_MONTH_YEAR = _rx(rf"(?<!\w)(?P<date>{_en_month('mon')},?\s+(?:of\s+)?(?P<y>{_Y}))(?!\d)")
# A month name alone is a date only after a preposition ("in March"): "March"
# and "May" are words too.
_EN_MONTH_AFTER_PREPOSITION = _rx(
    rf"(?<!\w)(?:in|by|since|until|till|through|from|during|before|after)\s+(?P<date>{_en_month('mon')})(?!\s*\d)"
)


def _h_en_month(m: re.Match, ctx: _Ctx) -> DateValue | None:
    month = _en_month_number(m["mon"])
    return _explicit_month(ctx.anchor, month, _int(m, "y")) if month else None


_EN_MONTH_RELATIVE = _rx(
    rf"(?<!\w)(?P<date>(?P<rel>last|next|this\s+past|this\s+coming|this|past|coming)\s+{_en_month('mon')})(?!\s*\d)"
)


def _h_en_month_relative(m: re.Match, ctx: _Ctx) -> DateValue | None:
    """"last March": the latest March before the anchor; "next March": the first after it."""
    month = _en_month_number(m["mon"])
    a = ctx.anchor
    if not month:
        return None
    if not a.month:
        return _month_no_year(month) if (a.month_only or a.month_day) else _unknown()
    y, current = a.month
    rel = m["rel"].lower().split()[-1]
    if rel in ("last", "past"):
        return _month_value(y if month < current else y - 1, month)
    if rel in ("next", "coming"):
        return _month_value(y if month > current else y + 1, month)
    return _month_value(y, month)


_EN_APPROX_MONTH = _rx(
    rf"(?<!\w)(?P<date>{_EN_PART}(?:\s+|-){_en_month('mon')}(?:,?\s+(?:of\s+)?(?P<y>{_Y}))?)(?!\s*\d)"
)


def _h_en_approx_month(m: re.Match, ctx: _Ctx) -> DateValue | None:
    month = _en_month_number(m["mon"])
    return _explicit_month(ctx.anchor, month, _int(m, "y"), _part(m["part"])) if month else None


_EN_APPROX_YEAR = _rx(rf"(?<!\w)(?P<date>{_EN_PART}(?:\s+|-)(?P<y>{_Y}))(?!\d)")


def _h_en_approx_year(m: re.Match, ctx: _Ctx) -> DateValue | None:
    return _year_value(int(m["y"]), _part(m["part"]))


_EN_YEAR_AFTER_PREPOSITION = _rx(
    rf"(?<!\w)(?:in|since|from|by|until|till|through|before|after|during)\s+(?:the\s+year\s+)?(?P<date>(?P<y>{_Y}))"
    r"(?![\d%]|[-–/.,:]\d|\s*(?:percent|per\s+cent))"
)


def _h_en_year(m: re.Match, ctx: _Ctx) -> DateValue | None:
    return _year_value(int(m["y"]))


_EN_RANGE_MD = _rx(
    rf"(?<!\w)(?P<date>(?:(?P<from>from|between)\s+)?{_en_month('mon1')}\s*{_en_day('d1')}(?:,?\s+(?P<y1>{_Y}))?"
    rf"{_RANGE_TO_EN}{_en_month('mon2')}\s*{_en_day('d2')}(?:,?\s+(?P<y2>{_Y}))?)(?!\d)"
)
_EN_RANGE_MDD = _rx(
    rf"(?<!\w)(?P<date>(?:(?P<from>from|between)\s+)?{_en_month('mon1')}\s*{_en_day('d1')}"
    rf"{_RANGE_TO_EN}{_en_day('d2')}(?:,?\s+(?P<y2>{_Y}))?)(?!\d)(?!\s*(?:%|percent))"
)
_EN_RANGE_DM = _rx(
    rf"(?<![\w.,])(?P<date>(?:(?P<from>from|between)\s+)?{_en_day('d1')}(?:\s+{_en_month('mon1')})?"
    rf"(?:,?\s+(?P<y1>{_Y}))?"
    rf"{_RANGE_TO_EN}{_en_day('d2')}\s+{_en_month('mon2')}(?:,?\s+(?P<y2>{_Y}))?)(?!\d)"
)


def _en_range_connector_ok(m: re.Match) -> bool:
    # "October 16 and 17" lists two days; only "between ... and ..." is a range.
    return m["to"].lower() != "and" or (m["from"] or "").lower() == "between"


def _h_en_range_days(m: re.Match, ctx: _Ctx) -> DateValue | None:
    if not _en_range_connector_ok(m):
        return None
    mon2 = _en_month_number(m["mon2"]) if _g(m, "mon2") else None
    mon1 = _en_month_number(m["mon1"]) if _g(m, "mon1") else mon2
    mon2 = mon2 or mon1
    if not (mon1 and mon2) or (_g(m, "y1") and not _g(m, "mon1")):
        return None
    return _explicit_day_range(ctx.anchor, int(m["d1"]), mon1, _int(m, "y1"), int(m["d2"]), mon2, _int(m, "y2"))


_EN_RANGE_MONTHS = _rx(
    rf"(?<!\w)(?P<date>(?:(?P<from>from|between)\s+)?{_en_month('mon1')}(?:,?\s+(?P<y1>{_Y}))?"
    rf"{_RANGE_TO_EN}{_en_month('mon2')}(?:,?\s+(?P<y2>{_Y}))?)(?!\s*\d{{1,2}}(?!\d))"
)


def _h_en_range_months(m: re.Match, ctx: _Ctx) -> DateValue | None:
    if not _en_range_connector_ok(m):
        return None
    mon1, mon2 = _en_month_number(m["mon1"]), _en_month_number(m["mon2"])
    if not (mon1 and mon2):
        return None
    return _explicit_month_range(ctx.anchor, mon1, _int(m, "y1"), mon2, _int(m, "y2"))


_EN_RANGE_YEARS = _rx(rf"(?<!\w)(?P<date>(?P<from>from|between)\s+(?P<y1>{_Y}){_RANGE_TO_EN}(?P<y2>{_Y}))(?!\d)")


def _h_en_range_years(m: re.Match, ctx: _Ctx) -> DateValue | None:
    return _h_year_range(m, ctx) if _en_range_connector_ok(m) else None


_EN_RELATIVE_DAY = _rx(
    r"(?<!\w)(?P<date>(?:(?:earlier|later)\s+)?today|tonight|(?P<y>yesterday)(?:\s+(?:morning|afternoon|evening))?"
    r"|(?P<t>tomorrow)(?:\s+(?:morning|afternoon|evening|night))?|this\s+(?:morning|afternoon|evening)|last\s+night"
    r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?!\w)"
)


def _h_en_relative_day(m: re.Match, ctx: _Ctx) -> DateValue | None:
    words = " ".join(m["date"].lower().split())
    if words == "the day before yesterday":
        offset = -2
    elif words == "the day after tomorrow":
        offset = 2
    elif m["y"] or words == "last night":
        offset = -1
    elif m["t"]:
        offset = 1
    else:
        offset = 0
    return _shifted_day(ctx.anchor, offset)


_EN_RELATIVE_WEEK = _rx(
    r"(?<!\w)(?P<date>(?:(?P<part>early|earlier|mid|late|later)(?:\s+|-))?"
    r"(?P<rel>this|next|last|past|coming)\s+week)(?!\w)"
)


def _h_en_relative_week(m: re.Match, ctx: _Ctx) -> DateValue | None:
    rel = m["rel"].lower()
    part = m["part"].lower() if m["part"] else None
    if rel == "past" or (rel == "last" and not part and _EN_THE_BEFORE.search(ctx.before(m))):
        return _days_range(ctx.anchor, -6, 0)  # "the past week": the last seven days
    if rel == "coming" and _EN_THE_BEFORE.search(ctx.before(m)):
        return _days_range(ctx.anchor, 1, 7)
    weeks = {"this": 0, "next": 1, "coming": 1, "last": -1}[rel]
    a = ctx.anchor
    if part in ("earlier", "later") and weeks == 0:
        if not a.day:
            return _unknown()
        sunday = _monday(a.day) + timedelta(6)
        first, last = (_monday(a.day), a.day) if part == "earlier" else (a.day, sunday)
        return _day_value(first, True) if first == last else _range_value(first, last, approx=True)
    first, last = {"early": (0, 2), "earlier": (0, 2), "mid": (1, 3), "late": (3, 6), "later": (3, 6)}.get(
        part or "", (0, 6)
    )
    return _week_range(a, weeks, first, last)


_EN_WEEKEND = _rx(r"(?<!\w)(?P<date>(?P<rel>this|next|last|past)\s+weekend)(?!\w)")


def _h_en_weekend(m: re.Match, ctx: _Ctx) -> DateValue | None:
    weeks = {"this": 0, "next": 1, "last": -1, "past": -1}[m["rel"].lower()]
    return _week_range(ctx.anchor, weeks, 5, 6)


_EN_RELATIVE_MONTH_OR_YEAR = _rx(
    r"(?<!\w)(?P<date>(?:(?P<part>early|earlier|mid|late|later)(?:\s+|-)"
    r"|(?:the\s+)?(?P<partx>end|beginning|start|middle)\s+of\s+)?"
    r"(?P<rel>this|next|last|the)\s+(?P<unit>month|year))(?!\w)"
)


def _h_en_relative_month_or_year(m: re.Match, ctx: _Ctx) -> DateValue | None:
    rel, unit = m["rel"].lower(), m["unit"].lower()
    part_word = (m["part"] or m["partx"] or "").lower()
    if rel == "the" and not m["partx"]:
        return None  # "the month" alone says nothing
    if rel == "last" and not part_word and _EN_THE_BEFORE.search(ctx.before(m)):
        return None  # "over the last year": a duration, not last year
    offset = {"this": 0, "the": 0, "next": 1, "last": -1}[rel]
    if part_word in ("earlier", "later") and offset == 0:
        return _earlier_or_later(ctx.anchor, unit, part_word == "earlier")
    part = _part(part_word) if part_word else None
    if unit == "month":
        return _relative_month(ctx.anchor, offset, part)
    return _relative_year(ctx.anchor, offset, part)


_EN_WEEKDAY = _rx(
    r"(?<!\w)(?P<date>(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past)\s+)?"
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?!\w)"
)


def _h_en_weekday(m: re.Match, ctx: _Ctx) -> DateValue | None:
    if _EN_HOLIDAY_BEFORE.search(ctx.before(m)):  # Black Friday, Super Tuesday
        return None
    weekday = _EN_WEEKDAYS.index(m["wd"].lower())
    rel = m["rel"].lower().split()[-1] if m["rel"] else ""
    if rel in ("last", "past"):
        mode = "last"
    elif rel in ("next", "coming"):
        mode = "next"
    elif rel == "this":
        mode = "future"
    else:
        mode = "future" if _future_clause(ctx, m) else "past"
    return _weekday_date(ctx.anchor, weekday, mode)


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Callable[[re.Match, _Ctx], DateValue | None]
    kind: str = "other"  # "day" (an explicit day), "weekday", "relday" (hôm nay, today ...), "other"
    weak: Callable[[re.Match], str | None] | None = None  # the kind of context a match needs, if any


# Listed most specific first: on equal length the earlier rule wins.
_COMMON_RULES = [
    _Rule("numeric_dmy", _NUMERIC_DMY, _h_numeric_dmy, "day"),
    _Rule("iso_date", _ISO_DATE, _h_iso, "day"),
]
_VI_RULES = [
    _Rule("vi_range_dm", _VI_RANGE_DM, _h_vi_range_dm),
    _Rule("vi_range_d", _VI_RANGE_D, _h_vi_range_d, weak=_weak_unless_strong),
    _Rule("vi_range_words", _VI_RANGE_WORDS, _h_vi_range_words, weak=_weak_vi_range_words),
    _Rule("vi_range_months", _VI_RANGE_MONTHS, _h_vi_range_months),
    _Rule("vi_range_years", _VI_RANGE_YEARS, _h_year_range),
    _Rule("vi_words_date", _VI_WORDS_DATE, _h_vi_words_date, "day", _weak_unless_strong_or_year),
    _Rule("vi_dm", _VI_DM, _h_vi_dm, "day", _weak_vi_dm),
    _Rule("vi_approx_month", _VI_APPROX_MONTH, _h_vi_approx_month),
    _Rule("vi_approx_year", _VI_APPROX_YEAR, _h_vi_approx_year),
    _Rule("vi_month_year", _VI_MONTH_YEAR, _h_vi_month_year),
    _Rule("vi_month", _VI_MONTH_ALONE, _h_vi_month_alone),
    _Rule("vi_year", _VI_YEAR, _h_vi_year),
    _Rule("vi_relative_day", _VI_RELATIVE_DAY, _h_vi_relative_day, "relday"),
    _Rule("vi_relative_week", _VI_RELATIVE_WEEK, _h_vi_relative_week),
    _Rule("vi_relative_month", _VI_RELATIVE_MONTH, _h_vi_relative_month),
    _Rule("vi_relative_year", _VI_RELATIVE_YEAR, _h_vi_relative_year),
    _Rule("vi_weekday", _VI_WEEKDAY, _h_vi_weekday, "weekday", _weak_vi_weekday),
]
_EN_RULES = [
    _Rule("en_range_md", _EN_RANGE_MD, _h_en_range_days),
    _Rule("en_range_mdd", _EN_RANGE_MDD, _h_en_range_days),
    _Rule("en_range_dm", _EN_RANGE_DM, _h_en_range_days),
    _Rule("en_range_months", _EN_RANGE_MONTHS, _h_en_range_months),
    _Rule("en_range_years", _EN_RANGE_YEARS, _h_en_range_years),
    _Rule("en_mdy", _EN_MDY, _h_en_day, "day"),
    _Rule("en_dmy", _EN_DMY, _h_en_day, "day"),
    _Rule("en_md", _EN_MD, _h_en_day, "day"),
    _Rule("en_dm", _EN_DM, _h_en_day, "day"),
    _Rule("en_approx_month", _EN_APPROX_MONTH, _h_en_approx_month),
    _Rule("en_approx_year", _EN_APPROX_YEAR, _h_en_approx_year),
    _Rule("en_month_year", _EN_MONTH_YEAR, _h_en_month),
    _Rule("en_month_relative", _EN_MONTH_RELATIVE, _h_en_month_relative),
    _Rule("en_month", _EN_MONTH_AFTER_PREPOSITION, _h_en_month),
    _Rule("en_year", _EN_YEAR_AFTER_PREPOSITION, _h_en_year),
    _Rule("en_relative_day", _EN_RELATIVE_DAY, _h_en_relative_day, "relday"),
    _Rule("en_relative_week", _EN_RELATIVE_WEEK, _h_en_relative_week),
    _Rule("en_weekend", _EN_WEEKEND, _h_en_weekend),
    _Rule("en_relative_month_or_year", _EN_RELATIVE_MONTH_OR_YEAR, _h_en_relative_month_or_year),
    _Rule("en_weekday", _EN_WEEKDAY, _h_en_weekday, "weekday"),
]


def _rules_for(lang: str) -> list[_Rule]:
    if lang == "vi":
        return _COMMON_RULES + _VI_RULES
    if lang == "en":
        return _COMMON_RULES + _EN_RULES
    return _COMMON_RULES + _VI_RULES + _EN_RULES


def _language(lang: str | None) -> str:
    lang = (lang or "").lower()
    return "vi" if lang.startswith("vi") else "en" if lang.startswith("en") else "any"


# --------------------------------------------------------------------------
# find_dates: candidates, context, longest match, merging, relation
# --------------------------------------------------------------------------


# "kể từ"/"since" look back: the date has already come. ("từ ngày 1/7" and
# "from March" often announce a future start, so they do not count.)
_SINCE_PAST_BEFORE = _rx(r"(?<!\w)(?:kể\s+từ|since)\s+(?:the\s+)?$")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    value: DateValue
    kind: str
    weak: str | None
    order: int


def _candidates(ctx: _Ctx) -> Iterator[_Candidate]:
    since_ctx = replace(ctx, anchor=replace(ctx.anchor, past_only=True))
    for order, rule in enumerate(_rules_for(ctx.lang)):
        for m in rule.pattern.finditer(ctx.text):
            start = m.start("date")
            in_the_past = bool(_SINCE_PAST_BEFORE.search(ctx.text[max(0, start - 30) : start]))
            value = rule.handler(m, since_ctx if in_the_past else ctx)
            if value is None:
                continue
            weak = rule.weak(m) if rule.weak else None
            yield _Candidate(m.start("date"), m.end("date"), value, rule.kind, weak, order)


def _has_local_context(c: _Candidate, text: str) -> bool:
    """Whether a weak candidate (bare "26/2", bare "thứ Năm") has words around it
    that make it a date; the list rule ("7/2 và 8/2") is checked later."""
    before, after = text[max(0, c.start - 40) : c.start], text[c.end : c.end + 30]
    if c.weak == "weekday":
        return bool(_VI_WEEKDAY_CONTEXT_BEFORE.search(before) or _EXPLICIT_DAY_AFTER.match(after))
    if _COUNT_AFTER.match(after) or _UP_TO_BEFORE.search(before):
        return False
    if c.weak == "dm-strict":
        return bool(_DM_STRICT_BEFORE.search(before))
    return bool(_DM_CONTEXT_BEFORE.search(before) or (_ALONE_BEFORE.search(before) and _ALONE_AFTER.match(after)))


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, the longest winning, in text order."""
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.start, c.order)):
        if all(c.end <= k.start or c.start >= k.end for k in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _add_list_members(chosen: list[_Candidate], pending: list[_Candidate], text: str) -> list[_Candidate]:
    """Weak candidates that follow a kept date with only "và", ",", "-" between."""
    changed = True
    while changed and pending:
        changed = False
        for p in list(pending):
            if any(not (p.end <= k.start or p.start >= k.end) for k in chosen):
                pending.remove(p)
                continue
            previous = [k for k in chosen if k.end <= p.start]
            if previous and _LIST_GAP.match(text[previous[-1].end : p.start]):
                chosen = sorted(chosen + [p], key=lambda c: c.start)
                pending.remove(p)
                changed = True
    return chosen


_MERGE_GAP = re.compile(r"^\s*(?P<open>[,(])?\s*$")


def _merge_weekday_and_day(chosen: list[_Candidate], text: str) -> list[_Candidate]:
    """"thứ Năm (26/2)", "Hôm nay, 26/2", "26/2 (thứ Năm)": one mention, the
    explicit day's value."""
    out: list[_Candidate] = []
    i = 0
    while i < len(chosen):
        a = chosen[i]
        b = chosen[i + 1] if i + 1 < len(chosen) else None
        if b is not None:
            gap = _MERGE_GAP.match(text[a.end : b.start])
            pair = {a.kind, b.kind}
            explicit = b if b.kind == "day" else a
            # After the day, a weekday joins only in brackets: "26/2 (thứ Năm)";
            # "ngày 7/2, thứ Sáu tuần trước" may be two dates.
            joins = gap and (explicit is b or gap["open"] == "(")
            if joins and "day" in pair and pair & {"weekday", "relday"} and len(pair) == 2:
                end = b.end
                if gap["open"] == "(":
                    close = re.match(r"\s*\)", text[end:])
                    end = end + close.end() if close else end
                out.append(_Candidate(a.start, end, explicit.value, "day", None, explicit.order))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


_APPROX_BEFORE = _rx(
    r"(?<!\w)(?P<q>khoảng(?:\s+chừng)?|chừng|around|approximately|circa|roughly|on\s+or\s+about|about)\s+$"
)

_RELATIONS = [
    (
        "since",
        _rx(
            r"(?<!\w)(?:kể\s+từ|bắt\s+đầu\s+từ|từ|since|starting(?:\s+(?:on|in|from))?|beginning(?:\s+(?:on|in))?"
            r"|from|as\s+of|sau|after)\s+(?:the\s+)?$"
        ),
    ),
    ("until", _rx(r"(?<!\w)(?:cho\s+(?:đến|tới)|đến\s+hết|đến|tới|until|till|through|up\s+to|by)\s+(?:the\s+)?$")),
    ("before", _rx(r"(?<!\w)(?:trước|before|prior\s+to|ahead\s+of)\s+(?:the\s+)?$")),
]


def _relation(text: str, start: int) -> str:
    before = text[max(0, start - 30) : start]
    for relation, pattern in _RELATIONS:
        if pattern.search(before):
            return relation
    return "on"


def _with_qualifier(c: _Candidate, text: str) -> _Candidate:
    """"khoảng ngày 10/3", "around October 16": approximate, the word in the span."""
    q = _APPROX_BEFORE.search(text[max(0, c.start - 30) : c.start])
    if not q or c.value.edtf is None:
        return c
    if q["q"].lower() == "about" and c.kind in ("weekday", "relday"):
        return c  # "asked about Friday": not a vague date
    return replace(c, start=c.start - len(q.group()), value=_approximate(c.value))


def _nfc(text: str) -> tuple[str, Callable[[int, int], tuple[int, int]]]:
    """The text in NFC (Vietnamese is often typed with combining accents) and
    a map from spans of the NFC text back to spans of the original."""
    if unicodedata.is_normalized("NFC", text):
        return text, lambda s, e: (s, e)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        pieces.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return "".join(pieces), lambda s, e: (starts[s], ends[e - 1])


def find_dates(text: str, lang: str, anchor: DateValue | None = None) -> list[DateMention]:
    """Every date expression in ``text``, in order, without overlaps.

    ``lang`` is "vi" or "en" (anything else tries both). ``anchor`` gives the
    year to days and months written without one, and the day that "hôm nay",
    "next week" or "on Thursday" count from; see the module docstring for the
    choices made on ambiguous cases.
    """
    return _find(text, lang, anchor)


def _find(text: str, lang: str, anchor: DateValue | None, whole_is_date: bool = False) -> list[DateMention]:
    """find_dates; with ``whole_is_date`` the caller vouches that the whole
    text is a date expression, so a bare "thứ Năm" or "26/2" needs no context."""
    if not text:
        return []
    norm, to_original = _nfc(text)
    ctx = _Ctx(norm, _Anchor.of(anchor), _language(lang))
    supported, pending = [], []
    for c in _candidates(ctx):
        whole = whole_is_date and c.start == 0 and c.end == len(norm)
        (supported if c.weak is None or whole or _has_local_context(c, norm) else pending).append(c)
    chosen = _longest_first(supported)
    chosen = _add_list_members(chosen, pending, norm)
    chosen = _merge_weekday_and_day(chosen, norm)
    mentions = []
    for c in chosen:
        c = _with_qualifier(c, norm)
        start, end = to_original(c.start, c.end)
        value = replace(c.value, text=text[start:end])
        mentions.append(DateMention(start, end, value, _relation(norm, c.start)))
    return mentions


def resolve_relative_date(expr: str, lang: str, anchor: DateValue | None) -> DateValue | None:
    """One expression ("tuần tới", "Tomorrow", "hôm qua", "7/2") against ``anchor``.

    Returns the value of the first date expression in ``expr``, None when it
    holds none. The whole of ``expr`` is taken to be a date expression (a
    mention's words), so a bare "thứ Năm" is a weekday here; with no clause
    around it, a bare weekday is read as the latest such day. A relative expression that the anchor cannot resolve (no
    anchor, or an anchor without the needed precision) gives
    ``DateValue(None, "unknown", text=...)``, so the caller knows it was there.
    """
    mentions = _find((expr or "").strip(), lang, anchor, whole_is_date=True)
    if not mentions:
        return None
    return mentions[0].value


_PUBLISHED_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def anchor_from_published(published: str | None) -> DateValue | None:
    """The publication date as a day-precision anchor.

    The local date as written is kept ("2025-02-09T22:45+07:00" is 9 February
    even though it is 8 February in UTC): the article's "hôm nay" is the
    reader's day.
    """
    if not published:
        return None
    found = _PUBLISHED_ISO.match(published)
    if not found:
        stamp = parse_dateline(published)
        found = _PUBLISHED_ISO.match(stamp) if stamp else None
    if not found:
        return None
    y, m, d = map(int, found.groups())
    if not _valid(y, m, d):
        return None
    return replace(_day_value(date(y, m, d)), text=published.strip())


# --------------------------------------------------------------------------
# Reading DateValues back: EDTF subset, bounds, wording, comparison
# --------------------------------------------------------------------------

_EDTF_POINT = re.compile(r"^(?P<y>\d{4}|XXXX)(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[~?%]?)$")

_Point = tuple[int | None, int | None, int | None]


def _edtf_points(edtf: str | None) -> list[tuple[_Point, bool]] | None:
    """The points of an EDTF string of the subset used here, each with its
    qualifier flag; None when it is not of that subset."""
    if not edtf:
        return None
    points = []
    for part in edtf.split("/"):
        found = _EDTF_POINT.match(part.strip())
        if not found:
            return None
        y = None if found["y"] == "XXXX" else int(found["y"])
        m = int(found["m"]) if found["m"] else None
        d = int(found["d"]) if found["d"] else None
        if (m is not None and not 1 <= m <= 12) or (d is not None and not _valid_month_day(m, d)):
            return None
        points.append(((y, m, d), bool(found["q"])))
    return points if len(points) in (1, 2) else None


def parse_edtf(edtf: str, text: str = "") -> DateValue | None:
    """A complete DateValue from an EDTF string of the subset this module
    writes ("2025-02-12", "2018-07", "2022", "2026-01~", "XXXX-10-16",
    "2022-11-29/2022-12-06"); the ISO form "--10-16" (month and day, no year)
    is read as "XXXX-10-16". None when the string is not such a date
    ("2025-02-30", "soon"). Used for dates an editor writes in curated data.
    """
    edtf = (edtf or "").strip()
    if edtf.startswith("--"):
        edtf = "XXXX-" + edtf[2:]
    points = _edtf_points(edtf)
    if not points:
        return None
    approx = any(q for _, q in points)
    known = [p[0] is not None for p, _ in points]
    if len(points) == 1:
        y, m, d = points[0][0]
        if y is None:
            if m is None:
                return None
            value = _day_no_year(m, d) if d else _month_no_year(m)
        elif d is not None:
            value = _day_value(date(y, m, d)) if _valid(y, m, d) else None
        elif m is not None:
            value = _month_value(y, m)
        else:
            value = _year_value(y)
        if value is None:
            return None
        return replace(_approximate(value) if approx else value, text=text)
    if all(known):
        first, last = _point_bounds(points[0][0]), _point_bounds(points[1][0])
        if not (first and last) or last[1] < first[0]:
            return None
        return DateValue(edtf, "range", text, _iso(first[0]), _iso(last[1]), approx)
    if not any(known) and all(p[1] is not None for p, _ in points):
        return DateValue(edtf, "year_unknown", text, None, None, approx)
    return None


def _point_bounds(point: _Point) -> tuple[date, date] | None:
    y, m, d = point
    if y is None:
        return None
    if m is None:
        return date(y, 1, 1), date(y, 12, 31)
    if d is None:
        return date(y, m, 1), date(y, m, _last_day(y, m))
    return (date(y, m, d),) * 2 if _valid(y, m, d) else None


def _bounds(value: DateValue | None) -> tuple[date, date] | None:
    """First and last day of a value whose year is known."""
    if value is None or not value.edtf or "XXXX" in value.edtf:
        return None
    if value.start and value.end:
        try:
            return date.fromisoformat(value.start), date.fromisoformat(value.end)
        except ValueError:
            pass
    points = _edtf_points(value.edtf)
    if not points:
        return None
    first, last = _point_bounds(points[0][0]), _point_bounds(points[-1][0])
    return (first[0], last[1]) if first and last else None


def known_bounds(value: DateValue | None) -> tuple[date, date] | None:
    """First and last day of a date whose year is known (None otherwise): what
    :func:`dates_compatible` compares, with its tolerance of at most three days."""
    return _bounds(value)


_MonthDay = tuple[int, int]


def _month_day_bounds(value: DateValue | None) -> tuple[_MonthDay, _MonthDay] | None:
    """First and last (month, day) of a year-unknown value ("XXXX-10-16")."""
    if value is None or not value.edtf or "XXXX" not in value.edtf:
        return None
    points = _edtf_points(value.edtf)
    if not points or any(p[0][1] is None for p in points):
        return None
    (_, m1, d1), (_, m2, d2) = points[0][0], points[-1][0]
    first = (m1, d1 or 1)
    last = (m2, d2 or _last_day(_LEAP_YEAR, m2))
    return first, last


def _in_year(bounds: tuple[_MonthDay, _MonthDay], y: int) -> tuple[date, date]:
    """A year-unknown span placed in year ``y`` (crossing into y+1 if it wraps)."""
    (m1, d1), (m2, d2) = bounds
    y2 = y + int((m2, d2) < (m1, d1))
    return date(y, m1, min(d1, _last_day(y, m1))), date(y2, m2, min(d2, _last_day(y2, m2)))


def _overlap(a: tuple[date, date], b: tuple[date, date], tolerance: timedelta) -> bool:
    return a[0] <= b[1] + tolerance and b[0] <= a[1] + tolerance


def dates_compatible(a: DateValue | None, b: DateValue | None) -> bool:
    """Whether two reported dates can be the date of one event.

    Spans must overlap, give or take one day (time zones) or three days when
    either is approximate. A year-unknown date ("XXXX-10-16") is compatible
    with the same day (or month) in any year. False when either value is
    missing or unknown: the caller decides what no date means.
    """
    if a is None or b is None or not a.edtf or not b.edtf:
        return False
    approximate = any(v.approximate or "~" in v.edtf for v in (a, b))
    tolerance = timedelta(days=3 if approximate else 1)
    known_a, known_b = _bounds(a), _bounds(b)
    partial_a, partial_b = _month_day_bounds(a), _month_day_bounds(b)
    if known_a and known_b:
        return _overlap(known_a, known_b, tolerance)
    if known_a and partial_b:
        known_a, partial_a = known_a, partial_b
    elif known_b and partial_a:
        known_a = known_b
    elif partial_a and partial_b:
        return any(
            _overlap(_in_year(partial_a, y), _in_year(partial_b, y + shift), tolerance)
            for y in (_COMMON_YEAR, _LEAP_YEAR)
            for shift in (-1, 0, 1)
        )
    else:
        return False
    return any(
        _overlap(known_a, _in_year(partial_a, y), tolerance) for y in range(known_a[0].year - 1, known_a[1].year + 1)
    )


def sort_key(value: DateValue | None) -> tuple:
    """Chronological order; year-unknown dates after all dated ones (by month
    and day), then values without a date. Equal keys keep their input order
    under Python's stable sort."""
    known = _bounds(value)
    if known:
        return (0, _iso(known[0]), _iso(known[1]), value.edtf or "")
    partial = _month_day_bounds(value)
    if partial:
        (m1, d1), (m2, d2) = partial
        return (1, f"{m1:02d}-{d1:02d}", f"{m2:02d}-{d2:02d}", value.edtf or "")
    return (2, "", "", "")


# --- wording -----------------------------------------------------------------

_PART_IN_TEXT = [
    ("early", _rx(r"(?<!\w)(?:early|beginning|start|đầu|thượng\s+tuần)(?!\w)")),
    ("mid", _rx(r"(?<!\w)(?:mid|middle|giữa|trung\s+tuần)(?!\w)")),
    ("late", _rx(r"(?<!\w)(?:late|end|cuối|hạ\s+tuần)(?!\w)")),
]
_PART_WORDS_EN = {"early": "early", "mid": "mid", "late": "late"}
_PART_WORDS_VI = {"early": "đầu", "mid": "giữa", "late": "cuối"}


def _part_in_text(text: str) -> str | None:
    text = unicodedata.normalize("NFC", text or "")
    for part, pattern in _PART_IN_TEXT:
        if pattern.search(text):
            return part
    return None


def _en_point(point: _Point, part: str | None = None, with_year: bool = True) -> str:
    y, m, d = point
    year = f" {y}" if (with_year and y is not None) else ""
    if m is None:
        if part == "mid":
            return f"mid-{y}"
        return f"{part} {y}" if part else f"{y}"
    month = _EN_MONTH_NAMES[m - 1]
    if d is not None:
        return f"{d} {month}{year}"
    if part == "mid":
        return f"mid-{month}{year}"
    return f"{part} {month}{year}" if part else f"{month}{year}"


def _vi_point(point: _Point, part: str | None = None, with_year: bool = True) -> str:
    y, m, d = point
    word = f"{_PART_WORDS_VI[part]} " if part else ""
    year = f" năm {y}" if (with_year and y is not None) else ""
    if m is None:
        return f"{word}năm {y}"
    if d is not None:
        return f"ngày {d} tháng {m}{year}"
    return f"{word}tháng {m}{year}"


def _en_range(p1: _Point, p2: _Point) -> str:
    (y1, m1, d1), (y2, m2, d2) = p1, p2
    same_year = y1 == y2
    if d1 is not None and d2 is not None:
        if same_year and m1 == m2:
            return f"{d1}–{d2} {_EN_MONTH_NAMES[m1 - 1]}" + (f" {y2}" if y2 else "")
        if same_year:
            return f"{_en_point(p1, with_year=False)} – {_en_point(p2)}"
    if m1 is None and m2 is None:
        return f"{y1}–{y2}"
    if m1 is not None and m2 is not None and d1 is None and d2 is None and same_year:
        return f"{_EN_MONTH_NAMES[m1 - 1]} – {_en_point(p2)}"
    return f"{_en_point(p1)} – {_en_point(p2)}"


def _vi_range(p1: _Point, p2: _Point) -> str:
    (y1, m1, d1), (y2, m2, d2) = p1, p2
    same_year = y1 == y2
    if d1 is not None and d2 is not None:
        if same_year:
            return f"từ {d1}/{m1} đến {d2}/{m2}" + (f"/{y2}" if y2 else "")
        return f"từ {d1}/{m1}/{y1} đến {d2}/{m2}/{y2}"
    if m1 is None and m2 is None:
        return f"từ năm {y1} đến năm {y2}"
    if m1 is not None and m2 is not None and d1 is None and d2 is None:
        if same_year:
            return f"từ tháng {m1} đến tháng {m2}" + (f" năm {y2}" if y2 else "")
        return f"từ tháng {m1}/{y1} đến tháng {m2}/{y2}"
    return f"từ {_vi_point(p1)} đến {_vi_point(p2)}"


def format_date(value: DateValue | None, lang: str) -> str:
    """Honest human wording of a date.

    English: "12 February 2025", "~ late January 2026" (the word kept from the
    source) or "January 2026 (approximate)", "16 October, year not in the
    source", "29 November – 6 December 2022", "date unknown". Vietnamese:
    "ngày 12 tháng 2 năm 2025", "khoảng cuối tháng 1 năm 2026", "ngày 16
    tháng 10 (không rõ năm)", "từ 29/11 đến 6/12/2022", "không rõ ngày".
    """
    vi = _language(lang) == "vi"
    points = _edtf_points(value.edtf) if value else None
    if not points:
        return "không rõ ngày" if vi else "date unknown"
    approximate = value.approximate or any(q for _, q in points)
    year_known = all(p[0] is not None for p, _ in points)
    if len(points) == 2:
        text = (_vi_range if vi else _en_range)(points[0][0], points[1][0])
        part = None
    else:
        point = points[0][0]
        # The word (early/mid/late) is kept only for a month or a year.
        part = _part_in_text(value.text) if approximate and point[2] is None else None
        text = (_vi_point if vi else _en_point)(point, part)
    if not year_known:
        text += " (không rõ năm)" if vi else ", year not in the source"
    if approximate:
        if vi:
            text = "khoảng " + text
        elif part:
            text = "~ " + text
        else:
            text += " (approximate)"
    return text


# --------------------------------------------------------------------------
# Datelines (used by ingest)
# --------------------------------------------------------------------------


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


_ISO_STAMP = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$"
)
_TIME = re.compile(r"(?<!\d)([01]?\d|2[0-3])[:hg](\d{2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_YMD = re.compile(r"(?<!\d)(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)")
_EN_MDY = re.compile(rf"\b({_EN_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_EN_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_EN_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)
_VI_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)


def parse_dateline(text: str, lang: str = "vi") -> str | None:
    """The publication stamp of a dateline or page metadata, as ISO 8601.

    Accepts the stamps news sites print ("22:45 09/02/2025", "Thứ Bảy,
    24/05/2025 - 10:20", "May 24, 2025 10:20 AM", "2025-05-24T10:20:00+07:00").
    Returns ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM`` (with the offset only when
    the stamp has one; the caller decides the time zone), or None.
    """
    if not text:
        return None
    iso = _ISO_STAMP.match(text)
    if iso:
        y, m, d, hh, mm, _ss, tz = iso.groups()
        if not _valid(int(y), int(m), int(d)):
            return None
        out = f"{y}-{m}-{d}"
        if hh:
            out += f"T{hh}:{mm}"
            if tz:
                out += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
        return out
    ymd = None
    for pattern, order in ((_DMY, "dmy"), (_YMD, "ymd"), (_EN_MDY, "mdy"), (_EN_DMY, "dmy_en"), (_VI_WORDS, "dmy")):
        found = pattern.search(text)
        if not found:
            continue
        a, b, c = found.groups()
        if order == "dmy":
            y, m, d = int(c), int(b), int(a)
        elif order == "ymd":
            y, m, d = int(a), int(b), int(c)
        elif order == "mdy":
            y, m, d = int(c), EN_MONTHS[a.lower()], int(b)
        else:
            y, m, d = int(c), EN_MONTHS[b.lower()], int(a)
        if _valid(y, m, d):
            ymd = (y, m, d, found.span())
            break
    if not ymd:
        return None
    y, m, d, (s, e) = ymd
    out = f"{y:04d}-{m:02d}-{d:02d}"
    rest = text[:s] + " " + text[e:]
    tm = _TIME.search(rest)
    if tm:
        hour, minute = int(tm.group(1)), int(tm.group(2))
        after = rest[tm.end() : tm.end() + 4].strip().lower()
        if after.startswith("pm") and hour < 12:
            hour += 12
        elif after.startswith("am") and hour == 12:
            hour = 0
        if minute < 60:
            out += f"T{hour:02d}:{minute:02d}"
    return out
