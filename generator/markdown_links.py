"""A Python-Markdown extension that finds a link's closing bracket by looking ahead from it.

Python-Markdown 3.11 finds the ``]`` that closes a link's text by working out
the closing bracket of every position of the block at once. That keeps a run of
unclosed ``[`` linear, but the block's text changes with each link replaced, so
the whole block is read again for every link: a block with many links (a list of
a person's events, a table of sources) costs the square of its length. At
1,000 articles that was a fifth of the MkDocs build.

Here the closing bracket is looked for from the link onwards, one bracket at a
time (a regular expression skips the text between brackets). The answer is the
one Python-Markdown gives: the first ``]`` that closes the brackets opened
since. Only when the look-ahead has passed many brackets without closing
(``[[[[…`` typed into a page) does it hand over to Python-Markdown's own
whole-block reading: a run of unclosed brackets costs what the library makes
it cost, and a block where every link needs that (``[[x](u) [[x](u) …``,
hand-written; the generator escapes every bracket of its data) is as slow
as without the extension, never slower.

Nothing in the HTML changes (tests/test_markdown_links.py compares both on
generated pages and on hostile input); the generator's Markdown does not
depend on this extension, which only makes the build quicker.
"""

from __future__ import annotations

import re
import types

from markdown import Extension, Markdown
from markdown.inlinepatterns import LinkInlineProcessor

_BRACKET = re.compile(r"[\[\]]")

# Brackets looked at before the whole-block reading takes over: a link's text in
# the chronicle holds none, or a few; a run of unclosed ones is someone's typing.
LOOK_AHEAD = 32


def _get_text(self: LinkInlineProcessor, data: str, index: int) -> tuple[str, int, bool]:
    """``LinkInlineProcessor.getText``: the text between ``[`` (just before ``index``) and the
    ``]`` that closes it, the index just past that ``]``, and whether there was one."""
    depth = 1
    for seen, match in enumerate(_BRACKET.finditer(data, index)):
        if seen >= LOOK_AHEAD:
            return type(self).getText(self, data, index)  # the library's own, linear in the block
        if match.group() == "[":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return data[index:match.start()], match.end(), True
    return data[index:], len(data), False


class LinkLookAheadExtension(Extension):
    """Gives every link and image pattern (inline and reference) the look-ahead of :func:`_get_text`."""

    def extendMarkdown(self, md: Markdown) -> None:
        for processor in md.inlinePatterns:
            # the method of this instance only: other Markdown objects are left as they are
            if isinstance(processor, LinkInlineProcessor) and hasattr(LinkInlineProcessor, "_findBracketEnds"):
                processor.getText = types.MethodType(_get_text, processor)


def makeExtension(**kwargs) -> LinkLookAheadExtension:  # the name Python-Markdown looks for
    return LinkLookAheadExtension(**kwargs)
