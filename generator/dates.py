"""Dates in Vietnamese and English news prose.

Takes text (a dateline, a sentence) and gives dates as precise as the text
allows. A date is never guessed: when the year cannot be known from the text
or from an anchor date (the publication date, or the date of the event a
phrase hangs on), the result says so (``XXXX-10-16``, precision
``year_unknown``).
"""

from __future__ import annotations

import re
from datetime import date

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
