"""Exports: the chronicle's events as data other tools read.

Takes the curated events and the gazetteer; gives ``events.json`` (the format
described by ``generator/schemas/events-export.schema.json``), and the CSV,
iCalendar and Atom forms built from the same records.
"""

from __future__ import annotations

from typing import Any

from .i18n import entity_name
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
