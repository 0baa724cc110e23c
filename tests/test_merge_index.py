"""The merge's day index (extract._Bucket) changes how fast reports are merged, never which.

Each case is a few hundred random reports crowded into a few weeks (the worst
case for the index: most pairs are near in time) and merged twice: by
``Merger.merge`` and by the plain algorithm it replaced, which weighs each new
report against every record of its kind in its months, in the order they were
made. Both must give the same records, in the same order, and the same log.
"""

from __future__ import annotations

import copy
import pickle
import json
import random
from datetime import date, timedelta

import pytest

from generator import lexicon as lx
from generator.extract import Merger, _month_keys, combine, link_plans
from generator.models import DateValue, Event, Participant, SourceRef
from tests.conftest import ROOT
from generator.gazetteer import Gazetteer

PEOPLE = ["donald-trump", "jd-vance", "marco-rubio", "vladimir-putin", "volodymyr-zelensky", "sergei-lavrov"]
COUNTRIES = ["russia", "ukraine", "united-states"]
PLACES = [None, None, "geneva", "riyadh", "istanbul"]


def random_date(rng: random.Random) -> DateValue | None:
    day = date(2025, 3, 1) + timedelta(days=rng.randrange(75))
    kind = rng.choice(["day"] * 6 + ["range", "month", "approximate", "year_unknown", "none", "year"])
    if kind == "day":
        return DateValue(day.isoformat(), "day", start=day.isoformat(), end=day.isoformat())
    if kind == "range":
        end = day + timedelta(days=rng.randrange(1, 90))  # some are longer than the index's weeks
        return DateValue(f"{day}/{end}", "range", start=day.isoformat(), end=end.isoformat())
    if kind == "month":
        last = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return DateValue(day.isoformat()[:7], "month", start=day.replace(day=1).isoformat(), end=last.isoformat())
    if kind == "approximate":
        return DateValue(f"{day}~", "approximate", start=day.isoformat(), end=day.isoformat(), approximate=True)
    if kind == "year_unknown":
        return DateValue(f"XXXX-{day:%m-%d}", "year_unknown")
    if kind == "year":
        return DateValue("2025", "year", start="2025-01-01", end="2025-12-31")
    return None


def random_events(seed: int, n: int) -> list[Event]:
    rng = random.Random(seed)
    types = ["meeting", "summit", "negotiation_round", "phone_call", "statement"]
    events = []
    for i in range(n):
        people = rng.sample(PEOPLE, rng.randrange(0, 3))
        countries = rng.sample(COUNTRIES, rng.randrange(1, 3))
        events.append(Event(
            id="",
            type=rng.choice(types),
            cameo="040",
            status=rng.choice(["held", "held", "planned", "postponed", "reported_unconfirmed"]),
            date=random_date(rng),
            participants=[Participant(p) for p in people + countries],
            place=rng.choice(PLACES),
            sources=[SourceRef(f"article-{i // rng.choice([1, 2, 3]):04d}", [rng.randrange(1, 9)])],
            notes=["date not stated in the text"] if rng.random() < 0.03 else [],
        ))
    return events


def merge_without_index(merger: Merger, events: list[Event]) -> list[Event]:
    """The merge as it was before the day index: every record of the months, oldest first."""
    merged: list[Event] = []
    buckets: dict[tuple, list[Event]] = {}
    for ev in events:
        family = lx.FAMILIES.get(ev.type)
        stored, looked = _month_keys(ev.date)
        articles = {s.article for s in ev.sources}
        seen: set[int] = set()
        target = None
        for key in [(family, month) for month in looked]:
            for other in buckets.get(key, []):
                if id(other) in seen:
                    continue
                seen.add(id(other))
                if articles & {s.article for s in other.sources}:
                    continue
                if merger.same(other, ev):
                    merger.log.append({"into": other.sources[0].article, "merged": ev.sources[0].article,
                                       "key": merger.same(other, ev)})
                    combine(other, ev)
                    target = other
                    break
            if target is not None:
                break
        if target is None:
            merged.append(ev)
            for month in stored:
                buckets.setdefault((family, month), []).append(ev)
    link_plans(merged, merger)
    return merged


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(ROOT / "data" / "gazetteer.yaml")


def snapshot(events: list[Event], log: list[dict]) -> str:
    return json.dumps({"events": [e.to_dict() for e in events], "log": log}, sort_keys=True, default=str)


@pytest.mark.parametrize("seed", range(12))
def test_the_day_index_merges_exactly_what_weighing_every_pair_merges(gazetteer, seed):
    events = random_events(seed, 400)
    indexed, plain = Merger(gazetteer), Merger(gazetteer)
    got = indexed.merge(copy.deepcopy(events))
    expected = merge_without_index(plain, copy.deepcopy(events))
    assert len(got) < len(events), "the case merges nothing: it tests nothing"
    assert snapshot(got, indexed.log) == snapshot(expected, plain.log)


