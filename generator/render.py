"""Stage 5, render: the chronicle's data -> the site's files, as ``{path: text}``.

``render_site`` is pure: it takes the data and returns every generated file
(Markdown pages, SVG pictures, exports). :func:`render_changed` is the same
render, leaving out the files whose key (the hash of everything the file shows,
:func:`page_key`) is already known, and writing the others into ``docs/`` as
they are made; the CLI and the MkDocs hook (before ``mkdocs build`` and each
rebuild of ``mkdocs serve``) both run it through ``pipeline.run_render``, so
the two cannot differ.

The pages come from the Jinja templates in ``generator/templates/`` (one per
page kind); what each page lists is decided by :mod:`generator.structure`,
every word that is not data comes from :mod:`generator.i18n`. Every page
exists in English (``page.md``) and Vietnamese (``page.vi.md``, the suffix
layout of mkdocs-static-i18n), from the same data; an article's paragraphs
and quotes are shown beside their translation into the page's language, with
its status (:mod:`generator.translate`). Every value
that reaches a template is escaped for Markdown and HTML unless the code marks
it as trusted (``Markup``): text from articles is data, never markup, so an
article cannot inject HTML, script, links or template code into the site.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import html
import json
import multiprocessing
import posixpath
import re
import string
import threading
import types
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.runtime import Context, Macro
from markupsafe import Markup

from . import export, graphics, i18n, store, structure
from .dates import format_date, parse_edtf
from .models import Article, Event

TEMPLATES = Path(__file__).parent / "templates"
EXPORT_SCHEMA = Path(__file__).parent / "schemas" / "events-export.schema.json"
DEFAULT_LANGUAGE = "en"
LANGUAGES = i18n.LANGUAGES  # the default language first
ASSETS = "assets/generated"

# Punctuation that Markdown or HTML could read as markup is escaped everywhere;
# "/ , ; ? % @" never are markup, and "-" between letters or "." after a
# letter are not either. Leaving those alone lets the glossary's tooltips (the
# `abbr` extension) find terms such as "Extended Date/Time Format" or "U.N.".
_ALWAYS_ESCAPED = set(string.punctuation) - set("/,;?%@-.")

# Icons of event types: Material Design icons (docs/assets/icons/<name>.svg),
# drawn by the stylesheet from the class of an empty element
# (`chronicle-icon--<name>`). The page holds plain HTML, no engine's shortcode,
# and no copy of the picture per use: a list of a thousand events would
# otherwise carry a thousand inline SVGs for every reader and search index.
TYPE_ICONS = {
    "phone_call": "phone",
    "meeting": "handshake",
    "summit": "flag-variant",
    "negotiation_round": "forum",
    "visit": "airplane",
    "hotline_contact": "phone-classic",
    "statement": "comment-quote",
    "interview": "microphone",
    "announcement": "bullhorn",
}
DEFAULT_ICON = "calendar"


_ESCAPED = re.compile("[" + re.escape("".join(sorted(_ALWAYS_ESCAPED))) + "]")
# The empty string before each character to escape: a backslash is put there by a plain
# replacement, not by a template expanded for every match (a third quicker on paragraphs).
# "-" is markup unless it stands between two letters or digits; "." unless a letter precedes it
# ([^\W_] is what str.isalnum accepts, [^\W\d_] a letter).
_BEFORE_ESCAPED = re.compile("(?=[" + re.escape("".join(sorted(_ALWAYS_ESCAPED))) + "])")
_BEFORE_MARKUP_DASH_OR_DOT = re.compile(r"(?<![^\W_])(?=-)|(?=-(?![^\W_]))|(?<![^\W\d_])(?=\.)")


def md_escape(value: Any) -> str:
    """Escape text so Markdown shows it as it is: no markup, no HTML, no links.

    Relies on pymdownx.escapeall, which lets a backslash escape any
    punctuation; whitespace is folded so a paragraph stays one paragraph.
    Every value on every page passes here, so it is two regular expressions
    rather than a loop over characters.
    """
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    text = " ".join(str(value).split())
    if _ESCAPED.search(text):  # most values (names, dates) have nothing to escape
        text = _BEFORE_ESCAPED.sub("\\\\", text)
    if "-" in text or "." in text:
        # an escape added above puts a backslash before a punctuation mark, which is
        # neither a letter nor a digit: the look-arounds see what they saw before it
        text = _BEFORE_MARKUP_DASH_OR_DOT.sub("\\\\", text)
    return text


def safe_url(url: str | None) -> str | None:
    """Only http(s) links from data reach the site; anything else is dropped."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return None
    return re.sub(r"[\s()<>\"'`\[\]\\]", lambda m: f"%{ord(m.group()):02X}", url.strip())


def _finalize(value: Any) -> Markup:
    return value if isinstance(value, Markup) else Markup(md_escape(value))


def _join(values, separator: str = ", ") -> Markup:
    """``join`` for Markdown: items escaped like any other value, the separator kept as written."""
    return Markup(separator).join(_finalize(v) for v in values)


@dataclass(frozen=True)
class SiteData:
    """Everything the site shows, before any page exists."""

    articles: list[Article]
    events: list[Event] = field(default_factory=list)
    gazetteer: Any = None
    topics: Any = None
    glossary: Any = None
    curation: dict = field(default_factory=dict)
    # entity id -> [(article id, paragraph)] where an article names it
    mentions: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # translate.TranslationStore of the editors' reviewed translations, and of the machine ones
    translations: Any = None
    machine_translations: Any = None
    # What each page's text depends on, as hashes (see :func:`page_key`): "*global" (templates,
    # code, gazetteer, topics, glossary, editors' notes, which pages exist), "e:<event id>",
    # "a:<article id>" (its record and its translations). None: every page is rendered.
    fingerprints: dict[str, str] | None = None
    template_cache: Path | None = None  # a folder for compiled templates, kept between runs
    # a folder for the lines of events in lists (timeline, topics, entity tables) and for each
    # page's inputs, kept between runs (with fingerprints only): after one event changed, a list
    # of thousands is made again from the lines kept and the changed event's new line
    line_cache: Path | None = None


