"""Loaded records kept between runs (pipeline.load_records) are never stale, damaged or changed.

A stage that reads every article or event record builds each one from its file
only when the file's bytes are not the ones its kept copy was built from.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import incremental, pipeline, store
from generator.ingest import article_from
from generator.models import Event
from generator.store import DataError, Layout, dump_yaml


@pytest.fixture()
def layout(tmp_path: Path) -> Layout:
    layout = Layout(tmp_path)
    layout.events.mkdir(parents=True)
    for i in range(40):
        (layout.events / f"e{i:02d}.yaml").write_text(dump_yaml({"id": f"e{i:02d}", "n": i}), encoding="utf-8")
    incremental._FILE_HASHES.clear()
    yield layout
    incremental._FILE_HASHES.clear()


class Counting:
    """A ``make`` that says how many records it built."""

    def __init__(self):
        self.built: list[str] = []

    def __call__(self, data, path: Path) -> dict:
        self.built.append(path.name)
        return dict(data)


def load(layout: Layout) -> tuple[list[dict], list[str]]:
    make = Counting()
    incremental._FILE_HASHES.clear()  # as a new run would start
    return pipeline.load_records(layout, layout.events, make), make.built


def test_records_are_built_once_and_read_back_while_their_files_are_the_same(layout):
    first, built = load(layout)
    assert len(built) == 40
    again, built = load(layout)
    assert built == []
    assert again == first == [{"id": f"e{i:02d}", "n": i} for i in range(40)]
    assert len(list((layout.generated / "cache" / "records" / "events").glob("*.pickle"))) > 1  # in shards


def test_a_changed_record_is_built_again_and_the_others_are_not(layout):
    load(layout)
    (layout.events / "e07.yaml").write_text(dump_yaml({"id": "e07", "n": 700}), encoding="utf-8")
    records, built = load(layout)
    assert built == ["e07.yaml"]
    assert records[7] == {"id": "e07", "n": 700}
    assert load(layout)[1] == []


def test_a_removed_record_leaves_the_list_and_a_new_one_joins_it_in_order(layout):
    load(layout)
    (layout.events / "e03.yaml").unlink()
    (layout.events / "e03b.yaml").write_text(dump_yaml({"id": "e03b", "n": -1}), encoding="utf-8")
    records, built = load(layout)
    assert built == ["e03b.yaml"]
    assert [r["id"] for r in records] == sorted(r["id"] for r in records) and "e03" not in [r["id"] for r in records]
    kept = {}
    for shard in (layout.generated / "cache" / "records" / "events").glob("*.pickle"):
        kept.update(store.read_kept(shard, incremental.code_version(pipeline.RECORD_CODE)))
    assert "e03.yaml" not in kept and "e03b.yaml" in kept


def test_a_record_changed_in_place_by_a_stage_is_not_kept_changed(layout):
    records, _ = load(layout)
    records[0]["n"] = "changed by curate"  # curate works on the events it loaded
    again, built = load(layout)
    assert built == [] and again[0] == {"id": "e00", "n": 0}


def test_a_damaged_cache_builds_its_records_again(layout):
    first, _ = load(layout)
    for shard in (layout.generated / "cache" / "records" / "events").glob("*.pickle"):
        shard.write_bytes(b"not a pickle")
    again, built = load(layout)
    assert again == first and len(built) == 40


def test_a_change_of_the_code_that_loads_records_builds_them_all_again(layout, monkeypatch):
    load(layout)
    monkeypatch.setattr(pipeline, "RECORD_CODE", pipeline.RECORD_CODE[:-1])
    assert len(load(layout)[1]) == 40


def test_a_bad_record_is_named_and_not_kept(layout):
    load(layout)
    (layout.events / "e05.yaml").write_bytes(b"id: [unclosed\n")
    with pytest.raises(DataError, match=r"e05\.yaml:\d+: this is not valid YAML"):
        load(layout)
    (layout.events / "e05.yaml").write_bytes(b"\xff\xfe")
    with pytest.raises(DataError, match=r"e05\.yaml: not UTF-8"):
        load(layout)


def test_article_records_are_checked_as_when_read_alone(tmp_path):
    path = tmp_path / "abc.yaml"
    with pytest.raises(DataError, match="not an article record"):
        article_from(["a list"], path)
    with pytest.raises(DataError, match="is not this record's safe id 'abc'"):
        article_from({"id": "other", "source_file": "x.txt", "title": "T", "title_generated": False, "language": "en", "paragraphs": []}, path)


def test_a_record_that_cannot_be_read_is_named_not_left_out(layout):
    load(layout)
    (layout.events / "zz.yaml").symlink_to(layout.root / "nowhere.yaml")
    with pytest.raises(DataError, match=r"zz\.yaml: cannot be read"):
        load(layout)


def test_a_file_name_that_is_not_utf8_is_loaded_like_any_other(layout):
    name = os.fsdecode(b"\xff.yaml")
    (layout.events / name).write_text(dump_yaml({"id": "odd", "n": 99}), encoding="utf-8")
    records, built = load(layout)
    assert {"id": "odd", "n": 99} in records and name in built
    assert load(layout)[1] == []


# --- the kept shards themselves, and the writes that compare kept fingerprints ----------


def test_kept_shards_give_an_object_only_for_its_digest_and_version_and_drop_names_no_longer_live(tmp_path):
    kept = store.KeptShards(tmp_path / "kept", "v1", shards=4)
    for i in range(12):
        kept.put(f"r{i}", f"d{i}", {"n": i})
    kept.save([f"r{i}" for i in range(12)])
    again = store.KeptShards(tmp_path / "kept", "v1", shards=4)
    assert again.get("r3", "d3") == {"n": 3}
    assert again.get("r3", "changed") is None
    first, second = again.get("r5", "d5"), store.KeptShards(tmp_path / "kept", "v1", shards=4).get("r5", "d5")
    first["n"] = 99  # a caller changing what it got does not change what another run gets
    assert second == {"n": 5}
    again.save([f"r{i}" for i in range(6)])  # r6..r11 are gone
    later = store.KeptShards(tmp_path / "kept", "v1", shards=4)
    assert [later.get(f"r{i}", f"d{i}") is not None for i in range(12)] == [True] * 6 + [False] * 6
    assert store.KeptShards(tmp_path / "kept", "v2", shards=4).get("r1", "d1") is None  # other code


def _written(layout: Layout, events, monkeypatch) -> tuple[incremental.StageReport, list]:
    dumped = []
    real = store.dump_yaml
    monkeypatch.setattr(store, "dump_yaml", lambda data: dumped.append(data) or real(data))
    report = incremental.StageReport("test")
    incremental._FILE_HASHES.clear()
    incremental.write_records(layout, layout.events, {f"{e.id}.yaml": e for e in events}, report, Event.to_dict)
    return report, dumped


def test_events_written_by_pickle_comparison_dump_only_what_changed_or_was_edited_by_hand(tmp_path, monkeypatch):
    from tests.sitedata import events as sample_events

    layout = Layout(tmp_path)
    layout.events.mkdir(parents=True)
    events = sample_events()
    report, dumped = _written(layout, events, monkeypatch)
    assert report.written == len(events) and len(dumped) == len(events)
    assert [Event.from_dict(store.load_yaml(layout.events / f"{e.id}.yaml")) for e in events] == events
    report, dumped = _written(layout, events, monkeypatch)
    assert (report.written, dumped) == (0, [])
    events[1].notes.append("an editor's remark")  # changed in place, as the merge and curate do
    hand = layout.events / f"{events[2].id}.yaml"
    hand.write_text(hand.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    os.utime(hand, ns=(1, 1))
    report, dumped = _written(layout, events, monkeypatch)
    assert report.written == 2 and [d["id"] for d in dumped] == [events[1].id, events[2].id]
    assert "an editor's remark" in store.load_yaml(layout.events / f"{events[1].id}.yaml")["notes"]
    assert "edited by hand" not in hand.read_text(encoding="utf-8")
    report, dumped = _written(layout, events[:2], monkeypatch)
    assert report.removed == len(events) - 2 and dumped == []


def test_a_yaml_output_is_dumped_again_only_when_its_data_or_its_file_changed(tmp_path, monkeypatch):
    layout = Layout(tmp_path)
    layout.generated.mkdir(parents=True)
    target = layout.generated / "merge-log.yaml"
    dumped = []
    # a file of one list (the merge log) is made by dump_yaml_list, from the pieces kept
    real = store.dump_yaml_list
    monkeypatch.setattr(store, "dump_yaml_list", lambda key, items, kept: dumped.append(items) or real(key, items, kept))

    def write(data) -> bool:
        incremental._FILE_HASHES.clear()
        return incremental.write_yaml(layout, target, data)

    assert write({"merged": [{"into": "a", "merged": "b"}]}) and store.load_yaml(target) == {"merged": [{"into": "a", "merged": "b"}]}
    assert not write({"merged": [{"into": "a", "merged": "b"}]}) and len(dumped) == 1
    assert write({"merged": []}) and store.load_yaml(target) == {"merged": []}
    target.write_text("merged: [damaged by hand\n", encoding="utf-8")
    assert write({"merged": []}) and store.load_yaml(target) == {"merged": []}
    assert len(dumped) == 3


def test_a_translations_file_is_parsed_and_checked_again_only_when_its_bytes_change(tmp_path, monkeypatch):
    from generator import translate

    layout = Layout(tmp_path)
    layout.translations.mkdir(parents=True)
    repo = Path(__file__).resolve().parent.parent / "data" / "translations"
    for path in sorted(repo.glob("*.yaml"))[:3]:
        (layout.translations / path.name).write_bytes(path.read_bytes())
    checked: list[str] = []
    real_check = translate.check_file
    monkeypatch.setattr(translate, "check_file", lambda path, *a: checked.append(path.name) or real_check(path, *a))

    def load():
        checked.clear()
        found, errors = translate.TranslationStore.load(layout.translations, layout.root,
                                                        pipeline.kept_translations(layout, layout.translations))
        return found, errors, list(checked)

    first, errors, seen = load()
    assert errors == [] and len(seen) == 3
    again, errors, seen = load()
    assert seen == [] and errors == []
    assert [f.to_dict() for f in again] == [f.to_dict() for f in first]
    assert {f.path for f in again} == set(layout.translations.glob("*.yaml"))
    # an editor's change is read at once; a file broken by one is named on every run, never kept
    edited = sorted(layout.translations.glob("*.yaml"))[0]
    text = edited.read_text(encoding="utf-8")
    assert "\nlanguage: " in text
    edited.write_text(text.replace("\nlanguage: ", "\nlanguag: ", 1), encoding="utf-8")
    for _ in range(2):
        found, errors, seen = load()
        assert seen == [edited.name]
        assert len(errors) == 1 and edited.name in errors[0] and "languag" in errors[0]
        assert len(found.files) == 2
    edited.write_text(text, encoding="utf-8")
    found, errors, seen = load()
    assert (seen, errors, len(found.files)) == ([edited.name], [], 3)


def test_reviewed_and_machine_translations_are_kept_apart(tmp_path):
    layout = Layout(tmp_path)
    assert layout.translations.name == layout.machine_translations.name  # why they must be
    assert pipeline.kept_translations(layout, layout.translations).folder != \
        pipeline.kept_translations(layout, layout.machine_translations).folder
