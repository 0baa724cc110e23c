"""The chronicle site as plain objects, before any page text exists.

Takes the site's data (articles, curated events, gazetteer, topics, curation)
and gives :class:`Chronicle`: the events in timeline order, the pages that
exist (an entity or topic gets a page only when an event or an article names
it), which events each page lists and how, what each article gave, the editors'
notes by paragraph, and the groups of the timeline. The templates only walk
these objects; every decision about what is shown where is made here, in
plain Python that the tests can call. That includes which translation each
piece of an article shows on a page of the other language
(:meth:`Chronicle.translation`, through :func:`generator.translate.resolve`).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from . import translate
from .dates import sort_key
from .models import Article, Event, Quote, SourceRef

# Where each kind of gazetteer entity gets its page.
SECTION_OF_KIND = {
    "person": "people",
    "country": "actors",
    "organisation": "actors",
    "media": "actors",
    "place": "places",
}
SECTIONS = ("people", "actors", "places", "topics")
# Event types in which people talk to each other (the "who talked to whom" graph).
TALK_TYPES = ("phone_call", "meeting", "summit", "negotiation_round", "visit", "hotline_contact")
ATTRIBUTION_KEYS = ("confirmed_by", "denied_by", "disputed_by", "reported_by", "announced_by")
RELATED_LIMIT = 8
RELATED_WINDOW = 2 * RELATED_LIMIT  # events weighed on each side, per participant
UNBOUNDED = 1 << 62  # the end of a span that reaches past the last event (Chronicle.related_span)
TRANSLATIONS_KEPT = 512  # articles whose resolved translations a Chronicle keeps (least recently used go)

_EDTF_HEAD = re.compile(r"^(?P<year>\d{4}|X{4})(?:-(?P<month>\d{2}|XX))?")
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


def slug(ident: str) -> str:
    """An id as a file name: ids are slugs already, this only guards the paths."""
    cleaned = _SAFE.sub("-", ident).strip(".-")
    return cleaned or "item"


def event_path(event_id: str) -> str:
    return f"events/{slug(event_id)}.md"


def source_path(article_id: str) -> str:
    return f"sources/{slug(article_id)}.md"


def topic_path(topic_id: str) -> str:
    return f"topics/{slug(topic_id)}.md"


def entity_path(section: str, entity_id: str) -> str:
    return f"{section}/{slug(entity_id)}.md"


def year_month(event: Event) -> tuple[int | None, int | None, bool]:
    """(year, month, dated) of an event's date, from its EDTF: the first point of a range."""
    if event.date is None or not event.date.edtf:
        return None, None, False
    m = _EDTF_HEAD.match(event.date.edtf)
    if not m:
        return None, None, False
    year = None if m["year"] == "XXXX" else int(m["year"])
    month = int(m["month"]) if m["month"] and m["month"] != "XX" else None
    return year, month, True


def timeline_order(events: list[Event]) -> list[Event]:
    """Chronological; year-unknown after dated, undated last; ties by id, so the order is stable."""
    return sorted(events, key=lambda e: (sort_key(e.date), e.id))


@dataclass
class MonthGroup:
    month: int | None  # None: the month is not known
    events: list[Event]


@dataclass
class TimelineGroup:
    """A year (kind "year"), or the honest groups at the end: "year_unknown" and "undated"."""

    kind: str
    year: int | None
    months: list[MonthGroup]

    @property
    def anchor(self) -> str:
        return f"y{self.year}" if self.kind == "year" else self.kind.replace("_", "-")

    @property
    def events(self) -> list[Event]:
        return [e for m in self.months for e in m.events]


