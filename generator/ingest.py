"""Stage 1, ingest: raw pages (scraped text or HTML) -> cleaned article records.

Takes the files under ``seeds/`` and the editors' registry ``data/sources.yaml``;
gives one :class:`~generator.models.Article` per page, written as YAML under
``data/generated/articles/``. Boilerplate removal is a list of ordered, named
steps over the page's lines; every removed block is kept in the record's
removal report with its reason, so an editor can see what was cut and why.

Nothing is guessed from boilerplate: dates, titles and bylines are only taken
from the head of the page (before the body starts) or from metadata.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse


from .dates import parse_dateline
from .models import Article, Caption, Paragraph, RemovedBlock, StageReport

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm")
MAX_INPUT_BYTES = 20 * 1024 * 1024


class IngestError(ValueError):
    """A page that cannot be read; the message names the file and what to do."""


# --------------------------------------------------------------------------
# Vocabulary. These are the words news sites put on their furniture, in both
# languages; they are matched on whole lines only, never inside a sentence.

BLOCK_MARKERS: dict[str, str] = {
    # related / teaser lists
    "tin liên quan": "related_news",
    "tin bài liên quan": "related_news",
    "bài liên quan": "related_news",
    "bài viết liên quan": "related_news",
    "tin cùng chuyên mục": "related_news",
    "tin khác": "related_news",
    "tin mới": "related_news",
    "tin mới nhất": "related_news",
    "tin nổi bật": "related_news",
    "tin đọc nhiều": "related_news",
    "đọc nhiều": "related_news",
    "đọc nhiều nhất": "related_news",
    "đọc thêm": "related_news",
    "xem thêm": "related_news",
    "xem trên": "related_news",
    "có thể bạn quan tâm": "related_news",
    "bạn có thể quan tâm": "related_news",
    "có thể bạn muốn xem": "related_news",
    "multimedia": "related_news",
    "video": "related_news",
    "infographic": "related_news",
    "related news": "related_news",
    "related": "related_news",
    "related articles": "related_news",
    "related stories": "related_news",
    "read more": "related_news",
    "read also": "related_news",
    "see also": "related_news",
    "more stories": "related_news",
    "more from this section": "related_news",
    "most read": "related_news",
    "most popular": "related_news",
    "trending": "related_news",
    "latest news": "related_news",
    "you may also like": "related_news",
    "you might also like": "related_news",
    "recommended": "related_news",
    "recommended for you": "related_news",
    # navigation and site furniture
    "trang chủ": "navigation",
    "home": "navigation",
    "chia sẻ": "furniture",
    "share": "furniture",
    "share this article": "furniture",
    "bình luận": "furniture",
    "comments": "furniture",
    "gửi bình luận": "furniture",
    "theo dõi chúng tôi": "furniture",
    "follow us": "furniture",
    "đăng ký nhận tin": "furniture",
    "subscribe": "furniture",
    "newsletter": "furniture",
    "tags": "furniture",
    "từ khóa": "furniture",
    # advertisements
    "quảng cáo": "advertisement",
    "advertisement": "advertisement",
    "sponsored": "advertisement",
    "tài trợ": "advertisement",
    "nội dung tài trợ": "advertisement",
}

# Text that a page shows when a widget failed; compared without diacritics
# because scrapers often lose them ("Co loi xay ra").
ERROR_TEXTS = {
    "co loi xay ra",
    "da co loi xay ra",
    "co loi xay ra vui long thu lai",
    "khong tim thay trang",
    "dang tai",
    "an error occurred",
    "an error has occurred",
    "something went wrong",
    "error loading content",
    "page not found",
    "loading",
    "javascript is disabled",
    "please enable javascript",
}

# Words of product advertising, used only to name the reason of a block that
# is already known to be furniture (never to remove a line by itself).
AD_WORDS = re.compile(
    r"\b(tài trợ|quảng cáo|khuyến mãi|ưu đãi|giảm giá|mua ngay|đặt hàng|hotline|"
    r"sức khỏe sinh sản|thụ thai|hiếm muộn|bổ thận|dưỡng chất|thực phẩm chức năng|"
    r"sponsored|advertisement|buy now|discount|promo|offer ends)\b",
    re.IGNORECASE,
)

CREDIT = re.compile(
    r"(\(\s*(ảnh|nguồn|photo|image|credit|source|video)\s*:[^()]*\)"
    r"|(^|[.\s])(ảnh|photo|image|credit)\s*:\s*\S[^.]{0,80}$"
    r"|\b(getty images|afp|reuters|ap photo|tass|sputnik|epa)\s*/?\s*$)",
    re.IGNORECASE,
)
IMAGE_LINE = re.compile(r"^!\[.*\]\(.*\)\s*\|?\s*$")
IMAGE_URL = re.compile(r"!\[.*?\]\(\s*(\S+?)\s*\)")
TIMESTAMP = re.compile(
    r"^(\w+(\s\w+)?,\s*)?(\d{1,2}:\d{2}(\s*[AaPp][Mm])?\s*[,|-]?\s*\d{1,2}/\d{1,2}/\d{4}"
    r"|\d{1,2}/\d{1,2}/\d{4}\s*[,|-]?\s*(\d{1,2}:\d{2})?(\s*\(GMT[+-]\d+\))?"
    r"|\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?)?)\s*$"
)
BAR_ONLY = re.compile(r"^[|•·\-–—]+$")
NAME_WORD = r"[A-ZÀ-ỸĐ][\w.'’-]*"
BYLINE_BAR = re.compile(rf"^((?:{NAME_WORD}\s+){{0,4}}{NAME_WORD})\s*[|•]\s*$")
BYLINE_WORDS = re.compile(rf"^(?:By|Theo|Bài|Tác giả|Author)\s*:?\s+((?:{NAME_WORD}\s*){{1,5}})$")
BYLINE_LIST = re.compile(rf"^(?:By|Bài|Theo|Tác giả)\s*:?\s+((?:{NAME_WORD}\s*){{1,5}}(?:(?:,|\band\b|\bvà\b)\s*(?:{NAME_WORD}\s*){{1,5}})+)$")
# A Vietnamese author line: "THANH HIỀN", "Như Tâm (Theo Reuters, AFP)"
AUTHOR_LINE = re.compile(rf"^(?:(?:[A-ZÀ-ỸĐ]{{2,}}\s*){{1,4}}|(?:{NAME_WORD}\s*){{1,4}}\s*\((?:[Tt]heo|[Nn]guồn|[Tt]ổng hợp|[Ll]ược dịch)\b[^)]*\))$", re.UNICODE)
# Wire credits and site footers: they follow the story, they are not part of it
WIRE_CREDIT = re.compile(
    r"^\(?(?:reporting|writing|editing|additional reporting|compiled) by\b"
    r"|\bcontributed(?: to this report| reporting)?\.?\)?$"
    r"|^(?:our standards|copyright|©|all rights reserved|support our journalism|subscribe to|sign up for|follow us on)\b",
    re.IGNORECASE,
)
# "Xem thêm: …", "Read also: …": one teaser on one line
INLINE_TEASER = re.compile(r"^(?:xem thêm|đọc thêm|tin liên quan|read also|read more|see also|related)\s*[:>»–-]\s*\S", re.IGNORECASE)
_DATE_WORDS = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
    r"|thứ|hai|ba|tư|năm|sáu|bảy|chủ|nhật|ngày|tháng|gmt|utc|ict|et|edt|est|am|pm|updated|published|posted|cập|nhật|đăng|lúc)\b\.?",
    re.IGNORECASE,
)


def is_dateline(text: str) -> bool:
    """A line that is only a date and time: "June 2, 2025", "19/03/2025 07:15 GMT+7"."""
    if len(text) > 70 or not parse_dateline(text, "en"):
        return False
    rest = _DATE_WORDS.sub(" ", text)
    return not re.search(r"[^\W\d_]", rest)


SCRAPER_METADATA = re.compile(
    r"^\s*(date|published|url|source|outlet|author|title)\s*[:=]?\s+(\S+)\s*", re.IGNORECASE
)
SENTENCE_END = ".!?…;:"
CLOSERS = "\"'”’»)]*_ "


@dataclass
class Line:
    """One line of a page, with a hint from its HTML element when it had one."""

    no: int
    text: str
    hint: str = ""  # "", "heading", "caption", "image", "paragraph"
    image: str | None = None


@dataclass
class RegistryEntry:
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    timezone: str | None = None
    title: str | None = None


# --------------------------------------------------------------------------
# Line predicates: small, named, and each tested.


@functools.lru_cache(maxsize=1)
def _without_marks() -> dict[int, None]:
    # the combining marks of the Basic Multilingual Plane, which every language we read is in
    return {c: None for c in range(0x10000) if unicodedata.category(chr(c)) == "Mn"}


_NOT_WORD = re.compile(r"[^\w\s]")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, strip diacritics and punctuation: for comparing furniture.

    Cached: the same menu and footer lines come back in every page of a site.
    """
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")).translate(_without_marks())
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def normalize_marker(text: str) -> str:
    text = text.strip().strip("#*_>:|[]()").strip().lower()
    return " ".join(text.split())


