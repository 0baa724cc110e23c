"""The built site of hostile articles runs none of their code and asks no other host for anything.

Two articles (a scraped text and an HTML page) and an editors' file carry
script tags, event handlers, javascript: links, iframes, Markdown link and
attribute injection and template syntax in their titles, paragraphs,
captions, quotes, metadata and notes. The site is built once for the module
(a strict MkDocs build, as `make site` runs it) and every page is opened in
chromium: no dialog may open, no request may leave 127.0.0.1, and no element
may carry an on* attribute or a javascript: address. The payloads must still
be on the pages, as text: escaped, not dropped.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.browser import Watch, chromium, page_address, serve
from tests.sitebuild import build_site, make_project

pytestmark = pytest.mark.slow

HOSTILE_VI = """Trump điện đàm với Putin <script>alert('title')</script> <img src=x onerror=alert('title')>

14:30 12/02/2025

Tổng thống Mỹ Donald Trump ngày 12/2 đã điện đàm với Tổng thống Nga Vladimir Putin <img src=x onerror=alert('p1')> [bấm vào đây](javascript:alert('p1')) và <a href="javascript:alert('p1a')">đây</a>.

Ông Trump nói: "Chúng tôi sẵn sàng <script>alert('quote')</script> {{ config }} <iframe src=javascript:alert('quote')></iframe> cho hòa bình."

Ông Trump tại Nhà Trắng <img src=x onerror=alert('caption')> <svg onload=alert('caption')>. (Ảnh: Reuters)

Cuộc điện đàm kéo dài 90 phút {% raw %} {% include '/etc/passwd' %} <details open ontoggle=alert('p3')>x</details> {: onclick="alert('attr')" } [ref]: javascript:alert('ref') <https://evil.example/autolink> ![pic](https://evil.example/pixel.png).

Người phát ngôn Điện Kremlin Dmitry Peskov xác nhận cuộc điện đàm &#x3C;script&#x3E;alert('entity')&#x3C;/script&#x3E; và nói Nga "sẵn sàng <b onmouseover=alert('quote2')>đàm phán</b>".
"""

HOSTILE_EN = """<!doctype html><html lang="en"><head>
<title>Ignored</title>
<meta property="og:site_name" content="Evil &lt;img src=x onerror=alert('outlet')&gt; News">
<meta property="og:url" content="javascript:alert('url')">
<meta name="author" content="&lt;script&gt;alert('byline')&lt;/script&gt;">
<script src="https://evil.example/tracker.js"></script>
<link rel="stylesheet" href="https://evil.example/style.css">
</head><body onload="alert('body')">
<article>
<h1>Zelensky meets Trump &lt;script&gt;alert('h1')&lt;/script&gt; [x](javascript:alert('h1'))</h1>
<p onclick="alert('p')">President Donald Trump met Ukrainian President Volodymyr Zelensky at the White House on Friday &lt;img src=x onerror=alert('en-p1')&gt;, officials said.</p>
<figure><img src="https://evil.example/photo.jpg" onerror="alert('img')"><figcaption>Zelensky &lt;iframe src=javascript:alert('cap')&gt; at the White House. Photo: Reuters</figcaption></figure>
<p>"We are ready {{ config.extra }} &lt;script&gt;alert('en-quote')&lt;/script&gt; to talk," Zelensky said after the meeting, according to the <a href="javascript:alert('a')">statement</a>.</p>
<iframe src="https://evil.example/embed"></iframe>
<p>The two leaders also discussed <a href="https://evil.example/">air defence</a> &lt;style&gt;body{display:none}&lt;/style&gt; and sanctions on Russia.</p>
</article>
<script>alert('inline')</script>
</body></html>
"""

HOSTILE_NOTES = """annotations:
  - event: {article: hostile-vi, type: phone_call}
    text_en: "Editor's note <script>alert('note')</script> [x](javascript:alert('note')) <img src=x onerror=alert('note')>"
    text_vi: "Ghi chú {{ config }} <iframe src=javascript:alert('note-vi')></iframe>"
    why: "a test of escaping"
text_fixes:
  - article: hostile-vi
    paragraph: 1
    text: "Donald Trump"
    should_be: "<img src=x onerror=alert('fix')> [Trump](javascript:alert('fix'))"
    why: "<script>alert('why')</script>"