def test_a_record_whose_date_a_merge_moved_is_still_found_by_later_reports(gazetteer):
    # "about 1 March" takes the day of a later report (4 March); a third report, "about
    # 7 March", is within three days of the record's new date but in none of the weeks it
    # was first filed under: it must still be weighed against it
    def ev(article, value):
        return Event(id="", type="meeting", cameo="040", status="held", date=value,
                     participants=[Participant(p) for p in ("marco-rubio", "russia", "united-states")],
                     sources=[SourceRef(article, [1])])

    def about(day):
        return DateValue(f"{day}~", "approximate", start=day, end=day, approximate=True)

    on_the_4th = DateValue("2025-03-04", "day", start="2025-03-04", end="2025-03-04")
    assert date(2025, 3, 1).toordinal() // 7 != (date(2025, 3, 7).toordinal() - 3) // 7  # the weeks differ
    merger = Merger(gazetteer)
    merged = merger.merge([ev("a", about("2025-03-01")), ev("b", on_the_4th), ev("c", about("2025-03-07"))])
    assert [s.article for s in merged[0].sources] == ["a", "b", "c"] and len(merged) == 1
    assert merged[0].date.edtf == "2025-03-04"


def test_events_that_would_share_an_id_keep_theirs_when_one_before_them_goes():
    from generator.extract import assign_ids

    def call(article):
        return Event(id="", type="phone_call", cameo="041", status="held",
                     date=DateValue("2025-03-04", "day", start="2025-03-04", end="2025-03-04"),
                     participants=[Participant("marco-rubio"), Participant("sergei-lavrov")],
                     sources=[SourceRef(article, [2])])

    three = [call("a"), call("b"), call("c")]
    assign_ids(three)
    ids = {ev.sources[0].article: ev.id for ev in three}
    assert len(set(ids.values())) == 3 and ids["a"] == "2025-03-04-phone-call-rubio-lavrov"
    two = [call("a"), call("c")]
    assign_ids(two)
    assert {ev.sources[0].article: ev.id for ev in two} == {"a": ids["a"], "c": ids["c"]}


# --- Groups: merged apart, and kept between runs ----------------------------------------


class KeptInMemory:
    """Merger.merge's ``kept``, in a dict: pickled when put, as the project's files are."""

    def __init__(self):
        self.saved: dict[str, bytes] = {}

    def get(self, key):
        return pickle.loads(self.saved[key]) if key in self.saved else None

    def put(self, key, value):
        self.saved[key] = pickle.dumps(value)


def identities(events: list[Event]) -> list[str]:
    return [json.dumps(e.to_dict(), sort_keys=True, default=str) for e in events]


@pytest.mark.parametrize("seed", range(6))
def test_merging_the_groups_apart_gives_what_merging_every_report_in_one_pass_gives(gazetteer, seed):
    events = random_events(100 + seed, 400)
    merger = Merger(gazetteer)
    groups = merger.groups(events)
    assert len([g for g in groups if len(g) > 1]) >= 3, "one group: the case tests nothing"
    assert sorted(i for g in groups for i in g) == list(range(len(events)))
    one_pass, grouped = Merger(gazetteer), Merger(gazetteer)
    firsts, records, log = one_pass._merge_group(copy.deepcopy(events))
    link_plans(records, one_pass)
    got = grouped.merge(copy.deepcopy(events))
    assert snapshot(got, grouped.log) == snapshot(records, [entry for _, entry in log])


@pytest.mark.parametrize("seed", range(4))
def test_after_one_report_changed_only_its_groups_are_merged_again_and_the_records_are_those_of_a_merge_from_nothing(
        gazetteer, seed, monkeypatch):
    rng = random.Random(seed)
    events = random_events(200 + seed, 400)
    kept = KeptInMemory()
    Merger(gazetteer).merge(copy.deepcopy(events), kept=kept, identity=identities(events))
    changed = copy.deepcopy(events)
    target = rng.choice([e for e in changed if e.date is not None and e.date.precision == "day"])
    target.status = "postponed" if target.status != "postponed" else "held"
    merged_groups = []
    real = Merger._merge_group

    def counting(self, group):
        merged_groups.append(len(group))
        return real(self, group)

    monkeypatch.setattr(Merger, "_merge_group", counting)
    again = Merger(gazetteer)
    got = again.merge(copy.deepcopy(changed), kept=kept, identity=identities(changed))
    monkeypatch.setattr(Merger, "_merge_group", real)
    fresh = Merger(gazetteer)
    expected = fresh.merge(copy.deepcopy(changed))
    assert snapshot(got, again.log) == snapshot(expected, fresh.log)
    groups = [g for g in Merger(gazetteer).groups(changed) if len(g) > 1]
    # the report's group, and the one it left when its status stopped or started being a plan
    assert 1 <= len(merged_groups) <= 2 < len(groups)
    assert sum(merged_groups) < sum(len(g) for g in groups)


def test_a_report_with_a_vague_date_or_none_is_a_group_of_its_own(gazetteer):
    def ev(article, value, notes=()):
        return Event(id="", type="meeting", cameo="040", status="held", date=value, notes=list(notes),
                     participants=[Participant(p) for p in ("vladimir-putin", "russia", "united-states")],
                     sources=[SourceRef(article, [1])])

    day = DateValue("2025-03-04", "day", start="2025-03-04", end="2025-03-04")
    year = DateValue("2025", "year", start="2025-01-01", end="2025-12-31")
    events = [ev("a", day), ev("b", year), ev("c", None), ev("d", day, ["date not stated in the text"]), ev("e", day)]
    assert Merger(gazetteer).groups(events) == [[0, 4], [1], [2], [3]]
