"""Incremental and parallel building: redo only the work whose inputs changed.

Used by the ingest and extract stages of :mod:`generator.pipeline`; the rules
of each stage stay in its own module, this one only decides what to run again
and spreads the work over the machine's cores.

* Ingest cleans a page again only when its bytes, its entry in
  ``data/sources.yaml`` or the ingest code changed, and its record is still the
  one written from it. What each record was made from is kept in
  ``data/generated/cache/ingest.json``.
* Extract keeps the events each article tells, before they are merged across
  articles, in ``data/generated/cache/extract/<article>.json``, keyed by the
  article record, the gazetteer and topics, and the extraction code. Only
  articles whose key changed are read again; the merge and the ids are then
  made over all articles, as in :func:`generator.extract.extract`, and come out
  the same byte for byte.
* Pages and articles that must be done again are spread over a pool of
  processes (one per core; ``CHRONICLE_WORKERS=1`` turns it off) when there are
  enough of them to pay for starting it.

Everything under ``data/generated/cache/`` may be deleted at any time: the
next run is then a full one.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import store
from .dates import sort_key
from .extract import Extraction, Merger, article_mentions, assign_ids, extract_article
from .gazetteer import Gazetteer, Topics
from .ingest import (
    SUPPORTED_SUFFIXES,
    IngestError,
    RegistryEntry,
    UpToDate,
    ingest_file,
    ingest_folder,
    load_registry,
)
from .models import Article, Event, StageReport
from .store import Layout, remove_stale, write_if_changed

CACHE_FORMAT = 2  # bump when the layout of the cache files changes
PARALLEL_FROM = 50  # below this many items a pool costs more than it saves
_GENERATOR = Path(__file__).parent

# The source files whose rules decide each stage's output. Editing one of
# them makes the stage redo everything (the hash of their text is in every key).
INGEST_CODE = ("ingest.py", "dates.py", "models.py", "store.py")
EXTRACT_CODE = ("extract.py", "lexicon.py", "dates.py", "gazetteer.py", "models.py")


# --------------------------------------------------------------------------
# Keys.


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_version(files: Iterable[str], *extra: str) -> str:
    """A hash of the generator's source files (and any library versions given)."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{sys.version_info[:2]}|{'|'.join(extra)}".encode())
    for name in files:
        digest.update(name.encode())
        digest.update((_GENERATOR / name).read_bytes())
    return digest.hexdigest()