def page_key(fingerprints: dict[str, str], output: str, template: str, deps) -> str:
    """A page's text is a function of its template, its path and the records it shows: the hash of
    their fingerprints names that text, so a page whose key is unchanged need not be rendered again."""
    get = fingerprints.get
    text = "\0".join([fingerprints["*global"], template, output, *[get(dep, dep) for dep in deps]])
    return hashlib.sha256(text.encode()).hexdigest()


def article_head(article: Article) -> str:
    """What a page that lists an article shows of it (not its text): a change of a paragraph's
    words re-renders the article's own pages, not every list that names it."""
    return json.dumps([article.id, article.source_file, article.title, article.title_generated, article.language,
                       article.outlet, article.url, article.byline, article.published, len(article.paragraphs),
                       len(article.removed)], ensure_ascii=False)


def head_fingerprints(articles: list[Article]) -> dict[str, str]:
    """"h:<article id>" for each article's :func:`article_head`, and "*heads" for all of them."""
    prints = {f"h:{a.id}": hashlib.sha256(article_head(a).encode()).hexdigest() for a in articles}
    prints["*heads"] = hashlib.sha256("|".join(f"{k}={v}" for k, v in sorted(prints.items())).encode()).hexdigest()
    return prints


@dataclass
class Rendered:
    """What a render made: the text of each page it rendered, the key of every page (rendered or
    reused), and the pages it did not render because their key was already known."""

    files: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    reused: set[str] = field(default_factory=set)
    made: set[str] = field(default_factory=set)  # rendered and written to docs/ (render_changed(docs=...))
    written: int = 0  # of those, the files whose text changed
    # the articles each page shows more of than the head ("a:" inputs), for every page keyed
    articles_of: dict[str, tuple[str, ...]] = field(default_factory=dict)


# Kinds of callables whose ``__call__`` is never marked to take the context: for them,
# whether they take it is one attribute of the object itself.
_PLAIN_CALLABLES = (types.MethodType, types.FunctionType, types.BuiltinMethodType, Macro)


class _Context(Context):
    """Jinja's context, with a shorter way through :meth:`Context.call` for the callables
    our templates call (methods, functions, macros; about a hundred calls per page).

    Jinja looks for ``jinja_pass_arg`` on the object's ``__call__`` and on the object
    itself, three attribute lookups on every call: at 10,000 articles a tenth of the
    render's time. For these kinds of callable the first lookup is always empty, so one
    is enough; anything else goes Jinja's own way.
    """

    def call(__self, __obj, *args: Any, **kwargs: Any):  # noqa: N805 (Jinja's own signature)
        if type(__obj) not in _PLAIN_CALLABLES or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a"
                                                " StopIteration exception")


@lru_cache(maxsize=4)
def environment(bytecode_cache: str | None = None) -> Environment:
    """The templates' environment, one per process (and bytecode cache folder).

    With ``bytecode_cache`` (a folder), compiled templates are kept between
    runs: compiling them was a fifth of a small rebuild.
    """
    # autoescape with a finalize that escapes for Markdown: every value is
    # Markdown-escaped unless it is Markup (macro output, `trusted`), and
    # nothing is HTML-escaped twice.
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        extensions=["jinja2.ext.do"],
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=FileSystemBytecodeCache(bytecode_cache) if bytecode_cache else None,
    )
    env.context_class = _Context
    env.filters["url"] = lambda u: Markup(safe_url(u) or "")
    env.filters["trusted"] = Markup
    env.filters["join"] = _join
    # for raw HTML blocks that Markdown does not read (attribute values, <option>)
    env.filters["html"] = lambda v: Markup(html.escape(str(v), quote=True))
    return env


def localised(path: str, lang: str) -> str:
    """The path of a page in ``lang``: ``x.md`` for the default language, ``x.vi.md`` otherwise
    (the suffix layout of mkdocs-static-i18n)."""
    if lang == DEFAULT_LANGUAGE:
        return path
    stem, dot, ext = path.rpartition(".")
    return f"{stem}.{lang}.{ext}" if dot else f"{path}.{lang}"


def relative(here: str, target: str) -> str:
    """A link from the page ``here`` to ``target`` (both paths in docs/), as MkDocs resolves it."""
    return _relative_in(posixpath.dirname(here) or ".", target)


def _relative_in(folder: str, target: str) -> str:
    """:func:`relative` from a page of ``folder`` ("." for the top)."""
    path, hash_, fragment = target.partition("#")
    rel = _relpath(path, folder)
    return rel + (hash_ + fragment if hash_ else "")


@functools.lru_cache(maxsize=65536)
def _relpath(path: str, start: str) -> str:
    # pages link to the same few folders over and over; relpath showed in the benchmark's profile
    return posixpath.relpath(path, start)