def marker_reason(text: str) -> str | None:
    if len(text) > 60:
        return None
    return BLOCK_MARKERS.get(normalize_marker(text))


def is_error_text(text: str) -> bool:
    folded = fold(text)
    return bool(folded) and folded.rstrip(" .") in ERROR_TEXTS


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def is_title_like(text: str) -> bool:
    """A short line without sentence punctuation: headline, teaser or label."""
    return not ends_sentence(text) and len(text) <= 220 and len(text.split()) <= 35


def is_prose(text: str) -> bool:
    return not is_title_like(text)


def is_caption(line: Line) -> bool:
    if line.hint == "caption":
        return True
    text = line.text.rstrip(" |")
    return len(text) <= 400 and bool(CREDIT.search(text))


def tokens(text: str) -> set[str]:
    return set(fold(text).split())


def similar_to(text: str, other: str | None, threshold: float = 0.75) -> bool:
    """True when two headlines share most of their words (a reworded repeat)."""
    if not other:
        return False
    a, b = tokens(text), tokens(other)
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= threshold and len(a & b) >= 4


def repeats(first: str, second: str) -> bool:
    """A teaser title shown twice: identical, or the first a cut-off of the second."""
    a, b = first.strip(), second.strip()
    if a == b:
        return True
    return len(a) >= 15 and (b.startswith(a) or a.startswith(b))


# --------------------------------------------------------------------------
# Reading files.


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise IngestError(f"{name}: the file is empty. Remove it or replace it with the article's text.")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(f"{name}: this is a binary file, not an article. Save the page as text or HTML.")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise IngestError(
            f"{name}:{line}: the text is not UTF-8 (byte {data[err.start]:#04x} at offset {err.start}). "
            "Re-save the file as UTF-8 (for Vietnamese pages saved as Windows-1258, convert with "
            "`iconv -f CP1258 -t UTF-8`)."
        ) from None


# UTF-8 text that was read as Windows-1252 (or Latin-1) and saved again:
# "Tá»•ng thá»‘ng" for "Tổng thống". Each UTF-8 sequence became a lead letter
# (Ã, Ä, á, â, ...) and one to three continuation signs (», ‘, •, ...). Such a
# sequence is turned back into its bytes and decoded; one that is not valid
# UTF-8 is left as it is (ftfy's idea, on the sequences only, so a real "é"
# or "»" next to them is never touched).


