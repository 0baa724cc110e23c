"""Generated records parsed by one run are read back from a JSON cache by the next, never wrongly."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import store


@pytest.fixture()
def cache(tmp_path: Path):
    folder = tmp_path / "parsed"
    store.use_parse_cache(folder)
    store._PARSED.clear()
    yield folder
    store.use_parse_cache(None)
    store._PARSED.clear()


def test_a_parsed_record_is_read_back_from_the_cache_by_a_later_run(cache, tmp_path, monkeypatch):
    record = tmp_path / "a.yaml"
    record.write_text("id: a\nparagraphs:\n  - n: 1\n    text: Xin chào\n", encoding="utf-8")
    first = store.load_yaml(record)
    assert len(list(cache.glob("*/*.json"))) == 1
    store._PARSED.clear()  # as a new process would start

    def no_yaml(*args, **kwargs):
        raise AssertionError("parsed the YAML again")

    monkeypatch.setattr(store.yaml, "load", no_yaml)
    assert store.load_yaml(record) == first


def test_an_edited_record_is_parsed_again(cache, tmp_path):
    record = tmp_path / "a.yaml"
    record.write_text("id: a\ntitle: one\n", encoding="utf-8")
    store.load_yaml(record)
    store._PARSED.clear()
    record.write_text("id: a\ntitle: two\n", encoding="utf-8")
    assert store.load_yaml(record)["title"] == "two"


def test_a_written_record_is_cached_without_being_parsed(cache):
    text = store.dump_yaml({"id": "b", "n": [1, 2]})
    store._PARSED.clear()
    assert store.parsed_yaml(text) == {"id": "b", "n": [1, 2]}


def test_a_damaged_cache_file_is_ignored(cache, tmp_path):
    record = tmp_path / "a.yaml"
    record.write_text("id: a\n", encoding="utf-8")
    store.load_yaml(record)
    for kept in cache.glob("*/*.json"):
        kept.write_text("{not json", encoding="utf-8")
    store._PARSED.clear()
    assert store.load_yaml(record) == {"id": "a"}


def test_a_refused_document_is_never_cached(cache, tmp_path):
    record = tmp_path / "bad.yaml"
    record.write_text("a: !!python/object:os.system ls\n", encoding="utf-8")
    with pytest.raises(store.DataError):
        store.load_yaml(record)
    assert not list(cache.glob("*/*.json"))


def test_prune_removes_what_this_run_did_not_use(cache, tmp_path):
    old = tmp_path / "old.yaml"
    old.write_text("id: old\n", encoding="utf-8")
    store.load_yaml(old)
    store._DISK["seen"].clear()  # a new run
    store._PARSED.clear()
    new = tmp_path / "new.yaml"
    new.write_text("id: new\n", encoding="utf-8")
    store.load_yaml(new)
    assert store.prune_parse_cache() == 1
    assert len(list(cache.glob("*/*.json"))) == 1


def test_records_are_written_as_pyyaml_writes_them():
    # store.dump_yaml builds the nodes of plain data itself (store._PlainDumper): the text must be
    # PyYAML's own, anchors of a value given twice included
    import yaml

    from generator import store

    shared = ["a", 1]
    data = {"list": shared, "again": shared, "nested": {"none": None, "yes": True, "no": False, "int": -3, "float": 1.5,
                                                         "date-like": "2025-01-01", "empty": "", "word": "yes",
                                                         "colon": "a: b", "lines": "one\ntwo", "vi": "Điện đàm",
                                                         "tuple": ("x",), "items": [{"k": "v"}, []], "dict": {}}}
    kw = dict(allow_unicode=True, sort_keys=False, width=100000, default_flow_style=False)
    assert store.dump_yaml(data) == yaml.dump(data, Dumper=store._SafeDumper, **kw)
    assert "&id001" in store.dump_yaml(data)


def _random_value(rng, depth: int = 0):
    words = ["a", "b c", "x: y", "#", "- z", "'q'", '"d"', "{}", "[", "&a", "*b", "!t", "|", ">", "%", "@", "`",
             "é", "Điện đàm", "—", "…", "\u2028", "\x85", "\t", "\n", "0", "1.5", "yes", "null", "~", " ", ""]
    r = rng.random()
    if depth < 3 and r < 0.2:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 3 and r < 0.4:
        return {"".join(rng.choices(words, k=2)) or "k": _random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    if r < 0.5:
        return rng.randint(-5, 100)
    if r < 0.6:
        return rng.choice([None, True, False])
    return "".join(rng.choices(words, k=rng.randint(0, 4)))


def test_a_long_list_made_of_kept_pieces_is_the_text_of_the_whole_list():
    # store.dump_yaml_list writes the merge log from each entry's kept YAML: the text must be
    # what dump_yaml gives for the whole, whatever the entries hold
    import random

    from generator import store

    rng = random.Random(11)
    for _ in range(2000):
        items = [_random_value(rng) for _ in range(rng.randint(1, 5))]
        key = rng.choice(["merged", "names", "a b", "yes", "x:"])
        whole = store.dump_yaml({key: items})
        text, pieces = store.dump_yaml_list(key, items, {})
        assert text == whole, (key, items)
        assert store.dump_yaml_list(key, items, pieces) == (whole, pieces)
    # a kept piece is what is written for its entry
    text, _ = store.dump_yaml_list("merged", [{"into": "a"}], {'{"into":"a"}': "- into: KEPT\n"})
    assert text == "merged:\n- into: KEPT\n"


def test_a_list_whose_entries_share_a_value_is_written_whole_with_its_anchor():
    from generator import store

    shared = ["p1", "p2"]
    items = [{"seen_at": shared}, {"seen_at": shared}]
    text, pieces = store.dump_yaml_list("names", items, {})
    assert text == store.dump_yaml({"names": items}) and "&id001" in text and pieces == {}
