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
The plugin reads each page's HTML with a quicker parser that gives the same
sections (``generator/search_parse.py``; ``CHRONICLE_SEARCH_PARSER=html.parser``
keeps the plugin's own).

Languages at once: mkdocs-static-i18n builds the languages one after the
other, each taking as long as the first. On ``mkdocs build`` with more than
one core, the hook forks one process per further language as soon as the
site folder has been cleaned; the child runs that language's build (what
the plugin's own loop would have run) and hands back what the plugin's loop
would have kept in memory: its search entries, its 404 page and its part of
the sitemap. The parent builds the default language, waits, and then does
what the plugin does after its loop: one search index of every language,
one sitemap of every page. The site is byte for byte the one the plugin
builds alone (tests/test_parallel_languages.py). ``CHRONICLE_MKDOCS_JOBS=1``
builds one language after the other; ``mkdocs serve`` always does.
"""

from __future__ import annotations

import atexit
import copy
import functools
import gzip
import logging
import os
import pickle
import re
import shutil
import signal
import sys
import tempfile
import traceback
from pathlib import Path

from mkdocs.plugins import event_priority

from generator import incremental, pipeline, search_parse
from generator.gazetteer import Gazetteer
from generator.search_terms import FIELDS, SearchTerms
from generator.store import Layout

log = logging.getLogger("mkdocs.plugins.chronicle")
_state: dict = {"serve": False, "search_terms": SearchTerms(), "not_found": {}, "sitemap": {}, "children": {}}
_MARK = FIELDS["title"]  # an entry that has it has been done
_HREFLANG_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def _layout(config) -> Layout:
    return Layout(Path(config["config_file_path"]).resolve().parent)


def _inner_language_build(config) -> bool:
    """True during the build of a further language, which mkdocs-static-i18n runs inside the first build
    (or which a child process runs, see on_files)."""
    plugin = config.plugins.get("i18n")
    return bool(getattr(plugin, "building", False)) and not _state["children"]


def _jobs() -> int:
    """How many languages may be built at once: CHRONICLE_MKDOCS_JOBS, or the number of cores."""
    try:
        return incremental.env_count("CHRONICLE_MKDOCS_JOBS") or incremental.cores()
    except ValueError as error:
        log.warning(f"{error} (1 builds one language at a time)")
        return 1


def on_startup(command: str, dirty: bool) -> None:
    _state["serve"] = command == "serve"


def on_config(config):
    search_parse.install()
    return config


def on_pre_build(config) -> None:
    if _inner_language_build(config):
        return
    layout = _layout(config)
    with incremental.fewer_collections(), incremental.deferred_saves(layout):
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


@event_priority(100)  # first, right after MkDocs has cleaned the site folder
def on_files(files, config):
    plugin = config.plugins.get("i18n")
    if _state["serve"] or plugin is None or _inner_language_build(config) or not hasattr(os, "fork"):
        return files
    others = [lang for lang in plugin.build_languages if lang != plugin.current_language]
    # all further languages at once, or none: the plugin's loop cannot be told to skip some
    if not others or len(others) + 1 > _jobs():
        return files
    folder = Path(tempfile.mkdtemp(prefix="chronicle-mkdocs-"))
    dirty = "--dirty" in sys.argv or "--dirtyreload" in sys.argv  # as the plugin's own loop decides
    _state["children_folder"] = folder
    _state["parent"] = os.getpid()
    if not _state.get("atexit"):
        # an interrupted build (Ctrl-C), which MkDocs does not report to on_build_error,
        # leaves no child writing into the site folder and no temporary folder
        atexit.register(_stop_children)
        _state["atexit"] = True
    for locale in others:
        out = folder / f"{locale}.pickle"
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        try:
            pid = os.fork()
        except OSError as error:
            log.info(f"Building the languages one after the other: no process for '{locale}' ({error})")
            _stop_children()
            return files
        if pid == 0:
            _build_language_and_exit(config, plugin, locale, out, dirty)
        _state["children"][locale] = (pid, out)
    # the plugin's own loop, which would build these languages again, is skipped
    # (it reads this flag); on_post_build undoes it
    plugin.building = True
    return files


def _build_language_and_exit(config, plugin, locale: str, out: Path, dirty: bool) -> None:
    """In the child: what mkdocs-static-i18n's loop does for one language, then exit."""
    status = 1
    try:
        _state["children"] = {}
        _state.pop("children_folder", None)
        _die_with_parent()
        from mkdocs import utils
        from mkdocs.commands.build import build

        _state["not_found"] = {}
        _state["sitemap"] = {}
        utils.clean_directory = lambda path: None  # the parent cleaned it; the plugin's loop does the same
        plugin.current_language = locale
        plugin.building = True
        plugin.search_entries = []
        build(config, dirty=dirty)
        with open(out, "wb") as handle:
            pickle.dump(
                {
                    "search_entries": plugin.search_entries,
                    "not_found": _state["not_found"].get(locale),
                    "sitemap": _state["sitemap"].get(locale),
                },
                handle,
            )
        status = 0
    except BaseException as error:  # noqa: BLE001 - a child must never return into the parent's build
        message = getattr(error, "format_message", None)
        if isinstance(error, KeyboardInterrupt):
            status = 130  # the whole build was interrupted: the parent says so
        elif message is not None:
            log.error(f"Building the '{locale}' pages: {message()}")
        else:
            log.error(f"Building the '{locale}' pages failed:\n{traceback.format_exc()}")
    finally:
        for handler in logging.getLogger().handlers + logging.getLogger("mkdocs").handlers:
            handler.flush()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        os._exit(status)


def _wait_for_children() -> dict[str, dict]:
    """Each forked language's results, in the plugin's order; an Abort if one of them failed."""
    from mkdocs.exceptions import Abort

    children, _state["children"] = _state["children"], {}
    folder = _state.pop("children_folder", None)
    results, failed = {}, []
    try:
        for locale, (pid, out) in children.items():
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0 or not out.is_file():
                failed.append(locale)
                continue
            with open(out, "rb") as handle:
                results[locale] = pickle.load(handle)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    if failed:
        raise Abort(
            f"Aborted: the build of the {', '.join(repr(f) for f in failed)} pages failed (see the messages above). "
            "Fix what they name, or set CHRONICLE_MKDOCS_JOBS=1 to build one language at a time."
        )
    return results


def _die_with_parent() -> None:
    """In a child: be stopped when the parent process ends, however it ends (Linux)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != _state.get("parent"):  # it ended before the line above
        os._exit(1)


def on_build_error(error) -> None:
    # a failed parent leaves no child writing into the site folder
    _stop_children()


def _stop_children() -> None:
    children, _state["children"] = _state["children"], {}
    for pid, _ in children.values():
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    folder = _state.pop("children_folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _merge_sitemaps(texts: list[str]) -> str:
    """The sitemaps of each language as one, in that order: what the plugin's last build writes."""
    first = texts[0]
    end = first.rindex("</urlset>")
    body = first[:end].rstrip()
    for text in texts[1:]:
        start = text.index(">", text.index("<urlset")) + 1
        body += text[start : text.rindex("</urlset>")].rstrip()
    return body + "\n" + first[end:]


def _write_sitemap(site: Path, text: str) -> None:
    from mkdocs import utils

    path = site / "sitemap.xml"
    utils.write_file(text.encode("utf-8"), str(path))
    files = _state.pop("files", None)
    pages = [f.page for f in files.documentation_pages() if f.page is not None] if files is not None else None
    with open(f"{path}.gz", "wb") as handle:
        with gzip.GzipFile(
            fileobj=handle, filename=f"{path}.gz", mode="wb", mtime=utils.get_build_timestamp(pages=pages)
        ) as gz:
            gz.write(text.encode("utf-8"))


def on_nav(nav, config, files):
    # MkDocs looks up the target of every link of every page in `files`; mkdocs-static-i18n's
    # lookup builds three paths per call: 75,000 links per language at 1,000 articles, for a
    # few thousand distinct targets. No file is added or removed after this point of a build.
    lookup = files.get_file_from_path
    if not hasattr(lookup, "cache_info"):
        files.get_file_from_path = functools.lru_cache(maxsize=None)(lookup)
    return nav


def on_env(env, config, files):
    _state["files"] = files  # the sitemap's time stamp, as MkDocs computes it
    return env


@event_priority(-200)  # after mkdocs-static-i18n has built every language and written the sitemap
def on_post_build(config) -> None:
    if _inner_language_build(config):
        return
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return
    site = Path(config["site_dir"])
    if _state["children"]:
        results = _wait_for_children()
        plugin.building = False
        # what the plugin's loop does after building every language
        for locale, result in results.items():
            plugin.search_entries.extend(result["search_entries"])
            if result["not_found"] is not None:
                _state["not_found"][locale] = result["not_found"]
        plugin.reconfigure_search_index(config)
        own = _state["sitemap"].get(plugin.current_language)
        parts = [own] + [r["sitemap"] for r in results.values()]
        if all(part is not None for part in parts):
            _write_sitemap(site, _merge_sitemaps(parts))
    _state["sitemap"] = {}
    _state.pop("files", None)
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
    if template_name == "sitemap.xml" and plugin is not None:
        if not config.get("site_url"):
            # the plugin's sitemap joins the unset address ("None") to each path;
            # without an address, a path is all a sitemap can say
            output = output.replace("<loc>None", "<loc>").replace(' href="None', ' href="')
        _state["sitemap"][plugin.current_language] = output
    return output


def on_post_page(output: str, page, config) -> str:
    if config.plugins.get("i18n") is None:
        return output
    head = output.find("</head>")  # the links are in the head: the rest of the page is not scanned
    if head < 0:
        return _HREFLANG_LINK.sub("", output)
    return _HREFLANG_LINK.sub("", output[:head]) + output[head:]
