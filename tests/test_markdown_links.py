"""The links extension (generator/markdown_links.py) changes how quickly links are found, not the HTML.

Each case is converted with the extensions of mkdocs.yml, once with the
extension and once without it, and the two HTML texts must be the same: on the
pages the generator writes (plain and hostile data), on hand-written brackets
that nest, never close or are escaped, and on random runs of brackets.
"""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import markdown_links
from generator.render import render_site
from tests.sitedata import site_data
from tests.test_render import site_extensions, site_markdown

EXTENSION = "generator.markdown_links"
# Python-Markdown before 3.11 looked ahead from each link itself; the extension then leaves it alone
reads_whole_blocks = pytest.mark.skipif(
    not hasattr(markdown.inlinepatterns.LinkInlineProcessor, "_findBracketEnds"),
    reason="this Python-Markdown looks ahead from each link itself")


def converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    """(with the extension, without it), each with the other extensions of mkdocs.yml."""
    assert EXTENSION in site_extensions()[0], "mkdocs.yml builds the site with the extension"
    return site_markdown(), site_markdown(leave_out=(EXTENSION,))


def both(text: str) -> tuple[str, str]:
    with_it, without = converters()
    return with_it.convert(text), without.convert(text)


@reads_whole_blocks
def test_mkdocs_yml_turns_the_extension_on():
    with_it, _ = converters()
    link = with_it.inlinePatterns["link"]
    assert link.getText.__func__ is markdown_links._get_text


@pytest.mark.parametrize("hostile", [False, True], ids=["plain", "hostile"])
def test_every_generated_page_is_the_same_html_with_the_extension(hostile):
    pages = {p: t for p, t in render_site(site_data(hostile=hostile)).items() if p.endswith(".md")}
    assert len(pages) > 20
    with_it, without = converters()
    for path, text in pages.items():
        with_it.reset()
        without.reset()
        assert with_it.convert(text) == without.convert(text), path


CASES = {
    "many links in one paragraph": " ".join(f"[event {i}](../events/e{i}.md#p{i} \"paragraph {i}\")" for i in range(300)),
    "a table of links": "| a | b |\n|---|---|\n" + "\n".join(f"| [x{i}](x{i}.md) | [y](y.md), [z](z.md) |" for i in range(50)),
    "nested brackets in the text": "[a [b [c] d] e](x.md) and [f]](y.md) and [[g]](z.md)",
    "unclosed brackets": "[" * 500 + " text (x.md)",
    "unclosed, then a link": "[" * 100 + "[link](x.md)",
    "more brackets than the look-ahead": "[" + "[a]" * (markdown_links.LOOK_AHEAD * 3) + "](x.md)",
    "deeper than the look-ahead": "[" * 50 + "x" + "]" * 50 + "(x.md)",
    "escaped brackets": r"\[not a link\](x.md) [a \] b](y.md) [c \[ d](z.md)",
    "images": "![a [b] c](pic.png \"title\") ![unclosed [x](pic.png)",
    "references": "[text][ref] [ref] [a [b]][ref] ![img][ref]\n\n[ref]: http://example.org \"T\"",
    "links in html blocks": '<div markdown>\n\n[a](b.md) [c [d]](e.md)\n\n</div>',
    "abbreviations": "The [EU](eu.md) and the EU.\n\n*[EU]: European Union",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_hand_written_brackets_give_the_same_html(text):
    with_html, without_html = both(text)
    assert with_html == without_html
    if "link" in text or "event" in text:
        assert "<a " in with_html  # the case does make links


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="[]()!\\ ax\n:\"", max_size=80))
def test_random_runs_of_brackets_give_the_same_html(text):
    with_html, without_html = both(text)
    assert with_html == without_html


@reads_whole_blocks
def test_the_look_ahead_hands_a_long_run_to_the_library(monkeypatch):
    calls = []
    real = markdown.inlinepatterns.LinkInlineProcessor._findBracketEnds
    monkeypatch.setattr(markdown.inlinepatterns.LinkInlineProcessor, "_findBracketEnds",
                        staticmethod(lambda data: calls.append(len(data)) or real(data)))
    with_it, _ = converters()
    with_it.convert(CASES["many links in one paragraph"])
    assert calls == []  # short links: the look-ahead alone
    with_it.convert("[" * 200 + "x")
    assert calls  # a run of unclosed brackets: read once by the library, linearly
