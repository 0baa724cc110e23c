"""The built site: a real, strict MkDocs build of the seeds, checked in its HTML.

The site is built once for the module (a strict build with anchor validation,
as `make site` runs it); each test reads the HTML. The browser tests drive
Debian's `chromium` through Playwright and are skipped when it is missing.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.sitebuild import build_site, make_project

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(make_project(tmp_path_factory.mktemp("project")))


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --- links ------------------------------------------------------------------------


def test_every_internal_link_and_anchor_of_the_built_site_resolves(site: Path):
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            soup = soup_of(page)
            ids[page] = {t["id"] for t in soup.find_all(id=True)} | {a["name"] for a in soup.find_all("a", attrs={"name": True})}
        return ids[page]

    broken, checked = [], 0
    for page in pages(site):
        for tag in soup_of(page).find_all(["a", "link", "img", "script"]):
            ref = tag.get("href") or tag.get("src")
            if not ref:
                continue
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc:
                continue  # another host (the original article): not ours to check
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):  # the 404 page links from the site's root
                target = site / unquote(parts.path).lstrip("/")
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            where = f"{page.relative_to(site)}: {ref}"
            if not target.is_file():
                broken.append(f"{where}: no such file")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                broken.append(f"{where}: no element with id '{parts.fragment}'")
    assert checked > 1000
    assert broken == []


def test_navigation_lists_sections_not_events(site: Path):
    nav = soup_of(site / "index.html").select("nav.md-nav--primary a.md-nav__link")
    hrefs = [a["href"] for a in nav if not a["href"].startswith("#")]  # "#...": the page's own contents
    assert len(hrefs) == 8
    assert not [h for h in hrefs if "events/" in h or re.search(r"sources/\w+/", h)]
    assert {"timeline/", "people/", "actors/", "places/", "topics/", "sources/", "glossary/"} <= {h.lstrip("./") for h in hrefs}


# --- pages --------------------------------------------------------------------------


def test_home_page_has_figures_the_timeline_picture_latest_events_and_exports(site: Path):
    soup = soup_of(site / "index.html")
    article = soup.find("article")
    figures = [f.get_text(" ", strip=True) for f in article.select(".chronicle-figure")]
    events = len(list((site / "events").glob("*/index.html")))
    assert figures[0] == f"{events} Events"
    assert figures[1] == "5 Source articles"
    assert article.find("img", src=re.compile(r"assets/generated/timeline\.svg$"))
    assert (site / "assets/generated/timeline.svg").read_text(encoding="utf-8").startswith("<?xml")
    assert len(article.select(".chronicle-event")) == 5
    exports = {a["href"] for a in article.select("a[href^='exports/']")}
    assert exports == {"exports/events.json", "exports/events-export.schema.json", "exports/events.csv",
                       "exports/events.ics", "exports/feed.xml"}


def test_timeline_lists_every_event_once_with_a_link(site: Path):
    soup = soup_of(site / "timeline/index.html")
    entries = soup.select(".chronicle-event")
    linked = [e.select_one("strong a")["href"] for e in entries]
    assert len(linked) == len(set(linked)) == len(list((site / "events").glob("*/index.html")))
    assert all(e.select_one(".twemoji svg") is not None for e in entries)  # the type's icon, inlined
    headings = [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")]
    assert headings[-1] == "Undated" and headings[-2] == "Year not in the source"


def test_event_page_has_facts_sources_at_paragraphs_and_neighbours(site: Path):
    soup = soup_of(site / "events/xxxx-10-16-phone-call-trump-putin/index.html")
    facts = soup.select_one(".chronicle-facts table").get_text(" ", strip=True)
    assert "16 October 2025" in facts and "CAMEO code 041" in facts
    assert soup.select("a[href*='sources/004_aeeb56263c09fa58/#p']")
    assert soup.select_one(".chronicle-prevnext__prev a") and soup.select_one(".chronicle-prevnext__next a")
    assert "Buckinghamham Palace" in soup.select_one(".admonition.editor").get_text()


def test_source_page_shows_the_editors_correction_beside_the_paragraph(site: Path):
    soup = soup_of(site / "sources/004_aeeb56263c09fa58/index.html")
    note = soup.find(id="p6").find_next_sibling()
    assert "editor" in note["class"] and "should read “the White House”" in note.get_text()


def test_glossary_terms_show_as_tooltips_on_the_pages(site: Path):
    titles = {}
    for page in pages(site):
        for abbr in soup_of(page).find_all("abbr"):
            titles[abbr.get_text()] = abbr.get("title", "")
    assert "Kremlin" in titles and titles["Kremlin"]
    assert "CAMEO" in titles
    glossary = soup_of(site / "glossary/index.html")
    assert glossary.find(id="new-start") is not None


def test_each_person_page_draws_who_they_talked_to(site: Path):
    soup = soup_of(site / "people/donald-trump/index.html")
    img = soup.find("img", src=re.compile(r"talks/donald-trump\.svg$"))
    assert img is not None and img["alt"]
    assert (site / "assets/generated/talks/donald-trump.svg").exists()


EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


def test_built_site_asks_no_other_host_for_anything(site: Path):
    offenders = []
    for page in pages(site):
        soup = soup_of(page)
        for tag in soup.find_all(["script", "img", "iframe", "source", "video", "audio", "embed", "object"]):
            for attr in ("src", "data", "srcset"):
                if tag.get(attr) and EXTERNAL.match(tag[attr]):
                    offenders.append((page.name, tag.name, tag[attr]))
        for link in soup.find_all("link"):
            if link.get("href") and EXTERNAL.match(link["href"]) and set(link.get("rel", [])) - {"canonical"}:
                offenders.append((page.name, "link", link["href"]))
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(([^)]+)\)|@import\s+['\"]([^'\"]+)", css.read_text(encoding="utf-8")):
            target = (url[0] or url[1]).strip("'\" ")
            if EXTERNAL.match(target):
                offenders.append((css.name, "css", target))
    for svg in site.rglob("*.svg"):
        if re.search(r"(href|src)=\"(https?:)?//", svg.read_text(encoding="utf-8")):
            offenders.append((svg.name, "svg", "external reference"))
    assert offenders == []
    assert "fonts.googleapis" not in (site / "index.html").read_text(encoding="utf-8")


def test_article_text_is_escaped_not_markup(tmp_path: Path):
    hostile = (
        "Tiêu đề <script>alert('x')</script>\n\n"
        "Đoạn văn có <img src=x onerror=alert(1)> và [bấm](javascript:alert(2)) cùng {{ config }} và {% raw %}.\n"
    )
    site = build_site(make_project(tmp_path, {"hostile.txt": hostile}, copy_seeds=False))
    html = (site / "sources/hostile/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    body = soup.find("article")
    assert body.find("img", attrs={"onerror": True}) is None
    assert not body.find_all("script")
    assert not [a for a in body.find_all("a") if a.get("href", "").startswith("javascript")]
    assert "<script>alert('x')</script>" in body.find("h1").get_text()
    assert "{{ config }}" in soup.find(id="p1").get_text()


# --- in a browser ---------------------------------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no chromium on this machine (Debian: apt-get install chromium)")


@pytest.fixture(scope="module")
def browser(site: Path):
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = _chromium()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield chromium, f"http://127.0.0.1:{server.server_address[1]}"
        chromium.close()
    server.shutdown()


def test_timeline_filters_hide_what_does_not_match_and_keep_the_choice_in_the_address(browser):
    chromium, base = browser
    page = chromium.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/timeline/")
    total = page.locator(".chronicle-event").count()
    assert page.locator("form.chronicle-filters").is_visible()
    page.select_option("select[data-filter=person]", "vladimir-putin")
    shown = page.locator(".chronicle-event:visible").count()
    assert 0 < shown < total
    assert all("vladimir-putin" in (page.locator(".chronicle-event:visible").nth(i).get_attribute("data-people") or "")
               for i in range(shown))
    assert "person=vladimir-putin" in page.url
    assert f"{shown} of {total}" in page.locator(".chronicle-filters__count").inner_text()
    page.click("form.chronicle-filters button[type=reset]")
    page.wait_for_function(f"document.querySelectorAll('.chronicle-event:not([hidden])').length === {total}")
    assert errors == []
    page.close()


def test_timeline_without_javascript_shows_every_event_and_no_dead_controls(browser):
    chromium, base = browser
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/timeline/")
    assert not page.locator("form.chronicle-filters").is_visible()
    assert page.locator(".chronicle-event:visible").count() == page.locator(".chronicle-event").count() > 0
    context.close()