class _Words:
    """The catalogue words of one language, as the templates call them."""

    def __init__(self, lang: str, chronicle: structure.Chronicle):
        self.lang = lang
        self.c = chronicle

    def t(self, key: str, n: int | None = None, **fields: Any) -> str:
        return i18n.label(key, self.lang, n, **fields)

    def type_name(self, key: str) -> str:
        return i18n.name_in(i18n.TYPE_NAMES, key, self.lang)

    def status_name(self, key: str) -> str:
        return i18n.name_in(i18n.STATUS_NAMES, key, self.lang)

    def role_name(self, key: str) -> str:
        if key in i18n.ROLE_NAMES:
            return i18n.ROLE_NAMES[key][self.lang]
        return i18n.name_in(i18n.RELATION_NAMES, key, self.lang)

    def precision_name(self, key: str) -> str:
        return i18n.name_in(i18n.PRECISION_NAMES, key, self.lang)

    def kind_name(self, key: str) -> str:
        return i18n.name_in(i18n.KIND_NAMES, key, self.lang)

    def attribution_name(self, key: str) -> str:
        return i18n.name_in(i18n.ATTRIBUTION_NAMES, key, self.lang)

    def field_name(self, key: str) -> str:
        return i18n.name_in(i18n.FIELD_NAMES, key, self.lang)

    def words_list(self, items) -> str:
        """Plain text items joined, for a catalogue phrase (which is escaped as a whole)."""
        return ", ".join(str(i) for i in items)

    def field_list(self, keys: list[str]) -> str:
        return i18n.join_names([self.field_name(k) for k in keys], self.lang)

    def language_name(self, code: str) -> str:
        return i18n.name_in(i18n.LANGUAGE_NAMES, code, self.lang)

    def extractor_note(self, note: str) -> str:
        return i18n.EXTRACTOR_NOTES.get(note, {}).get(self.lang, note)

    def reason_name(self, key: str) -> str:
        return i18n.name_in(i18n.REMOVAL_REASON_NAMES, key, self.lang)

    def office_dates(self, role) -> str:
        start = format_date(parse_edtf(str(role.start)), self.lang) if role.start else None
        end = format_date(parse_edtf(str(role.end)), self.lang) if role.end else None
        if start and end:
            return self.t("office_span", start=start, end=end)
        if start:
            return self.t("office_since", start=start)
        if end:
            return self.t("office_until", end=end)
        return self.t("office_dates_unknown")

    def month_name(self, month: int) -> str:
        return i18n.MONTH_NAMES[self.lang][month - 1]

    def date(self, value) -> str:
        return format_date(value, self.lang)

    def date_of(self, stamp: str | None) -> str:
        """The day of a publication stamp, in this language's words: "17 October 2025", "ngày 17 tháng 10 năm 2025"."""
        value = parse_edtf(stamp[:10]) if stamp else None
        return format_date(value, self.lang) if value else (stamp or "")

    def published(self, stamp: str | None) -> str:
        """A publication stamp ("2025-10-17T08:00:00+07:00") in this language's words, with its time when known."""
        if not stamp:
            return ""
        day = self.date_of(stamp)
        time = re.match(r"^\d{4}-\d{2}-\d{2}[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$", stamp.strip())
        if not time:
            return day
        zone = time[2] or ""
        zone = "UTC" if zone == "Z" else f"UTC{zone}" if zone else ""
        return self.t("date_time", date=day, time=" ".join(part for part in (time[1], zone) if part))

    def translation_status(self, item) -> str:
        """How far a translation can be trusted, in words: reviewed by whom, stale, machine (which engine) or pending."""
        entry = item.entry
        if item.status in ("reviewed", "stale"):
            return self.t(f"translation_{item.status}", by=(entry.by if entry and entry.by else self.t("editor_unnamed")))
        if item.status == "machine":
            return self.t("translation_machine", engine=(entry.engine if entry and entry.engine else self.t("engine_unknown")))
        return self.t("translation_pending")

    def summary(self, ev: Event) -> str:
        return getattr(ev, f"summary_{self.lang}", "") or ev.summary_en or ev.id

    def name(self, entity_id: str | None) -> str:
        return self.c.name(entity_id, self.lang)

    def topic_name(self, topic_id: str) -> str:
        return self.c.topic_name(topic_id, self.lang)

    def note_text(self, note: dict) -> str:
        """An editor's annotation in this language, or in the other one when it has only that."""
        return note.get(f"text_{self.lang}") or next((note[k] for k in ("text_en", "text_vi") if note.get(k)), "")

    def duration(self, ev: Event) -> str:
        if ev.duration_minutes is None:
            return ""
        text = self.t("duration_minutes", n=ev.duration_minutes)
        return self.t("duration_about", duration=text) if ev.duration_approximate else text

    def icon(self, event_type: str) -> Markup:
        """The name of the type's icon (a class of the stylesheet and a file in docs/assets/icons/)."""
        return Markup(TYPE_ICONS.get(event_type, DEFAULT_ICON))

    def article_title(self, article_id: str) -> str:
        article = self.c.article(article_id)
        return article.title if article else article_id


class _Links:
    """The links every kind of page makes, relative to one page (``link`` in the templates):
    to an entity's page, an event's, an article's paragraph. An event page makes some thirty
    of them; as macros, each cost a macro call and half a dozen template calls (a fifth of
    the page). Every word from the data is escaped (:func:`md_escape`) as a template would."""

    __slots__ = ("c", "w", "folder")

    def __init__(self, words: _Words, here: str):
        self.c = words.c
        self.w = words
        self.folder = posixpath.dirname(here) or "."

    def entity(self, entity_id: str | None) -> Markup:
        """The entity's name, linked to its page when it has one."""
        name = md_escape(self.w.name(entity_id))
        page = self.c.page_of(entity_id)
        return Markup(f"[{name}]({_relative_in(self.folder, page.path)})" if page else name)

    def event(self, ev: Event) -> Markup:
        """The event's summary, linked to its page."""
        return Markup(f"[{md_escape(self.w.summary(ev))}]({_relative_in(self.folder, structure.event_path(ev.id))})")

    def paragraph(self, article_id: str, n: int) -> Markup:
        """"¶ n", linked to the paragraph on the article's page."""
        target = _relative_in(self.folder, f"{structure.source_path(article_id)}#p{n}")
        return Markup(f'[{md_escape(self.w.t("paragraph_short", n=n))}]({target} "{md_escape(self.w.t("paragraph_n", n=n))}")')

    def source_ref(self, article_id: str, n: int) -> Markup:
        """The article's title linked to its page, and the paragraph linked."""
        title = md_escape(self.w.article_title(article_id))
        return Markup(f"[{title}]({_relative_in(self.folder, structure.source_path(article_id))}), "
                      f"{self.paragraph(article_id, n)}")


