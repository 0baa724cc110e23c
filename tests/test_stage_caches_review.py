"""Holes a review of the stages' skips found, each pinned by the case that showed it.

A stage skips its work when its inputs' hashes and the files it wrote are as
last time (generator/incremental.py); each test below is a way that went
wrong: code outside a stage's list of files, a copied project checking the
original's files, a rewrite within one tick of the clock, a render input
missing from its fingerprints, a translate reuse without an article's quotes,
and an article named by an editors' file in a way a substring search missed.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from generator import incremental, pipeline
from generator.store import Layout
from tests.sitebuild import make_project


# --- Hole: the code lists in the stages' keys miss files whose code decides the stage's output, so an
# edit of those files (a rule change, an upgrade of the generator) leaves the stage skipped.
# Each test edits a copy of generator/ that incremental.code_version reads (incremental._GENERATOR).


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    layout = make_project(tmp_path_factory.mktemp("p"))
    for _ in pipeline.run_data_stages(layout):
        pass
    return layout


@pytest.fixture()
def code(tmp_path, monkeypatch):
    copy = tmp_path / "generator"
    shutil.copytree(incremental._GENERATOR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(incremental, "_GENERATOR", copy)

    def edit(name: str) -> None:
        path = copy / name
        path.write_bytes(path.read_bytes() + (b"\n" if name.endswith(".json") else b"\n# a rule changed\n"))

    return edit


def curate_key(project) -> str:
    curation = pipeline.load_curation(project.curated, project.root)
    return pipeline._curate_key(project, curation, [p.stem for p in pipeline.store.files_in(project.articles)])


@pytest.mark.parametrize("name", ["dates.py"])  # curate.py imports parse_edtf (date corrections)
def test_curate_key_covers(project, code, name):
    before = curate_key(project)
    code(name)
    assert curate_key(project) != before


def _merge_key(project) -> str:
    keys = []
    gazetteer, topics = pipeline.load_gazetteer(project)
    incremental.extract(project, gazetteer, topics, workers=1, reuse_outputs=lambda k: keys.append(k) or True)
    return keys[0]


# the merge and ids are made in incremental.py; merge-log/mentions/unknown-names and the stage's warnings
# are written by pipeline.run_extract; the records are dumped by store.py
@pytest.mark.parametrize("name", ["incremental.py", "pipeline.py", "store.py"])
def test_extract_merge_key_covers(project, code, name):
    before = _merge_key(project)
    code(name)
    assert _merge_key(project) != before


# translate.py imports check.py (which translations files are accepted) and store.py (dump of machine files),
# the records are read by ingest.load_article; the translations schema decides which files load
@pytest.mark.parametrize("name", ["check.py", "store.py", "ingest.py", "schemas/translations.schema.json"])
def test_translate_reuse_stops_when_code_changes(project, code, name, monkeypatch):
    pipeline.translate_run(project)
    pipeline.translate_run(project)
    code(name)
    seen = {}
    real = pipeline.translate.translate_project
    monkeypatch.setattr(pipeline.translate, "translate_project",
                        lambda *a, **k: seen.update(reuse=k.get("reuse")) or real(*a, **k))
    pipeline.translate_run(project)
    assert not seen["reuse"], f"articles reused after {name} changed"


# render: translate.TranslationStore.load uses check.py and the translations schema; extract.py uses lexicon.py
@pytest.mark.parametrize("name", ["check.py", "lexicon.py", "schemas/translations.schema.json"])
def test_render_key_covers(project, code, name):
    before = pipeline.fingerprints(project)["*global"]
    code(name)
    assert pipeline.fingerprints(project)["*global"] != before


# export (older, pre-existing): export.py imports dates.py (format_date) and i18n.py (labels)
@pytest.mark.parametrize("name", ["dates.py", "i18n.py"])
def test_export_key_covers(project, code, name, monkeypatch):
    pipeline.run_export(project)
    made = []
    real = pipeline.export.event_json_text
    monkeypatch.setattr(pipeline.export, "event_json_text", lambda *a, **k: made.append(1) or real(*a, **k))
    pipeline.run_export(project)
    assert made == []
    code(name)
    pipeline.run_export(project)
    assert len(made) == len(list(project.events.glob("*.yaml")))  # every event's piece made again


def test_the_stages_own_files_change_their_keys(project, code):
    """The harness works: files the lists always had change each key too."""
    c0, m0, r0 = curate_key(project), _merge_key(project), pipeline.fingerprints(project)["*global"]
    for name in ("curate.py", "extract.py", "render.py"):
        code(name)
    assert curate_key(project) != c0 and _merge_key(project) != m0
    assert pipeline.fingerprints(project)["*global"] != r0


# --- Hole: incremental.record_outputs keeps ABSOLUTE paths of the files and folders a stage wrote.
# A copy of the project (cp -r, with data/generated/) then checks the ORIGINAL project's outputs
# in outputs_stand, and skips the stage although the copy's own outputs were deleted/edited.


@pytest.fixture()
def copy(tmp_path: Path) -> Layout:
    original = make_project(tmp_path / "a")
    for _ in pipeline.run_data_stages(original):
        pass
    shutil.copytree(original.root, tmp_path / "b", symlinks=True)
    return Layout(tmp_path / "b")


def test_extract_in_a_copy_remakes_its_own_edited_record(copy):
    extracted = sorted(copy.extracted.glob("*.yaml"))[0]
    good = extracted.read_text(encoding="utf-8")
    extracted.write_text("# vandalised\n", encoding="utf-8")
    pipeline.run_extract(copy)
    assert extracted.read_text(encoding="utf-8") == good, "extract was skipped: it checked the original's files"


def test_curate_in_a_copy_remakes_its_own_deleted_record(copy):
    victim = sorted(copy.events.glob("*.yaml"))[0]
    good = victim.read_text(encoding="utf-8")
    victim.unlink()
    pipeline.run_curate(copy)
    assert victim.exists() and victim.read_text(encoding="utf-8") == good, "curate was skipped: it checked the original's files"


# --- Hole: FileHashes applies git's "racily clean" rule only when hashes.pickle is LOADED. In a process that
# runs the stages more than once (mkdocs serve's hook: _FILE_HASHES lives as long as the process), an entry
# for a file hashed in the same timestamp tick as a later rewrite of the same size is trusted for ever.
# The rewrite's mtime is set back with os.utime to model a coarse clock (1-2 s file systems, or two writes
# within one kernel tick on ext4/tmpfs), as tests/test_stage_caches.py does for the load path.


def _fix(event: str, summary: str) -> str:
    return f"corrections:\n  - event: {event}\n    set: {{summary_en: {summary}}}\n    why: written by the test\n"


def test_a_rewrite_in_the_same_tick_is_seen_by_the_same_process(tmp_path: Path):
    project = make_project(tmp_path)
    for _ in pipeline.run_data_stages(project):
        pass
    event = sorted(project.extracted.glob("*.yaml"))[0].stem
    editors = project.curated / "zz-test.yaml"
    editors.write_text(_fix(event, "AAAA"), encoding="utf-8")
    pipeline.run_curate(project)  # hashes the editors' file, a moment after it was written
    assert "summary_en: AAAA" in (project.events / f"{event}.yaml").read_text(encoding="utf-8")
    stat = editors.stat()
    editors.write_text(_fix(event, "BBBB"), encoding="utf-8")  # same size, same inode
    os.utime(editors, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same tick
    # the same process, whose hash of the file was taken in that tick, must not trust it either
    pipeline.run_curate(project)
    assert "summary_en: BBBB" in (project.events / f"{event}.yaml").read_text(encoding="utf-8")


def test_a_rewrite_in_the_hashing_tick_is_not_trusted_after_a_long_stage(tmp_path, monkeypatch):
    """Same root cause, across processes: the rule compares mtime with when the index was SAVED,
    not with when the file was HASHED; a stage longer than RACY_NS (ingest/extract of a large
    chronicle) saves long after it hashed, so an entry from the hashing tick is trusted on load."""
    index, file = tmp_path / "hashes.pickle", tmp_path / "a.txt"
    file.write_text("first", encoding="utf-8")
    hashes = incremental.FileHashes(index)
    first = hashes(file)
    stat = file.stat()
    file.write_text("other", encoding="utf-8")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # written in the tick it was hashed in
    real = incremental.time.time_ns
    monkeypatch.setattr(incremental.time, "time_ns", lambda: real() + 30 * 10**9)  # the stage went on 30 s
    hashes.save()
    assert incremental.FileHashes(index)(file) != first


# --- Hole: run_render skips when fingerprints(layout) is unchanged, but the pages also show
# data/generated/mentions.json (site_data -> load_mentions), which is not in the fingerprints.
# Per-page keys include the mentions (entity_inputs), but the whole-render skip bypasses them.


def _docs(layout) -> dict[str, str]:
    return {str(p.relative_to(layout.docs)): p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(layout.docs.rglob("*")) if p.is_file()}


def test_render_after_extract_updates_mentions_is_not_skipped(tmp_path: Path):
    project = make_project(tmp_path)
    for _ in pipeline.run_all(project):
        pass
    seed = project.seeds / "004_aeeb56263c09fa58.txt"
    text = seed.read_text(encoding="utf-8")
    assert "economic cooperation" in text
    seed.write_text(text.replace("economic cooperation", "economic cooperation with Finland", 1), encoding="utf-8")
    # stages run one by one, the render before the extract (`chronicle ingest`, `chronicle render`, ...)
    pipeline.run_ingest(project)
    pipeline.run_render(project)          # mentions.json is still the old one
    events_before = {p.name: p.read_bytes() for p in project.events.glob("*.yaml")}
    pipeline.run_extract(project)         # writes the new mentions.json
    pipeline.run_curate(project)
    assert {p.name: p.read_bytes() for p in project.events.glob("*.yaml")} == events_before  # the edit told no event
    assert "004_aeeb56263c09fa58" in str([v for k, v in json.loads(
        (project.generated / "mentions.json").read_text())["mentions"].items() if k == "finland"])
    pipeline.run_render(project)
    incremental = _docs(project)
    (project.generated / "cache" / "render.pickle").unlink()
    pipeline.run_render(project)
    full = _docs(project)
    changed = sorted(k for k in full if full[k] != incremental.get(k))
    assert not changed, f"pages left stale by the skipped render: {changed}"


# --- Hole: translate_run (no backend) keeps each article's quotes only for articles that exist; its key
# (events, translations, machine translations, config) does not cover the article records. An article
# record that goes away and comes back while the events are unchanged is then resolved with no quotes
# (before.get(id) is missing), so counts differ from what a full run says.


def test_a_record_that_comes_back_is_resolved_with_its_quotes(tmp_path: Path):
    project = make_project(tmp_path)
    for _ in pipeline.run_data_stages(project):
        pass
    quoted = sorted({q.article for e in pipeline.load_events(project.events) for q in e.quotes})
    assert quoted
    article = quoted[0]
    assert not list(project.machine_translations.glob(f"{article}.*")) if project.machine_translations.exists() else True
    record = project.articles / f"{article}.yaml"
    shutil.move(record, tmp_path / "kept.yaml")
    pipeline.translate_run(project)       # e.g. `chronicle ingest` after the seed was moved away, then translate
    shutil.move(tmp_path / "kept.yaml", record)  # the seed is back: `chronicle ingest`
    partial = pipeline.translate_run(project)
    (project.generated / "cache" / "translate.pickle").unlink()
    full = pipeline.translate_run(project)
    assert (partial.counts, partial.report.warnings) == (full.counts, full.report.warnings)


# --- Hole (contrived): _curate_key finds the articles a text fix names by looking for each record's id as a
# substring of the editors' files; YAML can name an article without its id written out (an escape in a
# double-quoted scalar), so that article's record is not in the key and a change to it is not checked.


def test_a_text_fix_naming_its_article_with_an_escape_is_checked_again(tmp_path: Path):
    project = make_project(tmp_path)
    for _ in pipeline.run_data_stages(project):
        pass
    for path in project.curated.glob("*.y*ml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("article: 004_aeeb56263c09fa58", 'article: "004_aeeb56263c09fa5\\x38"'), encoding="utf-8")
    first = pipeline.run_curate(project)
    assert not first.errors and not any("does not exist" in w for w in first.warnings)  # the escape names the article
    record = project.articles / "004_aeeb56263c09fa58.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Buckinghamham Palace", "Buckingham Palace"),
                      encoding="utf-8")
    again = pipeline.run_curate(project)
    assert any("'Buckinghamham Palace' is not in 004_aeeb56263c09fa58" in w for w in again.warnings), \
        "curate was skipped: the edited record named by the text fix is not in its key"
