"""Pictures of the chronicle as SVG: the timeline and "who talked to whom".

Pure functions from data to SVG text, laid out in plain Python (no
JavaScript, no external fonts or files), so a picture reads the same with
scripts off. The SVG is built as an element tree: every name and summary is
XML-escaped by the serializer, never pasted into markup.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from datetime import date

from .dates import format_date
from .i18n import TYPE_NAMES, label, name_in
from .models import Event

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"
# Okabe-Ito colours: told apart with the common colour-vision deficiencies.
TYPE_COLOURS = {
    "phone_call": "#0072B2",
    "meeting": "#E69F00",
    "summit": "#D55E00",
    "negotiation_round": "#009E73",
    "visit": "#CC79A7",
    "hotline_contact": "#56B4E9",
    "statement": "#7F7F7F",
    "interview": "#6A3D9A",
    "announcement": "#A68A00",
}
INK = "#1f2937"
MUTED = "#6b7280"
PAPER = "#ffffff"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DAY_EDTF = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _clean(text: str) -> str:
    """Text as XML allows it: control characters cannot be escaped, so they go."""
    return _CONTROL.sub("", " ".join(str(text).split()))


def _svg(width: int, height: int, title: str, desc: str = "") -> ET.Element:
    root = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "role": "img",
            "aria-labelledby": "title desc",
            "font-family": FONT,
        },
    )
    ET.SubElement(root, "title", id="title").text = _clean(title)
    ET.SubElement(root, "desc", id="desc").text = _clean(desc or title)
    ET.SubElement(root, "rect", x="0", y="0", width=str(width), height=str(height), rx="8", fill=PAPER)
    return root


def _serialise(root: ET.Element) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _text(parent: ET.Element, x: float, y: float, text: str, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}", **attrs})
    el.text = _clean(text)
    return el


def _text_width(text: str, size: float) -> float:
    """Rough width of a label: enough to lay out a legend without a font engine."""
    return len(text) * size * 0.56


# --- the timeline ---------------------------------------------------------------


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def _mark(ev: Event) -> tuple[date, date, str] | None:
    """(first day, last day, shape) of an event with a known year; shape: dot | ring | bar."""
    value = ev.date
    if value is None or value.precision == "year_unknown":
        return None
    first, last = _day(value.start), _day(value.end) or _day(value.start)
    if first is None or last is None:
        return None
    edtf = (value.edtf or "").rstrip("~")
    if "/" in edtf:
        return first, last, "bar"
    if _DAY_EDTF.match(edtf) and not value.approximate:
        return first, last, "dot"
    return first, last, "ring"


def timeline_svg(events: list[Event], lang: str, width: int = 760) -> str:
    """One mark per event with a known year, on bands for the years that have events."""
    marks = [(ev, m) for ev in events if (m := _mark(ev))]
    title = label("timeline_picture", lang)
    root = _svg(width, 120, title, label("timeline_picture_alt", lang))
    if not marks:
        _text(root, width / 2, 64, label("span_none", lang), fill=MUTED, **{"text-anchor": "middle", "font-size": "14"})
        return _serialise(root)

    years = sorted({y for _, (first, last, _) in marks for y in (first.year, last.year)})
    margin, gap = 24, 28
    breaks = sum(1 for a, b in zip(years, years[1:]) if b != a + 1)
    band = (width - 2 * margin - breaks * gap) / len(years)
    band_x: dict[int, float] = {}
    x = float(margin)
    for i, y in enumerate(years):
        if i and y != years[i - 1] + 1:
            x += gap
        band_x[y] = x
        x += band

    def xpos(d: date) -> float:
        days = 366 if date(d.year, 12, 31).timetuple().tm_yday == 366 else 365
        return band_x[d.year] + (d.timetuple().tm_yday - 0.5) / days * band

    # stack marks that would touch into rows above the axis
    placed = []
    row_end: list[float] = []
    for ev, (first, last, shape) in sorted(marks, key=lambda m: (m[1][0], m[0].id)):
        if shape == "bar":
            x0, x1 = xpos(first), max(xpos(last), xpos(first) + 14)
        else:
            mid = first + (last - first) / 2
            x0 = x1 = xpos(mid)
        row = next((r for r, end in enumerate(row_end) if end < x0 - 16), len(row_end))
        if row == len(row_end):
            row_end.append(x1)
        row_end[row] = x1
        placed.append((ev, shape, x0, x1, row))

    pitch = 18
    top = 22
    axis = top + len(row_end) * pitch + 8
    types = [t for t in TYPE_NAMES if any(ev.type == t for ev, *_ in placed)]
    legend_rows = _legend_rows(types, lang, width - 2 * margin)
    height = int(axis + 40 + len(legend_rows) * 22 + 10)
    root.set("viewBox", f"0 0 {width} {height}")
    root.set("height", str(height))
    root.find("rect").set("height", str(height))

    axis_g = ET.SubElement(root, "g", stroke=MUTED, fill="none")
    for y in years:
        ET.SubElement(axis_g, "line", x1=f"{band_x[y]:.1f}", y1=f"{axis}", x2=f"{band_x[y] + band:.1f}", y2=f"{axis}", **{"stroke-width": "2"})
        ET.SubElement(axis_g, "line", x1=f"{band_x[y]:.1f}", y1=f"{axis - 5}", x2=f"{band_x[y]:.1f}", y2=f"{axis + 5}")
    labels_g = ET.SubElement(root, "g", fill=INK, **{"font-size": "15", "text-anchor": "middle"})
    for i, y in enumerate(years):
        _text(labels_g, band_x[y] + band / 2, axis + 22, str(y))
        if i and y != years[i - 1] + 1:
            _text(labels_g, band_x[y] - gap / 2, axis + 5, "⋯", fill=MUTED)

    marks_g = ET.SubElement(root, "g")
    for ev, shape, x0, x1, row in placed:
        colour = TYPE_COLOURS.get(ev.type, MUTED)
        cy = axis - 14 - row * pitch
        g = ET.SubElement(marks_g, "g")
        summary = getattr(ev, f"summary_{lang}", "") or ev.id
        ET.SubElement(g, "title").text = _clean(f"{format_date(ev.date, lang)}: {summary}")
        if shape == "bar":
            ET.SubElement(g, "rect", x=f"{x0:.1f}", y=f"{cy - 5:.1f}", width=f"{x1 - x0:.1f}", height="10", rx="3", fill=colour)
        elif shape == "dot":
            ET.SubElement(g, "circle", cx=f"{x0:.1f}", cy=f"{cy:.1f}", r="7", fill=colour)
        else:
            ET.SubElement(g, "circle", cx=f"{x0:.1f}", cy=f"{cy:.1f}", r="5.5", fill=PAPER, stroke=colour, **{"stroke-width": "3"})

    legend = ET.SubElement(root, "g", fill=INK, **{"font-size": "13"})
    y = axis + 52
    for row in legend_rows:
        x = float(margin)
        for t, text in row:
            ET.SubElement(legend, "circle", cx=f"{x + 6:.1f}", cy=f"{y - 4.5:.1f}", r="6", fill=TYPE_COLOURS.get(t, MUTED))
            _text(legend, x + 16, y, text)
            x += 16 + _text_width(text, 13) + 20
        y += 22
    return _serialise(root)


def _legend_rows(types: list[str], lang: str, room: float) -> list[list[tuple[str, str]]]:
    rows: list[list[tuple[str, str]]] = [[]]
    used = 0.0
    for t in types:
        text = name_in(TYPE_NAMES, t, lang)
        need = 16 + _text_width(text, 13) + 20
        if rows[-1] and used + need > room:
            rows.append([])
            used = 0.0
        rows[-1].append((t, text))
        used += need
    return rows if rows[0] else []


# --- who talked to whom ----------------------------------------------------------


def talks_svg(
    people: list[tuple[str, str]],
    links: list[tuple[str, str, list[str]]],
    title: str,
    center: str | None = None,
) -> str:
    """People on a circle (``center`` in the middle), a line for each pair that talked.

    ``people`` is [(id, name)], ``links`` is [(id, id, [what each event was])];
    the thickness of a line grows with the number of events.
    """
    ring = _ring_order([p for p in people if p[0] != center], links)
    n = max(len(ring), 1)
    longest = max((_text_width(name, 13) for _, name in people), default=60)
    radius = max(90.0, min(260.0, n * 22.0))
    side = longest + 26
    width = int(2 * (radius + side))
    height = int(2 * (radius + 44))
    cx, cy = width / 2, height / 2
    root = _svg(width, height, title)
    pos: dict[str, tuple[float, float, float]] = {}
    for i, (pid, _) in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        pos[pid] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle)
    if center is not None:
        pos[center] = (cx, cy, math.pi / 2)

    degree: dict[str, int] = {}
    for a, b, evs in links:
        degree[a] = degree.get(a, 0) + len(evs)
        degree[b] = degree.get(b, 0) + len(evs)
    names = dict(people)

    lines = ET.SubElement(root, "g", stroke="#5c6bc0", **{"stroke-linecap": "round", "stroke-opacity": "0.75"})
    for a, b, evs in links:
        if a not in pos or b not in pos:
            continue
        g = ET.SubElement(lines, "g")
        ET.SubElement(g, "title").text = _clean(f"{names.get(a, a)} – {names.get(b, b)}: " + "; ".join(evs))
        (x1, y1, _), (x2, y2, _) = pos[a], pos[b]
        ET.SubElement(g, "line", x1=f"{x1:.1f}", y1=f"{y1:.1f}", x2=f"{x2:.1f}", y2=f"{y2:.1f}",
                      **{"stroke-width": f"{min(1.5 + 1.5 * (len(evs) - 1), 9):.1f}"})

    nodes = ET.SubElement(root, "g", **{"font-size": "13"})
    for pid, name in people:
        if pid not in pos:
            continue
        x, y, angle = pos[pid]
        r = 5 + min(degree.get(pid, 0), 8)
        g = ET.SubElement(nodes, "g")
        ET.SubElement(g, "title").text = _clean(name)
        ET.SubElement(g, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=f"{r}", fill="#3f51b5" if pid != center else "#D55E00",
                      stroke=PAPER, **{"stroke-width": "2"})
        cos, sin = math.cos(angle), math.sin(angle)
        if pid == center:
            anchor, lx, ly = "middle", x, y + r + 16
        else:
            anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
            lx = x + cos * (r + 6)
            ly = y + sin * (r + 6) + (13 if sin > 0.3 else -4 if sin < -0.3 else 4)
        # a white halo keeps a label readable where a line crosses it
        _text(g, lx, ly, name, fill=INK, stroke=PAPER, **{"text-anchor": anchor, "stroke-width": "4",
                                                        "paint-order": "stroke", "stroke-linejoin": "round"})
    return _serialise(root)


def _ring_order(people: list[tuple[str, str]], links: list[tuple[str, str, list[str]]]) -> list[tuple[str, str]]:
    """People in an order that keeps those who talked next to each other on the circle.

    Each group of connected people is walked breadth-first from its busiest
    member, the closest partners first; the biggest groups come first.
    """
    weight: dict[str, dict[str, int]] = {p: {} for p, _ in people}
    for a, b, evs in links:
        if a in weight and b in weight:
            weight[a][b] = weight[a].get(b, 0) + len(evs)
            weight[b][a] = weight[b].get(a, 0) + len(evs)
    names = dict(people)
    seen: set[str] = set()
    groups: list[list[str]] = []
    by_degree = sorted(weight, key=lambda p: (-sum(weight[p].values()), names[p]))
    for start in by_degree:
        if start in seen:
            continue
        group, queue = [], [start]
        seen.add(start)
        while queue:
            current = queue.pop(0)
            group.append(current)
            for other in sorted(weight[current], key=lambda o: (-weight[current][o], names[o])):
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
        groups.append(group)
    groups.sort(key=lambda g: -len(g))
    return [(p, names[p]) for g in groups for p in g]