class Renderer:
    """Renders the pages of one language; each page gets links relative to itself."""

    def __init__(self, data: SiteData, lang: str = DEFAULT_LANGUAGE, first_language: str | None = None,
                 chronicle: structure.Chronicle | None = None):
        self.data = data
        self.lang = lang
        self.first_language = first_language or lang
        cache = data.template_cache
        self.env = environment(str(cache) if cache else None)
        # the chronicle is the same in every language: built once for all of them when given
        self.c = chronicle if chronicle is not None else structure.build(data)
        self.words = _Words(lang, self.c)
        self.surfaces = abbreviation_surfaces(data.glossary, lang)
        # one event's line, as pages of one folder show it (links are relative to the folder):
        # an event is listed by the timeline, its topics and each participant's and place's page
        self._lines: dict[tuple, Markup] = {}
        # the same lines kept between runs (data.line_cache), keyed by the event's fingerprint
        # instead of its id; valid while the global fingerprint is the same
        self._kept: dict[tuple, str] | None = None
        self._kept_global: str | None = None
        self._kept_changed = False
        self._named_in_used: dict[tuple[str, str], tuple] = {}  # (folder, entity) -> key of its list this run

    def page(self, template: str, path: str, **context: Any) -> str:
        folder = posixpath.dirname(path)
        top = folder or "."

        def url(target: str) -> Markup:
            return Markup(_relative_in(top, target))

        def once(macro, ev: Event, *args: Any) -> Markup:
            """``macro(ev, *args)``, made once per folder for the same event and arguments
            (and kept for the next run, see :meth:`_piece`)."""
            rest = tuple(tuple(a) if isinstance(a, list) else a for a in args)
            return Markup(self._piece(macro.name, folder, ev, rest, lambda: macro(ev, *args)))

        text = self.env.get_template(template).render(
            c=self.c,
            w=self.words,
            t=self.words.t,
            lang=self.lang,
            here=path,
            url=url,
            link=_Links(self.words, path),
            once=once,
            named_in=lambda page, macro: Markup(self.named_in(folder, page, lambda: macro(page))),
            event_path=structure.event_path,
            source_path=structure.source_path,
            topic_path=structure.topic_path,
            assets=ASSETS,
            talks_picture=lambda entity_id: f"{ASSETS}/talks/{structure.slug(entity_id)}.svg",
            **context,
        )
        return abbreviated(text, self.surfaces)

    def _line_file(self) -> Path | None:
        folder = self.data.line_cache
        return folder / f"lines.{self.lang}.pickle" if folder is not None and self.data.fingerprints else None

    def _piece(self, name: str, folder: str, ev: Event, rest: tuple, make, remember: bool = True) -> str:
        """``make()``, one event's piece of a page (its line in a list, its row in an export):
        made once per run for the same name, folder, event and ``rest`` (when ``remember``),
        and kept between runs under the event's fingerprint (:meth:`_kept_lines`)."""
        key = (name, folder, ev.id, *rest)
        piece = self._lines.get(key)
        if piece is None:
            kept = self._kept_lines()
            print_ = self.data.fingerprints.get(f"e:{ev.id}") if kept is not None else None
            kept_key = (name, folder, print_, ev.id, *rest) if print_ else None
            piece = kept.get(kept_key) if kept_key else None
            if piece is None:
                # one plain string, kept and remembered alike (the callers mark it safe again):
                # a Markup remembered beside its str copy held every kept line twice
                piece = str(make())
                if kept_key:
                    kept[kept_key] = piece
                    self._kept_changed = True
            if remember:
                self._lines[key] = piece
        return piece

    def named_in(self, folder: str, page: structure.EntityPage, make) -> str:
        """``make()``, the list of the paragraphs naming an entity, kept between runs under the
        hash of those paragraphs and of their articles' heads: an event changed in place makes
        a country's page again, and four fifths of that was its thousands of paragraph links."""
        kept = self._kept_lines()
        prints = self.data.fingerprints
        if kept is None or not prints:
            return str(make())
        heads = "|".join(prints.get(f"h:{article}", "") for article, _ in page.mentions)
        digest = hashlib.sha256(f"{json.dumps(page.mentions)}|{heads}".encode()).hexdigest()
        key = ("named-in", folder, digest, page.id)
        packed = kept.get(key)
        self._named_in_used[(folder, page.id)] = key
        if isinstance(packed, bytes):
            return zlib.decompress(packed).decode("utf-8")
        piece = str(make())
        # compressed: thousands of near-alike links shrink tenfold, and the lines of every list
        # are loaded by each render that makes one (20 MB more of them in each language at 10k)
        kept[key] = zlib.compress(piece.encode("utf-8"), 1)
        self._kept_changed = True
        return piece

    def _kept_lines(self) -> dict[tuple, str] | None:
        """The pieces an earlier run made for the same global fingerprint (loaded once)."""
        if self._kept is None and self._kept_global is not None:
            self._kept = store.read_kept(self._line_file(), self._kept_global)
        return self._kept

    def _save_kept_lines(self) -> None:
        """Keep the pieces of the events that still exist (stale fingerprints are dropped)."""
        path = self._line_file()
        if path is None or self._kept is None:
            return
        live = {v for k, v in self.data.fingerprints.items() if k.startswith("e:")}
        pages = self.c.entity_pages
        used = self._named_in_used
        # an entity's list is kept while the entity has a page, the one this run made in its place
        lines = {k: v for k, v in self._kept.items()
                 if k[2] in live or (k[0] == "named-in" and k[3] in pages and used.get((k[1], k[3]), k) == k)}
        if not self._kept_changed and len(lines) == len(self._kept):
            return
        store.write_kept(path, self._kept_global, lines)

    def render(self, known: dict[str, str] | None = None, docs: Path | None = None,
               only: set[str] | None = None) -> Rendered:
        """Every file of this language; a file whose key is in ``known`` (path -> key) is not
        rendered again, only listed in :attr:`Rendered.reused`. With ``docs``, each file is
        written there as soon as it is made (when its text changed) and only named in
        :attr:`Rendered.made`: a 10,000-article site is not held in memory.

        With ``only``, a known file not in it keeps its known key without its key being worked
        out: the caller knows that none of its inputs changed (:func:`generator.pipeline.run_render`)."""
        from .store import write_if_changed

        c, lang = self.c, self.lang
        out = Rendered()
        fingerprints = self.data.fingerprints
        known = known if fingerprints is not None else None
        if fingerprints is not None:
            # any page may link to any entity's or topic's page: which of them exist is global
            exist = "|".join([*c.entity_pages, "#", *c.topic_pages])
            fingerprints = {**fingerprints, "*global": hashlib.sha256(f"{fingerprints['*global']}|{exist}".encode()).hexdigest()}
            if self._line_file() is not None:
                self._kept_global = fingerprints["*global"]
        every_event = ("*events",)

        def as_it_was(target: str) -> bool:
            """Whether the file is one the caller knows is as it was (see ``only``): then its known
            key is kept and nothing is worked out for it."""
            if only is not None and target not in only and target in known:
                out.keys[target] = known[target]
                out.reused.add(target)
                return True
            return False

        def settled(path: str) -> bool:
            return as_it_was(localised(path, lang))

        def add(target: str, template: str, deps, make) -> None:
            """The file ``target`` (a path in docs/), made by ``make()`` unless its key is known."""
            if as_it_was(target):
                return
            if fingerprints is not None:
                key = out.keys[target] = page_key(fingerprints, target, template, deps)
                shown = tuple(d[2:] for d in deps if d[:2] == "a:")
                if shown:
                    out.articles_of[target] = shown
                if known is not None and known.get(target) == key:
                    out.reused.add(target)
                    return
            if docs is None:
                out.files[target] = make()
            else:
                out.made.add(target)
                out.written += write_if_changed(docs / target, make())

        def page(path: str, template: str, deps, **context):
            add(localised(path, lang), template, deps, lambda: self.page(template, path, **context))

        if not settled("index.md"):
            page("index.md", "home.md.j2", every_event + ("*heads",), figures=self.figures())
        add(localised("timeline.md", lang), "timeline.md.j2", every_event,
            lambda: self.page("timeline.md.j2", "timeline.md", filters=self.filters()))
        for ev in c.events:
            path = structure.event_path(ev.id)
            if not settled(path):
                page(path, "event.md.j2", self.event_inputs(ev), ev=ev)
        for section in ("people", "actors", "places"):
            if settled(f"{section}/index.md"):
                continue
            pages = [p for p in c.entity_pages.values() if p.section == section]
            pages.sort(key=lambda p: (-len(p.events), self.words.name(p.id).casefold()))
            # the index also counts the paragraphs naming each entity, which articles change alone
            counts = json.dumps([(p.id, p.mention_count) for p in pages])
            page(f"{section}/index.md", "section.md.j2", every_event + (counts,), section=section, pages=pages)
        for entity_page in c.entity_pages.values():
            if settled(entity_page.path):
                continue
            template = {"people": "person.md.j2", "actors": "actor.md.j2", "places": "place.md.j2"}[entity_page.section]
            page(entity_page.path, template, self.entity_inputs(entity_page), page=entity_page,
                 entity=c.gazetteer.get(entity_page.id))
        if not settled("topics/index.md"):
            topics = sorted(c.topic_pages.values(), key=lambda p: (-len(p.events), self.words.topic_name(p.id).casefold()))
            page("topics/index.md", "topics.md.j2", every_event, topics=topics)
        for topic in c.topic_pages.values():
            if not settled(topic.path):
                page(topic.path, "topic.md.j2", [f"e:{e.id}" for e in topic.events], topic=topic)
        if not settled("sources/index.md"):
            # the list of sources counts each article's events: an event changed in place leaves it as it is
            counts = json.dumps([(a.id, len(c.events_of_article.get(a.id, ()))) for a in c.articles])
            page("sources/index.md", "sources.md.j2", (counts, "*heads"))
        for article in c.articles:
            path = structure.source_path(article.id)
            if settled(path):
                continue
            deps = [f"a:{article.id}"] + [f"e:{item.event.id}" for item in c.events_of_article.get(article.id, [])]
            page(path, "source.md.j2", deps, article=article)
        page("glossary.md", "glossary.md.j2", (), terms=self.glossary_terms())
        self.pictures(add)
        self.exports(add)
        self._save_kept_lines()
        return out

    # --- what each page shows besides the global data (see event_inputs below) ---

    def event_inputs(self, ev: Event) -> list[str]:
        key = ("event_inputs", ev.id)
        if key not in self.c.memo:  # the same in every language (see prepare_inputs)
            self.c.memo[key] = event_inputs(self.c, ev)
        return self.c.memo[key]

    def entity_inputs(self, page: structure.EntityPage) -> list[str]:
        key = ("entity_inputs", page.id)
        if key not in self.c.memo:
            self.c.memo[key] = entity_inputs(page)
        return self.c.memo[key]

    # --- what the templates get besides the chronicle -------------------------

    def figures(self) -> dict[str, Any]:
        c = self.c
        first, last = c.dated_extremes()
        return {
            "events": len(c.events),
            "sources": len(c.articles),
            "people": sum(1 for p in c.entity_pages.values() if p.kind == "person"),
            "first": first,
            "last": last,
            "no_year": sum(1 for e in c.events if structure.year_month(e)[0] is None),
            "languages": sorted({a.language for a in c.articles}),
        }

    def filters(self) -> dict[str, list[tuple[str, str]]]:
        """The choices of the timeline's filters: only values some event has."""
        c, w = self.c, self.words
        types = [t for t in i18n.TYPE_NAMES if any(e.type == t for e in c.events)]
        statuses = [s for s in i18n.STATUS_NAMES if any(e.status == s for e in c.events)]
        people = sorted({p for e in c.events for p in c.people_of(e)}, key=lambda p: w.name(p).casefold())
        return {
            "type": [(t, w.type_name(t)) for t in types],
            "person": [(p, w.name(p)) for p in people],
            "status": [(s, w.status_name(s)) for s in statuses],
        }

    def glossary_terms(self) -> list:
        glossary = self.data.glossary
        if glossary is None:
            return []
        return sorted(glossary.terms, key=lambda term: term.term(self.lang).casefold())

    def pictures(self, add) -> None:
        c, lang, w = self.c, self.lang, self.words
        add(localised(f"{ASSETS}/timeline.svg", lang), "timeline.svg", ("*events",), lambda: graphics.timeline_svg(c.events, lang))
        people = sorted({p for a, b, _ in c.talks for p in (a, b)}, key=lambda p: w.name(p).casefold())
        add(localised(f"{ASSETS}/talks.svg", lang), "talks.svg", ("*events",), lambda: graphics.talks_svg(
            [(p, w.name(p)) for p in people], [(a, b, [w.summary(e) for e in evs]) for a, b, evs in c.talks],
            w.t("talks_title")))
        for page in c.entity_pages.values():
            if page.kind != "person" or not page.counterparts:
                continue
            deps = [f"e:{e.id}" for _, events in page.counterparts for e in events]
            add(localised(f"{ASSETS}/talks/{structure.slug(page.id)}.svg", lang), "talks.svg", deps,
                functools.partial(self.person_talks, page))

    def person_talks(self, page: structure.EntityPage) -> str:
        w = self.words
        ego = [(page.id, w.name(page.id))] + [(o, w.name(o)) for o, _ in page.counterparts]
        ego_links = [(page.id, o, [w.summary(e) for e in evs]) for o, evs in page.counterparts]
        return graphics.talks_svg(ego, ego_links, w.t("talks_alt_person", name=w.name(page.id)), center=page.id)

    def exports(self, add) -> None:
        data, lang, c = self.data, self.lang, self.c
        published = {a.id: a.published for a in data.articles}
        deps = ("*events", "*heads")

        def memo(kind: str, ev: Event, extra: tuple, make) -> str:
            # one row per event, kept between runs: after one event changed, the files
            # are joined from kept rows instead of every event being written out again
            return self._piece(f"export:{kind}", "exports", ev, extra, make, remember=False)

        if lang == self.first_language:  # the same in every language
            add("exports/events.json", "events.json", deps, lambda: export.events_json_text(c.events, data.gazetteer, memo))
            add("exports/events-export.schema.json", "schema", (), _export_schema)
        add(localised("exports/events.csv", lang), "csv", deps,
            lambda: export.events_csv(c.events, data.gazetteer, lang, memo))
        add(localised("exports/events.ics", lang), "ics", deps,
            lambda: export.events_ics(c.events, data.gazetteer, lang, published, memo=memo))
        add(localised("exports/feed.xml", lang), "atom", deps,
            lambda: export.events_atom(c.events, data.gazetteer, lang, published, base_url="../", memo=memo))


