"""Review of the render stage's declared dependencies: each test changes one thing that a page
shows although it is not one of that page's own records, and checks that the incremental site
is still the same as a full render (see tests/test_incremental_render.py for the helpers).

Each test first checks that its change really reaches the site (the page it targets differs
from before), so that a test cannot pass because the edit had no effect.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from generator import translate
from generator.render import localised
from tests import test_incremental_render as base
from tests.test_incremental_render import _edit, assert_same_as_full_render, build

project = base.project  # the same fixture: a project of the seeds and three holdout articles, built once


def _files(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.yaml"))}


def _read(layout, page: str) -> str:
    return (layout.docs / page).read_text(encoding="utf-8")


def _full(layout) -> dict[str, str]:
    from generator import pipeline
    from generator.render import render_site

    return render_site(pipeline.site_data(layout))


H07 = "h07_istanbul_june_en.txt"
ISTANBUL_TALKS = "2025-06-02-negotiation-round-russia-ukraine"


# --- section indexes: mention counts come from the articles' text, not from the events -----------

@pytest.mark.parametrize("old, new, place", [
    # a new last paragraph (the article's heading changes: its paragraph count)
    ("Our Standards: The Thomson Reuters Trust Principles.",
     "Our Standards: The Thomson Reuters Trust Principles.\n\nAnalysts in Moscow followed the talks closely.", "moscow"),
    # a paragraph edited in place (no event, no heading changes: "*heads" would not help either)
    ("Ukraine said it would study the document.",
     "Ukraine said it would study the document, which Washington has also seen.", "washington"),
], ids=["new-paragraph", "edited-paragraph"])
def test_a_new_mention_without_a_new_event_updates_the_section_index_counts(project, old, new, place):
    """people/actors/places index pages show each entity's number of mentions (paragraphs of
    articles naming it); they are declared to depend on "*events" only."""
    events_before = _files(project.events)
    before = _read(project, "places/index.md")
    entity_page = _read(project, f"places/{place}.md")
    _edit(project.seeds / H07, old, new)
    build(project)
    assert _files(project.events) == events_before, "the edit was meant to change mentions only, no event"
    full = _full(project)
    assert full["places/index.md"] != before, "the full render's places index shows the new mention count"
    assert full[f"places/{place}.md"] != entity_page, "the place's page lists the new paragraph under \"named in\""
    assert_same_as_full_render(project)


# --- an event's summary (its place) changes while its id stays -----------------------------------

def test_an_event_summary_change_reaches_prev_next_related_entity_topic_and_source_pages(project):
    """An event's summary is shown on its neighbours' prev/next links, on related events' lists,
    on entity tables and counterparts, on topic pages, on its sources' pages and the timeline."""
    _edit(project.seeds / H07, "negotiators met in Istanbul on Monday", "negotiators met in Ankara on Monday")
    build(project)
    text = (project.events / f"{ISTANBUL_TALKS}.yaml").read_text(encoding="utf-8")
    assert "in Ankara" in text, "the event kept its id and its summary now names Ankara"
    assert_same_as_full_render(project)


# --- an article's heading: title shown on other pages ------------------------------------------

def test_an_article_title_edit_reaches_event_entity_home_and_sources_pages(project):
    """Event pages (sources, outcomes, quotes), entity pages ("named in"), the home page and the
    sources index show article titles."""
    events_before = _files(project.events)
    _edit(project.seeds / H07, "Russia and Ukraine agree on prisoner swap at brief Istanbul talks, no ceasefire",
          "Russia and Ukraine agree on a prisoner exchange in Istanbul, still no ceasefire")
    build(project)
    assert _files(project.events) == events_before, "a title edit was meant to leave the events as they are"
    assert "prisoner exchange in Istanbul" in _read(project, f"events/{ISTANBUL_TALKS}.md")
    assert_same_as_full_render(project)


# --- translations ---------------------------------------------------------------------------

def _write_reviewed(project, section: str, where: dict, source: str, text: str) -> None:
    """An editor's reviewed translation into Vietnamese of one unit of h09_geneva_en."""
    entry = translate.Entry(translate.source_hash(source), text, "reviewed", by="reviewer", source=source)
    data = {"article": "h09_geneva_en", "source_language": "en", "language": "vi",
            section: [{**where, **entry.to_dict()}]}
    (project.translations / translate.file_name("h09_geneva_en", "vi")).write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_new_reviewed_translation_of_a_quote_reaches_the_event_page(project):
    """An event page shows its quotes' translations (and their status, translator's name): they
    are in the article's translation files, not in the event's record."""
    event = yaml.safe_load((project.events / "2025-11-24-meeting-rubio-yermak.yaml").read_text(encoding="utf-8"))
    quote = next(q for q in event["quotes"] if q["article"] == "h09_geneva_en")
    page = localised("events/2025-11-24-meeting-rubio-yermak.md", "vi")
    before = _read(project, page)
    _write_reviewed(project, "quotes", {"paragraph": quote["paragraph"]}, quote["text"], "Bản dịch đã duyệt của trích dẫn")
    build(project)
    assert "Bản dịch đã duyệt của trích dẫn" in _full(project)[page] != before
    assert_same_as_full_render(project)


