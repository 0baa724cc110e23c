"""Exports: the chronicle's events as data other tools read.

Takes the curated events and the gazetteer; gives ``events.json`` (the format
described by ``generator/schemas/events-export.schema.json``), and the CSV,
iCalendar and Atom forms built from the same records.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import date as date_cls
from datetime import datetime, timedelta, timezone
from typing import Any

from .dates import format_date
from .i18n import STATUS_NAMES, TYPE_NAMES, entity_name, label, name_in
from .models import Event


def event_json(ev: Event, gazetteer) -> dict[str, Any]:
    """One event in the published format: flat, stable keys, ids into the gazetteer."""
    date = ev.date
    return {
        "id": ev.id,
        "type": ev.type,
        "cameo": ev.cameo,
        "date": date.edtf if date else None,
        "date_precision": date.precision if date else "unknown",
        "date_text": date.text if date else "",
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "status": ev.status,
        "mentioned": ev.mentioned,
        "participants": [
            {
                "id": p.id,
                "name_en": entity_name(gazetteer, p.id, "en"),
                "name_vi": entity_name(gazetteer, p.id, "vi"),
                "role": p.role,
            }
            for p in ev.participants
        ],
        "place": {"id": ev.place, "name_en": entity_name(gazetteer, ev.place, "en")} if ev.place else {"id": None, "name_en": None},
        "duration_minutes": ev.duration_minutes,
        "duration_approximate": ev.duration_approximate,
        "count": ev.count,
        "medium": ev.medium,
        "topics": list(ev.topics),
        "summary_en": ev.summary_en,
        "summary_vi": ev.summary_vi,
        "outcomes": [{"text": o.text, "language": o.language, "article": o.article, "paragraph": o.paragraph} for o in ev.outcomes],
        "quotes": [{"speaker": q.speaker, "text": q.text, "language": q.language, "article": q.article, "paragraph": q.paragraph} for q in ev.quotes],
        "confirmed_by": [a.who for a in ev.confirmed_by],
        "denied_by": [a.who for a in ev.denied_by],
        "disputed_by": [a.who for a in ev.disputed_by],
        "reported_by": [a.who for a in ev.reported_by],
        "confidence": ev.confidence,
        "became": ev.became,
        "plan_of": ev.plan_of,
        "sources": [{"article": s.article, "paragraphs": list(s.paragraphs), "captions": list(s.captions)} for s in ev.sources],
        "curated_fields": list(ev.curated_fields),
    }


def events_json(events: list[Event], gazetteer) -> list[dict[str, Any]]:
    return [event_json(ev, gazetteer) for ev in events]


# --- CSV, iCalendar, Atom -------------------------------------------------------
#
# Pure functions: events in, text out. The site writes them under exports/.
# Each takes the language of its human-readable columns (names, summaries,
# dates in words); ids and codes are the same in every language.

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UID_DOMAIN = "peace-talks-chronicle.example"
FEED_ID = f"tag:{UID_DOMAIN},2025:events"
_EPOCH = "1970-01-01T00:00:00Z"


def _names(ids: list[str], gazetteer, lang: str) -> list[str]:
    return [entity_name(gazetteer, i, lang) or i for i in ids]


def _summary(ev: Event, lang: str) -> str:
    return getattr(ev, f"summary_{lang}", "") or ev.summary_en or ev.id


def _spreadsheet_safe(value: Any) -> Any:
    """A cell a spreadsheet would run as a formula (=, +, -, @) starts with an apostrophe instead."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _source_refs(ev: Event) -> list[str]:
    refs: list[str] = []
    for s in ev.sources:
        refs += [f"{s.article}#p{n}" for n in s.paragraphs] or [s.article]
    return refs


CSV_COLUMNS = (
    "id", "date", "date_precision", "date_in_words", "date_as_written", "type", "type_name", "cameo", "status",
    "status_name", "participants", "participant_ids", "place", "place_id", "duration_minutes", "summary",
    "topics", "sources", "curated_fields",
)


def events_csv(events: list[Event], gazetteer, lang: str = "en") -> str:
    """One row per event; lists in a cell are joined with "; ". Sources are ``article#p<n>``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for ev in events:
        date = ev.date
        row = [
            ev.id,
            date.edtf if date and date.edtf else "",
            date.precision if date else "unknown",
            format_date(date, lang),
            date.text if date and date.text != "editor" else "",
            ev.type,
            name_in(TYPE_NAMES, ev.type, lang),
            ev.cameo,
            ev.status,
            name_in(STATUS_NAMES, ev.status, lang),
            "; ".join(_names(ev.participant_ids, gazetteer, lang)),
            "; ".join(ev.participant_ids),
            entity_name(gazetteer, ev.place, lang) or "",
            ev.place or "",
            "" if ev.duration_minutes is None else ev.duration_minutes,
            _summary(ev, lang),
            "; ".join(ev.topics),
            "; ".join(_source_refs(ev)),
            "; ".join(ev.curated_fields),
        ]
        writer.writerow([_spreadsheet_safe(_CONTROL.sub("", v) if isinstance(v, str) else v) for v in row])
    return out.getvalue()


def ics_text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 (3.3.11) says: backslash, semicolon, comma, newline."""
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_fold(line: str) -> str:
    """Fold a content line to at most 75 octets per line (RFC 5545 3.1), never inside a UTF-8 character."""
    out: list[str] = []
    current, size, limit = [], 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines begin with one space
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n ".join(out)


