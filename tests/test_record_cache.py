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