def _cp1252_sign(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: what browsers show for them
        return chr(byte)


_BYTE_OF = {_cp1252_sign(b): b for b in range(0x80, 0x100)} | {chr(b): b for b in range(0x80, 0xA0)}


def _signs(low: int, high: int) -> str:
    return "".join(re.escape(c) for c, b in _BYTE_OF.items() if low <= b <= high)


_CONT = f"[{_signs(0x80, 0xBF)}]"
MOJIBAKE = re.compile(
    f"[{_signs(0xC2, 0xDF)}]{_CONT}|[{_signs(0xE0, 0xEF)}]{_CONT}{{2}}|[{_signs(0xF0, 0xF4)}]{_CONT}{{3}}"
)

# What is left of a sequence that lost a byte ("Tá»?ng"): a lead and one sign.
GARBLED = re.compile(f"[{_signs(0xC2, 0xF4)}]{_CONT}")


def repair_mojibake(text: str) -> tuple[str, list[int], list[int]]:
    """Undo UTF-8 read as Windows-1252: (text, lines repaired, lines that still look garbled)."""
    if not MOJIBAKE.search(text):
        return text, [], []

    def undo(match: re.Match) -> str:
        try:
            return bytes(_BYTE_OF[c] for c in match.group()).decode("utf-8")
        except UnicodeDecodeError:
            return match.group()

    lines = text.split("\n")
    repaired, garbled = [], []
    for n, line in enumerate(lines):
        if not MOJIBAKE.search(line):
            continue
        fixed = line
        for _ in range(3):  # text mis-decoded twice comes back in two passes
            once = MOJIBAKE.sub(undo, fixed)
            if once == fixed:
                break
            fixed = once
        if fixed != line:
            lines[n] = fixed
            repaired.append(n + 1)
        if len(GARBLED.findall(fixed)) >= 2:
            garbled.append(n + 1)
    return "\n".join(lines), repaired, garbled


def _line_list(numbers: list[int], limit: int = 10) -> str:
    shown = ", ".join(map(str, numbers[:limit]))
    return shown + (f" and {len(numbers) - limit} more" if len(numbers) > limit else "")


def article_id(path: Path) -> str:
    """A stable id from the file name: what editors' files refer to."""
    stem = unicodedata.normalize("NFKD", path.stem)
    stem = "".join(c for c in stem if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9_-]+", "-", stem).strip("-_")
    if not slug:
        raise IngestError(f"{path.name}: the file name gives no usable id. Rename it with letters or digits.")
    return slug


# --------------------------------------------------------------------------
# HTML -> lines. Structure that is furniture by its element or class is removed
# here (and reported); the rest goes through the same line steps as text.

STRUCTURAL_REMOVALS = {
    "script": "script",
    "style": "script",
    "noscript": "script",
    "iframe": "script",
    "object": "script",
    "embed": "script",
    "template": "script",
    "nav": "navigation",
    "header": "furniture",
    "footer": "furniture",
    "form": "furniture",
    "button": "furniture",
    "aside": "related_news",
}
FURNITURE_CLASS = re.compile(
    r"(^|[\s_-])(related|relate|tin-?lien-?quan|sidebar|side-bar|share|social|comment|breadcrumb|"
    r"menu|navbar|nav|advert|ads?|banner|promo|sponsor|newsletter|subscribe|footer|header|"
    r"tags?|most-read|trending|recommend)($|[\s_-])",
    re.IGNORECASE,
)


def _html_meta(soup, *names: str) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag and tag.get("content", "").strip():
            return tag["content"].strip()
    return None


def html_to_lines(raw: str) -> tuple[list[Line], dict[str, str], list[RemovedBlock]]:
    from bs4 import BeautifulSoup, Comment  # only HTML pages need it: a tenth of a second to import

    soup = BeautifulSoup(raw, "html.parser")
    meta: dict[str, str] = {}
    removed: list[RemovedBlock] = []
    for key, names in (
        ("title", ("og:title", "twitter:title")),
        ("published", ("article:published_time", "pubdate", "date", "dc.date", "datePublished")),
        ("outlet", ("og:site_name", "application-name")),
        ("url", ("og:url",)),
        ("byline", ("author", "article:author", "dc.creator")),
    ):
        value = _html_meta(soup, *names)
        if value:
            meta[key] = value
    canonical = soup.find("link", rel="canonical")
    if canonical and canonical.get("href") and "url" not in meta:
        meta["url"] = canonical["href"]
    if "title" not in meta and soup.title and soup.title.get_text(strip=True):
        meta["title"] = soup.title.get_text(strip=True)
    if "published" not in meta:
        time_tag = soup.find("time", attrs={"datetime": True})
        if time_tag:
            meta["published"] = time_tag["datetime"]
    if html_lang := (soup.html.get("lang") if soup.html else None):
        meta["lang"] = html_lang

    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    # scripts first, so one inside a footer is reported as a script too
    scripts = [t for t, r in STRUCTURAL_REMOVALS.items() if r == "script"]
    others = [t for t, r in STRUCTURAL_REMOVALS.items() if r != "script"]
    for tag in [*soup.find_all(scripts), *soup.find_all(others)]:
        if tag.parent is None:
            continue
        text = " ".join((tag.string or tag.get_text(" ", strip=True) or tag.get("src", "")).split())
        removed.append(RemovedBlock(STRUCTURAL_REMOVALS[tag.name], getattr(tag, "sourceline", 0) or 0,
                                    [f"<{tag.name}> {text[:200]}".rstrip()]))
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.parent is None or tag.name in ("html", "body", "article", "main"):
            continue
        attrs = " ".join([*(tag.get("class") or []), tag.get("id") or "", tag.get("role") or ""])
        if attrs.strip() and FURNITURE_CLASS.search(attrs):
            text = " ".join(tag.get_text(" ", strip=True).split())
            reason = "advertisement" if re.search(r"ad|banner|promo|sponsor", attrs, re.I) else (
                "related_news" if re.search(r"relat|lien|read|trend|recommend", attrs, re.I) else "navigation"
                if re.search(r"nav|menu|breadcrumb", attrs, re.I) else "furniture")
            removed.append(RemovedBlock(reason, getattr(tag, "sourceline", 0) or 0,
                                        [f"<{tag.name} {attrs.strip()}> {text[:200]}".rstrip()]))
            tag.decompose()

    root = soup.find("article") or soup.find("main") or soup.body or soup
    h1 = root.find("h1") or soup.find("h1")
    if h1 and h1.get_text(strip=True):
        meta["title"] = " ".join(h1.get_text(" ", strip=True).split())
        h1.decompose()
    lines, links_only = _block_lines(root)
    removed.extend(links_only)
    removed.extend(_text_outside(soup, root, raw))
    return lines, meta, removed


_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "figcaption", "img", "li", "blockquote", "div")
# Elements that end a run of loose text (the HTML block elements, line breaks, table cells);
# any other element (b, span, a, strike, wbr, font, an unknown tag…) is part of the run.
_BREAKS = frozenset(
    "address article aside blockquote br caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table "
    "tbody td tfoot th thead tr ul".split()
)


