"""The curate stage: editors' files set facts, never get written, never get lost."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.curate import curate, load_curation
from generator.models import Event, Participant, SourceRef
from generator.store import Layout
from tests.sitebuild import make_project


def _event(id_: str, article: str = "a1", type_: str = "phone_call", people=("donald-trump", "vladimir-putin")) -> Event:
    return Event(
        id=id_, type=type_, cameo="041", status="held", date=None,
        participants=[Participant(p) for p in people], sources=[SourceRef(article, [1])],
    )


def _curation(tmp_path: Path, text: str):
    folder = tmp_path / "curated"
    folder.mkdir(exist_ok=True)
    (folder / "facts.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return load_curation(folder, tmp_path)


def test_correction_sets_the_date_and_records_the_curated_field(tmp_path):
    curation = _curation(tmp_path, """
        corrections:
          - event: {article: a1, type: phone_call, participants: [vladimir-putin]}
            set: {date: "2025-02-12"}
            why: public record
    """)
    result = curate([_event("x")], curation)
    event = result.events[0]
    assert event.date.edtf == "2025-02-12" and event.date.precision == "day"
    assert event.curated_fields == ["date"]
    assert event.annotations[0]["why"] == "public record"


def test_correction_without_why_is_an_error_naming_file_and_line(tmp_path):
    curation = _curation(tmp_path, """
        corrections:
          - event: x
            set: {status: planned}
    """)
    result = curate([_event("x")], curation)
    assert result.events[0].status == "held"
    assert any("curated/facts.yaml:3" in e and "why" in e for e in result.errors)


def test_entry_matching_nothing_is_reported_not_dropped(tmp_path):
    curation = _curation(tmp_path, """
        suppress:
          - event: no-such-event
            why: duplicate
    """)
    result = curate([_event("x")], curation)
    assert [e.id for e in result.events] == ["x"]
    assert result.unmatched and "facts.yaml:3" in result.unmatched[0] and "no-such-event" in result.unmatched[0]


def test_suppress_merge_and_split(tmp_path):
    a, b, c = _event("a", "a1"), _event("b", "a2"), _event("c", "a3", "meeting")
    c.sources.append(SourceRef("a4", [2]))
    curation = _curation(tmp_path, """
        merge:
          - events: [a, b]
            why: one call told twice
        split:
          - event: c
            why: two different meetings
        suppress:
          - event: {article: a9}
            why: never matches
    """)
    result = curate([a, b, c], curation)
    ids = [e.id for e in result.events]
    assert ids == ["a", "c", "c-2"]
    assert [s.article for s in result.events[0].sources] == ["a1", "a2"]
    assert len(result.unmatched) == 1


def test_unknown_value_gets_a_did_you_mean(tmp_path):
    curation = _curation(tmp_path, """
        corrections:
          - event: x
            set: {status: postponned}
            why: the ministry said so
    """)
    result = curate([_event("x")], curation)
    assert any("did you mean 'postponed'" in e for e in result.errors)


def test_unknown_section_is_reported_with_did_you_mean(tmp_path):
    curation = _curation(tmp_path, """
        corections:
          - event: x
            set: {status: planned}
            why: typo in the section name
    """)
    assert any("did you mean 'corrections'" in e for e in curation.errors)


def test_curation_never_changes_the_generated_records_it_was_given(tmp_path):
    original = _event("x")
    curation = _curation(tmp_path, """
        corrections:
          - event: x
            set: {place: geneva}
            why: the ministry said so
    """)
    curate([original], curation)
    assert original.place is None and original.curated_fields == []


# --- Editors' files survive regeneration, byte for byte ----------------------

_yaml_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@st.composite
def editors_file(draw) -> bytes:
    """An editors' file as a person might leave it: valid entries, comments, odd spacing, even broken YAML."""
    entries = draw(st.lists(st.fixed_dictionaries({
        "event": st.sampled_from(["x", "missing-event", "2025-02-12-phone-call-trump-putin"]),
        "set": st.fixed_dictionaries({}, optional={"status": st.sampled_from(["held", "planned", "postponned"]),
                                                   "date": st.sampled_from(["2025-02-12", "2026-01~", "2025-02-30", "soon"])}),
        "why": _yaml_text,
    }), max_size=4))
    text = yaml.safe_dump({"corrections": entries}, allow_unicode=True)
    comment = draw(_yaml_text).replace("\n", " ").replace("\r", " ")
    tail = draw(st.sampled_from(["", "\n", "\r\n", "  # trailing\n", "\n\n: broken [yaml\n"]))
    return f"# {comment}\n{text}{tail}".encode("utf-8") + draw(st.binary(max_size=8) | st.just(b""))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Layout:
    layout = make_project(tmp_path_factory.mktemp("curation-project"))
    for report in pipeline.run_data_stages(layout):
        assert not [e for e in report.errors if "curated" not in e]
    return layout


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(editors_file(), min_size=1, max_size=3), runs=st.integers(min_value=1, max_value=3))
def test_editors_files_survive_any_number_of_regenerations_byte_for_byte(project, files, runs):
    folder = project.curated
    for old in folder.glob("random-*.yaml"):
        old.unlink()
    written = {}
    for i, content in enumerate(files):
        path = folder / f"random-{i}.yaml"
        path.write_bytes(content)
        written[path] = content
    before = {p: p.read_bytes() for p in folder.iterdir()}
    for _ in range(runs):
        for _report in pipeline.run_data_stages(project):
            pass
    after = {p: p.read_bytes() for p in folder.iterdir()}
    assert after == before
    for path, content in written.items():
        assert path.read_bytes() == content
