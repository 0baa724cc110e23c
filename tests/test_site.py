"""The built site: a real MkDocs build of the seeds, checked in its HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.sitebuild import build_site, make_project

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(make_project(tmp_path_factory.mktemp("project")))


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_home_page_lists_every_source_article(site: Path):
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in soup.select("article a[href^='sources/']")}
    assert len(links) == 5


def test_each_source_page_shows_the_cleaned_text_with_paragraph_anchors(site: Path):
    html = (site / "sources/001_ffcb7d8877a71e35/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("h1").get_text(strip=True).startswith("Ông Trump hé lộ cuộc điện đàm")
    assert soup.find(id="p1").get_text().startswith("Trong một cuộc phỏng vấn ngày 7/2")
    assert soup.find(id="p9") is not None
    assert "Chiến thuật đàm phán" not in soup.find(id="p9").get_text()


def test_removal_report_is_folded_away_below_the_text(site: Path):
    soup = BeautifulSoup((site / "sources/003_6a3ea1c24fc90c4b/index.html").read_text(encoding="utf-8"), "html.parser")
    details = soup.find("details")
    assert details is not None and not details.has_attr("open")
    assert "Removed from the page" in details.find("summary").get_text()
    assert "Cháu ông Thaksin" in details.get_text()


EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


def test_built_site_asks_no_other_host_for_anything(site: Path):
    offenders = []
    for page in pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
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