def _block_lines(root) -> tuple[list[Line], list[RemovedBlock]]:
    """The article's blocks in document order, one line each. Text that sits loose in a container
    (``<article>Text<br>more</article>``, a ``<td>``, text beside the paragraphs of a ``<div>``) is a
    paragraph of its own, up to the next block, line break or image, rather than lost. A ``<time>``
    is a line of its own (the dateline rules read it); a loose run that is only link text (a skip
    link, a logo) is navigation, not text, and is returned as removed."""
    from bs4 import NavigableString, Tag

    lines: list[Line] = []
    links_only: list[RemovedBlock] = []
    taken: set[int] = set()  # the blocks whose whole text is already a line
    loose: list[str] = []
    loose_line = 0
    loose_links = True  # every string of the run so far is inside a link

    def end_loose() -> None:
        nonlocal loose_links
        text = " ".join("".join(loose).split())
        if text and not loose_links:
            lines.append(Line(loose_line, text, "paragraph"))
        elif text:
            links_only.append(RemovedBlock("navigation", loose_line, [text[:200]]))
        loose.clear()
        loose_links = True

    def inside_taken(node) -> bool:
        return any(id(parent) in taken for parent in node.parents)

    for node in list(root.descendants):
        if type(node) is NavigableString:  # not a comment, a script's text or a declaration
            if inside_taken(node):
                continue
            if node.strip():
                if not loose:
                    loose_line = getattr(node.parent, "sourceline", 0) or 0
                loose_links = loose_links and node.find_parent("a") is not None
            if loose or node.strip():
                loose.append(str(node))
            continue
        if not isinstance(node, Tag) or inside_taken(node):
            continue
        no = getattr(node, "sourceline", 0) or 0
        if node.name == "img":  # wherever it is: its address tells the outlet, its line may be a caption
            end_loose()
            src = node.get("src") or ""
            lines.append(Line(no, f"![{node.get('alt', '')}]({src})", "image", src or None))
            continue
        if node.name == "time":
            end_loose()
            taken.add(id(node))
            text = " ".join(node.get_text(" ", strip=True).split())
            if text:
                lines.append(Line(no, text, "paragraph"))
            continue
        if node.name not in _BREAKS:
            continue
        end_loose()  # a block or a line break ends the loose text before it
        if node.name not in _BLOCKS:
            continue
        if node.name == "div" and node.find(["p", "h2", "h3", "h4", "figcaption", "img", "li", "div"]):
            continue
        if node.name in ("p", "li") and node.find_parent(["figcaption", "blockquote"]):
            continue
        taken.add(id(node))
        text = " ".join(node.get_text(" ", strip=True).split())
        if text:
            hint = {"figcaption": "caption"}.get(node.name, "heading" if node.name.startswith("h") else "paragraph")
            lines.append(Line(no, text, hint))
    end_loose()
    return lines, links_only


def _text_outside(soup, root, raw: str) -> list[RemovedBlock]:
    """Text of the page outside the article (beside it in the body, or after ``</html>``): not taken,
    and said in the removal report rather than dropped silently; one entry per element of the page."""
    from bs4 import NavigableString

    if root is soup:
        return []
    groups: dict[int, RemovedBlock] = {}
    for string in soup.find_all(string=True):
        if type(string) is not NavigableString or not string.strip():
            continue
        parents = list(string.parents)
        if any(p is root for p in parents) or any(p.name in ("head", "title", "template") for p in parents):
            continue
        # the outermost element below <body> (or <html>, or the page itself) that holds it
        chain = [string, *parents]
        top = next((chain[i] for i in range(len(chain) - 1) if chain[i + 1].name in ("body", "html", "[document]")), string)
        block = groups.get(id(top))
        if block is None:
            line = getattr(top, "sourceline", None) or getattr(string.parent, "sourceline", None)
            if not line:  # loose text of the page itself (after </html>): no element says where
                at = raw.rfind(string.strip())
                line = raw.count("\n", 0, at) + 1 if at >= 0 else 0
            block = groups[id(top)] = RemovedBlock("outside_article", line, [])
        block.lines.append(" ".join(string.split()))
    out = []
    for block in groups.values():
        text = " ".join(block.lines)
        out.append(RemovedBlock(block.reason, block.line, [text[:200] + ("…" if len(text) > 200 else "")]))
    return out


def text_to_lines(raw: str) -> list[Line]:
    return [Line(i, line.strip()) for i, line in enumerate(raw.splitlines(), start=1)]