def _ics_day_span(ev: Event) -> tuple[date_cls, date_cls] | None:
    """First day and the day after the last, for events dated to the day or to a span of days."""
    value = ev.date
    if value is None or not value.edtf or value.precision in ("year_unknown", "unknown"):
        return None
    points = [p.rstrip("~?%") for p in value.edtf.split("/")]
    if not all(_DAY.match(p) for p in points):
        return None  # a month or a year only: a calendar would claim days the source does not give
    try:
        first, last = date_cls.fromisoformat(points[0]), date_cls.fromisoformat(points[-1])
    except ValueError:
        return None
    return first, last + timedelta(days=1)


def _utc_stamp(published: str | None) -> str | None:
    """An article's publication time as an RFC 3339 UTC stamp; a date alone counts as midnight UTC."""
    if not published:
        return None
    try:
        if len(published) == 10:
            moment = datetime.fromisoformat(published + "T00:00:00+00:00")
        else:
            moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def event_updated(ev: Event, published: dict[str, str | None]) -> str:
    """When the chronicle last learnt of an event: the newest of its sources' publication times.

    Taken from the data, never from the clock, so the same data gives the same file.
    """
    stamps = [s for s in (_utc_stamp(published.get(ref.article)) for ref in ev.sources) if s]
    return max(stamps) if stamps else _EPOCH


def events_ics(events: list[Event], gazetteer, lang: str = "en", published: dict[str, str | None] | None = None,
               base_url: str | None = None) -> str:
    """An iCalendar of the events dated to the day (all-day) or to a span of days (multi-day).

    Events with only a month or a year, without a known year, or without a
    date get no VEVENT: a calendar entry would claim days the sources do not give.
    ``published`` maps article ids to publication times (for DTSTAMP);
    ``base_url``, when absolute, gives each event a URL.
    """
    published = published or {}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Peace Talks Chronicle//events//" + lang.upper(),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + ics_text(_site_name(lang)),
    ]
    for ev in events:
        span = _ics_day_span(ev)
        if span is None:
            continue
        first, after = span
        approximate = bool(ev.date and ev.date.approximate)
        summary = _summary(ev, lang)
        description = [
            format_date(ev.date, lang),
            name_in(TYPE_NAMES, ev.type, lang) + f" (CAMEO {ev.cameo})",
            name_in(STATUS_NAMES, ev.status, lang),
            ", ".join(_names(ev.participant_ids, gazetteer, lang)),
        ]
        status = {"held": "CONFIRMED", "cancelled": "CANCELLED"}.get(ev.status, "TENTATIVE")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{ev.id}@{UID_DOMAIN}",
            "DTSTAMP:" + event_updated(ev, published).replace("-", "").replace(":", ""),
            f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
            f"DTEND;VALUE=DATE:{after:%Y%m%d}",
            "SUMMARY:" + ics_text(("~ " if approximate else "") + summary),
            "DESCRIPTION:" + ics_text("\n".join(d for d in description if d)),
            "CATEGORIES:" + ics_text(name_in(TYPE_NAMES, ev.type, lang)),
            f"STATUS:{status}",
            "TRANSP:TRANSPARENT",
        ]
        if ev.place:
            lines.append("LOCATION:" + ics_text(entity_name(gazetteer, ev.place, lang) or ev.place))
        if base_url and base_url.startswith(("http://", "https://")):
            lines.append(f"URL:{base_url.rstrip('/')}/events/{ev.id}/")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)


def _site_name(lang: str) -> str:
    return label("site_name", lang)


def events_atom(events: list[Event], gazetteer, lang: str = "en", published: dict[str, str | None] | None = None,
                base_url: str = "../") -> str:
    """An Atom feed (RFC 4287) of the events, the newest news first.

    ``updated`` is the newest publication time of an event's sources (see
    :func:`event_updated`); links point to the event pages, relative to the
    feed (``base_url="../"`` for ``exports/feed.xml``) or absolute.
    """
    published = published or {}
    atom = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", atom)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{atom}}}{tag}", attrs)
        if text is not None:
            el.text = _CONTROL.sub("", text)
        return el

    order = {ev.id: i for i, ev in enumerate(events)}
    stamped = sorted(((event_updated(ev, published), ev) for ev in events), key=lambda s: (s[0], order[s[1].id]), reverse=True)
    feed = ET.Element(f"{{{atom}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    sub(feed, "title", _site_name(lang))
    sub(feed, "id", FEED_ID + f":{lang}")
    sub(feed, "updated", stamped[0][0] if stamped else _EPOCH)
    author = sub(feed, "author")
    sub(author, "name", _site_name(lang))
    sub(feed, "link", href=base_url, rel="alternate", type="text/html")
    sub(feed, "generator", "Peace Talks Chronicle")
    for updated, ev in stamped:
        entry = sub(feed, "entry")
        when = format_date(ev.date, lang)
        sub(entry, "title", f"{when}: {_summary(ev, lang)}")
        sub(entry, "id", f"tag:{UID_DOMAIN},2025:event/{ev.id}")
        sub(entry, "updated", updated)
        sub(entry, "link", href=f"{base_url}events/{ev.id}/", rel="alternate", type="text/html")
        sub(entry, "category", term=ev.type, label=name_in(TYPE_NAMES, ev.type, lang))
        text = "; ".join(x for x in (
            when,
            name_in(STATUS_NAMES, ev.status, lang),
            ", ".join(_names(ev.participant_ids, gazetteer, lang)),
        ) if x)
        sub(entry, "summary", text, type="text")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
