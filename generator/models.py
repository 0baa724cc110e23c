"""The chronicle's data, in one place.

Every stage reads and writes these types; on disk they are plain YAML made by
``to_dict`` and read back by ``from_dict``, so a record can be inspected and
diffed by an editor without running any code.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
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
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        data = dict(data)
        data["paragraphs"] = [Paragraph(**p) for p in data.get("paragraphs", [])]
        data["captions"] = [Caption(**c) for c in data.get("captions", [])]
        data["removed"] = [RemovedBlock(**r) for r in data.get("removed", [])]
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


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
