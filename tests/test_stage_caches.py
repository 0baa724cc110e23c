"""The export and translate stages skip their work when their inputs' hashes are unchanged; never when not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import incremental, pipeline
from generator.incremental import FileHashes
from tests.sitebuild import make_project


@pytest.fixture()
def project(tmp_path: Path):
    layout = make_project(tmp_path)
    for _ in pipeline.run_data_stages(layout):
        pass
    return layout


def test_export_is_skipped_when_nothing_changed_and_redone_when_an_event_did(project):
    again = pipeline.run_export(project)
    assert (again.written, again.unchanged) == (0, 1)
    target = project.generated / "events.json"
    event_file = sorted(project.events.glob("*.yaml"))[0]
    text = event_file.read_text(encoding="utf-8")
    event_file.write_text(text.replace("summary_en: ", "summary_en: Edited ", 1), encoding="utf-8")
    redone = pipeline.run_export(project)
    assert redone.written == 1
    assert "Edited " in target.read_text(encoding="utf-8")


def test_export_is_redone_when_its_file_was_changed_by_hand(project):
    target = project.generated / "events.json"
    good = target.read_text(encoding="utf-8")
    target.write_text("[]\n", encoding="utf-8")
    pipeline.run_export(project)
    assert target.read_text(encoding="utf-8") == good


def test_translate_answer_is_reused_only_while_its_inputs_are_the_same(project):
    first = pipeline.translate_run(project)
    cached = pipeline.translate_run(project)
    assert cached.counts == first.counts
    assert cached.report.warnings == first.report.warnings
    # an editor's reviewed translation loses a paragraph: one more unit is pending
    reviewed = sorted(project.translations.glob("*.yaml"))[0]
    text = reviewed.read_text(encoding="utf-8")
    assert "\n  status: reviewed" in text
    reviewed.write_text(text.replace("\n  status: reviewed", "\n  status: missing", 1), encoding="utf-8")
    after = pipeline.translate_run(project)
    language = reviewed.name.split(".")[-2]
    assert after.counts[language].get("missing", 0) == first.counts[language].get("missing", 0) + 1
    (project.generated / "cache" / "translate.pickle").unlink()
    full = pipeline.translate_run(project)
    assert (full.counts, full.report.warnings) == (after.counts, after.report.warnings)


def test_translate_looks_again_only_at_the_changed_article_and_says_what_a_full_run_says(project, monkeypatch):
    pipeline.translate_run(project)
    record = project.articles / "004_aeeb56263c09fa58.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Buckinghamham Palace", "Buckingham Palace"),
                      encoding="utf-8")
    seen = []
    real = pipeline.translate.translate_project
    monkeypatch.setattr(pipeline.translate, "translate_project",
                        lambda layout, articles, *a, **k: seen.extend(x.id for x in articles) or real(layout, articles, *a, **k))
    partial = pipeline.translate_run(project)
    assert seen == ["004_aeeb56263c09fa58"]
    # the reviewed translation of the changed paragraph is stale now: said as a full run says it
    assert any("stale" in w for w in partial.report.warnings)
    (project.generated / "cache" / "translate.pickle").unlink()
    full = pipeline.translate_run(project)
    assert (partial.counts, partial.report.warnings) == (full.counts, full.report.warnings)


# --- Stages that find nothing changed do nothing ------------------------------------


def _snapshot(layout) -> dict[str, str]:
    """Every file the data stages and the render write, by path."""
    found = {}
    for folder in (layout.extracted, layout.events, layout.docs):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                found[str(path)] = path.read_text(encoding="utf-8", errors="replace")
    for name in ("merge-log.yaml", "mentions.json", "unknown-names.yaml", "curation.yaml"):
        found[name] = (layout.generated / name).read_text(encoding="utf-8")
    return found


def _fail(*_args, **_kwargs):
    raise AssertionError("this work should have been skipped")


def test_a_build_with_nothing_changed_merges_curates_and_renders_nothing(project, monkeypatch):
    pipeline.run_render(project)
    before = _snapshot(project)
    monkeypatch.setattr(pipeline.incremental, "Merger", _fail)
    monkeypatch.setattr(pipeline, "curate", _fail)
    monkeypatch.setattr(pipeline, "site_data", _fail)
    reports = {r.stage: r for r in pipeline.run_all(project)}
    assert reports["extract"].unchanged > 0 and reports["extract"].written == 0
    assert reports["curate"].unchanged == reports["extract"].unchanged
    assert reports["render"].written == 0 and reports["render"].unchanged > 0
    assert _snapshot(project) == before


def test_the_skipped_stages_say_what_they_said_when_they_ran(project):
    first = {r.stage: r for r in pipeline.run_all(project)}
    again = {r.stage: r for r in pipeline.run_all(project)}
    for stage in ("extract", "curate", "render"):
        assert (again[stage].read, again[stage].errors, again[stage].warnings) == \
            (first[stage].read, first[stage].errors, first[stage].warnings), stage


@pytest.mark.parametrize("damage", ["edit an extracted record", "delete the merge log", "add a record",
                                    "edit a curated record", "delete curation.yaml", "edit a page"])
def test_a_file_changed_by_hand_is_made_again(project, damage):
    pipeline.run_render(project)
    before = _snapshot(project)
    extracted = sorted(project.extracted.glob("*.yaml"))[0]
    curated = sorted(project.events.glob("*.yaml"))[0]
    page = sorted(project.docs.glob("events/*.md"))[0]
    if damage == "edit an extracted record":
        extracted.write_text(extracted.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    elif damage == "delete the merge log":
        (project.generated / "merge-log.yaml").unlink()
    elif damage == "add a record":
        (project.extracted / "zz-stray.yaml").write_text(extracted.read_text(encoding="utf-8"), encoding="utf-8")
    elif damage == "edit a curated record":
        curated.write_text(curated.read_text(encoding="utf-8").replace("summary_en: ", "summary_en: X", 1), encoding="utf-8")
    elif damage == "delete curation.yaml":
        (project.generated / "curation.yaml").unlink()
    else:
        page.write_text("# vandalised\n", encoding="utf-8")
    for _ in pipeline.run_all(project):
        pass
    assert _snapshot(project) == before


def test_an_editors_file_changed_makes_the_curate_stage_run_again(project):
    pipeline.run_curate(project)
    event = sorted(project.extracted.glob("*.yaml"))[0].stem
    (project.curated / "zz-test.yaml").write_text(
        f"corrections:\n  - event: {event}\n    set: {{place: geneva}}\n    why: written by the test\n", encoding="utf-8")
    again = pipeline.run_curate(project)
    assert again.written >= 1
    assert "place: geneva" in (project.events / f"{event}.yaml").read_text(encoding="utf-8")


def test_an_article_named_by_a_text_fix_changed_makes_the_curate_stage_check_it_again(project):
    first = pipeline.run_curate(project)
    record = project.articles / "004_aeeb56263c09fa58.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Buckinghamham Palace", "Buckingham Palace"),
                      encoding="utf-8")
    again = pipeline.run_curate(project)
    assert len(again.warnings) == len(first.warnings) + 1
    assert any("'Buckinghamham Palace' is not in 004_aeeb56263c09fa58" in w for w in again.warnings)


def test_an_edit_that_changes_no_event_skips_the_merge_and_one_that_does_redoes_it(project, monkeypatch, tmp_path):
    pipeline.run_render(project)
    seed = project.seeds / "001_ffcb7d8877a71e35.txt"  # its events are dated in 2025
    text = seed.read_text(encoding="utf-8")
    merges = []
    real = pipeline.incremental.Merger

    def counting(*args, **kwargs):
        merges.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline.incremental, "Merger", counting)
    # a comment in the page changes its bytes but no article text
    seed.write_text(text + "\n<!-- edited -->\n" if seed.suffix == ".html" else text + "\n", encoding="utf-8")
    for _ in pipeline.run_all(project):
        pass
    assert merges == []
    # another year changes its events' dates
    seed.write_text(text.replace("2025", "2024"), encoding="utf-8")
    for _ in pipeline.run_all(project):
        pass
    assert merges == [1]
    # and what the skipping build left is what a build from nothing makes
    fresh = make_project(tmp_path / "fresh")
    for page in fresh.seeds.iterdir():
        page.write_text((project.seeds / page.name).read_text(encoding="utf-8"), encoding="utf-8")
    for _ in pipeline.run_all(fresh):
        pass
    assert {Path(k).name if "/" in k else k: v for k, v in _snapshot(project).items()} == \
        {Path(k).name if "/" in k else k: v for k, v in _snapshot(fresh).items()}


# --- File hashes kept between runs ---------------------------------------------------


def test_file_hashes_see_a_change_of_size_and_a_rewrite_too_soon_after_they_were_saved(tmp_path):
    index, file = tmp_path / "hashes.pickle", tmp_path / "a.txt"
    file.write_text("first", encoding="utf-8")
    hashes = FileHashes(index)
    first = hashes(file)
    hashes.save()
    # the same size and time, written again at once: the time cannot tell, so the bytes are read
    stat = file.stat()
    file.write_text("other", encoding="utf-8")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert FileHashes(index)(file) != first
    # a file older than the index is trusted by its size and time; a new size is still seen
    old = stat.st_mtime_ns - 3600 * 10**9
    os.utime(file, ns=(old, old))
    later = FileHashes(index)
    digest = later(file)
    later.save()
    file.write_text("a longer text", encoding="utf-8")
    os.utime(file, ns=(old, old))
    assert FileHashes(index)(file) not in (digest, None)
    file.unlink()
    assert FileHashes(index)(file) is None


def test_saved_file_hashes_drop_files_gone_and_keep_those_a_run_did_not_look_at(tmp_path):
    index = tmp_path / "cache" / "hashes.pickle"
    (tmp_path / "sub").mkdir()
    files = [tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "sub" / "c.txt", tmp_path / "sub" / "d.txt"]
    for file in files:
        file.write_text(file.name, encoding="utf-8")
    first = FileHashes(index)
    for file in files:
        first(file)
    first.save()
    files[1].unlink()
    files[3].unlink()
    (tmp_path / "sub" / "new.txt").write_text("new", encoding="utf-8")
    # a run that looks at one new file only: the files it did not look at are kept when they
    # are still there, and dropped when they are gone
    later = FileHashes(index)
    later(tmp_path / "sub" / "new.txt")
    later.save()
    kept = set(FileHashes(index).entries)
    assert kept == {str(files[0]), str(files[2]), str(tmp_path / "sub" / "new.txt")}


def test_records_a_build_did_not_need_to_read_keep_their_parses_for_the_next(project, monkeypatch):
    from generator import store

    def new_process():
        store.forget_parsed()
        store._DISK["seen"].clear()

    for _ in range(2):  # the second build finds nothing changed and reads no record
        new_process()
        for _ in pipeline.run_all(project):
            pass
    new_process()
    parsed = []
    real = store.yaml.load
    monkeypatch.setattr(store.yaml, "load", lambda *a, **k: parsed.append(1) or real(*a, **k))
    seed = project.seeds / "001_ffcb7d8877a71e35.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("2025", "2024"), encoding="utf-8")
    for _ in pipeline.run_all(project):
        pass
    records = sum(len(list(f.glob("*.yaml"))) for f in (project.articles, project.extracted, project.events))
    # the changed article's record and the events it changed are parsed again, not every record
    assert 0 < len(parsed) < records / 2


def test_a_changed_event_makes_translate_look_again_only_at_the_articles_it_quotes(project, monkeypatch):
    pipeline.translate_run(project)
    quoted = next(p for p in sorted(project.events.glob("*.yaml")) if "\nquotes:\n- " in p.read_text(encoding="utf-8"))
    event = pipeline.Event.from_dict(pipeline.load_yaml(quoted))
    articles = {q.article for q in event.quotes}
    first = event.quotes[0].text
    text = quoted.read_text(encoding="utf-8")
    assert text.count(f"  text: {first}\n") == 1
    quoted.write_text(text.replace(f"  text: {first}\n", f"  text: Edited {first}\n"), encoding="utf-8")
    seen = []
    real = pipeline.translate.translate_project
    monkeypatch.setattr(pipeline.translate, "translate_project",
                        lambda layout, arts, *a, **k: seen.extend(x.id for x in arts) or real(layout, arts, *a, **k))
    partial = pipeline.translate_run(project)
    assert seen and set(seen) <= articles
    (project.generated / "cache" / "translate.pickle").unlink()
    full = pipeline.translate_run(project)
    assert (partial.counts, partial.report.warnings) == (full.counts, full.report.warnings)


# --- the file hashes of a whole run are written once, at its end ---------------------------------

def _saves(monkeypatch) -> list[int]:
    """The number of entries of each write of hashes.pickle."""
    from generator import incremental

    writes: list[int] = []
    real = incremental.FileHashes.save

    def save(self, force: bool = False):
        if self.dirty and not (self.deferred and not force):
            writes.append(len(self.entries))
        return real(self, force)

    monkeypatch.setattr(incremental.FileHashes, "save", save)
    incremental._FILE_HASHES.clear()  # as a new run would start
    return writes


def test_a_whole_build_writes_the_file_hashes_once_and_a_stage_alone_still_writes_them(project, monkeypatch):
    writes = _saves(monkeypatch)
    seed = sorted(project.seeds.iterdir())[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nOne more line.\n", encoding="utf-8")
    reports = list(pipeline.run_all(project))
    assert len(reports) == 6 and len(writes) == 1
    saved = FileHashes(project.generated / "cache" / "hashes.pickle").entries
    assert str(project.articles / f"{seed.stem}.yaml") in saved
    writes.clear()
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nAnd another.\n", encoding="utf-8")
    pipeline.run_ingest(project)
    assert len(writes) == 1  # a stage run alone (chronicle ingest) keeps its hashes too


def test_a_build_stopped_by_an_error_still_keeps_the_hashes_it_took(project, monkeypatch):
    writes = _saves(monkeypatch)

    def broken(layout):
        raise RuntimeError("the render failed")

    monkeypatch.setattr(pipeline, "run_render", broken)
    (project.generated / "cache" / "hashes.pickle").unlink()
    with pytest.raises(RuntimeError):
        list(pipeline.run_all(project))
    assert len(writes) == 1
    assert FileHashes(project.generated / "cache" / "hashes.pickle").entries


def test_a_run_collects_cycles_less_often_and_gives_the_collector_back_as_it_was():
    import gc

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with pytest.raises(RuntimeError):
            with incremental.fewer_collections():
                assert gc.get_threshold() == incremental.RUN_GC_THRESHOLDS
                with incremental.fewer_collections():  # the hook inside a build: still raised
                    assert gc.get_threshold() == incremental.RUN_GC_THRESHOLDS
                assert gc.get_threshold() == incremental.RUN_GC_THRESHOLDS
                raise RuntimeError("a stage failed")
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(500_000, 60, 200)  # a caller's own higher setting is never lowered
        with incremental.fewer_collections():
            assert gc.get_threshold() == (500_000, 60, 200)
    finally:
        gc.set_threshold(*before)


def test_within_a_run_a_file_is_looked_at_once_until_the_run_writes_it(tmp_path, monkeypatch):
    from generator import store

    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    hashes = FileHashes(tmp_path / "hashes.pickle")
    stats: list[str] = []
    real_stat = os.stat

    def counted(path, *args, **kwargs):
        stats.append(str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(incremental.os, "stat", counted)
    with store.one_look_per_run():
        first = hashes(folder / "a.yaml")
        # another spelling of the same file shares what was found
        assert hashes(f"{tmp_path}/./records/a.yaml") == first
        assert hashes.folder(folder) == {"a.yaml": first}
        assert len(stats) == 1
        # what the run writes (a new file, a changed one, one removed) is seen at once
        store.write_if_changed(folder / "b.yaml", "b: 2\n")
        store.write_if_changed(folder / "a.yaml", "a: 3\n")
        after = hashes.folder(folder)
        assert sorted(after) == ["a.yaml", "b.yaml"] and after["a.yaml"] != first
        assert store.names_in(folder) == ["a.yaml", "b.yaml"]
        store.remove_stale(folder, {"b.yaml"})
        assert store.names_in(folder) == ["b.yaml"] and hashes(folder / "a.yaml") is None
        assert list(hashes.folder(folder)) == ["b.yaml"]
    # outside a run every call looks at the disk (a long preview server sees each edit)
    (folder / "c.yaml").write_text("c: 4\n", encoding="utf-8")
    assert store.names_in(folder) == ["b.yaml", "c.yaml"]
    assert store.run_memo() is None


def test_a_whole_build_stats_each_page_and_record_no_more_than_twice(project, monkeypatch):
    list(pipeline.run_all(project))
    seen: dict[str, int] = {}
    real_stat = os.stat

    def counted(path, *args, **kwargs):
        seen[str(path)] = seen.get(str(path), 0) + 1
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(incremental.os, "stat", counted)
    seed = sorted(project.seeds.iterdir())[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nOne more line.\n", encoding="utf-8")
    list(pipeline.run_all(project))
    folders = {str(f) for f in (project.seeds, project.articles, project.extracted, project.events)}
    records = {p: n for p, n in seen.items() if os.path.dirname(p) in folders}
    assert len(records) > 3 * len(list(project.seeds.iterdir())), "the build looked at too few records"
    # an article record is looked at when ingest writes it and once more after: not by each stage
    assert max(records.values()) <= 2, sorted(records.items(), key=lambda kv: -kv[1])[:3]


def test_a_run_removes_the_json_manifests_an_earlier_version_left_and_keeps_its_own(project):
    cache = project.generated / "cache"
    for name in pipeline.OLD_CACHE_FILES:
        (cache / name).parent.mkdir(parents=True, exist_ok=True)
        (cache / name).write_text("{}\n", encoding="utf-8")
    again = pipeline.run_ingest(project)
    assert again.written == 0 and again.unchanged > 0  # its own manifest (a pickle) was read
    assert [name for name in pipeline.OLD_CACHE_FILES if (cache / name).exists()] == []
    assert (cache / "ingest.pickle").is_file() and (cache / "translate.pickle").is_file()
    assert (cache / "outputs" / "curate.pickle").is_file()


def test_the_parse_cache_is_walked_for_stale_documents_once_enough_files_changed(project, monkeypatch):
    from benchmarks.run import change_one_page
    from generator import store

    walks: list[int] = []
    real = store.prune_parse_cache
    monkeypatch.setattr(store, "prune_parse_cache", lambda live=(): walks.append(len(list(live))) or real(live))

    def build():
        for _ in pipeline.run_all(project):
            pass

    build()
    walks.clear()
    build()
    assert walks == []  # nothing changed: nothing to walk
    counter = project.generated / "cache" / "parsed-changes"
    monkeypatch.setattr(pipeline, "PRUNE_MIN", 10**9)
    change_one_page(project.seeds, "text")
    build()
    one_edit = int(counter.read_text(encoding="utf-8"))
    assert walks == [] and one_edit > 0  # counted, not walked
    monkeypatch.setattr(pipeline, "PRUNE_MIN", one_edit + 1)
    before = one_edit
    for _ in range(10):
        change_one_page(project.seeds, "text")
        build()
        if walks:
            break
        now = int(counter.read_text(encoding="utf-8"))
        assert before < now < pipeline.PRUNE_MIN
        before = now
    assert walks, "the parse cache was never walked"
    assert not counter.exists()  # counted again from nothing
    cache = project.generated / "cache" / "parsed"
    live = {d for folder in (project.articles, project.extracted, project.events)
            for d in incremental.file_hashes(project).folder(folder).values()}
    # what is left is in use: the records' documents, and those this run read of other files
    assert len(live) <= len(list(cache.glob("*/*.json"))) <= len(live) + 5
