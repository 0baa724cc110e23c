"""The stages in order, each reading the previous stage's files from disk.

Used by the CLI and by the MkDocs hook; holds no logic of its own beyond
reading and writing each stage's files and collecting their reports.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from . import export, translate
from .curate import check_text_fixes, curate, load_curation
from . import incremental
from .gazetteer import Gazetteer, Glossary, Topics
from .i18n import fill_summaries
from .ingest import load_articles
from .models import Event, StageReport
from .render import SiteData, render_site, write_pages
from .store import DataError, Layout, dump_yaml, load_yaml, remove_stale, write_if_changed


def _progress(enabled: bool, desc: str):
    if not enabled:
        return None
    from tqdm import tqdm

    # tqdm only draws when the work takes longer than a moment (delay)
    return lambda items: tqdm(items, desc=desc, unit="file", leave=False, delay=1.0, file=sys.stderr)


def run_ingest(layout: Layout, progress: bool = False) -> StageReport:
    # only pages whose bytes, registry entry or ingest code changed are cleaned again
    return incremental.ingest(layout, progress=_progress(progress, "ingest")).report


def load_gazetteer(layout: Layout) -> tuple[Gazetteer, Topics]:
    return Gazetteer.load(layout.gazetteer), Topics.load(layout.topics)


def _write_events(folder: Path, events: list[Event], report: StageReport) -> None:
    keep = set()
    for event in events:
        name = f"{event.id}.yaml"
        keep.add(name)
        if write_if_changed(folder / name, dump_yaml(event.to_dict())):
            report.written += 1
        else:
            report.unchanged += 1
    report.removed += len(remove_stale(folder, keep))


def load_events(folder: Path) -> list[Event]:
    events = []
    for path in sorted(folder.glob("*.yaml")) if folder.exists() else []:
        data = load_yaml(path)
        if not isinstance(data, dict):
            raise DataError(f"{path}: not an event record; run `chronicle extract` again")
        events.append(Event.from_dict(data))
    return events


def run_extract(layout: Layout, progress: bool = False) -> StageReport:
    # only articles whose record, gazetteer, topics or extraction code changed are read again
    report = StageReport("extract")
    gazetteer, topics = load_gazetteer(layout)
    run = incremental.extract(layout, gazetteer, topics, progress=_progress(progress, "extract"))
    report.read = len(run.extracted) + len(run.reused)
    result = run.extraction
    report.warnings.extend(result.warnings)
    incremental.write_records(layout, layout.extracted, {f"{e.id}.yaml": e.to_dict() for e in result.events}, report)
    generated = layout.generated
    write_if_changed(generated / "merge-log.yaml", dump_yaml({"merged": result.merge_log}))
    unknown: dict[str, list[str]] = {}
    for item in result.candidates:
        unknown.setdefault(item["name"], []).append(f"{item['article']}#p{item['paragraph']}")
    write_if_changed(generated / "unknown-names.yaml", dump_yaml({"names": [{"name": k, "seen_at": v} for k, v in sorted(unknown.items())]}))
    if unknown:
        report.warnings.append(
            f"{len(unknown)} capitalised names are not in data/gazetteer.yaml; see data/generated/unknown-names.yaml"
        )
    return report


def run_curate(layout: Layout) -> StageReport:
    report = StageReport("curate")
    generated = load_events(layout.extracted)
    gazetteer, _ = load_gazetteer(layout)
    curation = load_curation(layout.curated, layout.root)
    report.read = len(generated)
    result = curate(generated, curation)
    articles = {a.id: a for a in load_articles(layout)}
    check_text_fixes(result, articles)
    fill_summaries(result.events, gazetteer)
    report.errors.extend(result.errors)
    report.warnings.extend(result.unmatched)
    _write_events(layout.events, result.events, report)
    write_if_changed(
        layout.generated / "curation.yaml",
        dump_yaml({"applied": result.applied, "unmatched": result.unmatched, "errors": result.errors,
                   "annotations": result.annotations, "text_fixes": result.text_fixes}),
    )
    return report


def translate_run(layout: Layout, env: dict[str, str] | None = None) -> translate.TranslateRun:
    """The translate stage; a missing or unreachable backend is reported, never fatal."""
    try:
        config = translate.load_config(layout, env)
        backend = translate.make_backend(config)
    except DataError as err:
        run = translate.TranslateRun(StageReport("translate", errors=[str(err)]))
        return run
    quotes = [q for event in load_events(layout.events) for q in event.quotes]
    return translate.translate_project(layout, load_articles(layout), quotes, backend, config)


def run_translate(layout: Layout) -> StageReport:
    return translate_run(layout).report


def run_export(layout: Layout, out: Path | None = None) -> StageReport:
    report = StageReport("export")
    events = load_events(layout.events)
    gazetteer, _ = load_gazetteer(layout)
    report.read = len(events)
    target = out or layout.generated / "events.json"
    if write_if_changed(target, json.dumps(export.events_json(events, gazetteer), ensure_ascii=False, indent=2) + "\n"):
        report.written = 1
    else:
        report.unchanged = 1
    return report


def entity_mentions(articles, gazetteer: Gazetteer) -> dict[str, list[tuple[str, int]]]:
    """Where each gazetteer entity is named: (article, paragraph), for the entities' pages."""
    found: dict[str, list[tuple[str, int]]] = {}
    for article in articles:
        day = (article.published or "")[:10] or None
        for p in article.paragraphs:
            for mention in gazetteer.find_mentions(p.text, article.language, on=day):
                places = found.setdefault(mention.id, [])
                if (article.id, p.n) not in places:
                    places.append((article.id, p.n))
    return found


def site_data(layout: Layout) -> SiteData:
    gazetteer, topics = load_gazetteer(layout)
    curation = {}
    path = layout.generated / "curation.yaml"
    if path.exists():
        curation = load_yaml(path) or {}
    articles = load_articles(layout)
    # a bad translations file is left out here; `chronicle translate` and `chronicle check` name it
    reviewed, _ = translate.TranslationStore.load(layout.translations, layout.root)
    machine, _ = translate.TranslationStore.load(layout.machine_translations, layout.root)
    return SiteData(
        articles=articles,
        events=load_events(layout.events),
        gazetteer=gazetteer,
        topics=topics,
        glossary=Glossary.load(layout.glossary),
        curation=curation,
        mentions=entity_mentions(articles, gazetteer),
        translations=reviewed,
        machine_translations=machine,
    )


def run_render(layout: Layout) -> StageReport:
    data = site_data(layout)
    pages = render_site(data)
    written, unchanged, removed = write_pages(pages, layout.docs)
    return StageReport("render", read=len(data.articles) + len(data.events), written=written, unchanged=unchanged, removed=removed)


def run_data_stages(layout: Layout, progress: bool = False) -> Iterator[StageReport]:
    """Every stage that writes data/, in order (everything before render)."""
    yield run_ingest(layout, progress)
    yield run_extract(layout, progress)
    yield run_curate(layout)
    yield run_translate(layout)
    yield run_export(layout)


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
