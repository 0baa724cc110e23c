"""The quicker reading of pages for the search index gives the sections Material's parser gives.

``generator/search_parse.py`` reads HTML as Python-Markdown writes it in one
pass and leaves anything else to HTMLParser. Each case below is read by both
parsers and the sections (title, text, anchor, depth, exclusion) compared;
the last test builds the seeds' site with each and compares the search index
byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from material.plugins.search import plugin as material_search
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import pipeline, search_parse
from tests.sitebuild import make_project


def sections(parser_class, html: str) -> list[tuple]:
    parser = parser_class()
    parser.feed(html)
    parser.close()
    return [(repr(s), s.depth, s.id, s.title, s.text, s.is_excluded()) for s in parser.data]


CASES = {
    "headings and paragraphs": '<h1 id="a">Title<a class="headerlink" href="#a" title="Link">¶</a></h1>\n'
                               "<p>One <strong>two</strong> three.</p>\n<h2 id=\"b\">Second</h2>\n<p>Text</p>",
    "text before any heading": "<p>Preface</p><h2 id=\"x\">Later</h2><p>after</p>",
    "entities in text and attributes": '<p title="a &amp; b &quot;c&quot;">Ng&#7919; &lt;tag&gt; &amp;amp; caf&eacute; &#x1F600;</p>',
    "attributes without a value or empty": '<details open><summary class="">More</summary><p hidden>x</p></details>',
    "upper-case names": '<P CLASS="Lead">Upper</P><H2 ID="Up">Heading</H2>',
    "self-closing and void tags": "<p>line<br />break<br>again<img alt=\"pic &amp; x\" src=\"a.png\" /></p><hr />",
    "lists, tables and code": "<ul>\n<li>one</li>\n<li>two <code>x &lt; y</code></li>\n</ul>\n"
                              "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>c</td></tr></tbody></table>"
                              "<pre><code>  keep   \n  spaces\n</code></pre>",
    "only whitespace between tags": "<div>\n\n  <p>a</p>\n\n  <p>b</p>\n</div>\n",
    "excluded from search": '<div data-search-exclude><p>hidden</p></div><p>shown</p><div><p>also</p></div>',
    "heading nested in a block": '<div class="x"><h2 id="n">Nested</h2><p>in</p></div><p>out</p>',
    "unclosed and stray end tags": "<p>open <em>em</p></span><p>next</p>",
    "a lone less-than (left to HTMLParser)": "<p>a < b and c <d</p>",
    "a comment (left to HTMLParser)": "<p>a<!-- note --> b</p>",
    "a script (left to HTMLParser)": "<p>a</p><script>if (a < b) { x = '<p>'; }</script><p>b</p>",
    "single-quoted attribute (left to HTMLParser)": "<p class='x'>q</p>",
    "Vietnamese text": '<h2 id="dam-phan">Đàm phán</h2><p>Ông Putin và ông Trump đã điện đàm.</p>',
    "empty": "",
}


@pytest.mark.parametrize("html", CASES.values(), ids=CASES.keys())
def test_quick_parser_gives_the_sections_material_parser_gives(html):
    assert sections(search_parse.QuickParser, html) == sections(search_parse.Original, html)


def test_html_that_is_not_as_python_markdown_writes_it_is_left_to_htmlparser(monkeypatch):
    read = []
    real = search_parse.Original.feed
    monkeypatch.setattr(search_parse.Original, "feed", lambda self, data: read.append(data) or real(self, data))
    for html in ("<p>a < b</p>", "<p>a<!-- c --></p>", "<style>p{}</style>", "<p class='x'>q</p>"):
        search_parse.QuickParser().feed(html)
    search_parse.QuickParser().feed('<p class="x">as Python-Markdown writes it</p>')
    assert len(read) == 4


def test_install_puts_the_quick_parser_in_place_unless_told_to_keep_material_own(monkeypatch):
    monkeypatch.setattr(material_search, "Parser", search_parse.Original)
    search_parse.install()
    assert material_search.Parser is search_parse.QuickParser
    monkeypatch.setenv("CHRONICLE_SEARCH_PARSER", "html.parser")
    search_parse.install()
    assert material_search.Parser is search_parse.Original


@pytest.mark.slow
def test_the_seeds_site_has_the_same_search_index_with_either_parser(tmp_path: Path, monkeypatch):
    layout = make_project(tmp_path / "project")
    errors = [e for r in pipeline.run_all(layout) for e in r.errors]
    assert not errors, errors
    monkeypatch.setattr(material_search, "Parser", material_search.Parser)  # put back after the test
    monkeypatch.setenv("CHRONICLE_MKDOCS_JOBS", "1")  # one process: the parser in place is this one's
    indexes = {}
    for parser in ("quick", "html.parser"):
        if parser == "html.parser":
            monkeypatch.setenv("CHRONICLE_SEARCH_PARSER", "html.parser")
        site = tmp_path / parser
        build(load_config(str(layout.root / "mkdocs.yml"), site_dir=str(site), strict=True))
        indexes[parser] = (site / "search" / "search_index.json").read_bytes()
        used = material_search.Parser
        assert used is (search_parse.QuickParser if parser == "quick" else search_parse.Original)
    assert indexes["quick"] == indexes["html.parser"]