@dataclass
class EntityPage:
    """A person, country, organisation, outlet or place with a page of its own."""

    id: str
    kind: str
    section: str
    path: str
    events: list[Event] = field(default_factory=list)
    relations: dict[str, list[str]] = field(default_factory=dict)  # event id -> how it takes part
    counterparts: list[tuple[str, list[Event]]] = field(default_factory=list)  # people it talked to
    # the (article id, paragraph) pairs naming it, and each article's place in the list of
    # sources: sorted into :attr:`mentions` when a page asks (a render of the few pages a typo
    # reaches does not sort the 120,000 pairs of 10,000 articles)
    places: list[tuple[str, int]] = field(default_factory=list, repr=False)
    article_order: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @functools.cached_property
    def mentions(self) -> list[tuple[str, list[int]]]:
        """(article id, the paragraphs naming it), in the order of the list of sources."""
        by_article: dict[str, set[int]] = defaultdict(set)
        for article_id, n in self.places:
            by_article[article_id].add(int(n))
        order = self.article_order
        named = sorted((order[a], a) for a in by_article if a in order)
        return [(a, sorted(by_article[a])) for _, a in named]

    @property
    def mention_count(self) -> int:
        return sum(len(paragraphs) for _, paragraphs in self.mentions)


@dataclass
class TopicPage:
    id: str
    path: str
    events: list[Event]


@dataclass
class ArticleEvents:
    """An event taken from an article, and the source reference that says where."""

    event: Event
    ref: SourceRef