"""

HOSTILE_REGISTRY = """sources:
  hostile-en.html:
    outlet: "<script>alert('registry')</script> Daily"
    url: "javascript:alert('registry')"
    why: "<img src=x onerror=alert('registry-why')>"
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    layout = make_project(tmp_path_factory.mktemp("hostile"), {"hostile-vi.txt": HOSTILE_VI, "hostile-en.html": HOSTILE_EN},
                          copy_seeds=False)
    (layout.curated / "hostile.yaml").write_text(HOSTILE_NOTES, encoding="utf-8")
    layout.sources_registry.write_text(HOSTILE_REGISTRY, encoding="utf-8")
    return build_site(layout)


@pytest.fixture(scope="module")
def visited(site: Path):
    """Every page of the site opened in chromium: (watch, {page: problems found in its DOM}, {page: its text})."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert 10 < len(pages) < 400
    found: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    with serve(site) as base, chromium() as browser:
        watch = Watch(base)
        context = browser.new_context()
        page = context.new_page()
        watch.attach(page)
        for path in pages:
            page.goto(page_address(base, path), wait_until="load")
            found[path] = page.evaluate(DOM_PROBLEMS)
            texts[path] = page.locator("body").inner_text()
        context.close()
    return watch, found, texts


# Every element: an on* attribute, a javascript: (or vbscript:/data:text/html) address,
# or an embedding element (iframe, object, embed) is a problem wherever it comes from.
DOM_PROBLEMS = """() => {
  const problems = [];
  const bad = /^\\s*(javascript|vbscript|data:text\\/html)/i;
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) problems.push(`<${el.localName} ${attr.name}="${attr.value}">`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(attr.name) && bad.test(attr.value))
        problems.push(`<${el.localName} ${attr.name}="${attr.value}">`);
    }
    if (['iframe', 'object', 'embed', 'frame'].includes(el.localName)) problems.push(`<${el.localName}>`);
  }
  for (const s of document.querySelectorAll('script[src]')) {
    if (new URL(s.src, location.href).host !== location.host) problems.push(`<script src="${s.src}">`);
  }
  return problems;
}"""


def test_no_dialog_opens_on_any_page(visited):
    watch, _, _ = visited
    assert watch.dialogs == []


def test_no_page_asks_another_host_for_anything(visited):
    watch, _, _ = visited
    assert watch.foreign_requests == []


def test_no_element_carries_an_event_handler_a_javascript_address_or_a_frame(visited):
    _, found, _ = visited
    assert {page: problems for page, problems in found.items() if problems} == {}


def test_no_page_raises_a_script_error(visited):
    watch, _, _ = visited
    assert watch.page_errors == []


@pytest.mark.parametrize("payload", [
    "<script>alert('title')</script>",  # title
    "<img src=x onerror=alert('p1')>",  # paragraph
    "[bấm vào đây](javascript:alert('p1'))",  # Markdown link
    "{{ config }}",  # template syntax
    "{% include '/etc/passwd' %}",
    "{: onclick=\"alert('attr')\" }",  # attr_list injection
    "<svg onload=alert('caption')>",  # caption
    "<iframe src=javascript:alert('cap')>",  # caption of the HTML page
    "<script>alert('en-quote')</script>",  # quote
])
def test_hostile_text_is_shown_as_text_on_its_source_page(visited, payload):
    _, _, texts = visited
    shown = "\n".join(text for page, text in texts.items() if page.startswith("sources/hostile"))
    assert payload in shown


def test_hostile_quotes_and_editors_notes_are_shown_as_text_on_the_event_page(visited):
    _, _, texts = visited
    event = next(text for page, text in texts.items() if page.startswith("events/") and "phone-call" in page)
    assert "<script>alert('quote')</script>" in event  # a quote
    assert "<script>alert('note')</script>" in event  # an editor's note


def test_addresses_in_the_built_html_are_http_or_the_sites_own(site: Path):
    # the page's og:url and the registry's url are javascript: addresses; the page's own script is on evil.example
    bad = []
    for page in site.rglob("*.html"):
        for tag in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(True):
            for attr in ("href", "src", "action", "formaction"):
                value = (tag.get(attr) or "").strip().lower()
                if value and (urlsplit(value).scheme not in ("", "http", "https") or "evil.example/tracker" in value):
                    bad.append(f"{page.relative_to(site)}: <{tag.name} {attr}={value!r}>")
    assert bad == []
