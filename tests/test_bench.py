"""The benchmark's corpus and runner, and the incremental, parallel build they measure.

The benchmark itself (`make bench`) is not part of the test suite; a smoke run
of twenty pages is.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from benchmarks import run as bench
from benchmarks.corpus import PEOPLE, generate
from generator import extract as extract_stage
from generator import incremental, pipeline, store
from generator.gazetteer import Gazetteer, Topics
from generator.ingest import ingest_folder, load_articles
from generator.store import Layout, dump_yaml
from tests.conftest import ROOT


def bench_project(tmp: Path, n: int) -> Layout:
    bench.make_bench_project(tmp, n)
    return Layout(tmp)


def loaded(layout: Layout) -> tuple[Gazetteer, Topics]:
    return pipeline.load_gazetteer(layout)


def as_text(extraction: extract_stage.Extraction) -> str:
    """Everything the extract stage writes, as one text to compare byte for byte."""
    return dump_yaml({
        "events": [e.to_dict() for e in extraction.events],
        "merged": extraction.merge_log,
        "candidates": extraction.candidates,
        "warnings": extraction.warnings,
    })


def records(layout: Layout) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(layout.articles.glob("*.yaml"))}


# --- The corpus ------------------------------------------------------------------


def test_corpus_is_the_same_for_the_same_size_and_seed():
    first, again = generate(40), generate(40)
    assert [(p.name, p.text) for p in first] == [(p.name, p.text) for p in again]
    assert [p.text for p in generate(40, seed=8)] != [p.text for p in first]


def test_corpus_has_both_languages_html_boilerplate_and_events_told_several_times():
    pages = generate(200)
    texts = [p.text for p in pages]
    assert {p.language for p in pages} == {"vi", "en"}
    assert any(p.name.endswith(".html") for p in pages)
    assert any("Tin liên quan" in t for t in texts) and any("RELATED NEWS" in t for t in texts)
    assert any("![](" in t for t in texts)
    events = [p.event for p in pages]
    assert len(set(events)) < len(events)  # several pages tell one event
    assert len({p.event for p in generate(1000)}) >= 4 * len(set(events))  # events grow with N


def test_corpus_people_are_named_as_the_gazetteer_names_them():
    data = yaml.safe_load((ROOT / "data" / "gazetteer.yaml").read_text(encoding="utf-8"))
    names = set()
    for entity in data["entities"]:
        names.add(entity.get("name_en"))
        for aliases in (entity.get("aliases") or {}).values():
            names.update(aliases or [])
    assert [p.name for p in PEOPLE if p.name not in names] == []


# --- Incremental ingest and extract -------------------------------------------


def test_second_build_cleans_and_extracts_nothing_again(tmp_path):
    layout = bench_project(tmp_path, 12)
    gaz, topics = loaded(layout)
    first_ingest = incremental.ingest(layout)
    first = incremental.extract(layout, gaz, topics)
    assert len(first_ingest.cleaned) == 12 and len(first.extracted) == 12
    again_ingest = incremental.ingest(layout)
    again = incremental.extract(layout, gaz, topics)
    assert again_ingest.cleaned == [] and len(again_ingest.reused) == 12
    assert again_ingest.report.unchanged == 12 and again_ingest.report.written == 0
    assert again.extracted == [] and len(again.reused) == 12
    assert as_text(again.extraction) == as_text(first.extraction)


def test_one_changed_page_is_the_only_one_cleaned_and_extracted_again(tmp_path):
    layout = bench_project(tmp_path, 12)
    gaz, topics = loaded(layout)
    incremental.ingest(layout)
    incremental.extract(layout, gaz, topics)
    page = sorted(layout.seeds.iterdir())[3]
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line of prose for the test.\n", encoding="utf-8")
    ingested = incremental.ingest(layout)
    extracted = incremental.extract(layout, gaz, topics)
    assert ingested.cleaned == [page.name]
    assert extracted.extracted == [page.stem]
    # and the result is what a full extraction gives
    full = extract_stage.extract(load_articles(layout), gaz, topics)
    assert as_text(extracted.extraction) == as_text(full)


def test_gazetteer_change_makes_every_article_extracted_again(tmp_path):
    layout = bench_project(tmp_path, 8)
    gaz, topics = loaded(layout)
    incremental.ingest(layout)
    incremental.extract(layout, gaz, topics)
    with layout.gazetteer.open("a", encoding="utf-8") as handle:
        handle.write("\n# an editor's comment\n")
    gaz, topics = loaded(layout)
    assert incremental.ingest(layout).cleaned == []
    assert len(incremental.extract(layout, gaz, topics).extracted) == 8


def test_registry_entry_change_cleans_and_extracts_that_page_again(tmp_path):
    layout = bench_project(tmp_path, 8)
    gaz, topics = loaded(layout)
    incremental.ingest(layout)
    incremental.extract(layout, gaz, topics)
    page = sorted(layout.seeds.iterdir())[2].name
    layout.sources_registry.write_text(
        f"sources:\n  {page}:\n    outlet: Test Outlet\n    why: written for the test\n", encoding="utf-8")
    assert incremental.ingest(layout).cleaned == [page]
    assert incremental.extract(layout, gaz, topics).extracted == [Path(page).stem]


def test_deleted_cache_gives_a_full_run_with_the_same_result(tmp_path):
    layout = bench_project(tmp_path, 8)
    gaz, topics = loaded(layout)
    incremental.ingest(layout)
    first = incremental.extract(layout, gaz, topics)
    shutil.rmtree(layout.generated / "cache")
    assert len(incremental.ingest(layout).cleaned) == 8
    again = incremental.extract(layout, gaz, topics)
    assert len(again.extracted) == 8
    assert as_text(again.extraction) == as_text(first.extraction)


def test_removed_page_leaves_no_cache_behind(tmp_path):
    layout = bench_project(tmp_path, 8)
    gaz, topics = loaded(layout)
    incremental.ingest(layout)
    incremental.extract(layout, gaz, topics)
    gone = sorted(layout.seeds.iterdir())[0]
    gone.unlink()
    incremental.ingest(layout)
    run = incremental.extract(layout, gaz, topics)
    assert gone.stem not in run.reused + run.extracted
    assert not (incremental.extract_cache_folder(layout) / f"{gone.stem}.json").exists()


# --- Parallel == serial -------------------------------------------------------------


def test_parallel_ingest_writes_the_same_records_as_the_serial_one(tmp_path, monkeypatch):
    serial = bench_project(tmp_path / "serial", 60)
    ingest_folder(serial)
    parallel = bench_project(tmp_path / "parallel", 60)
    monkeypatch.setattr(incremental, "PARALLEL_FROM", 2)
    run = incremental.ingest(parallel, workers=2)
    assert len(run.cleaned) == 60
    assert records(parallel) == records(serial)


def test_parallel_extraction_gives_the_same_bytes_as_the_serial_one(tmp_path, monkeypatch):
    layout = bench_project(tmp_path, 60)
    pipeline.run_ingest(layout)
    gaz, topics = loaded(layout)
    serial = extract_stage.extract(load_articles(layout), gaz, topics)
    monkeypatch.setattr(incremental, "PARALLEL_FROM", 2)
    parallel = incremental.extract(layout, gaz, topics, workers=2)
    assert len(parallel.extracted) == 60
    assert as_text(parallel.extraction) == as_text(serial)
    cached = incremental.extract(layout, gaz, topics, workers=2)
    assert cached.extracted == [] and as_text(cached.extraction) == as_text(serial)


def test_chronicle_workers_one_turns_the_pool_off(monkeypatch):
    monkeypatch.setenv("CHRONICLE_WORKERS", "1")
    assert incremental.worker_count() == 1
    monkeypatch.setenv("CHRONICLE_WORKERS", "")
    assert incremental.worker_count() >= 1


# --- YAML read once ------------------------------------------------------------------


def test_yaml_written_in_this_process_reads_back_as_parsing_gives():
    data = {
        "text": "Line one\nline two\r\nwith \u2028 and \x85, trailing space ",
        "looks_like": ["2025-02-10", "null", "yes", "1.0", "0x1F", "~", "- item", ": colon", "#hash"],
        "numbers": [0, -3, 1.5, 1e20, True, None],
        "nested": [{"a": [], "b": {}}],
        "vi": "Tổng thống Nga Vladimir Putin và người đồng cấp Mỹ",
    }
    text = dump_yaml(data)
    assert store.parsed_yaml(text) == data
    assert yaml.load(text, Loader=yaml.SafeLoader) == data


def test_yaml_with_tuples_is_not_remembered_as_written():
    text = dump_yaml({"pair": (1, 2)})
    assert store.parsed_yaml(text) is None
    assert store.parse_yaml(text, "t.yaml") == {"pair": [1, 2]}


def test_parsed_yaml_is_a_fresh_copy_each_time(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("items: [1, 2]\n", encoding="utf-8")
    first = store.load_yaml(path)
    first["items"].append(3)
    assert store.load_yaml(path) == {"items": [1, 2]}


# --- The benchmark runner -------------------------------------------------------------


def test_benchmark_smoke_run_of_twenty_pages(capsys):
    assert bench.main(["--sizes", "20", "--mkdocs-max", "0", "--no-write"]) == 0
    out = capsys.readouterr().out
    assert "| 20 |" in out
    assert "ingest" in out and "extract" in out and "render" in out
    # both edits, each redoing one article's cleaning and extraction
    assert out.count("(1 article, 1 extraction, ") == 2


def test_extract_stage_rewrites_an_event_file_that_was_deleted_or_edited(tmp_path):
    layout = bench_project(tmp_path, 8)
    pipeline.run_ingest(layout)
    first = pipeline.run_extract(layout)
    assert first.written > 0 and first.unchanged == 0
    files = sorted(layout.extracted.glob("*.yaml"))
    before = {p.name: p.read_bytes() for p in files}
    files[0].unlink()
    files[1].write_text("edited by hand\n", encoding="utf-8")
    again = pipeline.run_extract(layout)
    assert (again.written, again.unchanged) == (2, len(files) - 2)
    assert {p.name: p.read_bytes() for p in sorted(layout.extracted.glob("*.yaml"))} == before
    assert pipeline.run_extract(layout).written == 0
