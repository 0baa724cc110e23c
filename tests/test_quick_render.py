"""After a change of articles' text or translations alone, the render reads the events, every
article's head (kept by the last run) and the text of the articles the changed pages show, and
makes only those pages: the site must still be the same as a full render.

Each test proves the quick way was taken: the articles folder is not loaded as a whole
(``pipeline.load_records`` of it fails), unless the test is about falling back.
"""

from __future__ import annotations

import hashlib
import json
import pickle

import pytest
import yaml

from generator import pipeline
from generator.models import Article, BodyNotLoaded, Paragraph, head_only
from generator.render import localised
from tests import test_incremental_render as base
from tests.test_incremental_render import _edit, assert_same_as_full_render
from tests.test_incremental_render_review import _write_reviewed

project = base.project  # the seeds and three holdout articles, built once

GENEVA = "h09_geneva_en"
# a sentence that tells no event and names no entity that was not named before
TYPO = ("The Pentagon declined to comment", "The Pentagon declined to offer comment")


def _event_files(layout) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(layout.events.glob("*.yaml"))}


def _data_stages(layout) -> None:
    for _ in pipeline.run_data_stages(layout):
        pass


def _watch_article_loads(monkeypatch, forbid: bool = False) -> list:
    """The folders ``pipeline.load_records`` loads from now on (with ``forbid``, loading the whole
    articles folder fails: the render must not need every article)."""
    real, loaded = pipeline.load_records, []

    def watched(layout, folder, make):
        if forbid and folder == layout.articles:
            raise AssertionError("the render loaded every article")
        loaded.append(folder)
        return real(layout, folder, make)

    monkeypatch.setattr(pipeline, "load_records", watched)
    return loaded


def _render_from_every_article(layout, monkeypatch) -> None:
    """The render, checked to have loaded every article (not the quick way) and to give the site
    a full render gives."""
    loaded = _watch_article_loads(monkeypatch)
    pipeline.run_render(layout)
    monkeypatch.undo()
    assert layout.articles in loaded
    assert_same_as_full_render(layout)


def _typo_then_render(layout, monkeypatch):
    events = _event_files(layout)
    _edit(layout.seeds / f"{GENEVA}.txt", *TYPO)
    _data_stages(layout)
    assert _event_files(layout) == events, "the edit was meant to change no event"
    _watch_article_loads(monkeypatch, forbid=True)
    report = pipeline.run_render(layout)
    monkeypatch.undo()
    return report


def test_a_typo_remakes_its_articles_pages_without_loading_every_article(project, monkeypatch):
    page = localised(f"sources/{GENEVA}.md", "en")
    report = _typo_then_render(project, monkeypatch)
    assert "declined to offer comment" in (project.docs / page).read_text(encoding="utf-8")
    articles = len(list(project.articles.glob("*.yaml")))
    events = len(list(project.events.glob("*.yaml")))
    # the events, and of the articles only those the remade pages show
    assert events < report.read < events + articles
    assert report.written >= 1
    assert_same_as_full_render(project)


def test_a_translation_of_a_quote_reaches_the_event_page_by_the_quick_way(project, monkeypatch):
    event = yaml.safe_load((project.events / "2025-11-24-meeting-rubio-yermak.yaml").read_text(encoding="utf-8"))
    quote = next(q for q in event["quotes"] if q["article"] == GENEVA)
    _write_reviewed(project, "quotes", {"paragraph": quote["paragraph"]}, quote["text"], "Trích dẫn đã duyệt, cách nhanh")
    _data_stages(project)
    _watch_article_loads(monkeypatch, forbid=True)
    pipeline.run_render(project)
    monkeypatch.undo()
    page = localised("events/2025-11-24-meeting-rubio-yermak.md", "vi")
    assert "Trích dẫn đã duyệt, cách nhanh" in (project.docs / page).read_text(encoding="utf-8")
    assert_same_as_full_render(project)


