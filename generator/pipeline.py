"""The stages in order, each reading the previous stage's files from disk.

Used by the CLI and by the MkDocs hook; holds no logic of its own beyond
calling the stages and collecting their reports.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from .ingest import StageReport, ingest_folder, load_articles
from .render import SiteData, render_site, write_pages
from .store import Layout


def _progress(enabled: bool, desc: str):
    if not enabled:
        return None
    from tqdm import tqdm

    # tqdm only draws when the work takes longer than a moment (mininterval)
    return lambda items: tqdm(items, desc=desc, unit="file", leave=False, delay=1.0, file=sys.stderr)


def run_ingest(layout: Layout, progress: bool = False) -> StageReport:
    _, report = ingest_folder(layout, progress=_progress(progress, "ingest"))
    return report


def site_data(layout: Layout) -> SiteData:
    return SiteData(articles=load_articles(layout))


def run_render(layout: Layout) -> StageReport:
    data = site_data(layout)
    pages = render_site(data)
    written, unchanged, removed = write_pages(pages, layout.docs)
    return StageReport("render", read=len(data.articles), written=written, unchanged=unchanged, removed=removed)


def run_data_stages(layout: Layout, progress: bool = False) -> Iterator[StageReport]:
    """Every stage that writes data/, in order (everything before render)."""
    yield run_ingest(layout, progress)


def run_all(layout: Layout, progress: bool = False) -> Iterator[StageReport]:
    yield from run_data_stages(layout, progress)
    yield run_render(layout)


def report(stage_report: StageReport) -> int:
    """Print the one-line summary, then each error and warning; return the number skipped."""
    print(stage_report.summary().split(" (")[0])
    for error in stage_report.errors:
        print(f"  error: {error}", file=sys.stderr)
    for warning in stage_report.warnings:
        print(f"  warning: {warning}", file=sys.stderr)
    return len(stage_report.errors)