def test_a_reviewed_translation_of_a_paragraph_reaches_the_source_page(project):
    """A source page in the other language shows the paragraphs' translations and their counts."""
    article = yaml.safe_load((project.articles / "h09_geneva_en.yaml").read_text(encoding="utf-8"))
    paragraph = next(p for p in article["paragraphs"] if p.get("kind") == "text")
    _write_reviewed(project, "paragraphs", {"n": paragraph["n"]}, paragraph["text"], "Đoạn văn đã dịch và duyệt")
    build(project)
    assert "Đoạn văn đã dịch và duyệt" in _read(project, localised("sources/h09_geneva_en.md", "vi"))
    assert_same_as_full_render(project)


# --- editors' notes and links -----------------------------------------------------------------

def test_an_editors_note_on_a_quote_reaches_the_event_and_source_pages(project):
    """Notes on quotes and paragraphs are in data/generated/curation.yaml, not in any event record."""
    (project.curated / "review-notes.yaml").write_text(yaml.safe_dump({"annotations": [{
        "quote": {"article": "h09_geneva_en", "paragraph": 5},
        "text_en": "Checked against the White House readout.",
        "why": "review",
    }]}), encoding="utf-8")
    build(project)
    assert "Checked against the White House readout" in _read(project, "events/2025-11-24-meeting-rubio-yermak.md")
    assert_same_as_full_render(project)


def test_a_plan_link_set_by_an_editor_follows_the_linked_events_later_changes(project):
    """An event page shows the event its plan became (summary, date, status): after the link is
    set, a change to that other event alone must still reach the page."""
    (project.curated / "review-links.yaml").write_text(yaml.safe_dump({"corrections": [{
        "event": {"id": "2025-05-16-negotiation-round-russia-ukraine"},
        "set": {"became": ISTANBUL_TALKS},
        "why": "review",
    }]}), encoding="utf-8")
    build(project)
    assert_same_as_full_render(project)
    _edit(project.seeds / H07, "negotiators met in Istanbul on Monday", "negotiators met in Ankara on Monday")
    build(project)
    assert "in Ankara" in _read(project, "events/2025-05-16-negotiation-round-russia-ukraine.md")
    assert_same_as_full_render(project)


# --- participants: counterparts, talks pictures, members ----------------------------------------

def test_a_changed_participant_reaches_counterparts_and_talks_pictures(project):
    """A person's page lists the people they talked to and the events; the person's talks picture
    and the people index's table and picture show them too."""
    _edit(project.seeds / H07, "Russia's delegation was again led by presidential aide Vladimir Medinsky",
          "Russia's delegation was again led by Foreign Minister Sergei Lavrov")
    build(project)
    assert_same_as_full_render(project)



def test_a_machine_translation_reaches_the_source_page(project):
    """Machine translations (data/generated/translations/) are shown, marked as such, on the other
    language's source page: they count as part of the article as the reviewed ones do."""
    article = yaml.safe_load((project.articles / "h09_geneva_en.yaml").read_text(encoding="utf-8"))
    paragraph = next(p for p in article["paragraphs"] if p.get("kind") == "text")
    entry = translate.Entry(translate.source_hash(paragraph["text"]), "Bản dịch máy của đoạn văn", "machine",
                            engine="review-engine", engine_version="1", date="2026-01-01",
                            source=paragraph["text"])
    data = {"article": "h09_geneva_en", "source_language": "en", "language": "vi",
            "paragraphs": [{"n": paragraph["n"], **entry.to_dict()}]}
    project.machine_translations.mkdir(parents=True, exist_ok=True)
    (project.machine_translations / translate.file_name("h09_geneva_en", "vi")).write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(project)
    assert "Bản dịch máy của đoạn văn" in _read(project, localised("sources/h09_geneva_en.md", "vi"))
    assert_same_as_full_render(project)


# --- the list of sources shows each article's number of events, not the events ---------------------

def _rendered_templates(monkeypatch) -> list[str]:
    from generator import render

    made: list[str] = []
    real = render.Renderer.page
    monkeypatch.setattr(render.Renderer, "page", lambda self, template, path, **kw: made.append(path) or real(self, template, path, **kw))
    return made


def test_an_event_changed_in_place_leaves_the_list_of_sources_as_it_is(project, monkeypatch):
    from generator import pipeline

    record = project.events / f"{ISTANBUL_TALKS}.yaml"
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    data["status"] = "postponed" if data["status"] != "postponed" else "planned"
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    made = _rendered_templates(monkeypatch)
    pipeline.run_render(project)
    assert f"events/{ISTANBUL_TALKS}.md" in made, "the change reached the render"
    assert "sources/index.md" not in made
    assert_same_as_full_render(project)


def test_an_event_gone_from_an_article_makes_the_list_of_sources_again(project, monkeypatch):
    from generator import pipeline

    (project.events / f"{ISTANBUL_TALKS}.yaml").unlink()
    made = _rendered_templates(monkeypatch)
    pipeline.run_render(project)
    assert "sources/index.md" in made
    assert_same_as_full_render(project)
