"""``chronicle eval``: extracted events against an editor's gold set.

Takes the events (extracted, or curated) and a gold file in the format of
``tests/spec/seed-expectations.yaml``; gives precision and recall for events
and for each field, and the list of differences, so that every change of the
extractor is measured on the same pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .lexicon import FAMILIES
from .models import Event

FIELDS = ("type", "cameo", "participants", "date", "status", "place", "duration", "mentioned", "count")


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class EvalReport:
    gold: int = 0
    found: int = 0
    matched: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    differences: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    def table(self) -> str:
        lines = [
            f"events: gold {self.gold}, extracted {self.found}, matched {self.matched}, "
            f"precision {self.precision:.2f}, recall {self.recall:.2f}",
            f"{'field':<14}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}",
        ]
        for name, score in self.fields.items():
            lines.append(f"{name:<14}{score.precision:>10.2f}{score.recall:>8.2f}{score.tp:>5}{score.fp:>5}{score.fn:>5}")
        return "\n".join(lines)


class Names:
    """Spec names ("Dmitry Peskov (Kremlin)", "Geneva, Switzerland") to gazetteer ids."""

    def __init__(self, gazetteer):
        self.index: dict[str, str] = {}
        for ent in gazetteer.entities:
            for name in (ent.name_en, ent.name_vi, *ent.aliases_en, *ent.aliases_vi):
                if name:
                    self.index.setdefault(name.lower(), ent.id)

    def id_of(self, name: str) -> str | None:
        name = re.sub(r"\s*\(.*?\)", "", str(name)).strip()
        candidates = [name, name.split(",")[0].strip(), re.sub(r"^the\s+", "", name, flags=re.I)]
        for candidate in candidates:
            found = self.index.get(candidate.lower())
            if found:
                return found
        return None


def normalise_date(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    if text.startswith("--"):
        text = "XXXX-" + text[2:]
    return text


def parse_duration(value: Any) -> int | None:
    if value is None:
        return None
    match = re.match(r"([\d.]+)\s*(h|min)", str(value))
    if not match:
        return None
    number = float(match.group(1))
    return int(round(number * 60 if match.group(2) == "h" else number))


def _score(gold: dict, ev: Event, names: Names) -> int:
    if FAMILIES.get(gold["type"]) != FAMILIES.get(ev.type):
        return -1
    wanted = {names.id_of(p) for p in gold.get("participants", [])} - {None}
    overlap = len(wanted & set(ev.participant_ids))
    if wanted and not overlap:
        return -1
    score = 2 * overlap + (3 if gold["type"] == ev.type else 0)
    if _date_ok(gold, ev, use_editor=False):
        score += 2
    if gold.get("place") and ev.place == names.id_of(gold["place"]):
        score += 2
    if gold.get("status", "held") == ev.status:
        score += 1
    return score


def _date_ok(gold: dict, ev: Event, use_editor: bool) -> bool:
    expected = gold.get("date")
    if use_editor and isinstance(gold.get("editor"), dict) and "date" in gold["editor"]:
        expected = gold["editor"]["date"]
    expected = normalise_date(expected)
    got = ev.date.edtf if ev.date else None
    if expected is None:
        # the text gives no year: a date without its year says as much as null
        return got is None or (ev.date is not None and ev.date.precision == "year_unknown")
    return got == expected


def evaluate(events: list[Event], gold_seeds: list[dict], gazetteer, use_editor: bool = False) -> EvalReport:
    names = Names(gazetteer)
    report = EvalReport()
    for seed in gold_seeds:
        article = seed["file"].rsplit(".", 1)[0]
        found = [e for e in events if any(s.article == article for s in e.sources)]
        gold = seed.get("events") or []
        report.gold += len(gold)
        report.found += len(found)
        pairs = sorted(
            ((_score(g, e, names), gi, ei) for gi, g in enumerate(gold) for ei, e in enumerate(found)),
            reverse=True,
        )
        used_gold, used_found, matches = set(), set(), []
        for score, gi, ei in pairs:
            if score < 0 or gi in used_gold or ei in used_found:
                continue
            used_gold.add(gi)
            used_found.add(ei)
            matches.append((gold[gi], found[ei]))
        report.matched += len(matches)
        for gi, g in enumerate(gold):
            if gi not in used_gold:
                report.differences.append(f"{article}: missed {g['type']} {g.get('participants')} {g.get('date')}")
                for name in FIELDS:
                    if _gold_has(g, name):
                        report.fields[name].fn += 1
        for ei, e in enumerate(found):
            if ei not in used_found:
                report.spurious.append(f"{article}: {e.id} ({e.confidence} confidence)")
        for g, e in matches:
            for name in FIELDS:
                ok, has_gold, has_found = _compare(name, g, e, names, use_editor)
                score = report.fields[name]
                if ok:
                    score.tp += 1
                else:
                    if has_found:
                        score.fp += 1
                    if has_gold:
                        score.fn += 1
                    if has_gold or has_found:
                        report.differences.append(f"{article}: {e.id}: {name}: expected {_gold_value(name, g, use_editor)!r}, got {_found_value(name, e)!r}")
    return report


def _gold_has(g: dict, name: str) -> bool:
    return name in ("type", "participants", "date", "status", "mentioned") or (
        name == "duration" and "duration" in g) or name in g


def _gold_value(name: str, g: dict, use_editor: bool) -> Any:
    if name == "date":
        if use_editor and isinstance(g.get("editor"), dict) and "date" in g["editor"]:
            return normalise_date(g["editor"]["date"])
        return normalise_date(g.get("date"))
    if name == "status":
        return g.get("status", "held")
    if name == "mentioned":
        return bool(g.get("mentioned", False))
    return g.get(name)


def _found_value(name: str, e: Event) -> Any:
    return {
        "type": e.type, "cameo": e.cameo, "participants": sorted(e.participant_ids), "date": e.date.edtf if e.date else None,
        "status": e.status, "place": e.place, "duration": e.duration_minutes, "mentioned": e.mentioned, "count": e.count,
    }[name]


def _compare(name: str, g: dict, e: Event, names: Names, use_editor: bool) -> tuple[bool, bool, bool]:
    """(correct, the gold has a value, the extractor gave one)."""
    if name == "type":
        return g["type"] == e.type, True, True
    if name == "cameo":
        return ("cameo" not in g or g["cameo"] == e.cameo), "cameo" in g, "cameo" in g
    if name == "participants":
        wanted = {names.id_of(p) for p in g.get("participants", [])}
        return wanted == set(e.participant_ids), True, True
    if name == "date":
        return _date_ok(g, e, use_editor), True, True
    if name == "status":
        return g.get("status", "held") == e.status, True, True
    if name == "mentioned":
        return bool(g.get("mentioned", False)) == e.mentioned, True, True
    if name == "place":
        wanted = names.id_of(g["place"]) if g.get("place") else None
        return wanted == e.place, wanted is not None, e.place is not None
    if name == "duration":
        wanted = parse_duration(g.get("duration"))
        return wanted == e.duration_minutes, wanted is not None, e.duration_minutes is not None
    if name == "count":
        return g.get("count") == e.count, g.get("count") is not None, e.count is not None
    raise KeyError(name)
