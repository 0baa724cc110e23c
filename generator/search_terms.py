"""Search terms: the words a reader types that a page does not show as written.

Material's search (lunr.js) indexes a page's words as they are written, so
"điện đàm" is found by "điện đàm" only. Readers often type Vietnamese without
its marks ("dien dam"), and names in another of their spellings ("Zelenski"
for Zelensky). lunr.js cannot be taught to fold diacritics from the theme's
configuration, so each entry of the search index (a section of a page: its
title and text) gets two more fields, indexed but never shown:

- ``title_folded``, weighed like the title, and ``text_folded``, like the text;
- each holds the words of the title (or text) that have a diacritic, folded
  to ASCII ("dien", "dam"), and every spelling (names and aliases, English and
  Vietnamese, as written and folded) of each gazetteer entity it names
  ("zelenskyy", "zelenski", "dê", "de", "len", "xki"…).

Only words the title (or text) does not already hold are listed, lower-cased,
once each, in the order found. The fields are added by the MkDocs hook as
the search plugin indexes each page (``generator/mkdocs_hook.py``) and
declared with their boosts in ``mkdocs.yml``. Hidden text in the pages would
do the same for the text, but the search results would show it.
"""

from __future__ import annotations

import html
import re
import unicodedata

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")
FIELDS = {"title": "title_folded", "text": "text_folded"}
_SHORTEST_NAME = 2  # "EU", "Mỹ"; single letters would match everywhere
_FOLDED: dict[str, str] = {}  # word -> folded: a build folds the same few thousand words millions of times


def fold(text: str) -> str:
    """The text without diacritics: "Điện đàm hòa bình" -> "Dien dam hoa binh".

    Vietnamese "đ"/"Đ" is a letter of its own, not a "d" with a mark, so it is
    mapped by hand; every other letter loses its combining marks (NFD).
    """
    out = _FOLDED.get(text)
    if out is None:
        out = text.replace("đ", "d").replace("Đ", "D")
        decomposed = unicodedata.normalize("NFD", out)
        out = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
        if len(_FOLDED) < 200_000:
            _FOLDED[text] = out
    return out


def _trie_pattern(strings) -> str:
    """A regex that matches what ``|``.join(strings sorted longest first) matches, faster.

    The alternatives share their prefixes (a trie): at each character the
    longer continuations are tried before the name may end there, so the
    longest name is still tried first, and a shorter one when the longer is
    followed by a letter.
    """
    trie: dict = {}
    for s in strings:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(trie)


def words(text: str) -> list[str]:
    """The words of a text (NFC), as the search splits them."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


class SearchTerms:
    """What a search should also find in a text: its words without diacritics, and other spellings of the names in it."""

    def __init__(self, gazetteer=None):
        self._spellings: dict[str, tuple[str, ...]] = {}  # surface -> every spelling of its entities
        by_entity: dict[str, list[str]] = {}
        for entity in gazetteer or ():
            names = [entity.name_en, entity.name_vi, *entity.aliases_en, *entity.aliases_vi]
            by_entity[entity.id] = [n for n in dict.fromkeys(unicodedata.normalize("NFC", " ".join(n.split())) for n in names) if n]
        surfaces: dict[str, list[str]] = {}
        for entity_id, names in by_entity.items():
            for name in names:
                if len(name) >= _SHORTEST_NAME:
                    surfaces.setdefault(name, []).append(entity_id)
        for surface, ids in surfaces.items():
            self._spellings[surface] = tuple(dict.fromkeys(n for i in ids for n in by_entity[i]))
        self._names = re.compile(r"(?<!\w)" + _trie_pattern(self._spellings) + r"(?!\w)") if self._spellings else None
        self._spelling_words: dict[str, tuple[str, ...]] = {}  # spelling -> its words, as written and folded, casefolded

    def spellings(self, text: str) -> list[str]:
        """Every spelling of the entities ``text`` names, in the order they are named."""
        if self._names is None:
            return []
        found: dict[str, None] = {}
        # each name once: a section names the same people again and again
        for surface in dict.fromkeys(self._names.findall(unicodedata.normalize("NFC", text))):
            for spelling in self._spellings[surface]:
                found.setdefault(spelling, None)
        return list(found)

    def terms(self, text: str) -> list[str]:
        """The words to add to a page so that a search finds it typed without diacritics or in another spelling."""
        text_words = dict.fromkeys(words(text))
        present = {w.casefold() for w in text_words}
        out: dict[str, None] = {}
        for word in text_words:
            if not word.isascii():
                key = fold(word).casefold()
                if key not in present:
                    out.setdefault(key, None)
        for spelling in self.spellings(text):
            keys = self._spelling_words.get(spelling)
            if keys is None:
                keys = tuple(dict.fromkeys(w.casefold() for word in words(spelling) for w in (word, fold(word))))
                self._spelling_words[spelling] = keys
            for key in keys:
                if key not in present:
                    out.setdefault(key, None)
        return list(out)

    def fields(self, entry: dict) -> dict[str, str]:
        """The folded fields of a search index entry (``{"title": ..., "text": ...}``, text as HTML)."""
        out = {}
        for field, folded in FIELDS.items():
            text = html.unescape(_TAG.sub(" ", str(entry.get(field) or "")))
            out[folded] = " ".join(self.terms(text))
        return out
