"""The render stage re-renders only pages whose inputs changed; the site must be the same as a full render.

Each test builds a project (the seeds plus a few hand-written articles), changes
one kind of input the way a user would, runs the whole pipeline again (which
renders incrementally, from data/generated/cache/render.pickle) and compares every
generated file in docs/ with what a full render of the same data gives.
"""

from __future__ import annotations

import json
import shutil
import zlib
from pathlib import Path

import pytest

from generator import pipeline
from generator.render import render_site
from tests.sitebuild import ROOT, make_project

HOLDOUT = ROOT / "tests" / "holdout"
EXTRA = ("h01_riyadh_vi.txt", "h07_istanbul_june_en.txt", "h09_geneva_en.txt")


def build(layout) -> dict[str, int]:
    reports = {r.stage: r for r in pipeline.run_all(layout)}
    return {"written": reports["render"].written, "unchanged": reports["render"].unchanged}


def assert_same_as_full_render(layout) -> None:
    full = render_site(pipeline.site_data(layout))
    listed = set((layout.docs / ".generated-pages").read_text(encoding="utf-8").split())
    assert listed == set(full), f"pages listed but not made: {sorted(listed - set(full))[:5]}, " \
                                f"made but not listed: {sorted(set(full) - listed)[:5]}"
    # newline="": CSV and iCalendar files end their lines with CRLF
    stale = [path for path, text in full.items()
             if (layout.docs / path).open(encoding="utf-8", newline="").read() != text]
    assert not stale, f"{len(stale)} pages differ from a full render, e.g. {stale[:5]}"


@pytest.fixture()
def project(tmp_path: Path):
    layout = make_project(tmp_path, {name: (HOLDOUT / name).read_bytes() for name in EXTRA})
    first = build(layout)
    assert first["written"] > 0
    return layout


def test_rebuild_with_nothing_changed_renders_no_page(project):
    again = build(project)
    assert again["written"] == 0 and again["unchanged"] > 100
    assert_same_as_full_render(project)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer has {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_sentence_rerenders_its_pages_and_matches_a_full_render(project):
    seed = next(p for p in sorted(project.seeds.iterdir()) if p.name.startswith("h07"))
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.rstrip("\n") + "\n\nPresident Zelensky spoke by phone with Emmanuel Macron on Friday.\n",
                    encoding="utf-8")
    again = build(project)
    assert 0 < again["written"] < again["unchanged"]
    assert_same_as_full_render(project)


def test_removed_and_added_articles_match_a_full_render(project):
    (project.seeds / "h09_geneva_en.txt").unlink()
    shutil.copy(HOLDOUT / "h05_alaska_vi.txt", project.seeds / "h05_alaska_vi.txt")
    build(project)
    assert_same_as_full_render(project)


def test_editors_files_and_translations_changes_match_a_full_render(project):
    curated = project.data / "curated" / "seed-facts.yaml"
    _edit(curated, "why:", "why: (checked again)", )
    translations = sorted((project.data / "translations").glob("*.yaml"))
    assert translations, "the repository has reviewed translations"
    text = translations[0].read_text(encoding="utf-8")
    translations[0].write_text(text.replace("Putin", "President Putin", 1), encoding="utf-8")
    build(project)
    assert_same_as_full_render(project)


def test_gazetteer_change_matches_a_full_render(project):
    _edit(project.data / "gazetteer.yaml", "name_en: Sergei Lavrov", "name_en: Sergey Lavrov")
    build(project)
    assert_same_as_full_render(project)


def test_a_page_deleted_by_hand_is_made_again(project):
    victim = next((project.docs / "events").glob("*.md"))
    victim.unlink()
    build(project)
    assert victim.exists()
    assert_same_as_full_render(project)


def _poison_kept_lines(layout, marker: str, name: str = "event_entry", folder: str = "", among=None) -> str:
    """Replace one kept piece (by default a timeline line) of the English render by a marker;
    return that event's id."""
    import pickle

    path = layout.generated / "cache" / "render-lines" / "lines.en.pickle"
    saved = pickle.loads(path.read_bytes())
    key = next(k for k in sorted(saved["items"], key=repr)
               if k[0] == name and k[1] == folder and (among is None or k[3] in among))
    # the lists of paragraphs naming an entity are kept compressed (Renderer.named_in)
    saved["items"][key] = zlib.compress(marker.encode()) if name == "named-in" else marker
    path.write_bytes(pickle.dumps(saved))
    return key[3]


def test_a_list_made_again_takes_the_lines_of_unchanged_events_from_the_last_run(project):
    # proof that the lines are reused: a kept line, altered by hand, shows in the timeline
    # made again because another event's record changed
    poisoned = _poison_kept_lines(project, "KEPT-LINE-MARKER")
    other = next(p for p in sorted(project.events.glob("*.yaml")) if p.stem != poisoned)
    other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    report = pipeline.run_render(project)
    assert report.written > 0
    assert "KEPT-LINE-MARKER" in (project.docs / "timeline.md").read_text(encoding="utf-8")