@lru_cache(maxsize=1)
def _export_schema() -> str:
    return EXPORT_SCHEMA.read_text(encoding="utf-8")


def glossary_surfaces(glossary, lang: str) -> list[tuple[str, str]]:
    """(surface, definition) for every way the glossary's terms are written, longest first.

    Surfaces of both languages count (a page quotes Vietnamese and English
    sources alike); the definition is in ``lang``. A lower-case surface matches
    any capitalisation in the glossary, so it is also given with a capital; a
    trailing `*` (any ending) is dropped, since an abbreviation matches whole
    words only.
    """
    if glossary is None:
        return []
    found: dict[str, str] = {}
    for term in glossary.terms:
        definition = " ".join(term.definition(lang).split())
        for surface in (term.term(lang), term.term_en, term.term_vi, *term.match_en, *term.match_vi):
            surface = " ".join(surface.rstrip("*").split())
            if not surface or "]" in surface or "[" in surface:
                continue
            for form in {surface, surface[:1].upper() + surface[1:]}:
                found.setdefault(form, definition)
    return sorted(found.items(), key=lambda s: (-len(s[0]), s[0]))


def with_abbreviations(text: str, glossary, lang: str) -> str:
    """A page with the glossary's definitions appended as abbreviations (``*[term]: definition``).

    The `abbr` extension then shows each term as a tooltip wherever it occurs
    on the page. Only the terms the page uses are appended. A definition is
    the title of an <abbr> element, which the HTML serializer escapes.
    """
    return abbreviated(text, abbreviation_surfaces(glossary, lang))


