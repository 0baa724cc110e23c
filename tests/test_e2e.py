"""A reader's path through the built site of the seeds, in chromium, by clicking its real links.

Home -> timeline -> an event -> a person, back -> a source, back; and a search
typed into Material's search box. On the way no script may fail, nothing may
be logged as an error and nothing may be asked of another host. The site is
built once for the module, as `make site` builds it. (Switching languages is
tested with the bilingual site, in tests/test_site.py and tests/test_render.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import chromium_or_skip, Watch, chromium, serve
from tests.sitebuild import build_site, make_project

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    chromium_or_skip()  # before the build: every test here needs the browser
    return build_site(make_project(tmp_path_factory.mktemp("e2e")))


@pytest.fixture(scope="module")
def browser(site: Path):
    with serve(site) as base, chromium() as browser:
        yield browser, base


@pytest.fixture
def reader(browser):
    """A fresh page (wide enough for Material's navigation sidebar) and what it did wrong."""
    chromium_, base = browser
    context = chromium_.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    watch = Watch(base)
    watch.attach(page)
    yield page, base, watch
    context.close()


def _path(url: str, base: str) -> str:
    return url.removeprefix(base).split("#")[0]


def test_home_timeline_event_person_source_and_back_by_clicking(reader):
    page, base, watch = reader
    page.goto(f"{base}/")
    assert "Peace Talks Chronicle" in page.title()

    page.locator("nav.md-nav--primary a.md-nav__link[href$='timeline/']").first.click()
    page.wait_for_url(re.compile(r"/timeline/$"))
    assert page.locator(".chronicle-event").count() > 10

    event_link = page.locator(".chronicle-event strong a").first
    event_title = event_link.inner_text().strip()
    event_link.click()
    page.wait_for_url(re.compile(r"/events/[^/]+/$"))
    event_url = page.url
    assert page.locator("article h1").inner_text().strip().startswith(event_title)

    person = page.locator(".chronicle-facts a[href*='people/']").first
    name = person.inner_text().strip()
    person.click()
    page.wait_for_url(re.compile(r"/people/[^/]+/$"))
    assert name in page.locator("article h1").inner_text()
    assert page.locator(f"article a[href$='{_path(event_url, base).split('/events/')[1]}']").count() >= 1  # lists the event

    page.go_back()
    page.wait_for_url(event_url)
    source = page.locator("article a[href*='sources/']").first
    source.click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/(#p\d+)?$"))
    assert page.locator("article [id^='p']").count() > 0
    assert "#p" not in page.url or page.locator(f"[id='{page.url.split('#')[1]}']").is_visible()

    page.go_back()
    page.wait_for_url(event_url)
    page.go_back()
    page.wait_for_url(re.compile(r"/timeline/$"))
    page.go_back()
    page.wait_for_url(f"{base}/")

    assert watch.page_errors == []
    assert watch.console_errors == []
    assert watch.foreign_requests == []


def test_search_box_finds_events_and_a_result_opens_its_page(reader):
    page, base, watch = reader
    page.goto(f"{base}/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("Putin")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() > 1
    assert "Putin" in page.locator(".md-search-result").inner_text()
    first = page.locator(".md-search-result__item a").first
    first.click()
    page.wait_for_load_state()
    assert _path(page.url, base) != "/"
    assert "Putin" in page.locator("article").inner_text()

    assert watch.page_errors == []
    assert watch.console_errors == []
    assert watch.foreign_requests == []


def test_every_section_page_opens_without_errors(reader, site: Path):
    page, base, watch = reader
    for section in ("", "timeline/", "people/", "actors/", "places/", "topics/", "sources/", "glossary/"):
        assert (site / section / "index.html").is_file(), section
        response = page.goto(f"{base}/{section}")
        assert response.ok, section
    assert watch.page_errors == []
    assert watch.console_errors == []
    assert watch.foreign_requests == []
