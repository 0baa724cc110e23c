"""MkDocs hook: the preview server and the build use the same render function.

Before MkDocs reads ``docs/``, the hook writes the rendered site into it, both
languages (``page.md`` and ``page.vi.md``, with the SVG pictures and the
exports) through ``pipeline.run_render``, which renders only the pages whose
inputs changed, writes only files whose content changed and removes the pages
an earlier run made and this one did not. The pages are files on disk, not files added in memory, because
mkdocs-static-i18n (which splits the languages) only handles files that are in
``docs/`` (ultrabug/mkdocs-static-i18n#263: virtual files are dropped).

On ``mkdocs serve`` every rebuild first runs the data stages. As every stage
writes only what changed, a rebuild that changed nothing writes nothing, and
the watcher sees no event: no rebuild loop. A change of a seed gives two
builds (the second one sees the pages the first wrote, and writes nothing).

mkdocs-static-i18n builds each further language by running the build again
from its own ``on_post_build``; those inner builds find the pages written.
Material and mkdocs-static-i18n disagree on one point, which the hook
settles so that no page asks for a file that does not exist: Material's script
fetches ``sitemap.xml`` under each language's root (``/vi/sitemap.xml``) and
under each ``<link rel="alternate" hreflang>`` of the page, which it takes
for a language's root, while the plugin makes those links the page's own
counterpart (``/vi/events/<id>/sitemap.xml``: 404). The hook copies the
plugin's sitemap (every page with its alternates) to each language's root,
and drops the head's hreflang links; the language switcher keeps its links
to the page's counterpart, which is what makes it stay on the same page.
The 404 page is rendered once per language into the same file, after the
pages: the hook keeps each language's (``404.html``, ``vi/404.html``), with a
switcher to each language's home rather than to the last page rendered.

The search: as the search plugin indexes a page, each of its entries (a
section) gets its words without diacritics and the other spellings of the
names in it, in fields of their own (``generator/search_terms.py``; the
boosts are in mkdocs.yml): "dien dam" finds "điện đàm", "Zelenski" Zelensky.
"""

from __future__ import annotations

import copy
import logging
import re
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority

from generator import pipeline
from generator.gazetteer import Gazetteer
from generator.search_terms import FIELDS, SearchTerms
from generator.store import Layout

log = logging.getLogger("mkdocs.plugins.chronicle")
_state: dict = {"serve": False, "search_terms": SearchTerms(), "not_found": {}}
_MARK = FIELDS["title"]  # an entry that has it has been done
_HREFLANG_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def _layout(config) -> Layout:
    return Layout(Path(config["config_file_path"]).resolve().parent)


def _inner_language_build(config) -> bool:
    """True during the build of a further language, which mkdocs-static-i18n runs inside the first build."""
    plugin = config.plugins.get("i18n")
    return bool(getattr(plugin, "building", False))


def on_startup(command: str, dirty: bool) -> None:
    _state["serve"] = command == "serve"


def on_pre_build(config) -> None:
    if _inner_language_build(config):
        return
    layout = _layout(config)
    if _state["serve"]:
        for report in pipeline.run_data_stages(layout):
            log.info(report.summary())
            for error in report.errors:
                log.warning(error)
    report = pipeline.run_render(layout)
    log.info(report.summary())
    _state["search_terms"] = SearchTerms(Gazetteer.load(layout.gazetteer))


@event_priority(-50)  # after the search plugin has added the page's sections to its index
def on_page_context(context, page, config, nav):
    search = config.plugins.get("material/search") or config.plugins.get("search")
    entries = getattr(getattr(search, "search_index", None), "entries", None)
    if entries is None:
        return context
    terms = _state["search_terms"]
    for entry in reversed(entries):  # this page's entries are the last ones without the fields
        if _MARK in entry:
            break
        entry.update(terms.fields(entry))
    return context


@event_priority(-200)  # after mkdocs-static-i18n has built every language and written the sitemap
def on_post_build(config) -> None:
    if _inner_language_build(config):
        return
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return
    site = Path(config["site_dir"])
    for lang in plugin.build_languages:
        if lang == plugin.default_language:
            continue
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            if (site / name).is_file() and (site / lang).is_dir():
                shutil.copyfile(site / name, site / lang / name)
    for lang, text in _state["not_found"].items():
        target = site / "404.html" if lang == plugin.default_language else site / lang / "404.html"
        if target.parent.is_dir():
            target.write_text(text, encoding="utf-8")
    _state["not_found"] = {}


def on_template_context(context, template_name, config):
    # the pages are done: the switcher of a static page (404.html) goes to each language's home
    plugin = config.plugins.get("i18n")
    if plugin is not None and getattr(plugin, "extra_alternate", None):
        config.extra["alternate"] = copy.deepcopy(plugin.extra_alternate)
        # the plugin sets the pages' links as an attribute, which the templates read first
        config.extra.alternate = config.extra["alternate"]
    return context


def on_post_template(output: str, template_name: str, config) -> str:
    plugin = config.plugins.get("i18n")
    if template_name == "404.html" and plugin is not None:
        _state["not_found"][plugin.current_language] = output
    return output


def on_post_page(output: str, page, config) -> str:
    if config.plugins.get("i18n") is None:
        return output
    head = output.find("</head>")  # the links are in the head: the rest of the page is not scanned
    if head < 0:
        return _HREFLANG_LINK.sub("", output)
    return _HREFLANG_LINK.sub("", output[:head]) + output[head:]