# --------------------------------------------------------------------------
# The cleaning steps.


@dataclass
class Cleaned:
    title: str | None = None
    title_line: int = 0
    paragraphs: list[Paragraph] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)
    byline: str | None = None
    dateline: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    image_urls: list[str] = field(default_factory=list)


def take_scraper_metadata(lines: list[Line], cleaned: Cleaned) -> list[Line]:
    """Leading ``key value`` fields a scraper put before the text (`` date 2026-02-26 …``)."""
    out = list(lines)
    for i, line in enumerate(out):
        if not line.text:
            continue
        text = line.text
        taken = []
        while m := SCRAPER_METADATA.match(text):
            key, value = m.group(1).lower(), m.group(2)
            if key in ("date", "published") and not re.match(r"\d{4}-\d{2}-\d{2}", value):
                break
            if key in ("url", "source") and not value.startswith("http"):
                break
            if key in ("outlet", "author", "title"):
                break  # free text has no end we could trust on a shared line
            cleaned.metadata["published" if key == "date" else key] = value
            taken.append(m.group(0).strip())
            text = text[m.end():]
        if taken:
            cleaned.removed.append(RemovedBlock("metadata", line.no, taken))
            out[i] = Line(line.no, text.strip(), line.hint)
        break
    return out


def take_title(lines: list[Line], cleaned: Cleaned, html_title: str | None) -> list[Line]:
    if html_title:
        cleaned.title = html_title
        return lines
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if is_title_like(line.text) and not IMAGE_LINE.match(line.text) and not TIMESTAMP.match(line.text):
            cleaned.title = line.text
            cleaned.title_line = line.no
            return lines[:i] + lines[i + 1:]
        return lines
    return lines


def _furniture_like(lines: list[Line], j: int) -> bool:
    """Whether line j continues a block of furniture (teasers, labels, stamps)."""
    if j >= len(lines):
        return True
    text = lines[j].text
    if (IMAGE_LINE.match(text) or TIMESTAMP.match(text) or BAR_ONLY.match(text) or BYLINE_BAR.match(text)
            or marker_reason(text) or is_error_text(text)):
        return True
    if not is_title_like(text):
        return False
    # A title-like line followed by prose is a subheading resuming the body,
    # unless it is a teaser: repeated, or followed by a stamp, bar or byline.
    nxt = lines[j + 1].text if j + 1 < len(lines) else None
    if nxt is None:
        return True
    return (repeats(text, nxt) or is_title_like(nxt) or bool(TIMESTAMP.match(nxt)) or bool(BAR_ONLY.match(nxt))
            or bool(BYLINE_BAR.match(nxt)) or bool(IMAGE_LINE.match(nxt)))


def consume_furniture(lines: list[Line], i: int, reason: str, cleaned: Cleaned) -> int:
    """Remove a run of furniture starting at line i; return the index after it.

    The run is split into blocks where a new kind starts (a marker, an error
    text, an image line), so the report shows each with its own reason. A
    prose line inside the run is a teaser's summary only when furniture
    follows it, or a stamp or bar precedes it; otherwise the body resumes.
    """
    block: RemovedBlock | None = None
    last_reason = reason
    prev_stamp = False
    while i < len(lines):
        line = lines[i]
        text = line.text
        new_reason = None
        if IMAGE_LINE.match(text) or line.hint == "image":
            new_reason = "image_line"
        elif m := marker_reason(text):
            new_reason = m
        elif is_error_text(text):
            new_reason = "error_text"
        elif not is_title_like(text):
            # a full sentence that ends the page is the body's last paragraph, not a teaser's summary
            last_sentence = i + 1 >= len(lines) and ends_sentence(text) and len(text) > 80
            if not (prev_stamp or (_furniture_like(lines, i + 1) and not last_sentence)):
                break
        elif block is not None and block.reason in ("image_line", "error_text"):
            new_reason = "advertisement" if AD_WORDS.search(text) else (
                last_reason if last_reason not in ("image_line", "error_text") else "related_news")
        if new_reason is not None and (block is None or block.reason != new_reason or new_reason == "image_line"
                                       or (marker_reason(text) and block.lines)):
            if block is not None and block.reason not in ("image_line", "error_text"):
                last_reason = block.reason
            block = RemovedBlock(new_reason, line.no, [])
            cleaned.removed.append(block)
        elif block is None:
            block = RemovedBlock(reason, line.no, [])
            cleaned.removed.append(block)
        if url := line.image or (m.group(1) if (m := IMAGE_URL.search(text)) else None):
            cleaned.image_urls.append(url)
        block.lines.append(text)
        prev_stamp = bool(TIMESTAMP.match(text) or BAR_ONLY.match(text) or BYLINE_BAR.match(text))
        i += 1
    for b in cleaned.removed:
        if b.reason == "related_news" and b.lines and AD_WORDS.search(" ".join(b.lines)) and not any(
            marker_reason(t) for t in b.lines
        ):
            b.reason = "advertisement"
    return i


