"""The built site: a real, strict MkDocs build of the seeds, checked in its HTML.

The site is built once for the module (a strict build with anchor validation,
as `make site` runs it, both languages: English at the root, Vietnamese under
vi/); each test reads the HTML or the search index. The browser tests drive
Debian's `chromium` through Playwright against the built site, served on
127.0.0.1; they are skipped, saying why, when chromium is missing.
"""

from __future__ import annotations

import functools
import http.server
import json
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


def english_pages(site: Path) -> set[str]:
    """The English pages, as paths relative to the site."""
    return {p.relative_to(site).as_posix() for p in pages(site) if not p.relative_to(site).as_posix().startswith("vi/")}


def vietnamese_pages(site: Path) -> set[str]:
    return {p.relative_to(site / "vi").as_posix() for p in (site / "vi").rglob("*.html")}


def phone_call_event(site: Path) -> str:
    return sorted(p.name for p in (site / "events").iterdir() if "phone-call" in p.name)[0]


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

    broken, checked, checked_vi = [], 0, 0
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
            checked_vi += page.relative_to(site).as_posix().startswith("vi/")
            where = f"{page.relative_to(site)}: {ref}"
            if not target.is_file():
                broken.append(f"{where}: no such file")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                broken.append(f"{where}: no element with id '{parts.fragment}'")
    assert checked > 1000 and checked_vi > 1000  # the Vietnamese pages under vi/ too
    assert broken == []


@pytest.mark.parametrize("home", ["index.html", "vi/index.html"])
def test_navigation_lists_sections_not_events(site: Path, home: str):
    nav = soup_of(site / home).select("nav.md-nav--primary a.md-nav__link")
    hrefs = [a["href"] for a in nav if not a["href"].startswith("#")]  # "#...": the page's own contents
    assert len(hrefs) == 8
    assert not [h for h in hrefs if "events/" in h or re.search(r"sources/\w+/", h)]
    assert {"timeline/", "people/", "actors/", "places/", "topics/", "sources/", "glossary/"} <= {h.lstrip("./") for h in hrefs}


# --- both languages -------------------------------------------------------------------


def test_every_english_page_has_a_vietnamese_counterpart_and_back(site: Path):
    english = english_pages(site)
    assert len(english) > 100 and english == vietnamese_pages(site)


def test_each_page_links_its_counterpart_in_the_language_switcher(site: Path):
    event = phone_call_event(site)
    for here, lang, other in ((f"events/{event}/index.html", "en", "vi"), (f"vi/events/{event}/index.html", "vi", "en")):
        soup = soup_of(site / here)
        assert soup.html["lang"] == lang
        link = soup.select_one(f"a.md-select__link[hreflang={other}]")
        target = ((site / here).parent / link["href"]).resolve()
        expected = site / ("vi/" if other == "vi" else "") / f"events/{event}"
        assert target == expected.resolve(), (here, link["href"])


def test_each_language_has_its_sitemap_and_its_not_found_page_linking_both_homes(site: Path):
    for root, lang in ((site, "en"), (site / "vi", "vi")):
        assert (root / "sitemap.xml").is_file()  # Material's language switcher asks each language's root for one
        soup = soup_of(root / "404.html")
        assert soup.html["lang"] == lang
        assert [a["href"] for a in soup.select("a.md-select__link")] == ["/", "/vi/"]
    # Material takes each hreflang link of a page's head for a language's root and asks it for
    # sitemap.xml: only the roots may be such links
    for page in pages(site):
        for link in soup_of(page).select("link[rel=alternate][hreflang]"):
            assert link["href"] in ("/", "/vi/"), (page, link["href"])


def test_without_a_site_address_the_sitemap_lists_every_page_by_its_path(site: Path):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert "None" not in sitemap
    assert "events/2025-02-07-interview-trump/" in locs and "vi/events/2025-02-07-interview-trump/" in locs
    assert len(locs) == len([p for p in pages(site) if p.name != "404.html"])