def test_pages_deleted_by_hand_are_made_again_by_the_quick_way(project, monkeypatch):
    # an event page of another article, and the list of sources: each shows articles of its own
    victims = [project.docs / "sources" / "index.md",
               next(p for p in sorted((project.docs / "events").glob("*.md")) if "geneva" not in p.name)]
    for victim in victims:
        victim.unlink()
    _typo_then_render(project, monkeypatch)
    assert all(victim.exists() for victim in victims)
    assert_same_as_full_render(project)


def test_a_changed_title_is_rendered_from_every_article(project, monkeypatch):
    """A title shows in lists and links all over the site: not a change the quick way takes."""
    _edit(project.seeds / f"{GENEVA}.txt", "US, Ukraine say Geneva talks", "US and Ukraine say Geneva talks")
    _data_stages(project)
    _render_from_every_article(project, monkeypatch)


def test_an_index_of_an_earlier_run_is_not_used(project, monkeypatch):
    """The index that says which pages show which article belongs to the render.pickle beside it: an
    older one (a run that stopped between the two files, a copy put back) is left alone."""
    index = project.generated / "cache" / "render-index.pickle"
    older = index.read_bytes()
    _edit(project.seeds / f"{GENEVA}.txt", *TYPO)
    _data_stages(project)
    pipeline.run_render(project)
    index.write_bytes(older)
    _edit(project.seeds / f"{GENEVA}.txt", TYPO[1], TYPO[0])  # back to the text the old index saw
    _data_stages(project)
    _render_from_every_article(project, monkeypatch)


def test_a_page_that_needs_an_article_its_index_does_not_name_falls_back_to_a_full_render(project, monkeypatch):
    """An index that leaves out an article a page shows (a bug in the declared inputs) must not
    give a page without that article's text: the render starts again from every article."""
    index_file = project.generated / "cache" / "render-index.pickle"
    saved = pickle.loads(index_file.read_bytes())
    source_page = localised(f"sources/{GENEVA}.md", "en")
    # the Geneva article's own page, as if it showed some other article instead
    saved["items"]["articles_of"] = {page: (("h07_istanbul_june_en",) if GENEVA in shown else shown)
                                     for page, shown in saved["items"]["articles_of"].items()}
    index_file.write_bytes(pickle.dumps(saved))
    (project.docs / source_page).unlink()  # deleted by hand: the quick way has to make it
    loaded = _watch_article_loads(monkeypatch)
    pipeline.run_render(project)
    monkeypatch.undo()
    assert project.articles in loaded  # the quick way was tried, found wanting, and left
    assert (project.docs / source_page).exists()
    assert_same_as_full_render(project)


def test_an_article_loaded_as_its_head_says_so_when_its_text_is_read():
    article = Article("a1", "a1.txt", "Title", False, "en", [Paragraph(1, "One."), Paragraph(2, "Two.")])
    head = head_only(article)
    assert (head.title, len(head.paragraphs), bool(head.captions)) == ("Title", 2, False)
    assert pickle.loads(pickle.dumps(head)).paragraphs.count == 2
    with pytest.raises(BodyNotLoaded, match="a1: its text was not loaded"):
        list(head.paragraphs)
    with pytest.raises(BodyNotLoaded):
        head.paragraphs[0]


@pytest.mark.parametrize("how", ["deleted", "of other articles"])
def test_a_render_without_the_extract_stages_mentions_finds_them_in_every_article(project, monkeypatch, how):
    """Entity pages show which paragraphs name each entity, which the extract stage lists
    (mentions.json); without that list for these articles (deleted, or a render after ingest
    alone) they are found in the text again, which the heads alone do not have."""
    mentions = project.generated / pipeline.MENTIONS_FILE
    if how == "deleted":
        mentions.unlink()
    else:
        saved = json.loads(mentions.read_text(encoding="utf-8"))
        mentions.write_text(json.dumps({**saved, "articles": saved["articles"][1:]}), encoding="utf-8")
    pipeline.run_render(project)
    _edit(project.seeds / f"{GENEVA}.txt", *TYPO)
    pipeline.run_ingest(project)
    _render_from_every_article(project, monkeypatch)
