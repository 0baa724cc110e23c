"""The export and translate stages skip their work when their inputs' hashes are unchanged; never when not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import pipeline
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
    saved = json.loads((project.generated / "cache" / "translate.json").read_text(encoding="utf-8"))
    assert saved["counts"] == after.counts
