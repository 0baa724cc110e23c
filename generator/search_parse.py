"""A quicker reading of each page's HTML for Material's search index, with the same result.

Material's search plugin splits each page into sections with a subclass of
``html.parser.HTMLParser``; at 1,000 articles that reading was a fifth of
MkDocs' time (benchmarks/RESULTS.md), most of it HTMLParser finding tags
one regular expression at a time. :class:`QuickParser` finds every tag of a
page with one expression and calls the plugin's own handlers with what
HTMLParser would have passed them, so the sections (and the index) are the same.

Its handlers are Material's, with one change: which tags are open, and which
of them keep their content out of the index, are kept as sets and lists of
names. Material keeps them as sets and lists of element objects that compare
by tag name, which made asking "is any open tag skipped?" a loop of Python
calls for every piece of text. The adapted handlers keep Material's licence
notice (MIT) below.

The quick reading only applies to HTML as Python-Markdown writes it: tags with
double-quoted attributes, no comment, declaration, processing instruction,
script or style, and no ``<`` outside a tag. Any other page is read by
HTMLParser as before. The MkDocs hook puts the class in place of the plugin's
(``generator/mkdocs_hook.py``); ``CHRONICLE_SEARCH_PARSER=html.parser`` keeps
the plugin's own. ``tests/test_search_parse.py`` compares both on the pages
of a built site and on hand-written HTML.
"""

from __future__ import annotations

import os
import re
from html import unescape

from material.plugins.search import plugin as material_search
from material.plugins.search.plugin import Element, Section, escape, void

# a start tag (name, attributes, "/" of a self-closing tag) or an end tag (name)
_TAG = re.compile(
    r"<(?:([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"<]*\")?)*)\s*(/?)"
    r"|/([a-zA-Z][a-zA-Z0-9]*)\s*)>"
)
_ATTRIBUTE = re.compile(r"\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=\"([^\"]*)\")?")
# elements whose content HTMLParser reads as raw text: left to it
_RAW_TEXT = re.compile(r"<(?:script|style)[\s/>]", re.IGNORECASE)

Original = material_search.Parser


_HEADINGS = frozenset(f"h{x}" for x in range(1, 7))


class QuickParser(Original):
    """Material's search parser, reading HTML as Python-Markdown writes it in one pass."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the tag names of self.context, and of self.skip (Material's elements compare, and
        # hash, by tag name: a set of them is a set of names)
        self.tags: list[str] = []
        self.skipped: set[str] = {el if isinstance(el, str) else el.tag for el in self.skip}

    def feed(self, data: str) -> None:
        tags = list(_TAG.finditer(data))
        if len(tags) != data.count("<") or _RAW_TEXT.search(data):
            # something else than tags (a comment, a script, a lone "<"): HTMLParser's own reading
            super().feed(data)
            return
        position = 0
        for match in tags:
            start = match.start()
            if start > position:
                self.handle_data(unescape(data[position:start]))
            position = match.end()
            name, attributes, closed, end = match.groups()
            if end:
                self.handle_endtag(end.lower())
                continue
            # as HTMLParser gives them: names lower-cased, values unquoted and unescaped,
            # None for an attribute without a value
            found = [(a[1].lower(), None if a[2] is None else unescape(a[2]))
                     for a in _ATTRIBUTE.finditer(attributes)] if attributes else []
            if closed:
                self.handle_startendtag(name.lower(), found)
            else:
                self.handle_starttag(name.lower(), found)
        if position < len(data):
            self.handle_data(unescape(data[position:]))

    # The handlers below are adapted from Material for MkDocs, material/plugins/search/plugin.py:
    # Copyright (c) 2016-2025 Martin Donath <martin.donath@squidfunk.com>
    # Permission is hereby granted, free of charge, to any person obtaining a copy of this software
    # and associated documentation files (the "Software"), to deal in the Software without
    # restriction, including without limitation the rights to use, copy, modify, merge, publish,
    # distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
    # Software is furnished to do so, subject to the following conditions: The above copyright
    # notice and this permission notice shall be included in all copies or substantial portions of
    # the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    # IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
    # PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
    # LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
    # OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
    # DEALINGS IN THE SOFTWARE.

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        el = Element(tag, attrs)
        if tag in void:
            return
        self.context.append(el)
        self.tags.append(tag)

        if tag in _HEADINGS:
            depth = len(self.context)
            if "id" in attrs:
                if tag != "h1" and not self.data:
                    self.section = Section(Element("hx"), depth)
                    self.data.append(self.section)
                self.section = Section(el, depth)
                if self.data:
                    self.section.id = attrs["id"]
                self.data.append(self.section)

        if not self.section:
            self.section = Section(Element("hx"))
            self.data.append(self.section)

        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            # Material returns at the first of the two attributes; either way the element is skipped
            self.skipped.add(tag)
            return

        if tag in self.keep and self.skipped.isdisjoint(self.tags):
            data = self.section.title if self.section.el.tag in self.tags else self.section.text
            data.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if not self.tags or self.tags[-1] != tag:
            return

        if self.section.depth > len(self.context):
            for section in reversed(self.data):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")
                    self.section = section
                    break

        self.context.pop()
        self.tags.pop()
        if tag in self.skipped:
            if tag not in ("script", "style", "object"):
                self.skipped.discard(tag)
            return

        if tag in self.keep and self.skipped.isdisjoint(self.tags):
            data = self.section.title if self.section.el.tag in self.tags else self.section.text
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data):
        tags = self.tags
        if tags and not self.skipped.isdisjoint(tags):
            return

        pre = "pre" in tags
        if not pre:
            data = " " if data.isspace() else data.replace("\n", " ")

        if not self.section:
            self.section = Section(Element("hx"))
            self.data.append(self.section)

        section = self.section
        if section.el.tag in tags:
            if not any(el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context):
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            text = section.text
            if not text or not text[-1].isspace() or pre:
                text.append(data)
        else:
            section.text.append(escape(data, quote=False))


def install() -> None:
    """Material's search plugin reads pages with :class:`QuickParser` from now on (in this
    process), or with its own parser when ``CHRONICLE_SEARCH_PARSER`` is ``html.parser``."""
    own = os.environ.get("CHRONICLE_SEARCH_PARSER", "").strip() == "html.parser"
    material_search.Parser = Original if own else QuickParser
