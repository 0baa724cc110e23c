"""Boilerplate rules on articles written for these tests: the rules are
general news-site rules, not a list of the seeds' lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest import (
    IngestError,
    RegistryEntry,
    article_id,
    decode,
    detect_language,
    ingest_file,
    ingest_page,
)

VI_MID_BODY_RELATED = """Ngoại trưởng hai nước gặp nhau tại Istanbul bàn về trao đổi tù binh

14:30 03/05/2025

Ngoại trưởng Nga Sergei Lavrov và Ngoại trưởng Mỹ Marco Rubio đã có cuộc gặp kéo dài hai giờ tại Istanbul chiều 3/5.

Hai bên thảo luận về việc trao đổi tù binh và khôi phục hoạt động của các đại sứ quán.

Xem thêm
Giá vàng hôm nay tăng mạnh
Giá vàng hôm nay tăng mạnh phiên thứ ba liên tiếp

Phát biểu sau cuộc gặp, ông Lavrov cho biết cuộc trao đổi "mang tính xây dựng".

Phía Mỹ chưa đưa ra bình luận chính thức về kết quả cuộc gặp.

Tin cùng chuyên mục
Bão số 3 đổ bộ miền Trung

12:00 02/05/2025

Nhiều tỉnh miền Trung đã sơ tán hàng nghìn hộ dân trước khi bão đổ bộ.
Thị trường chứng khoán khởi sắc

09:15 02/05/2025

Chỉ số VN-Index tăng hơn 10 điểm trong phiên sáng nay.
"""

EN_WITH_TEASERS = """Envoys agree to meet again in Riyadh

By Jane Holloway

The American and Russian delegations agreed on Tuesday to hold another round of talks in Riyadh, officials said.

