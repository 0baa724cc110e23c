"""Page inputs of events kept between runs are reused only where they are what a run from
nothing works out (render._reuse_event_inputs).

Each case is a chronicle of a few hundred events among a few people, so that the
windows of related events (structure.RELATED_WINDOW) are full and most events'
inputs can be reused; one event is then changed, added or removed, the kept inputs
are taken, and every event's inputs must equal those worked out again.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
from datetime import date, timedelta

import pytest

from generator import render, structure
from generator.gazetteer import Gazetteer
from generator.models import DateValue, Event, Participant, SourceRef
from tests.conftest import ROOT

PEOPLE = ["donald-trump", "vladimir-putin", "volodymyr-zelensky", "sergei-lavrov", "marco-rubio", "jd-vance"]
COUNTRIES = ["russia", "ukraine", "united-states"]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(ROOT / "data" / "gazetteer.yaml")


def day(n: int) -> DateValue:
    d = (date(2025, 1, 1) + timedelta(days=n)).isoformat()
    return DateValue(d, "day", start=d, end=d)


def random_event(rng: random.Random, n: int) -> Event:
    people = rng.sample(PEOPLE, rng.randrange(0, 3))
    # an event with no participant has only its neighbours: the edge of every span
    countries = rng.sample(COUNTRIES, rng.randrange(1, 3)) if rng.random() > 0.15 else []
    people = people if countries else []
    return Event(id=f"ev-{n:04d}", type=rng.choice(["meeting", "phone_call", "statement"]), cameo="040",
                 status="held", date=day(rng.randrange(300)),
                 participants=[Participant(p) for p in people + countries],
                 sources=[SourceRef(f"article-{rng.randrange(50):03d}", [1])])


def data_of(events: list[Event], gazetteer, folder) -> render.SiteData:
    prints = {f"e:{e.id}": hashlib.sha256(json.dumps(e.to_dict(), sort_keys=True, default=str).encode()).hexdigest()
              for e in events}
    prints["*global"] = "same code and gazetteer"
    prints["*events"] = hashlib.sha256("|".join(sorted(prints.values())).encode()).hexdigest()
    return render.SiteData(articles=[], events=events, gazetteer=gazetteer, fingerprints=prints, line_cache=folder)


def keyed(data) -> tuple[structure.Chronicle, int]:
    """What a render does: take the kept inputs, work out the others, keep them all."""
    c = structure.build(data)
    pending = render.prepare_inputs(data, c)
    taken = sum(1 for ev in c.events if ("event_inputs", ev.id) in c.memo)
    for ev in c.events:
        c.memo.setdefault(("event_inputs", ev.id), render.event_inputs(c, ev))
    for page in c.entity_pages.values():
        c.memo.setdefault(("entity_inputs", page.id), render.entity_inputs(page))
    render.keep_inputs(data, c, pending)
    return c, taken


def change(rng: random.Random, events: list[Event], how: str) -> list[Event]:
    events = copy.deepcopy(events)
    at = rng.randrange(len(events))
    if how == "date":  # a correction by a day or two (a date far away re-weighs all between)
        moved = date.fromisoformat(events[at].date.start) + timedelta(days=rng.choice([-2, -1, 1, 2]))
        events[at].date = day((moved - date(2025, 1, 1)).days)
    elif how == "far":
        events[at].date = day(rng.randrange(300))
    elif how == "participants":
        events[at].participants = [Participant(p) for p in rng.sample(PEOPLE + COUNTRIES, 2)]
    elif how == "added":
        events.append(random_event(rng, 9000 + at))
    elif how in ("first", "last"):  # beyond every window's end: those cut short by it take it in
        events.append(random_event(rng, 9000 + at))
        events[-1].date = day(-5 if how == "first" else 400)
        events[-1].participants = [Participant(p) for p in rng.sample(PEOPLE, 2)]
    elif how == "removed":
        del events[at]
    elif how == "plan":  # a plan linked to what became of it
        events[at].became = events[(at + 1) % len(events)].id
    return events


@pytest.mark.parametrize("how", ["date", "far", "participants", "added", "first", "last", "removed", "plan"])
@pytest.mark.parametrize("seed", range(3))
def test_kept_inputs_of_events_are_those_a_run_from_nothing_works_out(gazetteer, tmp_path, how, seed):
    rng = random.Random(seed)
    events = [random_event(rng, n) for n in range(400)]
    keyed(data_of(events, gazetteer, tmp_path))
    changed = change(rng, events, how)
    c, taken = keyed(data_of(changed, gazetteer, tmp_path))
    fresh = structure.build(data_of(copy.deepcopy(changed), gazetteer, tmp_path / "none"))
    wrong = [ev.id for ev in fresh.events if c.memo[("event_inputs", ev.id)] != render.event_inputs(fresh, ev)]
    assert not wrong, f"{len(wrong)} events kept stale inputs, e.g. {wrong[:3]}"
    if how != "far":
        assert taken > len(changed) / 2, "most events' inputs should be kept: the case tests little"
    # and the run after keeps what this one worked out: nothing changed, everything is taken
    assert keyed(data_of(changed, gazetteer, tmp_path))[1] == len(changed)
