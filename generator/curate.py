"""Curate stage: editors' files merged over the generated events.

Takes the extracted events (``data/generated/extracted/``) and every editors'
file under ``data/curated/``; gives the chronicle's events
(``data/generated/events/``) and a report of what each editors' entry did.

Editors' files are only ever read: the generator never writes them, so no
regeneration can lose them. An entry that no longer matches anything is
reported (file and line), never dropped in silence.

An editors' file holds any of these lists (see ``data/curated/README.md``)::

    corrections:   [{event, set: {field: value}, why}]
    suppress:      [{event, why}]
    merge:         [{events: [a, b, ...], why}]
    split:         [{event, why}]          # one event per source article
    annotations:   [{event | quote | paragraph, text_en, text_vi, why}]
    text_fixes:    [{article, paragraph, text, should_be, why}]

``event`` is an event id or a selector ``{article, type, participants}``
(participants listed must all take part), which survives id changes when
the extractor improves.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import parse_edtf
from .models import EVENT_TYPES, ROLES, STATUSES, Attribution, Event, Participant
from .store import DataError, did_you_mean, load_yaml, strip_lines

SECTIONS = ("corrections", "suppress", "merge", "split", "annotations", "text_fixes")
SETTABLE = {
    "type", "cameo", "status", "date", "participants", "place", "duration_minutes", "duration_approximate",
    "topics", "mentioned", "confidence", "medium", "count", "became", "plan_of", "summary_en", "summary_vi",
    "confirmed_by", "denied_by", "reported_by",
}


@dataclass
class Entry:
    """One editors' entry, with where it is written."""

    section: str
    data: dict[str, Any]
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Curation:
    entries: list[Entry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def of(self, section: str) -> list[Entry]:
        return [e for e in self.entries if e.section == section]


@dataclass
class CurationResult:
    events: list[Event]
    applied: list[dict]
    unmatched: list[str]
    errors: list[str]
    annotations: list[dict]  # annotations of quotes and paragraphs, for the pages
    text_fixes: list[dict]


def load_curation(folder: Path, root: Path | None = None) -> Curation:
    """Every editors' file under ``folder``; a broken file is reported and the others still count."""
    curation = Curation()
    if not folder.exists():
        return curation
    for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
        shown = str(path.relative_to(root)) if root else str(path)
        try:
            data = load_yaml(path, with_lines=True) or {}
        except DataError as err:
            curation.errors.append(str(err).replace(str(path), shown, 1))  # named as the other entries are
            continue
        if not isinstance(data, dict):
            curation.errors.append(f"{shown}: an editors' file is a mapping of {', '.join(SECTIONS)}")
            continue
        for key, items in data.items():
            if key == "__line__":
                continue
            if key not in SECTIONS:
                curation.errors.append(f"{shown}:{data.get('__line__', 1)}: section '{key}' is unknown{did_you_mean(key, SECTIONS)}")
                continue
            if items is not None and not isinstance(items, list):
                curation.errors.append(f"{shown}:{data.get('__line__', 1)}: '{key}' is a list of entries (each line starting with '- ')")
                continue
            for item in items or []:
                if not isinstance(item, dict):
                    curation.errors.append(f"{shown}: every entry of '{key}' is a mapping (field: value), not {item!r}")
                    continue
                line = item.get("__line__", 0)
                clean = {k: v for k, v in item.items() if k != "__line__"}
                curation.entries.append(Entry(key, strip_lines(clean), shown, line))
    return curation


def matches(selector: Any, event: Event) -> bool:
    if isinstance(selector, str):
        return event.id == selector
    if not isinstance(selector, dict):
        return False
    if "id" in selector and selector["id"] != event.id:
        return False
    if "article" in selector and all(s.article != selector["article"] for s in event.sources):
        return False
    if "type" in selector and selector["type"] != event.type:
        return False
    wanted = selector.get("participants") or []
    if any(p not in event.participant_ids for p in wanted):
        return False
    if "date" in selector:
        edtf = event.date.edtf if event.date else None
        if str(selector["date"]) != str(edtf):
            return False
    return True


def _select(selector: Any, events: list[Event], entry: Entry, result: CurationResult) -> list[Event]:
    # an id, or an entry's id or article, first picks out the few events that can match: each
    # entry weighed 7,000 events field by field at 10,000 articles
    if isinstance(selector, str):
        events = [e for e in events if e.id == selector]
    elif isinstance(selector, dict) and "id" in selector:
        events = [e for e in events if e.id == selector["id"]]
    elif isinstance(selector, dict) and isinstance(selector.get("article"), str):
        article = selector["article"]
        events = [e for e in events if any(s.article == article for s in e.sources)]
    found = [e for e in events if matches(selector, e)]
    if not found:
        result.unmatched.append(f"{entry.where}: {entry.section} entry matches no event ({selector!r}); see data/generated/extracted/ for the ids")
    return found


def _require_why(entry: Entry, result: CurationResult) -> bool:
    if not str(entry.data.get("why", "")).strip():
        result.errors.append(f"{entry.where}: {entry.section} entry has no 'why'; say where the fact comes from")
        return False
    return True


def apply_value(event: Event, name: str, value: Any, where: str) -> None:
    """Set one field from an editors' value, checked like the generator's own."""
    if name not in SETTABLE:
        raise DataError(f"{where}: field '{name}' cannot be set{did_you_mean(name, SETTABLE)}")
    if name == "date":
        event.date = None if value is None else parse_edtf(str(value), text="editor")
        if value is not None and event.date is None:
            raise DataError(f"{where}: date '{value}' is not an ISO 8601 / EDTF date (e.g. 2025-02-12, 2026-01~, 2022-11-29/2022-12-06)")
    elif name == "type":
        if value not in EVENT_TYPES:
            raise DataError(f"{where}: type '{value}' is unknown{did_you_mean(str(value), EVENT_TYPES)}")
        event.type = value
    elif name == "status":
        if value not in STATUSES:
            raise DataError(f"{where}: status '{value}' is unknown{did_you_mean(str(value), STATUSES)}")
        event.status = value
    elif name == "participants":
        people = []
        if not isinstance(value, list):
            raise DataError(f"{where}: participants is a list of ids or {{id, role}}")
        for item in value:
            if isinstance(item, str):
                people.append(Participant(item))
            elif not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise DataError(f"{where}: a participant is an id or {{id, role}}, not {item!r}")
            else:
                role = item.get("role", "participant")
                if role not in ROLES:
                    raise DataError(f"{where}: role '{role}' is unknown{did_you_mean(role, ROLES)}")
                people.append(Participant(item["id"], role))
        event.participants = people
    elif name in ("confirmed_by", "denied_by", "reported_by"):
        setattr(event, name, [Attribution(who, "editor", 0) for who in value or []])
    else:
        setattr(event, name, value)
    if name not in event.curated_fields:
        event.curated_fields.append(name)


def curate(generated: list[Event], curation: Curation, copy_events: bool = True) -> CurationResult:
    """The generated events with every editors' entry applied, in a fixed order.

    The events given are left as they are, unless ``copy_events`` is false (the
    caller read them for this and has no other use for them: copying them all
    was a third of the stage).
    """
    events = [copy.deepcopy(e) for e in generated] if copy_events else list(generated)
    result = CurationResult(events=events, applied=[], unmatched=[], errors=list(curation.errors), annotations=[], text_fixes=[])

    for entry in curation.of("suppress"):
        if not _require_why(entry, result):
            continue
        for ev in _select(entry.data.get("event"), events, entry, result):
            events.remove(ev)
            result.applied.append({"entry": entry.where, "action": "suppress", "event": ev.id})

    for entry in curation.of("split"):
        if not _require_why(entry, result):
            continue
        for ev in _select(entry.data.get("event"), list(events), entry, result):
            if len(ev.sources) < 2:
                result.unmatched.append(f"{entry.where}: event {ev.id} has one source; nothing to split")
                continue
            index = events.index(ev)
            events.remove(ev)
            for n, source in enumerate(ev.sources, start=1):
                part = copy.deepcopy(ev)
                part.id = f"{ev.id}-{n}" if n > 1 else ev.id
                part.sources = [source]
                for name in ("quotes", "outcomes", "confirmed_by", "denied_by", "reported_by", "announced_by", "disputed_by"):
                    setattr(part, name, [x for x in getattr(part, name) if getattr(x, "article", source.article) in (source.article, "editor")])
                events.insert(index + n - 1, part)
            result.applied.append({"entry": entry.where, "action": "split", "event": ev.id})

    for entry in curation.of("merge"):
        if not _require_why(entry, result):
            continue
        selected: list[Event] = []
        for selector in entry.data.get("events") or []:
            for ev in _select(selector, events, entry, result):
                if ev not in selected:
                    selected.append(ev)
        if len(selected) < 2:
            continue
        into = selected[0]
        for other in selected[1:]:
            for p in other.participants:
                if p.id not in into.participant_ids:
                    into.participants.append(p)
            into.sources.extend(other.sources)
            for name in ("quotes", "outcomes", "confirmed_by", "denied_by", "reported_by", "announced_by", "disputed_by", "topics"):
                getattr(into, name).extend(x for x in getattr(other, name) if x not in getattr(into, name))
            into.mentioned = into.mentioned and other.mentioned
            events.remove(other)
        result.applied.append({"entry": entry.where, "action": "merge", "event": into.id, "merged": [e.id for e in selected[1:]]})

    for entry in curation.of("corrections"):
        if not _require_why(entry, result):
            continue
        values = entry.data.get("set") or {}
        if not isinstance(values, dict) or not values:
            result.errors.append(f"{entry.where}: a correction needs 'set:' with the fields to set")
            continue
        for ev in _select(entry.data.get("event"), events, entry, result):
            try:
                for name, value in values.items():
                    apply_value(ev, name, value, entry.where)
            except DataError as err:
                if str(err) not in result.errors:  # one bad value, however many events the entry selects
                    result.errors.append(str(err))
                continue
            ev.annotations.append({"kind": "correction", "fields": sorted(values), "why": entry.data["why"], "by": "editor"})
            result.applied.append({"entry": entry.where, "action": "correct", "event": ev.id, "fields": sorted(values)})

    for entry in curation.of("annotations"):
        text = {k: entry.data.get(k) for k in ("text_en", "text_vi") if entry.data.get(k)}
        if not text:
            result.errors.append(f"{entry.where}: an annotation needs text_en or text_vi")
            continue
        note = {"kind": "annotation", **text, "why": entry.data.get("why"), "by": "editor"}
        if "event" in entry.data:
            for ev in _select(entry.data["event"], events, entry, result):
                ev.annotations.append(note)
                result.applied.append({"entry": entry.where, "action": "annotate", "event": ev.id})
        elif "quote" in entry.data or "paragraph" in entry.data:
            target = entry.data.get("quote") or entry.data.get("paragraph")
            if not isinstance(target, dict) or not isinstance(target.get("article"), str) or _paragraph_number(target.get("paragraph")) is None:
                result.errors.append(f"{entry.where}: an annotation's quote or paragraph is {{article: <id>, paragraph: <number>}}")
                continue
            target = {**target, "paragraph": _paragraph_number(target["paragraph"])}
            result.annotations.append({"target": "quote" if "quote" in entry.data else "paragraph", **target, **note, "entry": entry.where})
        else:
            result.errors.append(f"{entry.where}: an annotation names an 'event', a 'quote' or a 'paragraph'")

    for entry in curation.of("text_fixes"):
        if not _require_why(entry, result):
            continue
        missing = [k for k in ("article", "paragraph", "text", "should_be") if k not in entry.data]
        if missing:
            result.errors.append(f"{entry.where}: text fix lacks {', '.join(missing)}")
            continue
        if _paragraph_number(entry.data["paragraph"]) is None:
            result.errors.append(f"{entry.where}: text fix: paragraph {entry.data['paragraph']!r} is not a paragraph number")
            continue
        wrong = [k for k in ("article", "text", "should_be") if not isinstance(entry.data[k], str)]
        if wrong:
            result.errors.append(f"{entry.where}: text fix: {', '.join(wrong)} must be text")
            continue
        result.text_fixes.append({**entry.data, "paragraph": _paragraph_number(entry.data["paragraph"]), "entry": entry.where})
    return result


def _paragraph_number(value: Any) -> int | None:
    """A paragraph's number as an editor writes it (6 or "6"); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value) or None
    return None


def check_text_fixes(result: CurationResult, article_ids, read: Callable[[str], Any]) -> None:
    """A text fix whose article, paragraph or words are gone is reported, not dropped.

    ``article_ids`` are the articles there are; ``read(id)`` gives one of them.
    """
    known = set(article_ids)
    read_once = functools.lru_cache(maxsize=None)(read)
    for fix in result.text_fixes:
        if fix["article"] not in known:
            result.unmatched.append(f"{fix['entry']}: article '{fix['article']}' does not exist{did_you_mean(fix['article'], sorted(known))}")
            continue
        paragraphs = {p.n: p.text for p in read_once(fix["article"]).paragraphs}
        text = paragraphs.get(fix["paragraph"])  # curate() checked it is a number
        if text is None or fix["text"] not in text:
            result.unmatched.append(f"{fix['entry']}: '{fix['text']}' is not in {fix['article']} paragraph {fix['paragraph']}")


__all__ = ["load_curation", "curate", "check_text_fixes", "Curation", "CurationResult"]