def abbreviation_surfaces(glossary, lang: str) -> list[tuple[str, str, str]]:
    """(surface, definition, its first word) for each of :func:`glossary_surfaces`."""
    return [(surface, definition, _first_word(surface)) for surface, definition in glossary_surfaces(glossary, lang)]


def abbreviated(text: str, surfaces: list[tuple[str, str, str]]) -> str:
    """:func:`with_abbreviations` with the glossary's surfaces (:func:`abbreviation_surfaces`)
    worked out once for all pages."""
    words = set(_WORD.findall(text))
    # a surface is looked for only when its first word is on the page: one pass over the
    # page instead of one for each of the glossary's hundreds of surfaces
    used = [(s, d) for s, d, first in surfaces if (first in words or not first) and s in text]
    if not used:
        return text
    lines = [f"*[{surface}]: {definition}" for surface, definition in used]
    return text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"


_WORD = re.compile(r"\w+")



@lru_cache(maxsize=4096)
def _first_word(surface: str) -> str:
    match = _WORD.search(surface)
    # a surface that starts inside a word ("-based") may match its tail: always look for it
    return match.group() if match and match.start() == 0 else ""


# --- what each page shows besides the global data ----------------------------
# Every record a page's template reads must be listed here: a page is rendered
# again only when one of these changes (tests/test_incremental_render.py
# checks random changes against a full render).