def clean_lines(lines: list[Line], cleaned: Cleaned) -> None:
    """Sort the page's lines into body, captions and removed blocks, in order."""
    lines = [ln for ln in lines if ln.text]
    body_started = False
    pending_image: str | None = None
    i = 0

    def remove(reason: str, line: Line) -> None:
        cleaned.removed.append(RemovedBlock(reason, line.no, [line.text]))

    while i < len(lines):
        line = lines[i]
        text = line.text
        nxt = lines[i + 1] if i + 1 < len(lines) else None

        if IMAGE_LINE.match(text) or line.hint == "image":
            url = line.image or (m.group(1) if (m := IMAGE_URL.search(text)) else None)
            if url:
                cleaned.image_urls.append(url)
            pending_image = url or pending_image
            remove("image_line", line)
            i += 1
            continue
        if reason := marker_reason(text):
            i = consume_furniture(lines, i, reason, cleaned)
            continue
        if is_error_text(text):
            i = consume_furniture(lines, i, "error_text", cleaned)
            continue
        if is_caption(line) or (pending_image and text.endswith("|") and line.hint != "heading"):
            caption = text.rstrip(" |").strip()
            previous = cleaned.captions[-1].text if cleaned.captions else None
            if previous == caption and cleaned.captions[-1].after_paragraph == len(cleaned.paragraphs):
                remove("duplicate_caption", line)
            else:
                cleaned.captions.append(Caption(caption, pending_image, len(cleaned.paragraphs)))
            pending_image = None
            i += 1
            continue
        pending_image = None
        if INLINE_TEASER.match(text):
            remove("related_news", line)
            i += 1
            continue
        if body_started and WIRE_CREDIT.search(text) and len(text) < 200:
            remove("byline" if re.match(r"\(?(?:reporting|writing|editing|additional|compiled)|.*contributed", text, re.I) else "furniture", line)
            i += 1
            continue
        if not body_started and cleaned.dateline is None and is_dateline(text) and not TIMESTAMP.match(text):
            cleaned.dateline = text
            remove("dateline", line)
            i += 1
            continue
        if TIMESTAMP.match(text):
            if not body_started and cleaned.dateline is None:
                cleaned.dateline = text
                remove("dateline", line)
                i += 1
            else:
                i = consume_furniture(lines, i, "related_news", cleaned)
            continue
        if BAR_ONLY.match(text):
            remove("furniture", line)
            i += 1
            continue
        if m := (BYLINE_BAR.match(text) or (None if body_started else (BYLINE_WORDS.match(text) or BYLINE_LIST.match(text)))):
            if body_started and cleaned.byline and m.group(1).strip() != cleaned.byline:
                # a byline-plus-bar of another article: a teaser list
                i = consume_furniture(lines, i, "related_news", cleaned)
                continue
            cleaned.byline = cleaned.byline or m.group(1).strip()
            remove("byline", line)
            i += 1
            continue
        if body_started and AUTHOR_LINE.match(text) and len(text) <= 60 and (nxt is None or not is_prose(nxt.text)):
            cleaned.byline = cleaned.byline or re.sub(r"\s*\(.*\)$", "", text).strip().title()
            remove("byline", line)
            i += 1
            continue
        if cleaned.byline and text.strip() == cleaned.byline:
            remove("byline", line)
            i += 1
            continue
        if is_title_like(text) and line.hint != "heading":
            if nxt is not None and repeats(text, nxt.text) and not is_caption(nxt):
                i = consume_furniture(lines, i, "related_news", cleaned)
                continue
            if similar_to(text, cleaned.title):
                remove("repeated_headline", line)
                i += 1
                continue
            if nxt is not None and is_caption(nxt):
                remove("repeated_headline", line)  # an image's alt text shown above its caption
                i += 1
                continue
            run = 1
            while i + run < len(lines) and is_title_like(lines[i + run].text) and not (
                is_caption(lines[i + run]) or IMAGE_LINE.match(lines[i + run].text)
            ):
                run += 1
            if run >= 3 or i + run >= len(lines):
                i = consume_furniture(lines, i, "related_news", cleaned)
                continue
        kind = "subheading" if is_title_like(text) else "text"
        cleaned.paragraphs.append(Paragraph(len(cleaned.paragraphs) + 1, text, kind))
        body_started = True
        i += 1


# --------------------------------------------------------------------------
# Whole articles.

VI_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
VI_WORDS = {"của", "và", "là", "các", "những", "được", "trong", "với", "cho", "không", "người", "này", "đã", "có"}
EN_WORDS = {"the", "and", "of", "to", "in", "is", "was", "that", "with", "for", "on", "said", "has"}


def detect_language(text: str) -> str:
    """'vi' or 'en', from Vietnamese letters and the commonest words of each."""
    lower = text.lower()
    letters = [c for c in lower if c.isalpha()]
    if not letters:
        return "en"
    vi_share = sum(c in VI_LETTERS for c in letters) / len(letters)
    words = re.findall(r"\w+", lower)
    vi_hits = sum(w in VI_WORDS for w in words)
    en_hits = sum(w in EN_WORDS for w in words)
    return "vi" if vi_share > 0.03 or vi_hits > en_hits else "en"


def generated_title(paragraphs: list[Paragraph], limit: int = 90) -> str:
    first = next((p.text for p in paragraphs if p.kind == "text"), paragraphs[0].text if paragraphs else "")
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0].strip()
    if len(sentence) <= limit:
        return sentence.rstrip(".")
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _with_timezone(iso: str, tz: str | None) -> str:
    if "T" not in iso or re.search(r"([+-]\d{2}:?\d{2}|Z)$", iso):
        return iso
    return iso + (tz or "+07:00")


def _outlet_from_images(urls: list[str]) -> str | None:
    hosts = {urlparse(u).hostname for u in urls if u and u.startswith("http")}
    hosts.discard(None)
    # image servers are subdomains of the site (cdn2.tuoitre.vn, dims.apnews.com): keep the site's domain
    sites = set()
    for host in hosts:
        labels = host.split(".")
        keep = 3 if len(labels) >= 3 and labels[-2] in ("com", "org", "net", "gov", "edu", "co") else 2
        sites.add(".".join(labels[-keep:]))
    return sites.pop() if len(sites) == 1 else None


