"""Render stage: the pages, pictures and exports made from a small fixed chronicle.

The chronicle is built in ``tests/sitedata.py``, not read from the seeds, so
that a change of the extractor never changes what these tests see.

Golden files
------------
``tests/golden/event.md``, ``tests/golden/event.vi.md`` and
``tests/golden/person.md`` pin the rendered Markdown of one event page (in
English and in Vietnamese) and one person page. After an intended change of
the templates or the catalogues, regenerate them and review the diff::

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_render.py -k golden

(or ``--update-golden``, the same switch as a pytest option).
"""

from __future__ import annotations

import dataclasses

import os
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

from generator import i18n, structure
from generator.render import glossary_surfaces, localised, md_escape, relative, render_site, with_abbreviations
from tests.conftest import ROOT
from tests.sitedata import HOSTILE, site_data

GOLDEN = Path(__file__).parent / "golden"
EVENT_PAGE = "events/2025-02-12-phone-call-trump-putin.md"
EVENT_PAGE_VI = "events/2025-02-12-phone-call-trump-putin.vi.md"
PERSON_PAGE = "people/donald-trump.md"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_site(site_data())


@pytest.fixture(scope="module")
def hostile_pages() -> dict[str, str]:
    return render_site(site_data(hostile=True))


def site_extensions() -> tuple[list[str], dict[str, dict]]:
    """The Markdown extensions of mkdocs.yml, in order, and their settings."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


def site_markdown(leave_out: tuple[str, ...] = ()) -> markdown.Markdown:
    """Python-Markdown with the extensions and settings of mkdocs.yml, as MkDocs runs it."""
    names, configs = site_extensions()
    names = [n for n in names if n not in leave_out]
    return markdown.Markdown(extensions=names, extension_configs={k: v for k, v in configs.items() if k in names})


def html_of(text: str) -> BeautifulSoup:
    return BeautifulSoup(site_markdown().convert(text), "html.parser")


# --- golden pages --------------------------------------------------------------


def _update_golden(request) -> bool:
    return bool(os.environ.get("UPDATE_GOLDEN")) or bool(request.config.getoption("--update-golden", default=False))


@pytest.mark.parametrize("name, path", [("event.md", EVENT_PAGE), ("event.vi.md", EVENT_PAGE_VI), ("person.md", PERSON_PAGE)])
def test_golden_page_matches_the_stored_markdown(pages, request, name, path):
    golden = GOLDEN / name
    if _update_golden(request):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(pages[path], encoding="utf-8")
    assert pages[path] == golden.read_text(encoding="utf-8"), f"rendered {path} differs from {golden}; see the module docstring"


# --- what exists -------------------------------------------------------------------


def test_every_nav_entry_of_mkdocs_yml_is_a_generated_page(pages):
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        nav = yaml_load(handle)["nav"]
    targets = [next(iter(item.values())) for item in nav]
    assert all(target in pages for target in targets), [t for t in targets if t not in pages]
    assert not any(target.startswith(("events/", "sources/0")) for target in targets)


def test_only_entities_named_by_an_event_or_an_article_get_a_page(pages):
    assert "people/dmitry-peskov.md" in pages  # confirms an event, speaks in another
    assert "actors/kremlin.md" in pages  # confirms the call
    assert "actors/hungary.md" in pages  # named in an article only
    assert "places/budapest.md" in pages
    assert not any("geneva" in path for path in pages)  # in the gazetteer, named nowhere


def test_an_entity_page_lists_its_events_in_order_with_how_it_takes_part(pages):
    page = pages[PERSON_PAGE]
    order = [page.index(f"../events/{ev}.md") for ev in
             ("2025-02-12-phone-call-trump-putin", "2026-01-summit-trump-putin", "xxxx-summit-trump-putin")]
    assert order == sorted(order)
    assert "caller, quoted" in page


def test_render_site_is_deterministic(pages):
    assert render_site(site_data()) == pages


def test_every_catalogue_entry_has_english_and_vietnamese_with_the_same_fields():
    catalogues = [i18n.LABELS, i18n.TYPE_NAMES, i18n.STATUS_NAMES, i18n.ROLE_NAMES, i18n.PRECISION_NAMES,
                  i18n.KIND_NAMES, i18n.RELATION_NAMES, i18n.ATTRIBUTION_NAMES, i18n.FIELD_NAMES,
                  i18n.LANGUAGE_NAMES, i18n.REMOVAL_REASON_NAMES, i18n.EXTRACTOR_NOTES]
    for catalogue in catalogues:
        for key, entry in catalogue.items():
            assert set(entry) == {"en", "vi"}, key
            fields = [set(string.Formatter().parse(v)) for lang in ("en", "vi")
                      for v in (entry[lang] if isinstance(entry[lang], tuple) else (entry[lang],))]
            names = [{f[1] for f in parsed if f[1]} for parsed in fields]
            assert all(n == names[0] for n in names), (key, names)


def test_pages_in_another_language_take_the_suffix_of_mkdocs_static_i18n():
    assert localised("events/x.md", "en") == "events/x.md"
    assert localised("events/x.md", "vi") == "events/x.vi.md"
    assert localised("assets/generated/timeline.svg", "vi") == "assets/generated/timeline.vi.svg"


def test_vietnamese_pages_use_the_vietnamese_catalogue():
    pages = render_site(site_data(), languages=("vi",))
    assert "events/2025-02-12-phone-call-trump-putin.vi.md" in pages
    timeline = pages["timeline.vi.md"]
    assert "## Năm 2025" in timeline and "Nguồn không nêu năm" in timeline and "Không có ngày" in timeline


def test_every_english_page_has_a_vietnamese_counterpart_and_back(pages):
    english = {path for path in pages if path.endswith(".md") and not path.endswith(".vi.md")}
    vietnamese = {path.removesuffix(".vi.md") + ".md" for path in pages if path.endswith(".vi.md")}
    assert english and english == vietnamese
    pictures = {p for p in pages if p.endswith(".svg")}
    assert {p for p in pictures if not p.endswith(".vi.svg")} == {p.removesuffix(".vi.svg") + ".svg" for p in pictures if p.endswith(".vi.svg")}


def test_an_events_anchors_and_address_are_the_same_in_both_languages(pages):
    def ids(path):  # a page's title is never a link's target: its id follows its words
        return {tag["id"] for tag in html_of(pages[path]).find_all(id=True) if tag.name != "h1"}

    for path in (EVENT_PAGE, "sources/vi-call.md", "timeline.md", "glossary.md"):
        vi = path.removesuffix(".md") + ".vi.md"
        assert ids(path) == ids(vi), path


ENGLISH_LABELS = ("Facts", "Date", "Precision", "Type", "Status", "Participants", "Summary", "Outcomes", "Quotes",
                  "Translation", "Sources", "Related events", "Previous event", "Next event", "Editor's note")


def test_vietnamese_event_page_shows_no_english_catalogue_label(pages):
    soup = html_of(pages[EVENT_PAGE_VI])
    chrome = [h.get_text(strip=True).rstrip("¶") for h in soup.find_all(["h1", "h2", "h3", "th"])]
    chrome += [row.find("td").get_text(strip=True) for row in soup.select(".chronicle-facts tr") if row.find("td")]
    chrome += [p.get_text(strip=True) for p in soup.select(".chronicle-quote__label, .admonition-title, .chronicle-translation__status")]
    chrome += [span.get_text(" ", strip=True) for span in soup.select(".chronicle-status, .chronicle-prevnext span")]
    assert chrome and not [text for text in chrome if text in ENGLISH_LABELS or text.startswith(("Translation ", "Previous", "Next"))]
    assert "Phone call" not in soup.get_text() and "held" not in soup.get_text().split()
    assert {"Thông tin", "Ngày", "Tình trạng", "Trích dẫn", "Nguồn", "Sự kiện liên quan"} <= set(chrome)


def test_dates_are_written_in_the_words_of_each_language(pages):
    assert "| Date | 12 February 2025 |" in pages[EVENT_PAGE]
    assert "| Ngày | ngày 12 tháng 2 năm 2025 |" in pages[EVENT_PAGE_VI]
    assert "16 October, year not in the source" in pages["timeline.md"]
    assert "ngày 16 tháng 10 \\(không rõ năm\\)" in pages["timeline.vi.md"]
    assert "| Published | 13 February 2025, 08\\:00 UTC\\+07\\:00 |" in pages["sources/vi-call.md"]
    assert "| Ngày đăng | ngày 13 tháng 2 năm 2025, lúc 08\\:00 UTC\\+07\\:00 |" in pages["sources/vi-call.vi.md"]


def test_mkdocs_yml_names_the_site_and_its_sections_with_the_catalogues_words():
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    i18n_plugin = next(item["i18n"] for item in config["plugins"] if isinstance(item, dict) and "i18n" in item)
    languages = {lang["locale"]: lang for lang in i18n_plugin["languages"]}
    assert set(languages) == set(i18n.LANGUAGES) and languages["en"]["default"] and i18n_plugin["docs_structure"] == "suffix"
    vi = languages["vi"]
    assert config["site_name"] == i18n.label("site_name", "en") and vi["site_name"] == i18n.label("site_name", "vi")
    assert config["site_description"] == i18n.label("site_description", "en")
    assert vi["site_description"] == i18n.label("site_description", "vi")
    keys = {"Home": "nav_home", "Timeline": "timeline_title", "People": "section_people", "Countries and organisations": "section_actors",
            "Places": "section_places", "Topics": "section_topics", "Sources": "sources_title", "Glossary": "glossary_title"}
    titles = [next(iter(item)) for item in config["nav"]]
    assert set(titles) == set(keys) == set(vi["nav_translations"])
    for title, key in keys.items():
        assert title == i18n.label(key, "en") and vi["nav_translations"][title] == i18n.label(key, "vi"), title


def test_links_are_relative_to_the_page():
    assert relative("events/a.md", "sources/b.md#p3") == "../sources/b.md#p3"
    assert relative("index.md", "timeline.md") == "timeline.md"
    assert relative("events/a.md", "events/b.md") == "b.md"


# --- the timeline ----------------------------------------------------------------------


def test_timeline_groups_by_year_and_month_then_year_unknown_then_undated():
    c = structure.build(site_data())
    assert [(g.kind, g.year) for g in c.groups] == [("year", 2025), ("year", 2026), ("year_unknown", None), ("undated", None)]
    assert [m.month for m in c.groups[0].months] == [2]
    assert [e.id for e in c.events] == [
        "2025-02-12-phone-call-trump-putin", "2026-01-summit-trump-putin", "xxxx-summit-trump-putin", "undated-statement-peskov"]


def test_the_latest_events_are_the_last_with_a_known_year_newest_first():
    c = structure.build(site_data())
    assert [e.id for e in c.latest(5)] == ["2026-01-summit-trump-putin", "2025-02-12-phone-call-trump-putin"]
    assert [e.id for e in c.latest(1)] == ["2026-01-summit-trump-putin"]
    assert c.latest(0) == []


def test_events_with_only_a_year_come_after_the_months_of_that_year():
    data = site_data()
    only_year = next(e for e in data.events if e.id == "2026-01-summit-trump-putin")
    object.__setattr__(only_year, "date", only_year.date.__class__("2026~", "approximate", "early 2026", "2026-01-01", "2026-04-30", True))
    february = next(e for e in data.events if e.id == "2025-02-12-phone-call-trump-putin")
    object.__setattr__(february, "date", february.date.__class__("2026-02-12", "day", "", "2026-02-12", "2026-02-12"))
    c = structure.build(data)
    year = next(g for g in c.groups if g.year == 2026)
    assert [m.month for m in year.months] == [2, None]


def test_an_entity_page_lists_the_articles_naming_it_in_the_order_of_the_list_of_sources():
    data = site_data()
    undated = dataclasses.replace(data.articles[0], id="undated-note", published=None)
    older = dataclasses.replace(data.articles[1], id="older-report", published="2024-05-01")
    data = dataclasses.replace(data, articles=[undated, *data.articles, older], mentions={"donald-trump": [("older-report", 3), ("undated-note", 1), ("en-summit", 2), ("vi-call", 1),
                                      ("en-summit", 1), ("no-such-article", 4), ("older-report", 3)]})
    c = structure.build(data)
    assert [a.id for a in c.articles] == ["en-summit", "vi-call", "older-report", "undated-note"]
    # newest first, undated last, each article once with its paragraphs in order; an article
    # that is not in the chronicle is not linked
    assert c.entity_pages["donald-trump"].mentions == [
        ("en-summit", [1, 2]), ("vi-call", [1]), ("older-report", [3]), ("undated-note", [1])]


def test_timeline_shows_each_date_honestly_with_icon_badge_and_link(pages):
    timeline = pages["timeline.md"]
    assert "16 October, year not in the source" in timeline
    assert "\\~ late January 2026" in timeline
    assert "date unknown" in timeline
    assert '<span class="chronicle-icon chronicle-icon--phone" role="img" aria-label="Phone call" title="Phone call"></span>' in timeline
    assert 'chronicle-status--planned">planned<' in timeline
    assert "(events/2025-02-12-phone-call-trump-putin.md)" in timeline


def test_timeline_filters_are_hidden_until_the_script_shows_them_and_offer_only_values_in_use(pages):
    soup = html_of(pages["timeline.md"])
    form = soup.find("form", class_="chronicle-filters")
    assert form.has_attr("hidden")
    statuses = [o["value"] for o in form.find("select", attrs={"data-filter": "status"}).find_all("option")]
    assert statuses == ["", "held", "planned"]
    people = [o["value"] for o in form.find("select", attrs={"data-filter": "person"}).find_all("option")]
    assert people == ["", "dmitry-peskov", "donald-trump", "vladimir-putin"]
    events = soup.find_all(class_="chronicle-event")
    assert len(events) == 4 and all(not e.has_attr("hidden") for e in events)
    assert events[0]["data-people"] == "donald-trump vladimir-putin"


# --- the event page ---------------------------------------------------------------------


def test_event_page_links_each_source_paragraph_to_its_anchor(pages):
    page = pages[EVENT_PAGE]
    for n in (1, 2, 3):
        assert f'(../sources/vi-call.md#p{n} "paragraph {n}")' in page
    links = html_of(page).select('a[href="../sources/vi-call.md#p2"]')
    assert links and all(a["title"] == "paragraph 2" for a in links)


def test_a_quote_in_another_language_shows_the_original_beside_its_reviewed_translation(pages):
    soup = html_of(pages[EVENT_PAGE])
    quote = soup.find(class_="chronicle-quote")
    assert quote.find(class_="chronicle-quote__original")["lang"] == "vi"
    translation = quote.find(class_="chronicle-quote__translation")
    assert translation["lang"] == "en" and "chronicle-translation--reviewed" in translation["class"]
    assert translation.find("blockquote").get_text(strip=True) == "The call was very productive."
    assert translation.find(class_="chronicle-translation__status").get_text() == "Translation reviewed by Lan"


def test_a_quote_nobody_translated_says_translation_pending_in_the_page_language(pages):
    soup = html_of(pages["events/xxxx-summit-trump-putin.vi.md"])
    translation = soup.find(class_="chronicle-quote").find(class_="chronicle-quote__translation")
    assert translation["lang"] == "vi" and "chronicle-translation--missing" in translation["class"]
    assert translation.find(class_="chronicle-translation__status").get_text().startswith("Đang chờ bản dịch")


def test_a_quote_in_the_page_language_has_no_translation_box(pages):
    soup = html_of(pages["events/xxxx-summit-trump-putin.md"])
    assert soup.find(class_="chronicle-quote") is not None
    assert soup.find(class_="chronicle-quote__translation") is None


def test_editors_notes_and_corrections_are_marked_as_such(pages):
    soup = html_of(pages[EVENT_PAGE])
    titles = [t.get_text() for t in soup.select(".admonition.editor .admonition-title")]
    assert titles.count("Editor's note") == 3  # the quote's note, the date correction, the annotation
    assert "An editor set the date of this event. Why: The article gives the day only." in soup.get_text()
    plan = html_of(pages["events/xxxx-summit-trump-putin.md"])
    assert "“Buckinghamham Palace” should read “the White House”" in plan.get_text()


def test_a_plan_links_to_what_it_became_and_back(pages):
    assert "What this plan became: [Summit between Donald Trump and Vladimir Putin in Budapest](2026-01-summit-trump-putin.md)" in pages["events/xxxx-summit-trump-putin.md"]
    assert "The plan this event carried out: [" in pages["events/2026-01-summit-trump-putin.md"]


def test_event_page_links_previous_and_next_event(pages):
    page = pages["events/2026-01-summit-trump-putin.md"]
    assert "← Previous event: [Phone call between Donald Trump and Vladimir Putin](2025-02-12-phone-call-trump-putin.md)" in page
    assert "Next event: [Summit between Donald Trump and Vladimir Putin in Budapest \\(planned\\)](xxxx-summit-trump-putin.md) →" in page


# --- the source page ----------------------------------------------------------------------


def test_source_page_shows_an_editors_correction_right_after_its_paragraph(pages):
    soup = html_of(pages["sources/en-summit.md"])
    paragraph = soup.find(id="p2")
    note = paragraph.find_next_sibling()
    assert "editor" in note["class"]
    assert "“Buckinghamham Palace” should read “the White House” — Machine-translation error." in note.get_text()


def test_source_page_shows_each_paragraph_beside_its_translation_with_its_status(pages):
    soup = html_of(pages["sources/vi-call.md"])
    status = {}
    for n in (1, 2, 3):
        original = soup.find(id=f"p{n}")  # the anchor stays on the original paragraph
        assert original.find_parent(class_="chronicle-pair__original")["lang"] == "vi"
        translation = original.find_parent(class_="chronicle-pair").find(class_="chronicle-pair__translation")
        assert translation["lang"] == "en"
        status[n] = translation.find(class_="chronicle-translation__status").get_text()
    assert status[1] == "Translation reviewed by Lan"
    assert status[2].startswith("Translation reviewed by Lan, but the original has changed since: stale")
    assert status[3] == "Machine translation (libretranslate), not reviewed by an editor"
    first = soup.find(id="p1").find_parent(class_="chronicle-pair")
    assert "On 12 February, President Trump held a phone call" in first.get_text()
    assert "Translator's note: The article writes “12/2”" in first.get_text()


def test_a_caption_nobody_translated_has_a_pending_box_never_an_empty_one(pages):
    soup = html_of(pages["sources/vi-call.md"])
    caption = soup.find(class_="chronicle-caption").find_parent(class_="chronicle-pair")
    translation = caption.find(class_="chronicle-pair__translation")
    assert "chronicle-translation--missing" in translation["class"]
    assert translation.get_text(strip=True) == "Translation pending: neither an editor nor a machine has translated this yet."


def test_source_page_shows_the_translated_title_and_counts_each_status(pages):
    soup = html_of(pages["sources/vi-call.md"])
    title = soup.find(class_="chronicle-translation--title")
    assert title.find("strong").get_text() == "Mr Trump holds a phone call with Mr Putin"
    intro = soup.find(class_="chronicle-translation-intro").get_text()
    assert "2 reviewed, 1 stale, 1 machine-translated, 1 pending" in intro


def test_an_article_in_the_page_language_has_no_translation_beside_it(pages):
    for path in ("sources/vi-call.vi.md", "sources/en-summit.md"):
        soup = html_of(pages[path])
        assert soup.find(class_="chronicle-pair") is None and soup.find(class_="chronicle-translation") is None, path
        assert soup.find(id="p1") is not None


def test_the_english_article_on_a_vietnamese_page_waits_for_its_translation_in_vietnamese(pages):
    soup = html_of(pages["sources/en-summit.vi.md"])
    pairs = soup.find_all(class_="chronicle-pair")
    assert len(pairs) == 2
    for pair in pairs:
        assert pair.find(class_="chronicle-pair__original")["lang"] == "en"
        assert pair.find(class_="chronicle-translation__status").get_text().startswith("Đang chờ bản dịch")


def test_source_page_lists_the_events_taken_from_it(pages):
    page = pages["sources/vi-call.md"]
    assert "[Phone call between Donald Trump and Vladimir Putin](../events/2025-02-12-phone-call-trump-putin.md)" in page
    assert "[Statement by Dmitry Peskov](../events/undated-statement-peskov.md)" in page


# --- glossary tooltips ---------------------------------------------------------------------


def test_glossary_terms_are_defined_only_on_the_pages_that_use_them(pages):
    assert "*[Kremlin]: The seat of the Russian presidency." in pages[EVENT_PAGE]
    assert "*[Kremlin]" not in pages["topics/peace-plan.md"]


def test_a_glossary_term_becomes_a_tooltip_in_escaped_text():
    glossary = site_data().glossary
    text = with_abbreviations(md_escape("The Kremlin (Moscow) said so; CAMEO code 041.") + "\n", glossary, "en")
    abbrs = {a.get_text(): a["title"] for a in html_of(text).find_all("abbr")}
    assert abbrs == {"Kremlin": "The seat of the Russian presidency.", "CAMEO": "A scheme for coding political events."}


def test_terms_with_slashes_and_initials_survive_escaping():
    for surface in ("Extended Date/Time Format", "U.N.", "cease-fire", "G-7"):
        assert md_escape(surface) == surface
    for markup in ("1. list", "- item", "# heading", "a *b*", "[x](y)", "<b>", "| cell", "{: .x}", "-1"):
        assert md_escape(markup) != markup
    assert html_of(md_escape("1. not a list")).find("ol") is None


def test_lower_case_glossary_surfaces_are_also_given_with_a_capital():
    from generator.gazetteer import Glossary, GlossaryTerm

    glossary = Glossary([GlossaryTerm("ceasefire", "Ceasefire", "Ngừng bắn", ("ceasefire*",), ("ngừng bắn",), "A halt.", "Dừng.")])
    surfaces = dict(glossary_surfaces(glossary, "en"))
    assert {"ceasefire", "Ceasefire", "ngừng bắn", "Ngừng bắn"} <= set(surfaces)


# --- hostile text ---------------------------------------------------------------------------


def test_hostile_text_comes_out_escaped_in_every_markdown_page(hostile_pages):
    checked = 0
    for path, text in hostile_pages.items():
        if not path.endswith(".md"):
            continue
        soup = html_of(text)
        assert not soup.find_all("script"), path
        assert not [a for a in soup.find_all("a") if a.get("href", "").lower().startswith("javascript")], path
        assert not soup.find_all(["strong", "em"], string="star"), path
        checked += "<script>alert(1)</script>" in soup.get_text()
    assert checked >= 10
    event = html_of(hostile_pages[EVENT_PAGE]).get_text()
    assert "{{ config }} {% raw %} *star* | pipe" in event


def test_hostile_text_is_escaped_in_the_svg_pictures(hostile_pages):
    svgs = {p: t for p, t in hostile_pages.items() if p.endswith(".svg")}
    assert len(svgs) >= 3
    for path, text in svgs.items():
        root = ET.fromstring(text.encode("utf-8"))
        assert root.tag == "{http://www.w3.org/2000/svg}svg", path
        assert all(not el.tag.endswith("script") for el in root.iter()), path
    titles = [t.text for t in ET.fromstring(svgs["assets/generated/timeline.svg"].encode()).iter("{http://www.w3.org/2000/svg}title")]
    assert any(HOSTILE in (t or "") for t in titles)


def test_hostile_glossary_definition_stays_an_attribute(hostile_pages):
    soup = html_of(hostile_pages[EVENT_PAGE])
    abbr = soup.find("abbr", string="Kremlin")
    assert "<script>" in abbr["title"] and not soup.find_all("script")


def test_a_javascript_url_in_an_article_is_not_linked(hostile_pages):
    soup = html_of(hostile_pages["sources/en-summit.md"])
    row = next(tr for tr in soup.find_all("tr") if tr.find("td") and tr.find("td").get_text() == "Original")
    assert row.find("a") is None and "no address known" in row.get_text()


def test_every_page_exists_in_both_languages(pages):
    # mkdocs.yml sets the i18n plugin's reconfigure_search to false (its check for pages
    # without a translation is quadratic): that is right only while no page lacks one
    english = {p for p in pages if p.endswith(".md") and not p.endswith(".vi.md")}
    vietnamese = {p[: -len(".vi.md")] + ".md" for p in pages if p.endswith(".vi.md")}
    assert english == vietnamese
    assert len(english) > 20


def test_every_type_icon_has_its_picture_and_its_rule_in_the_stylesheet():
    from generator.render import DEFAULT_ICON, TYPE_ICONS

    assets = Path(__file__).resolve().parent.parent / "docs" / "assets"
    css = (assets / "chronicle.css").read_text(encoding="utf-8")
    for name in {*TYPE_ICONS.values(), DEFAULT_ICON}:
        picture = assets / "icons" / f"{name}.svg"
        assert picture.is_file(), picture
        assert ET.fromstring(picture.read_bytes()).tag == "{http://www.w3.org/2000/svg}svg"
        assert (f'.chronicle-icon--{name} {{ -webkit-mask-image: url("icons/{name}.svg"); '
                f'mask-image: url("icons/{name}.svg"); }}') in css


def test_template_calls_still_pass_the_context_to_callables_that_ask_for_it():
    # the render's context takes a shorter way for plain methods, functions and macros
    # (generator.render._Context); a callable marked pass_context must still get the context
    from jinja2 import pass_context

    from generator.render import environment

    @pass_context
    def who(context, greeting):
        return f"{greeting}, {context['name']}"

    class Words:
        def upper(self, text):
            return text.upper()

        @pass_context
        def marked(self, context):
            return context["name"] * 2

    template = environment().from_string(
        "{% macro m(x) %}<{{ x }}>{% endmacro %}"
        "{{ who('hi') }} {{ w.upper('a') }} {{ w.marked() }} {{ m(1) }}"
        "{% for i in [1] %}{{ who('loop') }}{{ w.upper('b') }}{% endfor %} {{ d.get('k') }} {{ len([1, 2]) }}")
    text = template.render(name="N", who=who, w=Words(), d={"k": "v"}, len=len)
    assert text == "hi, N A NN <1>loop, NB v 2"