def test_with_a_site_address_the_sitemap_and_canonical_links_are_absolute(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CHRONICLE_SITE_URL", "https://chronicle.example.org/talks/")
    built = build_site(make_project(tmp_path / "project"))
    locs = re.findall(r"<loc>([^<]*)</loc>", (built / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith("https://chronicle.example.org/talks/") for loc in locs)
    assert "https://chronicle.example.org/talks/vi/timeline/" in locs
    canonical = soup_of(built / "vi" / "timeline" / "index.html").select_one("link[rel=canonical]")
    assert canonical["href"] == "https://chronicle.example.org/talks/vi/timeline/"


def test_vietnamese_pages_show_the_interface_and_the_navigation_in_vietnamese(site: Path):
    soup = soup_of(site / f"vi/events/{phone_call_event(site)}/index.html")
    nav = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary > ul > li > a")]
    assert nav == ["Trang chủ", "Dòng thời gian", "Nhân vật", "Quốc gia và tổ chức", "Địa điểm", "Chủ đề", "Nguồn", "Thuật ngữ"]
    assert soup.select_one("input.md-search__input")["placeholder"] == "Tìm kiếm"
    assert soup.select_one(".md-header__topic").get_text(strip=True) == "Biên niên đàm phán hòa bình"
    assert {label["title"] for label in soup.select("label.md-header__button[for^=__palette]")} == {"Chế độ tối", "Chế độ sáng"}
    article = soup.find("article")
    headings = [h.get_text(strip=True).rstrip("¶") for h in article.find_all(["h2", "h3"])]
    facts = [row.find("td").get_text(strip=True) for row in article.select(".chronicle-facts tr") if row.find("td")]
    assert "Tóm tắt" in headings and "Sự kiện liên quan" in headings and facts[:4] == ["Ngày", "Độ chính xác", "Loại", "Tình trạng"]
    english = {"Summary", "Outcomes", "Quotes", "Sources", "Related events", "Date", "Precision", "Type", "Status", "Participants"}
    assert not english & set(headings + facts)
    assert "Phone call" not in article.get_text() and "Previous event" not in article.get_text()


def test_dates_are_written_in_each_languages_words(site: Path):
    english = soup_of(site / "events/xxxx-10-16-phone-call-trump-putin/index.html").select_one(".chronicle-facts").get_text(" ")
    vietnamese = soup_of(site / "vi/events/xxxx-10-16-phone-call-trump-putin/index.html").select_one(".chronicle-facts").get_text(" ")
    assert "16 October 2025" in english and "ngày 16 tháng 10 năm 2025" in vietnamese
    assert "October" not in vietnamese and "tháng" not in english


def test_source_pages_show_each_paragraph_beside_its_translation_into_the_page_language(site: Path):
    english = soup_of(site / "sources/000_cbd8a5b9abaed145/index.html")  # a Vietnamese article
    original = english.find(id="p3")
    pair = original.find_parent(class_="chronicle-pair")
    assert original.find_parent(class_="chronicle-pair__original")["lang"] == "vi"
    translation = pair.find(class_="chronicle-pair__translation")
    assert translation["lang"] == "en" and translation.select_one(".chronicle-translation__status").get_text().startswith("Translation reviewed by ")
    vietnamese = soup_of(site / "vi/sources/004_aeeb56263c09fa58/index.html")  # the English article
    translation = vietnamese.find(id="p1").find_parent(class_="chronicle-pair").find(class_="chronicle-pair__translation")
    assert translation["lang"] == "vi" and translation.select_one(".chronicle-translation__status").get_text().startswith("Bản dịch do ")
    assert vietnamese.find(id="p1").find_parent(class_="chronicle-pair__original")["lang"] == "en"
    assert soup_of(site / "vi/sources/000_cbd8a5b9abaed145/index.html").find(class_="chronicle-pair") is None
    for soup in (english, vietnamese):  # never an empty translation box
        assert all(box.get_text(strip=True) for box in soup.select(".chronicle-pair__translation"))


def test_the_search_index_holds_both_languages_and_their_words_without_diacritics(site: Path):
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert set(index["config"]["lang"]) == {"en", "vi"}
    assert {"title_folded", "text_folded"} <= set(index["config"]["fields"])
    docs = index["docs"]
    assert all("title_folded" in d and "text_folded" in d for d in docs)
    event = phone_call_event(site)
    call = next(d for d in docs if d["location"] == f"vi/events/{event}/")
    assert call["title"].startswith("Điện đàm") and call["title_folded"].split()[:2] == ["dien", "dam"]
    assert "dien dam" in call["text_folded"] or {"dien", "dam"} <= set(call["text_folded"].split())
    zelensky = next(d for d in docs if d["location"] == "people/volodymyr-zelensky/")
    assert "zelenski" in zelensky["title_folded"].split()
    assert any(d["location"].startswith("vi/") for d in docs) and any(not d["location"].startswith("vi/") for d in docs)


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
    # the type's icon: an element the stylesheet draws, named for readers of the page
    icons = [e.select_one("span.chronicle-icon") for e in entries]
    assert all(i is not None and i.get("role") == "img" and i.get("aria-label") for i in icons)
    assert all((site / "assets/icons" / f"{c.removeprefix('chronicle-icon--')}.svg").is_file()
               for i in icons for c in i["class"] if c.startswith("chronicle-icon--"))
    assert not soup.select("article svg")  # no picture copied into the page per event
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


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def _chromium() -> str:
    for path in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if path and Path(path).exists():
            return path
    pytest.skip("BROWSER TESTS SKIPPED: no chromium on this machine (Debian: apt-get install chromium)")


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
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
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


def test_type_icons_are_drawn_in_both_languages_from_the_sites_own_pictures(browser):
    chromium, base = browser
    page = chromium.new_page()
    answers = []
    page.on("response", lambda r: answers.append((r.url, r.status)))
    for path in ("/timeline/", "/vi/timeline/"):
        page.goto(f"{base}{path}")
        icon = page.locator(".chronicle-event .chronicle-icon--phone").first
        box = icon.bounding_box()
        assert box and box["width"] > 8 and box["height"] > 8, path
        mask = icon.evaluate("e => getComputedStyle(e).webkitMaskImage || getComputedStyle(e).maskImage")
        assert "/assets/icons/phone.svg" in mask, (path, mask)
        # painted in the theme's colour, not left transparent
        assert icon.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    page.wait_for_load_state("networkidle")
    pictures = [(u, s) for u, s in answers if "/assets/icons/" in u]
    assert pictures and all(s == 200 for _, s in pictures), pictures
    page.close()


def _switch_language(page, lang: str) -> None:
    page.hover(".md-header__option .md-select")  # the list opens on hover or focus
    with page.expect_navigation():
        page.click(f"a.md-select__link[hreflang={lang}]")


def test_the_language_switcher_lands_on_the_same_event_and_back(browser, site: Path):
    chromium, base = browser
    event = phone_call_event(site)
    page = chromium.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    page.goto(f"{base}/events/{event}/")
    _switch_language(page, "vi")
    assert page.url == f"{base}/vi/events/{event}/"
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("article h1").inner_text().startswith("Điện đàm")
    _switch_language(page, "en")
    assert page.url == f"{base}/events/{event}/"
    assert page.locator("article h1").inner_text().startswith("Phone call")
    assert errors == []
    page.close()


def _search(chromium, base: str, start: str, query: str) -> list[str]:
    """Type a query into the site's search box; the addresses of the results it lists."""
    page = chromium.new_page()
    page.goto(f"{base}{start}")
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    # the results of the whole query (each link carries the query, to highlight it), not of a part typed so far
    highlight = "h=" + "+".join(query.lower().split())
    page.wait_for_selector(f'.md-search-result__item > a.md-search-result__link[href$="{highlight}"]')
    links = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
    page.close()
    return [urlsplit(link).path for link in links]


def test_searching_dien_dam_without_diacritics_finds_the_phone_calls(browser, site: Path):
    chromium, base = browser
    results = _search(chromium, base, "/vi/", "dien dam")
    calls = [path for path in results if re.search(r"/events/[^/]*phone-call[^/]*/$", path)]
    assert calls and results.index(calls[0]) == 0, results  # the calls, whose title is "Điện đàm…", come first
    assert all((site / path.lstrip("/") / "index.html").is_file() for path in calls)


def test_searching_zelenski_finds_the_pages_of_zelensky(browser):
    chromium, base = browser
    results = _search(chromium, base, "/", "Zelenski")
    assert results[0] == "/people/volodymyr-zelensky/", results
    assert any(re.search(r"/events/[^/]*zelensky[^/]*/$", path) for path in results)