def test_kept_lines_are_not_used_once_what_every_line_shows_changed(project):
    # a gazetteer change (a name every line may show) makes every line again
    _poison_kept_lines(project, "KEPT-LINE-MARKER")
    _edit(project.data / "gazetteer.yaml", "name_en: Sergei Lavrov", "name_en: Sergey Lavrov")
    build(project)
    assert "KEPT-LINE-MARKER" not in (project.docs / "timeline.md").read_text(encoding="utf-8")
    assert_same_as_full_render(project)


def test_kept_lines_of_a_changed_event_are_not_used(project):
    event_id = _poison_kept_lines(project, "KEPT-LINE-MARKER")
    record = project.events / f"{event_id}.yaml"
    # the event's record changes (as a new extraction or an editor's correction would change it)
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    from generator.render import render_changed

    data = pipeline.site_data(project, with_fingerprints=True)
    timeline = render_changed(data, None, ("en",)).files["timeline.md"]
    assert "KEPT-LINE-MARKER" not in timeline
    assert timeline == render_site(pipeline.site_data(project), ("en",))["timeline.md"]


def test_an_entity_page_made_again_takes_its_list_of_naming_paragraphs_from_the_last_run(project):
    # proof of reuse: the kept list, altered by hand, shows on the page made again because one
    # of the entity's events changed in place (which leaves the paragraphs naming it as they were)
    import yaml

    records = {p: json.dumps(yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(project.events.glob("*.yaml"))}
    entity = _poison_kept_lines(project, "KEPT-LIST-MARKER", name="named-in", folder="people",
                                among={i for text in records.values() for i in json.loads(text).get("participants", [])
                                       for i in ([i["id"]] if isinstance(i, dict) else [i])})
    record = next(p for p, text in records.items() if f'"{entity}"' in text)
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    report = pipeline.run_render(project)
    assert report.written > 0
    assert "KEPT-LIST-MARKER" in (project.docs / "people" / f"{entity}.md").read_text(encoding="utf-8")


def test_an_entity_list_of_naming_paragraphs_is_made_again_when_an_article_title_it_shows_changed(project):
    entity = _poison_kept_lines(project, "KEPT-LIST-MARKER", name="named-in", folder="people")
    page = project.docs / "people" / f"{entity}.md"
    before = page.read_text(encoding="utf-8")
    # an article of the list gets another title: the list must show it
    article = next(p for p in sorted(project.articles.glob("*.yaml"))
                   if f"sources/{p.stem}.md" in before)
    _edit(article, "\ntitle: ", "\ntitle: Retitled - ")
    pipeline.run_render(project)
    text = page.read_text(encoding="utf-8")
    assert "KEPT-LIST-MARKER" not in text and "Retitled" in text
    assert_same_as_full_render(project)


def test_deleting_the_render_cache_makes_every_line_again(project):
    _poison_kept_lines(project, "KEPT-LINE-MARKER")
    (project.generated / "cache" / "render.pickle").unlink()
    (project.docs / "timeline.md").unlink()
    pipeline.run_render(project)
    assert "KEPT-LINE-MARKER" not in (project.docs / "timeline.md").read_text(encoding="utf-8")
    assert_same_as_full_render(project)


def _touch_another_event(layout, than: str) -> None:
    other = next(p for p in sorted(layout.events.glob("*.yaml")) if p.stem != than)
    other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")


@pytest.mark.parametrize("kind, path", [("export:json", "exports/events.json"), ("export:csv", "exports/events.csv"),
                                        ("export:atom", "exports/feed.xml")])
def test_exports_made_again_take_the_rows_of_unchanged_events_from_the_last_run(project, kind, path):
    poisoned = _poison_kept_lines(project, f"KEPT-{kind}-MARKER", kind, "exports")
    _touch_another_event(project, poisoned)
    pipeline.run_render(project)
    assert f"KEPT-{kind}-MARKER" in (project.docs / path).read_text(encoding="utf-8")


def test_export_rows_of_a_changed_event_are_made_again(project):
    poisoned = _poison_kept_lines(project, "KEPT-CSV-MARKER", "export:csv", "exports")
    record = project.events / f"{poisoned}.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    pipeline.run_render(project)
    assert "KEPT-CSV-MARKER" not in (project.docs / "exports/events.csv").read_text(encoding="utf-8")
    assert_same_as_full_render(project)


# --- the export stage (data/generated/events.json) keeps one piece per event file ---------------


def _full_export(layout) -> str:
    from generator import export

    events = pipeline.load_events(layout.events)
    gazetteer, _ = pipeline.load_gazetteer(layout)
    return json.dumps(export.events_json(events, gazetteer), ensure_ascii=False, indent=2) + "\n"


def test_export_stage_after_one_event_changed_reads_that_event_alone(project, monkeypatch):
    read = []
    real = pipeline._event_from_text
    monkeypatch.setattr(pipeline, "_event_from_text", lambda raw, path: read.append(path.name) or real(raw, path))
    record = sorted(project.events.glob("*.yaml"))[1]
    data = pipeline.load_yaml(record)
    data["status"] = "postponed" if data["status"] != "postponed" else "planned"  # a change the export shows
    record.write_text(pipeline.dump_yaml(data), encoding="utf-8")
    assert pipeline.run_export(project).written == 1
    assert read == [record.name]
    assert (project.generated / "events.json").read_text(encoding="utf-8") == _full_export(project)


def test_export_stage_with_its_pieces_damaged_or_gone_writes_the_full_file(project):
    pieces = project.generated / "cache" / "export-pieces.pickle"
    assert pieces.exists()
    for damage in (lambda: pieces.write_bytes(b"not a pickle"), pieces.unlink):
        damage()
        (project.generated / "events.json").unlink()
        pipeline.run_export(project)
        assert (project.generated / "events.json").read_text(encoding="utf-8") == _full_export(project)


def test_export_stage_names_a_broken_event_file(project):
    from generator.store import DataError

    record = sorted(project.events.glob("*.yaml"))[0]
    record.write_bytes(b"id: [unclosed\n")
    with pytest.raises(DataError, match=record.name):
        pipeline.run_export(project)


# --- page inputs kept between runs (render.prepare_inputs) -------------------------------------


def _poison_kept_inputs(layout) -> str:
    """Replace one event's kept page inputs by a marker; return the event's id."""
    import pickle

    path = layout.generated / "cache" / "render-lines" / "inputs.pickle"
    saved = pickle.loads(path.read_bytes())
    version, inputs = saved["items"]["event_inputs"]
    event_id = sorted(inputs)[0]
    inputs[event_id] = ["KEPT-INPUTS-MARKER"]
    path.write_bytes(pickle.dumps(saved))
    return event_id


def _prepared(layout):
    from generator import render, structure

    data = pipeline.site_data(layout, with_fingerprints=True)
    chronicle = structure.build(data)
    pending = render.prepare_inputs(data, chronicle)
    # as the render does when it keys the pages: those not kept are worked out
    for ev in chronicle.events:
        chronicle.memo.setdefault(("event_inputs", ev.id), render.event_inputs(chronicle, ev))
    for page in chronicle.entity_pages.values():
        chronicle.memo.setdefault(("entity_inputs", page.id), render.entity_inputs(page))
    render.keep_inputs(data, chronicle, pending)
    return chronicle


def test_page_inputs_are_taken_from_the_last_run_while_no_event_changed(project):
    event_id = _poison_kept_inputs(project)
    # an article's words change, not its events: what each page shows of other records is the same
    record = sorted(project.articles.glob("*.yaml"))[0]
    data = pipeline.load_yaml(record)
    data["paragraphs"][0]["text"] += " A sentence the editor added."
    record.write_text(pipeline.dump_yaml(data), encoding="utf-8")
    assert _prepared(project).memo[("event_inputs", event_id)] == ["KEPT-INPUTS-MARKER"]


def test_page_inputs_are_worked_out_again_after_an_event_changed(project):
    from generator import render

    event_id = _poison_kept_inputs(project)
    _touch_another_event(project, event_id)
    chronicle = _prepared(project)
    event = chronicle.event(event_id)
    assert chronicle.memo[("event_inputs", event_id)] == render.event_inputs(chronicle, event)
    # and the next run keeps what this one worked out
    assert _prepared(project).memo[("event_inputs", event_id)] == render.event_inputs(chronicle, event)


def test_damaged_kept_inputs_are_worked_out_again_and_kept_by_the_next_render(project):
    from generator import render

    path = project.generated / "cache" / "render-lines" / "inputs.pickle"
    path.write_bytes(b"not a pickle")
    data = pipeline.site_data(project, with_fingerprints=True)
    assert set(render.prepare_inputs(data, render.structure.build(data))) == {"event_inputs", "entity_inputs"}
    (project.docs / "timeline.md").unlink()  # so that the render has a page to make
    # and a render that keys every page: the quick way (only the timeline) works out no inputs
    (project.generated / "cache" / "render-index.pickle").unlink()
    pipeline.run_render(project)
    assert render.prepare_inputs(data, render.structure.build(data)) == {}
    assert_same_as_full_render(project)