def files_version(*paths: Path) -> str:
    """A hash of the editors' files a stage reads (a missing file counts as empty)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


@functools.lru_cache(maxsize=None)
def _distribution_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def library_versions(*distributions: str) -> list[str]:
    """"name=version" of installed distributions (PyPI names: beautifulsoup4, PyYAML, Jinja2)."""
    return [f"{name}={_distribution_version(name)}" for name in distributions]


# --------------------------------------------------------------------------
# Processes.


def worker_count() -> int:
    """How many processes to use: ``CHRONICLE_WORKERS``, or one per core we may use."""
    setting = os.environ.get("CHRONICLE_WORKERS", "").strip()
    if setting:
        try:
            return max(1, int(setting))
        except ValueError:
            pass
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _pool(workers: int, initializer=None, initargs=()) -> ProcessPoolExecutor:
    # fork is cheapest (the workers inherit the loaded gazetteer), but forking a
    # process that runs other threads (the preview server, a progress bar's
    # monitor) can deadlock the child; forkserver starts from a clean process.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        method = "fork"
    elif "forkserver" in methods:
        method = "forkserver"
    else:
        method = "spawn"
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context(method), initializer=initializer, initargs=initargs
    )


def _run(func: Callable, items: list, workers: int, progress: Callable | None = None,
         initializer=None, initargs=()) -> Iterator:
    """``map(func, items)`` in order: in this process, or over a pool when it pays."""
    if workers <= 1 or len(items) < PARALLEL_FROM:
        if initializer is not None:
            initializer(*initargs)
        yield from map(func, progress(items) if progress else items)
        return
    chunk = max(1, min(64, len(items) // (workers * 8)))
    with _pool(workers, initializer, initargs) as pool:
        results = pool.map(func, items, chunksize=chunk)
        yield from (progress(results) if progress else results)


# --------------------------------------------------------------------------
# Ingest.


def _ingest_manifest_path(layout: Layout) -> Path:
    return layout.generated / "cache" / "ingest.json"


@dataclass
class IngestRun:
    report: StageReport
    cleaned: list[str] = field(default_factory=list)  # file names cleaned in this run
    reused: list[str] = field(default_factory=list)  # file names whose record was kept


def _clean_page(item: tuple[str, RegistryEntry | None]) -> tuple[str, Any, str | None]:
    """A page cleaned, with the text of its record: turning an article into YAML costs as much as
    cleaning it, so it is done here, in the worker, not in the process that writes the files."""
    path, entry = item
    try:
        article = ingest_file(Path(path), entry)
    except (IngestError, OSError) as err:
        return "error", err, None
    return "ok", article, None if isinstance(article, UpToDate) else store.dump_yaml(article.to_dict())


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def ingest(layout: Layout, progress: Callable | None = None, workers: int | None = None) -> IngestRun:
    """The ingest stage, cleaning only the pages whose inputs changed."""
    workers = worker_count() if workers is None else workers
    manifest_path = _ingest_manifest_path(layout)
    code = code_version(INGEST_CODE, *library_versions("beautifulsoup4", "PyYAML"))
    manifest: dict[str, Any] = {}
    try:
        saved = json.loads(manifest_path.read_text(encoding="utf-8"))
        if saved.get("code") == code:
            manifest = saved.get("pages", {})
    except (OSError, ValueError, AttributeError):
        pass

    try:
        registry, _ = load_registry(layout.sources_registry)
    except store.DataError:
        registry = {}  # ingest_folder reports it; nothing is reused then
        manifest = {}
    files = sorted(p for p in layout.seeds.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES) \
        if layout.seeds.exists() else []

    byte_hashes: dict[str, str] = {}
    current: dict[str, UpToDate] = {}
    todo: list[Path] = []
    for path in files:
        try:
            byte_hashes[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            todo.append(path)  # ingest_folder reports it
            continue
        entry = registry.get(path.name)
        seen = manifest.get(path.name)
        if (
            seen
            and seen.get("bytes") == byte_hashes[path.name]
            and seen.get("registry") == (asdict(entry) if entry else None)
            and (record := _read_text(layout.articles / f"{seen.get('id')}.yaml")) is not None
            and sha256_text(record) == seen.get("record")
        ):
            current[path.name] = UpToDate(seen["id"], list(seen.get("warnings", [])))
        else:
            todo.append(path)

    cleaned = dict(zip(
        (p.name for p in todo),
        _run(_clean_page, [(str(p), registry.get(p.name)) for p in todo], workers),
    ))

    def clean(path: Path, entry: RegistryEntry | None):
        if path.name in current:
            return current[path.name]
        if path.name in cleaned:
            status, value, _ = cleaned[path.name]
            if status == "error":
                raise value
            return value
        return ingest_file(path, entry)

    texts = {name: text for name, (status, _, text) in cleaned.items() if status == "ok" and text is not None}

    def dump(article: Article) -> str:
        return texts.get(article.source_file) or store.dump_yaml(article.to_dict())

    articles, report = ingest_folder(layout, progress=progress, clean=clean, dump=dump)

    pages: dict[str, Any] = {name: manifest[name] for name in current}
    for article in articles:
        name = article.source_file
        record = _read_text(layout.articles / f"{article.id}.yaml")
        if name not in byte_hashes or record is None:
            continue
        entry = registry.get(name)
        pages[name] = {
            "bytes": byte_hashes[name],
            "registry": asdict(entry) if entry else None,
            "id": article.id,
            "record": sha256_text(record),
            "warnings": list(article.warnings),
        }
    write_if_changed(manifest_path, json.dumps({"code": code, "pages": dict(sorted(pages.items()))},
                                               ensure_ascii=False, indent=0) + "\n")
    return IngestRun(report, cleaned=[a.source_file for a in articles], reused=sorted(current))


# --------------------------------------------------------------------------
# Extract.

# The gazetteer and topics of a worker process, loaded once per process.
_WORKER: dict[str, Any] = {}


def _init_extract_worker(gazetteer_path: str, topics_path: str, data_key: str) -> None:
    if _WORKER.get("key") != data_key:
        _WORKER.update(key=data_key, gazetteer=Gazetteer.load(Path(gazetteer_path)), topics=Topics.load(Path(topics_path)))


def _extract_one(item: tuple[str, Any]) -> tuple[str, dict | None, str | None]:
    """One article's events (as dicts) and unknown names, or why it failed."""
    name, payload = item
    data = payload if isinstance(payload, dict) else store.parse_yaml(payload, name)
    article = Article.from_dict(data)
    try:
        events, unknown = extract_article(article, _WORKER["gazetteer"], _WORKER["topics"])
    except Exception as err:  # one article never stops the others (as in extract.extract)
        return name, None, f"{article.source_file}: extraction failed ({type(err).__name__}: {err}); its events are missing"
    mentions = article_mentions(article, _WORKER["gazetteer"])
    return name, {"events": [e.to_dict() for e in events], "unknown": unknown, "mentions": mentions}, None