def ingest_page(raw: str, source_file: str, registry: RegistryEntry | None = None, is_html: bool = False) -> Article:
    """Clean one page's text. Pure: no files are read or written."""
    registry = registry or RegistryEntry()
    original = raw
    raw, repaired, garbled = repair_mojibake(raw)
    cleaned = Cleaned()
    html_meta: dict[str, str] = {}
    if is_html:
        lines, html_meta, structural = html_to_lines(raw)
        cleaned.removed.extend(structural)
    else:
        lines = text_to_lines(raw)
        lines = take_scraper_metadata(lines, cleaned)
    lines = take_title(lines, cleaned, html_meta.get("title"))
    clean_lines(lines, cleaned)
    cleaned.removed.sort(key=lambda b: b.line)
    if not cleaned.paragraphs:
        raise IngestError(
            f"{source_file}: no article text was left after removing page furniture "
            f"({len(cleaned.removed)} blocks removed). Check that the file holds the article itself."
        )

    warnings: list[str] = []
    if repaired:
        warnings.append(
            f"line {_line_list(repaired)}: text that was UTF-8 read as Windows-1252 (like 'Tá»•ng' for 'Tổng') "
            "was repaired; check it against the original page, or save the page again as UTF-8"
        )
    if garbled:
        warnings.append(
            f"line {_line_list(garbled)}: the text looks mis-decoded (like 'Ã©' for 'é') and could not be repaired; "
            "save the page again from its source as UTF-8"
        )
    title, title_generated = cleaned.title, False
    if registry.title:
        title = registry.title
    elif not title:
        title, title_generated = generated_title(cleaned.paragraphs), True

    language = detect_language(" ".join(p.text for p in cleaned.paragraphs))
    published, published_from = None, None
    stated_tz = None
    if registry.published:
        published, published_from = str(registry.published), "sources.yaml"
    elif cleaned.metadata.get("published"):
        published, published_from = cleaned.metadata["published"], "metadata"
    elif html_meta.get("published"):
        published, published_from = parse_dateline(html_meta["published"], "en") or html_meta["published"], "html-meta"
    elif cleaned.dateline:
        parsed = parse_dateline(cleaned.dateline, language)
        if parsed:
            published, published_from = parsed, "dateline"
            if offset := re.search(r"\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", cleaned.dateline):
                stated_tz = f"{offset.group(1)}{int(offset.group(2)):02d}:{offset.group(3) or '00'}"
    if published and "T" in published and not re.search(r"([+-]\d{2}:?\d{2}|Z)$", published):
        tz = stated_tz or registry.timezone or (None if published_from == "sources.yaml" else "+07:00" if language == "vi" else None)
        if tz:
            published = _with_timezone(published, tz)
            if not (stated_tz or registry.timezone):
                published_from += " (time zone +07:00 assumed for Vietnamese press)"
        else:
            warnings.append("publication time has no time zone; set `timezone` in data/sources.yaml")

    outlet, outlet_from = registry.outlet, "sources.yaml" if registry.outlet else None
    if not outlet and html_meta.get("outlet"):
        outlet, outlet_from = html_meta["outlet"], "html-meta"
    if not outlet and (host := _outlet_from_images(cleaned.image_urls)):
        outlet, outlet_from = host, "domain of the page's image links"
    byline = cleaned.byline or html_meta.get("byline")
    page_url = html_meta.get("url")
    if page_url and not re.match(r"https?://\S", page_url):
        warnings.append(f"the page gives its address as {page_url[:80]!r}, not an http(s) address; it is ignored")
        page_url = None

    return Article(
        id=article_id(Path(source_file)),
        source_file=source_file,
        title=title,
        title_generated=title_generated,
        language=language,
        paragraphs=cleaned.paragraphs,
        captions=cleaned.captions,
        removed=cleaned.removed,
        outlet=outlet,
        outlet_from=outlet_from,
        url=registry.url or cleaned.metadata.get("url") or page_url,
        byline=byline,
        published=published,
        published_from=published_from,
        content_hash=hashlib.sha256(original.encode("utf-8")).hexdigest(),
        warnings=warnings,
    )


def ingest_file(path: Path, registry: RegistryEntry | None = None) -> Article:
    """Read one page from disk and clean it; errors name the file."""
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise IngestError(
            f"{path.name}: the file is {size:,} bytes ({size / 2**20:.1f} MB), over the limit of {MAX_INPUT_BYTES:,} "
            f"bytes ({MAX_INPUT_BYTES // 2**20} MB) for one article. Check that it is a single article page, "
            "and remove it or cut it down."
        )
    raw = decode(path.read_bytes(), path.name)
    is_html = path.suffix.lower() in (".html", ".htm") or raw.lstrip()[:15].lower().startswith(("<!doctype", "<html"))
    return ingest_page(raw, path.name, registry, is_html=is_html)


# --------------------------------------------------------------------------
# The stage over a folder: I/O at the edge.

REGISTRY_FIELDS = {"outlet", "url", "published", "timezone", "title", "why"}


def load_registry(path: Path) -> tuple[dict[str, RegistryEntry], list[str]]:
    """Read the editors' sources registry; return entries and problems found."""
    from .store import DataError, did_you_mean, load_yaml

    if not path.exists():
        return {}, []
    data = load_yaml(path, with_lines=True) or {}
    if not isinstance(data, dict) or not isinstance(data.get("sources", {}), dict):
        raise DataError(f"{path}: expected a mapping `sources:` of file name -> fields. See README, 'Data layout'.")
    entries: dict[str, RegistryEntry] = {}
    problems: list[str] = []
    for name, fields_ in (data.get("sources") or {}).items():
        if name == "__line__":
            continue
        if not isinstance(fields_, dict):
            problems.append(f"{path}: sources.{name}: expected fields (outlet, url, published, ...)")
            continue
        line = fields_.get("__line__", "?")
        for key in fields_:
            if key != "__line__" and key not in REGISTRY_FIELDS:
                problems.append(
                    f"{path}:{line}: sources.{name}: field '{key}' is unknown{did_you_mean(key, REGISTRY_FIELDS)}"
                )
        published = fields_.get("published")
        published = published.isoformat() if hasattr(published, "isoformat") else published
        if published is not None and not _is_iso_date(str(published)):
            problems.append(
                f"{path}:{line}: sources.{name}.published: '{published}' is not an ISO 8601 date or time that exists "
                "(like 2025-02-12 or 2025-02-12T09:30); it is ignored until fixed"
            )
            published = None
        timezone = fields_.get("timezone")
        if timezone is not None and not re.fullmatch(r"[+-]\d{2}:\d{2}", str(timezone)):
            problems.append(f"{path}:{line}: sources.{name}.timezone: '{timezone}' is not an offset like +07:00; it is ignored until fixed")
            timezone = None
        url = fields_.get("url")
        if url is not None and not re.match(r"https?://\S", str(url)):
            problems.append(f"{path}:{line}: sources.{name}.url: '{url}' is not an http(s) address; it is ignored until fixed")
            url = None
        entries[name] = RegistryEntry(
            outlet=fields_.get("outlet"),
            url=url,
            published=str(published) if published is not None else None,
            timezone=timezone,
            title=fields_.get("title"),
        )
    return entries, problems


