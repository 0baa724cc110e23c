"""Stage 5, render: the chronicle's data -> Markdown pages, as ``{path: text}``.

``render_site`` is pure: it takes the data and returns the pages, and both the
CLI (which writes them into ``docs/``) and the MkDocs hook of the preview
server (which adds them in memory) call it, so the two cannot differ.

Every value that reaches a template is escaped for Markdown and HTML unless
the code marks it as trusted (``Markup``): text from articles is data, never
markup, so an article cannot inject HTML, script or links into the site.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .models import REMOVAL_REASONS, Article, Event

TEMPLATES = Path(__file__).parent / "templates"
_PUNCTUATION = set(string.punctuation)
LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}


def md_escape(value: Any) -> str:
    """Escape text so Markdown shows it as it is: no markup, no HTML, no links.

    Relies on pymdownx.escapeall, which lets a backslash escape any
    punctuation; whitespace is folded so a paragraph stays one paragraph.
    """
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    text = " ".join(str(value).split())
    return "".join("\\" + c if c in _PUNCTUATION else c for c in text)


def safe_url(url: str | None) -> str | None:
    """Only http(s) links from data reach the site; anything else is dropped."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return None
    return re.sub(r"[\s()<>\"'`]", lambda m: f"%{ord(m.group()):02X}", url.strip())


def _finalize(value: Any) -> Any:
    return md_escape(value)


@dataclass(frozen=True)
class SiteData:
    """Everything the site shows, before any page exists."""

    articles: list[Article]
    events: list[Event] = field(default_factory=list)
    gazetteer: Any = None
    topics: Any = None
    glossary: Any = None
    curation: dict = field(default_factory=dict)


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["url"] = lambda u: Markup(safe_url(u) or "")
    env.filters["reason"] = lambda r: REMOVAL_REASONS.get(r, r)
    env.filters["language_name"] = lambda code: LANGUAGE_NAMES.get(code, code)
    env.filters["trusted"] = Markup
    return env


def source_path(article: Article) -> str:
    return f"sources/{article.id}.md"


def render_site(data: SiteData) -> dict[str, str]:
    """All generated pages of the site, as relative path -> Markdown text."""
    env = environment()
    articles = sorted(data.articles, key=lambda a: (a.published or "", a.id), reverse=True)
    pages: dict[str, str] = {}
    context = {"articles": articles, "source_path": source_path}
    pages["index.md"] = env.get_template("home.md.j2").render(**context)
    pages["sources/index.md"] = env.get_template("sources.md.j2").render(**context)
    for article in articles:
        pages[source_path(article)] = env.get_template("source.md.j2").render(article=article, **context)
    return pages


MANIFEST = ".generated-pages"


def write_pages(pages: dict[str, str], docs: Path) -> tuple[int, int, int]:
    """Write pages into docs/, removing pages an earlier run made and this one did not.

    Returns (written, unchanged, removed). Hand-written files in docs/ are never
    touched: only paths listed in the manifest of the previous run are removed.
    """
    from .store import write_if_changed

    manifest = docs / MANIFEST
    previous = set(manifest.read_text(encoding="utf-8").split("\n")) - {""} if manifest.exists() else set()
    written = unchanged = 0
    for path, text in sorted(pages.items()):
        if write_if_changed(docs / path, text):
            written += 1
        else:
            unchanged += 1
    removed = 0
    for stale in sorted(previous - set(pages)):
        target = docs / stale
        if target.is_file() and docs.resolve() in target.resolve().parents:
            target.unlink()
            removed += 1
    write_if_changed(manifest, "\n".join(sorted(pages)) + "\n")
    return written, unchanged, removed
