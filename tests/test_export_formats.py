"""The CSV, iCalendar and Atom exports, each parsed back the way a reader would."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

from jsonschema import Draft202012Validator

from generator import export
from generator.models import DateValue
from generator.render import render_site
from tests.conftest import ROOT
from tests.sitedata import HOSTILE, events, gazetteer, site_data

ATOM = "{http://www.w3.org/2005/Atom}"
PUBLISHED = {"vi-call": "2025-02-13T08:00:00+07:00", "en-summit": "2025-10-16"}


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar text: CRLF-separated, continuation lines joined."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    return text[:-2].replace("\r\n ", "").split("\r\n")


def vevents(lines: list[str]) -> list[dict[str, str]]:
    found, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return found


# --- CSV ---------------------------------------------------------------------------


def test_csv_has_a_header_and_one_row_per_event_that_reads_back():
    rows = list(csv.reader(io.StringIO(export.events_csv(events(), gazetteer()), newline="")))
    assert rows[0] == list(export.CSV_COLUMNS)
    assert len(rows) == 1 + len(events())
    by_id = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    call = by_id["2025-02-12-phone-call-trump-putin"]
    assert call["participants"] == "Donald Trump; Vladimir Putin"
    assert call["date_in_words"] == "12 February 2025"
    assert call["sources"] == "vi-call#p1; vi-call#p2; vi-call#p3"
    assert by_id["xxxx-summit-trump-putin"]["date_in_words"] == "16 October, year not in the source"
    assert by_id["undated-statement-peskov"]["date"] == ""


def test_csv_keeps_hostile_text_as_data_and_defuses_formulas():
    evs = events(hostile=True)
    evs[0] = replace(evs[0], summary_en='=HYPERLINK("http://evil.example","x"), "quoted", comma\nnewline')
    rows = list(csv.DictReader(io.StringIO(export.events_csv(evs, gazetteer()), newline="")))
    assert rows[0]["summary"] == "'" + evs[0].summary_en
    assert any(HOSTILE in r["summary"] for r in rows)


# --- iCalendar -----------------------------------------------------------------------


def test_ics_is_a_calendar_of_crlf_lines_of_at_most_75_octets():
    text = export.events_ics(events(hostile=True), gazetteer(), published=PUBLISHED)
    physical = text[:-2].split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")


def test_ics_gives_all_day_events_for_days_and_multi_day_events_for_ranges_only():
    evs = events()
    evs.append(replace(evs[0], id="2022-11-29-round", date=DateValue("2022-11-29/2022-12-06", "range", "", "2022-11-29", "2022-12-06")))
    evs.append(replace(evs[0], id="2018-07-month", date=DateValue("2018-07", "month", "", "2018-07-01", "2018-07-31")))
    found = {e["UID"].split("@")[0]: e for e in vevents(unfold(export.events_ics(evs, gazetteer(), published=PUBLISHED)))}
    # the approximate month, the year-unknown day, the undated statement and the month get no VEVENT
    assert set(found) == {"2025-02-12-phone-call-trump-putin", "2022-11-29-round"}
    call = found["2025-02-12-phone-call-trump-putin"]
    assert call["DTSTART;VALUE=DATE"] == "20250212" and call["DTEND;VALUE=DATE"] == "20250213"
    assert call["DTSTAMP"] == "20250213T010000Z"  # the source's publication, in UTC
    assert call["STATUS"] == "CONFIRMED"
    rounds = found["2022-11-29-round"]
    assert rounds["DTSTART;VALUE=DATE"] == "20221129" and rounds["DTEND;VALUE=DATE"] == "20221207"


def test_ics_escapes_text_so_no_value_can_start_a_line_of_its_own():
    evs = events()
    evs[-1] = replace(evs[-1], summary_en="A; B, C\\D\nEND:VEVENT\nBEGIN:VEVENT <script>{{ x }}</script>")
    text = export.events_ics(evs, gazetteer(), published=PUBLISHED)
    lines = unfold(text)
    assert lines.count("BEGIN:VEVENT") == 1
    summary = next(line for line in lines if line.startswith("SUMMARY:"))
    assert summary == "SUMMARY:A\\; B\\, C\\\\D\\nEND:VEVENT\\nBEGIN:VEVENT <script>{{ x }}</script>"


def test_ics_folding_never_splits_a_multibyte_character():
    line = "SUMMARY:" + "Điện đàm giữa Tổng thống " * 12
    folded = export.ics_fold(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(p.encode("utf-8")) <= (75 if i == 0 else 74) for i, p in enumerate(parts))
    assert len(parts) > 3


# --- Atom ------------------------------------------------------------------------------


def test_atom_feed_is_well_formed_with_an_entry_per_event():
    text = export.events_atom(events(hostile=True), gazetteer(), published=PUBLISHED)
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    for tag in ("title", "id", "updated", "author"):
        assert feed.find(f"{ATOM}{tag}") is not None, tag
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(events())
    stamp = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("tag:")
        assert stamp.match(entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}link").get("href").startswith("../events/")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert any(HOSTILE in t for t in titles)  # text, not markup: the parser gives it back as written
    assert "<script>" not in text  # escaped on the wire
    assert entries[0].find(f"{ATOM}updated").text == "2025-10-16T00:00:00Z"  # the newest news first


# --- the files of the site ----------------------------------------------------------------


def test_site_exports_include_the_json_and_its_schema_and_the_json_is_valid():
    files = render_site(site_data())
    for path in ("exports/events.json", "exports/events-export.schema.json", "exports/events.csv",
                 "exports/events.ics", "exports/feed.xml"):
        assert path in files
    schema = json.loads(files["exports/events-export.schema.json"])
    assert schema == json.loads((ROOT / "generator/schemas/events-export.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(json.loads(files["exports/events.json"]))) == []


# --- pieces: each file is joined from one piece per event (kept between runs by the callers) -----


def test_events_json_joined_from_pieces_is_the_same_text_as_one_dump():
    evs = events(hostile=True)  # quotes, newlines, markup and non-Latin text inside the strings
    assert export.events_json_text(evs, gazetteer()) == \
        json.dumps(export.events_json(evs, gazetteer()), ensure_ascii=False, indent=2) + "\n"
    assert export.events_json_text([], gazetteer()) == "[]\n"


def test_each_export_asks_the_memo_for_one_piece_per_event_and_joins_what_it_gives():
    evs = events(hostile=True)
    asked = []

    def memo(kind, ev, extra, make):
        asked.append((kind, ev.id))
        return f"<<{kind}:{ev.id}>>"

    texts = {
        "json": export.events_json_text(evs, gazetteer(), memo),
        "csv": export.events_csv(evs, gazetteer(), "vi", memo),
        "ics": export.events_ics(evs, gazetteer(), "vi", PUBLISHED, memo=memo),
        "atom": export.events_atom(evs, gazetteer(), "vi", PUBLISHED, memo=memo),
    }
    for kind, text in texts.items():
        assert sorted(i for k, i in asked if k == kind) == sorted(ev.id for ev in evs), kind
        for ev in evs:
            assert f"<<{kind}:{ev.id}>>" in text, (kind, ev.id)
    # what the memo gave stands in the file in place of the made piece, and nothing else of the event
    assert HOSTILE not in texts["csv"] and HOSTILE not in texts["json"]


def test_a_piece_depends_on_what_its_memo_key_names():
    """A piece is kept under (kind, event, extra): what else it shows must be in ``extra``.
    The iCalendar and Atom pieces show the newest publication time of the event's sources."""
    ev = next(e for e in events() if export.ics_vevent(e, gazetteer(), "en", "x"))  # dated to the day
    later = {k: "2030-01-01" for k in PUBLISHED}
    extras = []

    def memo(kind, e, extra, make):
        extras.append((kind, extra, make()))
        return make()

    for published in (PUBLISHED, later):
        export.events_ics([ev], gazetteer(), "en", published, memo=memo)
        export.events_atom([ev], gazetteer(), "en", published, memo=memo)
    for kind in ("ics", "atom"):
        (extra1, piece1), (extra2, piece2) = [(x, p) for k, x, p in extras if k == kind]
        assert piece1 != piece2 and extra1 != extra2, kind