def event_inputs(c: structure.Chronicle, ev: Event) -> list[str]:
    """The records an event's page shows: its own, its neighbours' and related events', and its articles'."""
    others = [c.previous(ev), c.next(ev), c.event(ev.became), c.event(ev.plan_of)]
    others += [other for other, _ in c.related(ev)]
    deps = [f"e:{ev.id}"] + [f"e:{o.id}" for o in others if o is not None]
    articles = [ref.article for ref in ev.sources] + [q.article for q in ev.quotes]
    articles += [o.article for o in ev.outcomes]
    articles += [a.article for key in structure.ATTRIBUTION_KEYS for a in getattr(ev, key)]
    deps += [f"a:{a}" for a in dict.fromkeys(x for x in articles if x)]
    return deps


def entity_inputs(page: structure.EntityPage) -> list[str]:
    """The records an entity's page shows: its events, its talks, and the heads of the articles naming it."""
    deps = [f"e:{e.id}" for e in page.events]
    deps += [f"e:{e.id}" for _, events in page.counterparts for e in events]
    deps += [f"h:{a}" for a, _ in page.mentions]
    deps.append(json.dumps(page.mentions))  # which paragraphs name it
    return deps


INPUTS_FORMAT = "1"


def _inputs_file(data: SiteData) -> Path | None:
    return data.line_cache / "inputs.pickle" if data.fingerprints and data.line_cache is not None else None


def _inputs_kinds(c: structure.Chronicle):
    return (("event_inputs", [ev.id for ev in c.events]), ("entity_inputs", list(c.entity_pages)))


def prepare_inputs(data: SiteData, c: structure.Chronicle) -> dict[str, str]:
    """Every event's and entity's page inputs in ``c.memo``, taken from the last run when what
    they are worked out from is the same; returns the versions of those that were not (to be
    kept by :func:`keep_inputs` once the render worked them out).

    An event's inputs (neighbours, related events, articles) follow from the events and the
    gazetteer alone, an entity's also from the mentions and the articles' heads: after a
    typo, 7,000 events' related events (a second at 10,000 articles) are not weighed again.
    """
    path = _inputs_file(data)
    if path is None:
        return {}
    prints = data.fingerprints
    versions = {
        "event_inputs": hashlib.sha256(f"{prints['*global']}|{prints['*events']}".encode()).hexdigest(),
        "entity_inputs": hashlib.sha256("|".join(
            prints.get(k, "") for k in ("*global", "*events", "*mentions", "*heads")).encode()).hexdigest(),
    }
    saved = store.read_kept(path, INPUTS_FORMAT)
    pending = {}
    for kind, ids in _inputs_kinds(c):
        version, before = saved.get(kind, (None, {}))
        if version == versions[kind] and all(i in before for i in ids):
            for i in ids:
                c.memo[(kind, i)] = before[i]
        else:
            pending[kind] = versions[kind]
            if kind == "event_inputs":
                _reuse_event_inputs(c, prints, saved.get("event_order"), before)
    return pending


def _event_order(c: structure.Chronicle, prints: dict[str, str]) -> list[tuple[str, str | None]]:
    return [(ev.id, prints.get(f"e:{ev.id}")) for ev in c.events]


def event_span(c: structure.Chronicle, ev: Event) -> tuple[int, int]:
    """The places in ``c.events`` that :func:`event_inputs` of ``ev`` were worked out from."""
    lo, hi = c.related_span(ev)
    for target in (ev.became, ev.plan_of):
        if target:
            at = c.index_of(target)
            if at is None:
                return -1, structure.UNBOUNDED  # one that comes back may be anywhere
            lo, hi = min(lo, at), max(hi, at)
    return lo, hi