def _is_iso_date(text: str) -> bool:
    """A date (2025-02-12) or date and time (2025-02-12T09:30, with or without an offset) that exists."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            datetime.date.fromisoformat(text)
        else:
            datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


@dataclass
class UpToDate:
    """A page whose record was made from the same bytes, registry entry and code: not cleaned again."""

    id: str
    warnings: list[str] = field(default_factory=list)


def ingest_folder(layout, progress=None, clean=None, dump=None) -> tuple[list[Article], StageReport]:
    """Ingest every page under seeds/ into data/generated/articles/.

    One bad page is reported and skipped; the others are still written.
    ``clean(path, registry_entry)`` stands in for :func:`ingest_file` (the
    incremental build passes one that reuses earlier work); it may return
    :class:`UpToDate` for a page whose record is current; ``dump(article)``
    gives the text of its record (the incremental build makes it in the worker
    that cleaned the page). The articles returned are the pages cleaned in this run.
    """
    from .store import DataError, dump_yaml, remove_stale, write_if_changed

    clean = clean or ingest_file
    dump = dump or (lambda article: dump_yaml(article.to_dict()))

    report = StageReport("ingest")
    try:
        registry, problems = load_registry(layout.sources_registry)
    except DataError as err:
        # the pages are still cleaned, without what the registry says of them
        registry, problems = {}, []
        report.errors.append(f"{err} Until then no page gets its outlet, address or date from it.")
    report.warnings.extend(problems)
    files = seed_files(layout.seeds)
    articles: list[Article] = []
    seen_ids: dict[str, str] = {}
    failed: list[Path] = []
    for path in progress(files) if progress else files:
        report.read += 1
        try:
            article = clean(path, registry.get(path.name))
        except (IngestError, OSError) as err:
            report.errors.append(str(err))
            failed.append(path)
            continue
        if article.id in seen_ids:
            report.errors.append(
                f"{path.name}: gives the id '{article.id}', already used by {seen_ids[article.id]}. Rename one file."
            )
            continue
        seen_ids[article.id] = path.name
        report.warnings.extend(f"{path.name}: {w}" for w in article.warnings)
        if isinstance(article, UpToDate):
            report.unchanged += 1
            continue
        articles.append(article)
        if write_if_changed(layout.articles / f"{article.id}.yaml", dump(article)):
            report.written += 1
        else:
            report.unchanged += 1
    names = {p.name for p in files}
    for name in registry:
        if name not in names:  # compared by name: "../x" is never looked up on disk
            report.warnings.append(f"{layout.sources_registry}: sources.{name} names no page under seeds/ (.txt, .html)")
    # an article that failed keeps its last good record, so a bad edit never
    # empties the site; only records whose page is gone are removed
    keep = {f"{i}.yaml" for i in seen_ids} | {f"{i}.yaml" for i in map(_id_or_none, failed) if i}
    report.removed = len(remove_stale(layout.articles, keep))
    return articles, report


def seed_files(folder: Path) -> list[Path]:
    """The pages under ``folder`` that ingest reads (.txt, .html…), by name (listed once in a
    run: :class:`store.RunMemo`)."""
    from .store import run_memo

    memo = run_memo()
    return memo.listing(folder, "seed files", lambda: _seed_files(folder)) if memo else _seed_files(folder)


def _seed_files(folder: Path) -> list[Path]:
    import os

    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.is_file() and _suffix(e.name).lower() in SUPPORTED_SUFFIXES)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / name for name in names]


def _suffix(name: str) -> str:
    """``Path(name).suffix``, without making a path of each of thousands of names."""
    at = name.rfind(".")
    return name[at:] if 0 < at < len(name) - 1 else ""


def _id_or_none(path: Path) -> str | None:
    try:
        return article_id(path)
    except IngestError:
        return None


SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def load_articles(layout) -> list[Article]:
    """The article records; each id is a safe slug and its file's name, since pages are written under it."""
    from .store import files_in

    return [load_article(path) for path in files_in(layout.articles)]


def load_article(path: Path) -> Article:
    """One article record (see :func:`load_articles`)."""
    from .store import load_yaml

    return article_from(load_yaml(path), path)


def article_from(data, path: Path) -> Article:
    """The article record of ``path``, parsed as ``data``."""
    from .store import DataError

    if not isinstance(data, dict):
        raise DataError(f"{path}: not an article record; run `chronicle ingest` again")
    article = Article.from_dict(data)
    if not SAFE_ID.fullmatch(str(article.id)) or article.id != path.stem:
        raise DataError(f"{path}: id {article.id!r} is not this record's safe id '{path.stem}'. "
                        "Records under data/generated/ are the generator's: delete the folder and run again.")
    return article