@dataclass
class Chronicle:
    events: list[Event]
    articles: list[Article]  # newest first, undated last
    entity_pages: dict[str, EntityPage]
    topic_pages: dict[str, TopicPage]
    groups: list[TimelineGroup]
    talks: list[tuple[str, str, list[Event]]]  # (person, person, events), most events first
    events_of_article: dict[str, list[ArticleEvents]]
    text_fixes: dict[tuple[str, int], list[dict]]
    paragraph_notes: dict[tuple[str, int], list[dict]]
    quote_notes: dict[tuple[str, int], list[dict]]
    gazetteer: Any
    topics: Any
    reviewed_translations: Any = None  # translate.TranslationStore: the editors'
    machine_translations: Any = None  # translate.TranslationStore: generated
    quotes: list[Quote] = field(default_factory=list)  # every event's quotes, as the translate stage numbers them
    _index: dict[str, int] = field(default_factory=dict)
    _by_id: dict[str, Event] = field(default_factory=dict)
    _articles: dict[str, Article] = field(default_factory=dict)
    _translated: dict[tuple[str, str], dict[str, translate.TranslatedUnit]] = field(default_factory=dict)
    # what the render works out from the chronicle alone, kept for the next language's pages
    memo: dict[tuple, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index = {e.id: i for i, e in enumerate(self.events)}
        self._by_id = {e.id: e for e in self.events}
        self._articles = {a.id: a for a in self.articles}

    # --- look-ups the templates use ---------------------------------------

    def event(self, event_id: str | None) -> Event | None:
        return self._by_id.get(event_id) if event_id else None

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def previous(self, event: Event) -> Event | None:
        i = self._index[event.id]
        return self.events[i - 1] if i > 0 else None

    def next(self, event: Event) -> Event | None:
        i = self._index[event.id]
        return self.events[i + 1] if i + 1 < len(self.events) else None

    def page_of(self, entity_id: str | None) -> EntityPage | None:
        return self.entity_pages.get(entity_id) if entity_id else None

    def kind_of(self, entity_id: str) -> str | None:
        if self.gazetteer is not None and entity_id in self.gazetteer:
            return self.gazetteer.get(entity_id).kind
        return None

    def name(self, entity_id: str | None, lang: str) -> str:
        """An entity's name; an id the gazetteer lacks is shown as it is, never dropped."""
        if entity_id is None:
            return ""
        if self.gazetteer is not None and entity_id in self.gazetteer:
            return self.gazetteer.get(entity_id).name(lang)
        return entity_id

    def topic_name(self, topic_id: str, lang: str) -> str:
        if self.topics is not None and topic_id in self.topics:
            return self.topics.get(topic_id).name(lang)
        return topic_id

    def members(self, entity_id: str) -> list[EntityPage]:
        """Pages of the entities that belong to or lie in ``entity_id`` (people of a country, places in it)."""
        if not hasattr(self, "_members"):
            # one pass over the pages, not one per page: the site stays linear in its size
            index: dict[str, list[EntityPage]] = {}
            for page in self.entity_pages.values():
                entity = self.gazetteer.get(page.id)
                for owner in {entity.country, entity.located_in} - {None, page.id}:
                    index.setdefault(owner, []).append(page)
            self._members = index
        return self._members.get(entity_id, [])

    def people_of(self, event: Event) -> list[str]:
        return [p.id for p in event.participants if self.kind_of(p.id) == "person"]

    def related(self, event: Event) -> list[tuple[Event, list[str]]]:
        """Other events with the same people (participants when it has no person): most shared
        first, then nearest in time.

        Only the :data:`RELATED_WINDOW` events before and after this one in each
        participant's own list are weighed: a country takes part in thousands of
        events, and scanning them all for every event page made the site
        quadratic in its size. The nearest ones are also the ones a reader wants.
        """
        if not hasattr(self, "_related"):
            self._related: dict[str, list[tuple[Event, list[str]]]] = {}
            self._related_spans: dict[str, tuple[int, int]] = {}
        if event.id in self._related:  # asked for by the page's key and by its template
            return self._related[event.id]
        mine = set(self.people_of(event)) or set(event.participant_ids)
        if not hasattr(self, "_by_participant"):
            index: dict[str, list[int]] = {}
            self._participants_at = [ev.participant_ids for ev in self.events]
            for i, ids in enumerate(self._participants_at):
                for pid in dict.fromkeys(ids):
                    index.setdefault(pid, []).append(i)
            self._by_participant = index
        here = self._index[event.id]
        candidates: set[int] = set()
        lo, hi = here - 1, here + 1  # the neighbours count too (see related_span)
        for pid in mine:
            positions = self._by_participant.get(pid, [])
            at = bisect_left(positions, here)
            start, end = at - RELATED_WINDOW, at + RELATED_WINDOW + 1
            window = positions[max(0, start):end]
            candidates.update(window)
            if window:
                # a window cut short by the end of the list would take in an event added beyond it
                lo = -1 if start < 0 or lo < 0 else min(lo, window[0])
                hi = UNBOUNDED if end > len(positions) else max(hi, window[-1])
        self._related_spans[event.id] = (lo, hi)
        scored = []
        for i in candidates:
            other = self.events[i]
            if other.id == event.id or other.id in (event.became, event.plan_of):
                continue
            shared = [p for p in self._participants_at[i] if p in mine]
            if shared:
                scored.append((-len(shared), abs(i - here), i, other, shared))
        scored.sort(key=lambda s: s[:3])
        found = self._related[event.id] = [(other, shared) for *_, other, shared in scored[:RELATED_LIMIT]]
        return found

    def related_span(self, event: Event) -> tuple[int, int]:
        """The first and last place in :attr:`events` that :meth:`related` and the neighbours
        of ``event`` were taken from (-1 and :data:`UNBOUNDED` when a participant's list ran
        out before the window did): while no event there changed, they are the same."""
        self.related(event)
        return self._related_spans[event.id]

    def index_of(self, event_id: str | None) -> int | None:
        return self._index.get(event_id) if event_id else None

    def quote_notes_for(self, quote) -> list[dict]:
        notes = self.quote_notes.get((quote.article, quote.paragraph), [])
        return [n for n in notes if not n.get("starts") or quote.text.startswith(n["starts"])]

    def fixes_for_quote(self, quote) -> list[dict]:
        return [f for f in self.text_fixes.get((quote.article, quote.paragraph), []) if f["text"] in quote.text]

    # --- translations ------------------------------------------------------

    def translation(self, article_id: str, lang: str) -> dict[str, translate.TranslatedUnit]:
        """What each unit of an article shows in ``lang``, by unit key (``title``, ``p3``, ``c0``, ``p3.q1``).

        Empty when the article is written in ``lang``: a page shows an
        article's own words in its own language, with nothing beside them.
        """
        key = (article_id, lang)
        if key in self._translated:
            self._translated[key] = self._translated.pop(key)  # most recently used last
        else:
            if len(self._translated) >= TRANSLATIONS_KEPT:
                # an article asked for again after 512 others is worked out again: holding every
                # article's units was a third of a render worker's memory at 10,000 articles
                del self._translated[next(iter(self._translated))]
            article = self.article(article_id)
            units: dict[str, translate.TranslatedUnit] = {}
            if article is not None and article.language != lang:
                if not hasattr(self, "_quotes_by_article"):
                    by_article: dict[str, list] = {}
                    for q in self.quotes:
                        by_article.setdefault(q.article, []).append(q)
                    self._quotes_by_article = by_article
                quotes = self._quotes_by_article.get(article_id, [])
                resolved = translate.resolve(article, lang, self.reviewed_translations, self.machine_translations, quotes)
                units = {item.key: item for item in resolved}
            self._translated[key] = units
        return self._translated[key]

    def translation_counts(self, article_id: str, lang: str) -> dict[str, int]:
        """How many of the units an article's page shows (title, paragraphs, captions; not the
        quotes, which the event pages show) are reviewed, stale, machine-translated and pending in ``lang``."""
        counts = dict.fromkeys(translate.SHOWN_STATUSES, 0)
        for item in self.translation(article_id, lang).values():
            if item.unit.kind != "quote":
                counts[item.status] += 1
        return counts

    def quote_translation(self, quote: Quote, lang: str) -> translate.TranslatedUnit | None:
        """A quote in ``lang``; None when it is in ``lang`` already. A quote whose
        article or unit is unknown is pending, never left without a box."""
        if quote.language == lang:
            return None
        for item in self.translation(quote.article, lang).values():
            unit = item.unit
            if unit.kind == "quote" and unit.paragraph == quote.paragraph and unit.text == quote.text:
                return item
        unit = translate.SourceUnit(f"p{quote.paragraph}.q0", "quote", quote.text, paragraph=quote.paragraph)
        return translate.TranslatedUnit(unit, lang, "missing", None)

    def dated_extremes(self) -> tuple[Event | None, Event | None]:
        """The first and the last event whose year is known."""
        dated = [e for e in self.events if year_month(e)[0] is not None]
        return (dated[0], dated[-1]) if dated else (None, None)

    def latest(self, n: int) -> list[Event]:
        """The last ``n`` events of the timeline with a known year, newest first (looked for
        from the end: the home page needs five, not the year of each of thousands)."""
        found: list[Event] = []
        for ev in reversed(self.events):
            if len(found) == n:
                break
            if year_month(ev)[0] is not None:
                found.append(ev)
        return found


def _add_relation(pages: dict[str, EntityPage], gazetteer, entity_id: str | None, event: Event, how: str) -> None:
    if not entity_id or gazetteer is None or entity_id not in gazetteer:
        return
    page = _page(pages, gazetteer, entity_id)
    if page is None:
        return
    hows = page.relations.setdefault(event.id, [])
    if not hows:
        page.events.append(event)
    if how not in hows:
        hows.append(how)


def _page(pages: dict[str, EntityPage], gazetteer, entity_id: str) -> EntityPage | None:
    if entity_id in pages:
        return pages[entity_id]
    kind = gazetteer.get(entity_id).kind
    section = SECTION_OF_KIND.get(kind)
    if section is None:
        return None
    pages[entity_id] = EntityPage(entity_id, kind, section, entity_path(section, entity_id))
    return pages[entity_id]


def build(data) -> Chronicle:
    """Everything the pages need, from the site's data (a ``render.SiteData``)."""
    gazetteer = data.gazetteer
    events = timeline_order(list(data.events))
    articles = sorted(data.articles, key=lambda a: (a.published or "", a.id), reverse=True)
    articles = [a for a in articles if a.published] + [a for a in articles if not a.published]

    pages: dict[str, EntityPage] = {}
    for ev in events:
        for p in ev.participants:
            _add_relation(pages, gazetteer, p.id, ev, p.role)
        _add_relation(pages, gazetteer, ev.place, ev, "place")
        _add_relation(pages, gazetteer, ev.medium, ev, "medium")
        for q in ev.quotes:
            _add_relation(pages, gazetteer, q.speaker, ev, "quoted")
        for key in ATTRIBUTION_KEYS:
            for a in getattr(ev, key):
                _add_relation(pages, gazetteer, a.who, ev, key)
    # each article's place in the list of sources: the paragraphs naming an entity are listed
    # in that order (a scan of every article for each entity was a million steps at 10,000)
    article_order = {a.id: i for i, a in enumerate(articles)}
    for entity_id, places in sorted((getattr(data, "mentions", None) or {}).items()):
        if gazetteer is None or entity_id not in gazetteer:
            continue
        page = _page(pages, gazetteer, entity_id)
        if page is not None:
            page.places, page.article_order = places, article_order

    talks = _talks(events, gazetteer)
    for a, b, evs in talks:
        for me, other in ((a, b), (b, a)):
            if me in pages:
                pages[me].counterparts.append((other, evs))
    for page in pages.values():
        page.counterparts.sort(key=lambda c: (-len(c[1]), c[0]))

    topic_events: dict[str, list[Event]] = defaultdict(list)
    for ev in events:
        for t in dict.fromkeys(ev.topics):
            topic_events[t].append(ev)
    topic_pages = {t: TopicPage(t, topic_path(t), evs) for t, evs in sorted(topic_events.items())}

    events_of_article: dict[str, list[ArticleEvents]] = defaultdict(list)
    for ev in events:
        for ref in ev.sources:
            events_of_article[ref.article].append(ArticleEvents(ev, ref))

    curation = data.curation or {}
    text_fixes: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for fix in curation.get("text_fixes") or []:
        if all(k in fix for k in ("article", "paragraph", "text", "should_be")):
            text_fixes[(fix["article"], int(fix["paragraph"]))].append(fix)
    paragraph_notes: dict[tuple[str, int], list[dict]] = defaultdict(list)
    quote_notes: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for note in curation.get("annotations") or []:
        if "article" not in note or "paragraph" not in note:
            continue
        key = (note["article"], int(note["paragraph"]))
        (quote_notes if note.get("target") == "quote" else paragraph_notes)[key].append(note)
        if note.get("target") == "quote":
            # a note on a quote is also a note on the paragraph the quote is in
            paragraph_notes[key].append(note)

    return Chronicle(
        events=events,
        articles=articles,
        entity_pages=dict(sorted(pages.items())),
        topic_pages=topic_pages,
        groups=_groups(events),
        talks=talks,
        events_of_article=dict(events_of_article),
        text_fixes=dict(text_fixes),
        paragraph_notes=dict(paragraph_notes),
        quote_notes=dict(quote_notes),
        gazetteer=gazetteer,
        topics=data.topics,
        reviewed_translations=getattr(data, "translations", None),
        machine_translations=getattr(data, "machine_translations", None),
        quotes=[q for ev in data.events for q in ev.quotes],
    )


def _talks(events: list[Event], gazetteer) -> list[tuple[str, str, list[Event]]]:
    """Pairs of people who took part in the same call, meeting, summit or talks."""
    pairs: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for ev in events:
        if ev.type not in TALK_TYPES or gazetteer is None:
            continue
        people = sorted({p.id for p in ev.participants if p.id in gazetteer and gazetteer.get(p.id).kind == "person"})
        for a, b in combinations(people, 2):
            pairs[(a, b)].append(ev)
    return sorted(((a, b, evs) for (a, b), evs in pairs.items()), key=lambda t: (-len(t[2]), t[0], t[1]))


def _groups(events: list[Event]) -> list[TimelineGroup]:
    years: dict[int, dict[int | None, list[Event]]] = defaultdict(lambda: defaultdict(list))
    year_unknown: list[Event] = []
    undated: list[Event] = []
    for ev in events:  # already in timeline order
        year, month, dated = year_month(ev)
        if year is not None:
            years[year][month].append(ev)
        elif dated:
            year_unknown.append(ev)
        else:
            undated.append(ev)
    groups = []
    for year in sorted(years):
        months = years[year]
        ordered = sorted(months, key=lambda m: (m is None, m or 0))
        groups.append(TimelineGroup("year", year, [MonthGroup(m, months[m]) for m in ordered]))
    if year_unknown:
        groups.append(TimelineGroup("year_unknown", None, [MonthGroup(None, year_unknown)]))
    if undated:
        groups.append(TimelineGroup("undated", None, [MonthGroup(None, undated)]))
    return groups
