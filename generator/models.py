"""The chronicle's data, in one place.

Every stage reads and writes these types; on disk they are plain YAML made by
``to_dict`` and read back by ``from_dict``, so a record can be inspected and
diffed by an editor without running any code.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

# Why a block of a page was not kept as article text. The names are part of the
# data format (they show in the removal report), so they are fixed here.
REMOVAL_REASONS = {
    "related_news": "related-news or teaser block",
    "navigation": "site navigation",
    "advertisement": "advertisement or sponsored content",
    "image_line": "image line",
    "repeated_headline": "headline repeated (image alt text or teaser)",
    "byline": "byline (kept as metadata)",
    "dateline": "dateline (kept as publication date)",
    "metadata": "scraper metadata (kept as article metadata)",
    "error_text": "error text left by the page",
    "duplicate_caption": "caption repeated (one copy kept)",
    "script": "script, style or embedded frame",
    "furniture": "other page furniture (header, footer, share buttons, forms)",
}



def plain(value: Any) -> Any:
    """A record as plain data (dicts, lists, text, numbers), like ``dataclasses.asdict``.

    ``asdict`` copies every leaf with ``copy.deepcopy``; records hold only
    immutable leaves, so they are taken as they are (a fifth of a no-change
    build went to ``asdict``).
    """
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    kind = type(value)
    names = _FIELDS.get(kind, _UNSEEN)
    if names is _UNSEEN:
        # asked once per type: is_dataclass for every text and number was half the time
        names = _FIELDS[kind] = tuple(f.name for f in fields(value)) if is_dataclass(value) and not isinstance(value, type) else None
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    return value


_UNSEEN = object()
_FIELDS: dict[type, tuple[str, ...] | None] = {}

@dataclass
class Paragraph:
    """One kept block of article text, numbered from 1 in reading order."""

    n: int
    text: str
    kind: str = "text"  # "text" or "subheading"

    @property
    def anchor(self) -> str:
        return f"p{self.n}"


@dataclass
class Caption:
    """A photo caption, kept apart from the body."""

    text: str
    image: str | None = None
    after_paragraph: int = 0  # 0 = before the first paragraph


@dataclass
class RemovedBlock:
    """A run of lines that ingest left out, with the reason and where it was."""

    reason: str
    line: int  # 1-based line of the input where the block starts
    lines: list[str] = field(default_factory=list)


@dataclass
class Article:
    """A cleaned article: what ingest gives and every later stage reads."""

    id: str
    source_file: str
    title: str
    title_generated: bool
    language: str
    paragraphs: list[Paragraph]
    captions: list[Caption] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)
    outlet: str | None = None
    outlet_from: str | None = None  # where the outlet came from (sources.yaml, html meta, image urls)
    url: str | None = None
    byline: str | None = None
    published: str | None = None  # ISO 8601, timezone-aware when the page gives a time
    published_from: str | None = None  # dateline | metadata | html-meta | sources.yaml
    content_hash: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def body_text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        data["paragraphs"] = [Paragraph(**p) for p in data.get("paragraphs", [])]
        data["captions"] = [Caption(**c) for c in data.get("captions", [])]
        data["removed"] = [RemovedBlock(**r) for r in data.get("removed", [])]
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


class BodyNotLoaded(RuntimeError):
    """A page asked for the text of an article that was loaded as its head alone (a bug in the
    record a page's inputs are worked out from, :func:`generator.render.event_inputs`)."""


class Unloaded:
    """Stands for an article's paragraphs, captions or removed blocks when only its head was
    loaded (:func:`head_only`): it knows how many there are and nothing else, and says so
    loudly when anything reads them, instead of passing for an empty list."""

    __slots__ = ("article", "count")

    def __init__(self, article: str, count: int):
        self.article, self.count = article, count

    def __len__(self) -> int:
        return self.count

    def _missing(self, *_):
        raise BodyNotLoaded(f"article {self.article}: its text was not loaded, only its head")

    __iter__ = __getitem__ = __contains__ = _missing

    def __reduce__(self):
        return (Unloaded, (self.article, self.count))


def head_only(article: Article) -> Article:
    """The article without its text: what a list, a link or a title needs of it (every field but
    the paragraphs, captions and removed blocks, of which only the number is kept)."""
    return head_from_row(head_row(article))


_BODY_FIELDS = ("paragraphs", "captions", "removed")


def head_row(article: Article) -> tuple:
    """The article's fields in order, its paragraphs, captions and removed blocks as their
    numbers: a plain tuple, which is kept and read again ten times quicker than an object."""
    row = list(_article_getter()(article))
    for i in _body_positions():
        row[i] = len(row[i])
    return tuple(row)


@functools.cache
def _article_getter():
    return operator.attrgetter(*_article_fields())


@functools.cache
def _body_positions() -> tuple[int, ...]:
    return tuple(i for i, name in enumerate(_article_fields()) if name in _BODY_FIELDS)


def head_from_row(row: tuple) -> Article:
    """The :func:`head_only` article of a :func:`head_row`."""
    article_id = row[0]
    return Article(*(Unloaded(article_id, value) if name in _BODY_FIELDS else value
                     for name, value in zip(_article_fields(), row)))


def _article_fields() -> tuple[str, ...]:
    if Article not in _FIELDS:
        _FIELDS[Article] = tuple(f.name for f in fields(Article))
    return _FIELDS[Article]


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the text allows.

    ``edtf`` is the Extended Date/Time Format string (``2025-02-12``,
    ``2026-01~``, ``2022-11-29/2022-12-06``, ``XXXX-10-16``) or None when the
    text gives no date; ``start``/``end`` are ISO bounds used for sorting
    (None when the year is unknown).
    """

    edtf: str | None
    precision: str  # day | month | year | range | approximate | year_unknown | unknown
    text: str = ""
    start: str | None = None
    end: str | None = None
    approximate: bool = False


@dataclass(frozen=True)
class EntityMention:
    """A gazetteer entity found in a text, with the span it was found at."""

    id: str
    start: int
    end: int
    surface: str
    via: str = "name"  # name | alias | honorific | metonym | counterpart


@dataclass
class StageReport:
    """What a stage read, wrote, skipped and why: printed as one line."""

    stage: str
    read: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.stage}: read {self.read}", f"wrote {self.written}", f"unchanged {self.unchanged}"]
        if self.removed:
            parts.append(f"removed {self.removed} stale")
        parts.append(f"skipped {len(self.errors)}")
        line = ", ".join(parts)
        if self.errors:
            line += " (" + "; ".join(self.errors) + ")"
        return line


# --- Events -----------------------------------------------------------------

# Event types and the CAMEO code each takes when nothing more specific applies.
# CAMEO 036 (express intent to meet), 042/043 (visit/host) and 044 (meet at a
# third location) are chosen by the extractor from status and place.
EVENT_TYPES = {
    "phone_call": "041",
    "meeting": "040",
    "summit": "040",
    "negotiation_round": "046",
    "visit": "042",
    "hotline_contact": "040",
    "statement": "010",
    "interview": "010",
    "announcement": "010",
}
STATUSES = ("held", "planned", "proposed", "postponed", "cancelled", "reported_unconfirmed")
ROLES = ("caller", "host", "visitor", "mediator", "participant", "speaker")


@dataclass
class Participant:
    id: str
    role: str = "participant"


@dataclass
class Quote:
    speaker: str | None
    text: str
    article: str
    paragraph: int
    language: str


@dataclass
class SourceRef:
    """An article that reports an event, with the paragraphs that support it."""

    article: str
    paragraphs: list[int] = field(default_factory=list)
    captions: list[int] = field(default_factory=list)  # index into Article.captions
    evidence: list[str] = field(default_factory=list)  # the trigger words found


@dataclass
class Attribution:
    """Who confirmed, denied or reported an event, and where the text says so."""

    who: str
    article: str
    paragraph: int


@dataclass
class Outcome:
    text: str
    article: str
    paragraph: int
    language: str


@dataclass
class Event:
    id: str
    type: str
    cameo: str
    status: str
    date: DateValue | None
    participants: list[Participant] = field(default_factory=list)
    place: str | None = None
    duration_minutes: int | None = None
    duration_approximate: bool = False
    topics: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    confirmed_by: list[Attribution] = field(default_factory=list)
    denied_by: list[Attribution] = field(default_factory=list)
    reported_by: list[Attribution] = field(default_factory=list)
    announced_by: list[Attribution] = field(default_factory=list)
    disputed_by: list[Attribution] = field(default_factory=list)  # neither confirmed nor denied
    medium: str | None = None
    count: int | None = None
    mentioned: bool = True
    confidence: str = "medium"  # high | medium | low
    sources: list[SourceRef] = field(default_factory=list)
    became: str | None = None  # id of the event a plan became
    plan_of: str | None = None  # id of the plan this event fulfils/postpones
    notes: list[str] = field(default_factory=list)
    summary_en: str = ""
    summary_vi: str = ""
    # Filled by the curate stage, never by extract.
    curated_fields: list[str] = field(default_factory=list)
    annotations: list[dict] = field(default_factory=list)

    @property
    def participant_ids(self) -> list[str]:
        return [p.id for p in self.participants]

    def to_dict(self) -> dict[str, Any]:
        data = plain(self)
        if self.date is None:
            data["date"] = None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        data = dict(data)
        date = data.get("date")
        data["date"] = DateValue(**date) if isinstance(date, dict) else None
        data["participants"] = [Participant(**p) for p in data.get("participants", [])]
        data["quotes"] = [Quote(**q) for q in data.get("quotes", [])]
        data["outcomes"] = [Outcome(**o) for o in data.get("outcomes", [])]
        data["sources"] = [SourceRef(**s) for s in data.get("sources", [])]
        for key in ("confirmed_by", "denied_by", "reported_by", "announced_by", "disputed_by"):
            data[key] = [Attribution(**a) for a in data.get(key, [])]
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