def _reuse_event_inputs(c: structure.Chronicle, prints: dict[str, str], saved, before: dict) -> None:
    """After some events changed, the inputs of the others whose :func:`event_span` holds none
    of the places that changed, from the last run (``saved``: its order of events, by id and
    fingerprint, and each one's span). The places before and after the changed stretch are
    the same events in the same order, only moved by as many as came or went: what each of
    those events' pages weighed (its neighbours, the windows of :meth:`Chronicle.related`) is
    the same, and so is what it found. After one event changed at 10,000 articles, 7,000
    events' related events were weighed again, a second in each language."""
    if not saved or saved[0] != prints.get("*global"):
        return
    _, old, spans = saved
    new = _event_order(c, prints)
    most = min(len(old), len(new))
    head = 0
    while head < most and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < most - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    end = len(old) - tail  # the stretch [head, end) of the last run's order changed
    shift = len(new) - len(old)
    for k, (event_id, _) in enumerate(new):
        if head <= k < len(new) - tail or event_id not in before or event_id not in spans:
            continue
        lo, hi = spans[event_id]
        if hi < head or lo >= end:
            if k >= head:  # after the stretch: its places moved
                lo, hi = lo + shift, hi if hi == structure.UNBOUNDED else hi + shift
            c.memo[("event_inputs", event_id)] = before[event_id]
            c.memo[("event_span", event_id)] = (lo, hi)


def keep_inputs(data: SiteData, c: structure.Chronicle, pending: dict[str, str]) -> None:
    """Keep the inputs a render worked out (see :func:`prepare_inputs`) for the next run."""
    path = _inputs_file(data)
    if path is None or not pending:
        return
    kept = dict(store.read_kept(path, INPUTS_FORMAT))  # the kinds still valid stay as they are
    for kind, ids in _inputs_kinds(c):
        if kind in pending:
            if not all((kind, i) in c.memo for i in ids):
                return  # not every page was keyed: nothing to keep
            kept[kind] = (pending[kind], {i: c.memo[(kind, i)] for i in ids})
    if "event_inputs" in pending:
        prints = data.fingerprints
        spans = {ev.id: c.memo.get(("event_span", ev.id)) or event_span(c, ev) for ev in c.events}
        kept["event_order"] = (prints.get("*global"), _event_order(c, prints), spans)
    store.write_kept(path, INPUTS_FORMAT, kept)


def render_site(data: SiteData, languages: tuple[str, ...] = LANGUAGES) -> dict[str, str]:
    """Every generated file of the site, as relative path -> text: each page in each language."""
    return render_changed(data, None, languages).files


def render_changed(data: SiteData, known: dict[str, str] | None, languages: tuple[str, ...] = LANGUAGES,
                   workers: int = 1, docs: Path | None = None, only: set[str] | None = None) -> Rendered:
    """:func:`render_site`, leaving out the files whose key (:func:`page_key`) is in ``known``.

    With ``docs``, the files are written there as each language is done (only
    those whose text changed) and not kept in :attr:`Rendered.files`, only
    named in :attr:`Rendered.made`. With ``workers`` > 1 each language is
    rendered in a process of its own (forked, so the data is not copied, and
    the pages are written by the process that made them). ``only``: see :meth:`Renderer.render`.
    """
    jobs = [(lang, languages[0]) for lang in languages]
    chronicle = structure.build(data)
    # before the fork, so that the workers inherit them; those not kept are worked out by each
    # language as it keys its pages (at once, not one language after the other)
    pending = prepare_inputs(data, chronicle)
    if workers > 1 and len(jobs) > 1 and "fork" in multiprocessing.get_all_start_methods() \
            and threading.active_count() == 1:
        _SHARED.update(data=data, known=known, docs=docs, chronicle=chronicle, only=only)
        # objects the collector never visits are not copied into the workers by its visits
        gc.freeze()
        try:
            context = multiprocessing.get_context("fork")
            # the first language in this process, the others in workers: one copy of the data fewer
            with ProcessPoolExecutor(max_workers=min(workers - 1, len(jobs) - 1), mp_context=context) as pool:
                others = pool.map(_render_language, jobs[1:])
                parts = [_render_language(jobs[0]), *others]
        finally:
            gc.unfreeze()
            _SHARED.clear()
    else:
        parts = [_render_and_write(data, known, docs, lang, first, chronicle, only) for lang, first in jobs]
    keep_inputs(data, chronicle, pending)  # as the first language, in this process, worked them out
    out = Rendered()
    for part in parts:
        out.files.update(part.files)
        out.keys.update(part.keys)
        out.articles_of.update(part.articles_of)
        out.reused |= part.reused
        out.made |= part.made
        out.written += part.written
    return out


# The data a forked render worker inherits (set just before the fork).
_SHARED: dict[str, Any] = {}


def _render_language(job: tuple[str, str]) -> Rendered:
    lang, first = job
    return _render_and_write(_SHARED["data"], _SHARED["known"], _SHARED["docs"], lang, first, _SHARED["chronicle"],
                             _SHARED["only"])


def _render_and_write(data: SiteData, known, docs: Path | None, lang: str, first: str,
                      chronicle: structure.Chronicle | None = None, only: set[str] | None = None) -> Rendered:
    return Renderer(data, lang, first_language=first, chronicle=chronicle).render(known, docs, only)


MANIFEST = ".generated-pages"


def finish_pages(docs: Path, current: set[str]) -> int:
    """List ``current`` as the generated pages in docs/ and remove those an earlier run made and
    this one did not; return how many were removed."""
    from .store import write_if_changed

    manifest = docs / MANIFEST
    previous = set(manifest.read_text(encoding="utf-8").split("\n")) - {""} if manifest.exists() else set()
    removed = 0
    for stale in sorted(previous - current):
        target = docs / stale
        if target.is_file() and docs.resolve() in target.resolve().parents:
            target.unlink()
            store.changed(target)
            removed += 1
    write_if_changed(manifest, "\n".join(sorted(current)) + "\n")
    return removed