@dataclass
class ExtractRun:
    extraction: Extraction
    extracted: list[str] = field(default_factory=list)  # article ids read again in this run
    reused: list[str] = field(default_factory=list)  # article ids taken from the cache
    # article id -> [(entity id, paragraph)] where it names a gazetteer entity, in article order
    mentions: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def extract_cache_folder(layout: Layout) -> Path:
    return layout.generated / "cache" / "extract"


def extract(layout: Layout, gazetteer: Gazetteer, topics: Topics, progress: Callable | None = None,
            workers: int | None = None) -> ExtractRun:
    """:func:`generator.extract.extract` over the article records, re-reading only changed articles."""
    workers = worker_count() if workers is None else workers
    folder = extract_cache_folder(layout)
    data_key = files_version(layout.gazetteer, layout.topics)
    code_key = code_version(EXTRACT_CODE)

    paths = sorted(layout.articles.glob("*.yaml"))  # the order of load_articles, which the merge depends on
    per_article: dict[str, dict] = {}
    keys: dict[str, dict] = {}
    todo: list[tuple[str, Any]] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        key = {"format": CACHE_FORMAT, "article": sha256_text(text), "data": data_key, "code": code_key}
        keys[path.stem] = key
        cached = folder / f"{path.stem}.json"
        try:
            saved = json.loads(cached.read_text(encoding="utf-8"))
            if saved.get("key") == key:
                per_article[path.stem] = saved
                continue
        except (OSError, ValueError, AttributeError):
            pass
        todo.append((path.stem, store.parsed_yaml(text) or text))

    _WORKER.update(key=data_key, gazetteer=gazetteer, topics=topics)  # this process, and forked workers
    warnings: list[str] = []
    extracted: list[str] = []
    for name, result, warning in _run(_extract_one, todo, workers, progress, _init_extract_worker,
                                      (str(layout.gazetteer), str(layout.topics), data_key)):
        if warning:
            warnings.append(warning)
            (folder / f"{name}.json").unlink(missing_ok=True)
            continue
        extracted.append(name)
        result = {"key": keys[name], **result}
        per_article[name] = result
        write_if_changed(folder / f"{name}.json", json.dumps(result, ensure_ascii=False) + "\n")
    remove_stale(folder, {f"{name}.json" for name in per_article}, "*.json")

    events: list[Event] = []
    candidates: list[dict] = []
    mentions: dict[str, list[tuple[str, int]]] = {}
    for path in paths:
        saved = per_article.get(path.stem)
        if saved is None:
            mentions[path.stem] = []  # failed: its warning says so
            continue
        events.extend(Event.from_dict(e) for e in saved["events"])
        candidates.extend(saved["unknown"])
        mentions[path.stem] = [tuple(m) for m in saved.get("mentions", [])]
    # the cross-article steps of extract.extract, over every article
    merger = Merger(gazetteer)
    merged = merger.merge(events)
    assign_ids(merged)
    merged.sort(key=lambda e: (sort_key(e.date), e.id))
    extraction = Extraction(events=merged, merge_log=merger.log, candidates=candidates, warnings=warnings)
    return ExtractRun(extraction, extracted=extracted, reused=sorted(set(per_article) - set(extracted)), mentions=mentions)


# --------------------------------------------------------------------------
# Writing records.


def write_records(layout: Layout, folder: Path, records: dict[str, Any], report: StageReport) -> None:
    """Write each record (file name -> data) as YAML, only when it changed; remove the others.

    What :func:`generator.pipeline._write_events` does, without turning every
    record into YAML to find that it did not change: a record whose data (as
    JSON, which is fast to make) and file are as the last run left them is
    not dumped again.
    """
    manifest_path = layout.generated / "cache" / "written" / f"{folder.name}.json"
    dump_format = code_version(("store.py",))
    old: dict[str, list[str]] = {}
    try:
        saved = json.loads(manifest_path.read_text(encoding="utf-8"))
        if saved.get("format") == dump_format:
            old = saved.get("files", {})
    except (OSError, ValueError, AttributeError):
        pass
    new: dict[str, list[str]] = {}
    for name, data in records.items():
        path = folder / name
        try:
            fingerprint = sha256_text(json.dumps(data, ensure_ascii=False))
        except (TypeError, ValueError):
            fingerprint = None  # not JSON: always dumped
        seen = old.get(name)
        if (
            fingerprint is not None
            and seen is not None
            and seen[0] == fingerprint
            and (text := _read_text(path)) is not None
            and sha256_text(text) == seen[1]
        ):
            report.unchanged += 1
            new[name] = seen
            continue
        text = store.dump_yaml(data)
        if write_if_changed(path, text):
            report.written += 1
        else:
            report.unchanged += 1
        if fingerprint is not None:
            new[name] = [fingerprint, sha256_text(text)]
    report.removed += len(remove_stale(folder, set(records)))
    write_if_changed(manifest_path, json.dumps({"format": dump_format, "files": new}, indent=0) + "\n")

