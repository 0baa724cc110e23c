"""Exports: the chronicle's events as data other tools read.

Takes the curated events and the gazetteer; gives ``events.json`` (the format
described by ``generator/schemas/events-export.schema.json``), and the CSV,
iCalendar and Atom forms built from the same records.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date as date_cls
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

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


# A memo of per-event pieces: ``memo(kind, ev, extra, make)`` gives ``make()``, or what an
# earlier call gave for the same kind, event and ``extra`` (everything else the piece shows
# besides the event record). Callers that keep pieces between runs pass their own; after
# one event changed, a 10,000-event export then makes one piece and joins the rest.
Memo = Callable[[str, Event, tuple, Callable[[], str]], str]


def no_memo(kind: str, ev: Event, extra: tuple, make: Callable[[], str]) -> str:
    return make()


def event_json_text(ev: Event, gazetteer) -> str:
    """One event as it stands in the list of ``events.json`` (indented one level)."""
    return "  " + json.dumps(event_json(ev, gazetteer), ensure_ascii=False, indent=2).replace("\n", "\n  ")


def events_json_text(events: list[Event], gazetteer, memo: Memo = no_memo) -> str:
    """``events.json`` as text: the same bytes as ``json.dumps(events_json(...), indent=2)``
    and a final newline, made from one piece per event."""
    return join_json([memo("json", ev, (), lambda ev=ev: event_json_text(ev, gazetteer)) for ev in events])


def join_json(pieces: list[str]) -> str:
    """The list of ``events.json`` (and its final newline) from pieces of :func:`event_json_text`."""
    return ("[\n" + ",\n".join(pieces) + "\n]\n") if pieces else "[]\n"


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


def events_csv(events: list[Event], gazetteer, lang: str = "en", memo: Memo = no_memo) -> str:
    """One row per event; lists in a cell are joined with "; ". Sources are ``article#p<n>``."""
    return _csv_line(CSV_COLUMNS) + "".join(
        memo("csv", ev, (lang,), lambda ev=ev: csv_row(ev, gazetteer, lang)) for ev in events)


def _csv_line(cells) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


def csv_row(ev: Event, gazetteer, lang: str = "en") -> str:
    """One event's row of :func:`events_csv`, with its line end."""
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
    return _csv_line([_spreadsheet_safe(_CONTROL.sub("", v) if isinstance(v, str) else v) for v in row])


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


@functools.lru_cache(maxsize=1 << 16)
def _utc_stamp(published: str | None) -> str | None:
    """An article's publication time as an RFC 3339 UTC stamp; a date alone counts as midnight UTC.
    Kept per text: the calendar and the feed of each language ask for every event's sources."""
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
               base_url: str | None = None, memo: Memo = no_memo) -> str:
    """An iCalendar of the events dated to the day (all-day) or to a span of days (multi-day).

    Events with only a month or a year, without a known year, or without a
    date get no VEVENT: a calendar entry would claim days the sources do not give.
    ``published`` maps article ids to publication times (for DTSTAMP);
    ``base_url``, when absolute, gives each event a URL.
    """
    published = published or {}
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Peace Talks Chronicle//events//" + lang.upper(),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + ics_text(_site_name(lang)),
    ]
    pieces = []
    for ev in events:
        stamp = event_updated(ev, published)
        pieces.append(memo("ics", ev, (lang, stamp, base_url),
                           lambda ev=ev, stamp=stamp: ics_vevent(ev, gazetteer, lang, stamp, base_url)))
    return _ics_lines(head) + "".join(pieces) + _ics_lines(["END:VCALENDAR"])


def _ics_lines(lines: list[str]) -> str:
    return "".join(ics_fold(line) + "\r\n" for line in lines)


def ics_vevent(ev: Event, gazetteer, lang: str, stamp: str, base_url: str | None = None) -> str:
    """One event's VEVENT of :func:`events_ics` (folded, with line ends); empty when the
    event is not dated to days. ``stamp`` is :func:`event_updated` of the event."""
    span = _ics_day_span(ev)
    if span is None:
        return ""
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
    lines = [
        "BEGIN:VEVENT",
        f"UID:{ev.id}@{UID_DOMAIN}",
        "DTSTAMP:" + stamp.replace("-", "").replace(":", ""),
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
    return _ics_lines(lines)


def _site_name(lang: str) -> str:
    return label("site_name", lang)


ATOM = "http://www.w3.org/2005/Atom"


def _atom_sub(parent, tag, text=None, **attrs):
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = _CONTROL.sub("", text)
    return el


def events_atom(events: list[Event], gazetteer, lang: str = "en", published: dict[str, str | None] | None = None,
                base_url: str = "../", memo: Memo = no_memo) -> str:
    """An Atom feed (RFC 4287) of the events, the newest news first.

    ``updated`` is the newest publication time of an event's sources (see
    :func:`event_updated`); links point to the event pages, relative to the
    feed (``base_url="../"`` for ``exports/feed.xml``) or absolute.
    """
    published = published or {}
    ET.register_namespace("", ATOM)
    order = {ev.id: i for i, ev in enumerate(events)}
    stamped = sorted(((event_updated(ev, published), ev) for ev in events), key=lambda s: (s[0], order[s[1].id]), reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _atom_sub(feed, "title", _site_name(lang))
    _atom_sub(feed, "id", FEED_ID + f":{lang}")
    _atom_sub(feed, "updated", stamped[0][0] if stamped else _EPOCH)
    author = _atom_sub(feed, "author")
    _atom_sub(author, "name", _site_name(lang))
    _atom_sub(feed, "link", href=base_url, rel="alternate", type="text/html")
    _atom_sub(feed, "generator", "Peace Talks Chronicle")
    head = ET.tostring(feed, encoding="unicode")
    end = "</feed>"
    entries = "".join(memo("atom", ev, (lang, updated, base_url),
                           lambda ev=ev, updated=updated: atom_entry(ev, gazetteer, lang, updated, base_url))
                      for updated, ev in stamped)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + head[: -len(end)] + entries + end + "\n"


_ENTRY_NAMESPACE = f' xmlns="{ATOM}"'


def atom_entry(ev: Event, gazetteer, lang: str, updated: str, base_url: str = "../") -> str:
    """One event's ``<entry>`` of :func:`events_atom`, as it stands inside the feed
    (the feed's element declares the namespace)."""
    ET.register_namespace("", ATOM)
    entry = ET.Element(f"{{{ATOM}}}entry")
    when = format_date(ev.date, lang)
    _atom_sub(entry, "title", f"{when}: {_summary(ev, lang)}")
    _atom_sub(entry, "id", f"tag:{UID_DOMAIN},2025:event/{ev.id}")
    _atom_sub(entry, "updated", updated)
    _atom_sub(entry, "link", href=f"{base_url}events/{ev.id}/", rel="alternate", type="text/html")
    _atom_sub(entry, "category", term=ev.type, label=name_in(TYPE_NAMES, ev.type, lang))
    text = "; ".join(x for x in (
        when,
        name_in(STATUS_NAMES, ev.status, lang),
        ", ".join(_names(ev.participant_ids, gazetteer, lang)),
    ) if x)
    _atom_sub(entry, "summary", text, type="text")
    return ET.tostring(entry, encoding="unicode").replace(_ENTRY_NAMESPACE, "", 1)