![Delegations at the table](https://news.example.org/img/riyadh.jpg)
Delegations at the table in Riyadh. Photo: Reuters

What comes next

The next round is expected to focus on a ceasefire in the Black Sea.

A State Department spokesperson declined to give a date.

Most Read
Storm batters the coast
Markets rally on rate hopes
Local team wins the cup
Advertisement
Buy now and get 50% off your first order
"""

HTML_PAGE = """<!doctype html>
<html lang="en"><head>
<title>Site title | Daily Example</title>
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2025-03-11T09:30+00:00">
<meta name="author" content="Sam Reporter">
<script>window.tracker = 1;</script>
<style>body{color:red}</style>
</head><body>
<header><a href="/">Daily Example</a></header>
<nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav>
<article>
<h1>Kyiv and Washington back a 30-day ceasefire proposal</h1>
<p>Ukrainian and American officials meeting in Jeddah backed a proposal for a 30-day ceasefire on Tuesday.</p>
<figure><img src="https://cdn.example.org/jeddah.jpg" alt="Officials in Jeddah"><figcaption>Officials at the talks in Jeddah. Photo: AFP</figcaption></figure>
<h2>Moscow yet to respond</h2>
<p>The Kremlin said it would study the proposal before giving an answer.</p>
<div class="related-articles"><p>Related: Oil prices fall</p></div>
<p>The talks lasted more than eight hours.</p>
</article>
<aside><h3>Trending</h3><p>Celebrity news of the day.</p></aside>
<footer><p>Copyright Daily Example 2025.</p><script>alert(1)</script></footer>
</body></html>
"""

VI_HTML_PAGE = """<html><head><meta charset="utf-8"><meta property="og:site_name" content="Báo Ví Dụ"></head><body>
<nav class="menu"><a href="/">Trang chủ</a><a href="/the-gioi">Thế giới</a></nav>
<div class="article-body">
<h1>Nga và Ukraine trao đổi tù binh</h1>
<div class="date">Thứ Bảy, 24/05/2025 - 10:20</div>
<p>Nga và Ukraine ngày 23/5 đã trao đổi 390 tù binh mỗi bên, theo thỏa thuận đạt được tại Istanbul.</p>
<p>Đây là đợt trao đổi lớn nhất kể từ khi xung đột nổ ra.</p>
<div class="box-tin-lien-quan"><p>Tin liên quan</p><p>Giá xăng giảm mạnh</p></div>
<p>Hai bên dự kiến tiếp tục trao đổi trong những ngày tới.</p>
</div>
<div class="ads-banner">Quảng cáo: Mua bảo hiểm ngay hôm nay</div>
<iframe src="https://ads.example.com/frame"></iframe>
</body></html>
"""


def test_related_block_mid_body_keeps_following_paragraphs():
    article = ingest_page(VI_MID_BODY_RELATED, "vi-mid.txt")
    texts = [p.text for p in article.paragraphs]
    assert texts[-1] == "Phía Mỹ chưa đưa ra bình luận chính thức về kết quả cuộc gặp."
    assert any(t.startswith("Phát biểu sau cuộc gặp") for t in texts)
    assert not any("Giá vàng" in t for t in texts)


def test_teaser_list_with_timestamps_and_summaries_is_removed_whole():
    article = ingest_page(VI_MID_BODY_RELATED, "vi-mid.txt")
    block = next(b for b in article.removed if b.lines[0] == "Tin cùng chuyên mục")
    assert block.reason == "related_news"
    assert block.lines[-1].startswith("Chỉ số VN-Index")
    assert "Nhiều tỉnh miền Trung" not in article.body_text


def test_dateline_in_the_head_gives_the_publication_time_with_vietnamese_time_zone():
    article = ingest_page(VI_MID_BODY_RELATED, "vi-mid.txt")
    assert article.published == "2025-05-03T14:30+07:00"
    assert article.published_from.startswith("dateline")


def test_teaser_timestamps_after_the_body_never_give_the_publication_date():
    text = VI_MID_BODY_RELATED.replace("14:30 03/05/2025\n", "")
    article = ingest_page(text, "vi-undated.txt")
    assert article.published is None


def test_english_byline_subheading_caption_and_furniture():
    article = ingest_page(EN_WITH_TEASERS, "en-teasers.txt")
    assert article.language == "en"
    assert article.title == "Envoys agree to meet again in Riyadh"
    assert article.byline == "Jane Holloway"
    assert [p.text for p in article.paragraphs if p.kind == "subheading"] == ["What comes next"]
    assert article.captions[0].text == "Delegations at the table in Riyadh. Photo: Reuters"
    assert article.captions[0].image == "https://news.example.org/img/riyadh.jpg"
    assert article.paragraphs[-1].text == "A State Department spokesperson declined to give a date."
    reasons = [b.reason for b in article.removed]
    assert "related_news" in reasons and "advertisement" in reasons and "byline" in reasons


def test_html_page_drops_nav_aside_script_and_footer():
    article = ingest_page(HTML_PAGE, "en.html", is_html=True)
    assert article.title == "Kyiv and Washington back a 30-day ceasefire proposal"
    assert article.outlet == "Daily Example"
    assert article.byline == "Sam Reporter"
    assert article.published == "2025-03-11T09:30+00:00"
    assert [p.text for p in article.paragraphs] == [
        "Ukrainian and American officials meeting in Jeddah backed a proposal for a 30-day ceasefire on Tuesday.",
        "Moscow yet to respond",
        "The Kremlin said it would study the proposal before giving an answer.",
        "The talks lasted more than eight hours.",
    ]
    assert article.paragraphs[1].kind == "subheading"
    assert article.captions[0].text == "Officials at the talks in Jeddah. Photo: AFP"
    removed = " ".join(line for b in article.removed for line in b.lines)
    for gone in ("tracker", "alert(1)", "World", "Celebrity", "Copyright", "Oil prices"):
        assert gone in removed
        assert gone not in article.body_text
    assert {"script", "navigation", "related_news", "furniture"} <= {b.reason for b in article.removed}


def test_vietnamese_html_page_by_class_names_and_dateline():
    article = ingest_page(VI_HTML_PAGE, "vi.html", is_html=True)
    assert article.language == "vi"
    assert article.title == "Nga và Ukraine trao đổi tù binh"
    assert article.outlet == "Báo Ví Dụ"
    assert article.published == "2025-05-24T10:20+07:00"
    assert article.paragraphs[-1].text == "Hai bên dự kiến tiếp tục trao đổi trong những ngày tới."
    assert "Giá xăng" not in article.body_text and "bảo hiểm" not in article.body_text


def test_a_page_without_a_headline_gets_a_generated_flagged_title():
    text = ("Tổng thống Pháp Emmanuel Macron cho biết châu Âu sẵn sàng tham gia bảo đảm an ninh cho Ukraine "
            "sau khi đạt được thỏa thuận ngừng bắn. Ông đưa ra tuyên bố sau cuộc họp tại Paris.\n\n"
            "Các nhà lãnh đạo châu Âu sẽ họp tiếp vào tuần sau.\n")
    article = ingest_page(text, "no-title.txt")
    assert article.title_generated
    assert article.title.startswith("Tổng thống Pháp Emmanuel Macron cho biết")
    assert len(article.title) <= 91
    assert article.paragraphs[0].text.startswith("Tổng thống Pháp")


def test_scraper_metadata_prefix_is_metadata_not_body():
    article = ingest_page(" date 2025-06-01 Hai bên đã nhất trí gặp lại vào tuần sau.\n", "meta.txt")
    assert article.published == "2025-06-01"
    assert article.published_from == "metadata"
    assert article.paragraphs[0].text == "Hai bên đã nhất trí gặp lại vào tuần sau."


def test_editors_registry_fills_what_the_page_does_not_say():
    entry = RegistryEntry(outlet="Báo Ví Dụ", url="https://example.vn/a", published="2025-06-02")
    article = ingest_page("Tiêu đề bài báo ví dụ\n\nNội dung bài báo có một câu.\n", "reg.txt", entry)
    assert (article.outlet, article.url, article.published) == ("Báo Ví Dụ", "https://example.vn/a", "2025-06-02")
    assert article.published_from == "sources.yaml"


def test_error_widget_text_is_reported_as_error_text():
    text = "Tiêu đề bài báo\n\nNội dung chính của bài báo ở đây.\n\nCó lỗi xảy ra\nAn error occurred\n"
    article = ingest_page(text, "err.txt")
    assert article.removed[-1].reason == "error_text"
    assert article.body_text == "Nội dung chính của bài báo ở đây."


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Hai nhà lãnh đạo đã thảo luận về hòa bình.", "vi"),
        ("The two leaders discussed a peace plan on the phone.", "en"),
        ("Tong thong Nga va Tong thong My da dien dam voi nhau trong nhung ngay qua cua tuan.", "vi"),
    ],
)
def test_language_is_detected_from_letters_and_common_words(text, lang):
    assert detect_language(text) == lang


def test_empty_file_is_an_error_that_names_the_file(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    with pytest.raises(IngestError, match="empty.txt: the file is empty"):
        ingest_file(empty)


def test_non_utf8_text_is_an_error_naming_the_line_and_the_fix():
    with pytest.raises(IngestError, match=r"cp\.txt:2: the text is not UTF-8.*iconv"):
        decode(b"Tieu de\nN\xf4i dung \xf0\xea\xcc", "cp.txt")  # Windows-1258 bytes


def test_utf16_with_bom_is_read():
    assert decode("Tiêu đề\n".encode("utf-16"), "u16.txt") == "Tiêu đề\n"


def test_article_id_is_stable_and_safe_for_paths():
    assert article_id(Path("../Bài báo số 1.txt")) == "bai-bao-so-1"
    assert article_id(Path("000_cbd8a5b9abaed145.txt")) == "000_cbd8a5b9abaed145"


def test_english_date_line_under_the_headline_gives_the_publication_date():
    text = "Talks resume in Istanbul\nJune 2, 2025\nBy Jane Holloway and Sam Reporter\n\nRussian and Ukrainian delegations met in Istanbul on Monday for a second round of talks.\n"
    article = ingest_page(text, "en-dateline.txt")
    assert article.published == "2025-06-02" and article.published_from == "dateline"
    assert article.byline.startswith("Jane Holloway")
    assert article.paragraphs[0].text.startswith("Russian and Ukrainian")


def test_vietnamese_dateline_with_its_own_time_zone():
    text = "Ngoại trưởng Nga và Mỹ hội đàm tại Riyadh\n19/03/2025 07:15 GMT+7\n\nNgoại trưởng Nga Sergei Lavrov đã hội đàm với Ngoại trưởng Mỹ Marco Rubio tại Riyadh.\n"
    article = ingest_page(text, "vi-gmt.txt")
    assert article.published == "2025-03-19T07:15+07:00"


def test_wire_credits_footers_and_one_line_teasers_are_not_body():
    text = (
        "Envoys meet in Miami\n\nU.S. and Ukrainian officials held talks in Miami on Sunday, officials said.\n\n"
        "Read also: Kremlin says no summit planned\n\n"
        "The talks lasted nearly four hours, according to a person familiar with them.\n\n"
        "(Reporting by Jane Holloway; Editing by Sam Reporter)\n"
        "Our Standards: The Thomson Reuters Trust Principles.\n"
    )
    article = ingest_page(text, "en-wire.txt")
    assert [p.text[:10] for p in article.paragraphs] == ["U.S. and U", "The talks "]
    reasons = {r.reason for r in article.removed}
    assert {"related_news", "byline", "furniture"} <= reasons


def test_vietnamese_author_line_at_the_end_is_a_byline():
    text = "Điện đàm Nga - Mỹ\n\nTổng thống Nga Vladimir Putin đã điện đàm với Tổng thống Mỹ Donald Trump.\n\nHai bên nhất trí tiếp tục liên lạc.\n\nNhư Tâm (Theo Reuters, AFP)\n"
    article = ingest_page(text, "vi-author.txt")
    assert article.paragraphs[-1].text == "Hai bên nhất trí tiếp tục liên lạc."
    assert any(r.reason == "byline" and r.lines == ["Như Tâm (Theo Reuters, AFP)"] for r in article.removed)


LOOSE_TEXT_PAGE = """<!doctype html>
<html lang="en"><head><title>Envoys meet in Geneva</title></head>
<body>
<div>Subscribe to our morning briefing</div>
<article>
<h1>Envoys meet in Geneva</h1>
The envoys met for four hours in Geneva on Friday, officials said.<br>
Both sides agreed to <b>meet again</b> next month.
<p>A joint statement is expected on Monday.</p>
<table><tr><td>The talks were described as constructive by both delegations.</td></tr></table>
<p>Photo <img src="https://cdn.example.org/geneva.jpg" alt="Geneva"> of the venue.</p>
</article>
</body>
</html>
Posted by an aggregator after the end of the page.
"""


def test_text_loose_in_the_article_is_kept_as_paragraphs_in_reading_order():
    article = ingest_page(LOOSE_TEXT_PAGE, "loose.html", is_html=True)
    texts = [p.text for p in article.paragraphs]
    assert texts[:4] == [
        "The envoys met for four hours in Geneva on Friday, officials said.",
        "Both sides agreed to meet again next month.",
        "A joint statement is expected on Monday.",
        "The talks were described as constructive by both delegations.",
    ]
    # an image inside a paragraph still counts (its address names the outlet's host)
    assert "Subscribe" not in article.body_text


def test_text_outside_the_article_and_after_the_page_is_reported_not_dropped_silently():
    article = ingest_page(LOOSE_TEXT_PAGE, "loose.html", is_html=True)
    outside = [b for b in article.removed if b.reason == "outside_article"]
    said = " ".join(line for b in outside for line in b.lines)
    assert "Subscribe to our morning briefing" in said
    assert "Posted by an aggregator after the end of the page." in said
    assert "aggregator" not in article.body_text
    assert all(b.line > 0 for b in outside)


# Shapes a review of the document-order reading found; each is read as a careful editor would.
P_MORE = "<p>A joint statement is expected on Monday after the talks ended.</p>"


def _in_body(body: str) -> str:
    return f"<html><body>{body}</body></html>"


@pytest.mark.parametrize("markup, expected", [
    ("Geneva on Friday, <strike>officials</strike> diplomats said.", "Geneva on Friday, officials diplomats said."),
    ("President Zelen<wbr>sky spoke with the envoys.", "President Zelensky spoke with the envoys."),
    ("The <font color=red>envoys</font> met <nobr>for four</nobr> hours.", "The envoys met for four hours."),
])
def test_an_unusual_inline_element_does_not_cut_loose_text(markup, expected):
    raw = _in_body(f"<article><h1>Envoys meet</h1>\n{markup}\n{P_MORE}</article>")
    assert [p.text for p in ingest_page(raw, "inline.html", is_html=True).paragraphs][0] == expected


def test_a_skip_link_loose_in_the_body_is_navigation_not_the_title():
    raw = _in_body('<a href="#c">Skip to main content</a>\n<h2>Envoys meet in Geneva for four hours</h2>\n'
                   "<p>The envoys met for four hours in Geneva on Friday, officials said.</p>" + P_MORE)
    article = ingest_page(raw, "skip.html", is_html=True)
    assert article.title == "Envoys meet in Geneva for four hours"
    assert ("navigation", ["Skip to main content"]) in [(b.reason, b.lines) for b in article.removed]


def test_a_time_and_a_byline_loose_in_the_article_are_the_dateline_and_the_byline():
    raw = _in_body('<article><h1>Envoys meet</h1><time datetime="2025-10-17T08:00">17/10/2025 08:00</time> '
                   "<span>By Jane Doe</span>\n<p>The envoys met for four hours in Geneva on Friday.</p>"
                   + P_MORE + "</article>")
    article = ingest_page(raw, "time.html", is_html=True)
    assert article.byline == "Jane Doe" and article.published.startswith("2025-10-17")
    assert [p.text for p in article.paragraphs][0] == "The envoys met for four hours in Geneva on Friday."


def test_loose_text_before_an_image_stays_in_the_body_before_the_caption():
    raw = _in_body("<article><h1>Envoys meet</h1>\n<p>The envoys met for four hours in Geneva on Friday.</p>\n"
                   'Delegates arrived by car. <img src="https://cdn.example.org/a.jpg" alt="x"> Photo: Reuters\n'
                   + P_MORE + "</article>")
    article = ingest_page(raw, "img.html", is_html=True)
    assert "Delegates arrived by car." in [p.text for p in article.paragraphs]
    assert "Delegates" not in " ".join(c.text for c in article.captions)
